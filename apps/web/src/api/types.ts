// The API's shapes, from the types libs/client generates from the OpenAPI document.
import type {
  ConversationDto,
  ConversationPageDto,
  ConversationWithMessagesDto,
  MessageDto,
  ModelsDto,
  ShareDto,
  UsageReportDto,
} from '@app/client';

export type Conversation = ConversationDto;
export type ConversationPage = ConversationPageDto;
export type ConversationWithMessages = ConversationWithMessagesDto;
export type Message = MessageDto;
export type MessageStatus = MessageDto['status'];
export type Models = ModelsDto;
export type UsageReport = UsageReportDto;
export type Share = ShareDto;
export type { TurnEvent } from '@app/client';
