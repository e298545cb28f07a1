import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '@app/platform';
import { CONVERSATION_ID_PATTERN } from '../../domain';
import { CLIENT_MESSAGE_ID_PATTERN } from '../http/dto/message.dto';
import { IsStorableText } from '../http/dto/storable-text.validator';

/** Frame types a client may send; anything else is answered with an `unknown_type` error frame. */
export const CLIENT_FRAME_TYPES = ['auth', 'send', 'stop', 'attach'] as const;
export type ClientFrameType = (typeof CLIENT_FRAME_TYPES)[number];

/** The event a frame that cannot be dispatched goes to (so it is answered, not dropped). */
export const INVALID_FRAME = 'invalid';

/** AUTH_MODE=jwt, when the handshake carried no token: the first frame. */
export class AuthFrameDto {
  @IsString() @MaxLength(8192) token!: string;
}

export class SendFrameDto {
  @IsString() @Matches(CONVERSATION_ID_PATTERN) conversationId!: string;
  @IsDefined() @IsString() @IsStorableText() content!: string;
  @IsOptional() @IsString() @Matches(CLIENT_MESSAGE_ID_PATTERN) clientMessageId?: string | null;
  @IsOptional() @IsString() @MaxLength(256) model?: string | null;
}

export class StopFrameDto {
  @IsString() @Matches(CONVERSATION_ID_PATTERN) conversationId!: string;
  @IsUUID() messageId!: string;
}

export class AttachFrameDto {
  @IsString() @Matches(CONVERSATION_ID_PATTERN) conversationId!: string;
  @IsUUID() messageId!: string;
  /** The id of the last event the client holds; absent: from the start. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(-1) lastEventId?: number;
}

/** Why a frame could not be dispatched. */
export interface InvalidFrame {
  code: 'malformed_json' | 'invalid_frame' | 'unknown_type';
  message: string;
}

/**
 * The adapter's frame parser: `{"type": T, ...fields}` goes to the handler of T with the fields;
 * malformed JSON, a frame that is not an object with a string `type`, or an unknown type goes to
 * the `invalid` handler, which answers with an error frame.
 */
export function parseClientFrame(raw: string | Buffer | ArrayBuffer | Buffer[]): {
  event: string;
  data: unknown;
} {
  const bytes = Array.isArray(raw)
    ? Buffer.concat(raw)
    : typeof raw === 'string'
      ? Buffer.from(raw, 'utf8')
      : Buffer.isBuffer(raw)
        ? raw
        : Buffer.from(raw);
  // Validation walks the frame recursively: a frame nested thousands deep is refused unread.
  if (nestsDeeperThan(bytes))
    return invalid('invalid_frame', `A frame nests at most ${MAX_JSON_DEPTH} levels deep`);
  const text = bytes.toString('utf8');
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return invalid('malformed_json', 'The frame is not valid JSON');
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame))
    return invalid('invalid_frame', 'A frame is a JSON object with a "type"');
  const { type, ...fields } = frame as Record<string, unknown>;
  if (typeof type !== 'string') return invalid('invalid_frame', 'A frame needs a string "type"');
  if (!(CLIENT_FRAME_TYPES as readonly string[]).includes(type))
    return invalid(
      'unknown_type',
      `Unknown frame type; expected one of ${CLIENT_FRAME_TYPES.join(', ')}`,
    );
  return { event: type, data: fields };
}

function invalid(
  code: InvalidFrame['code'],
  message: string,
): { event: string; data: InvalidFrame } {
  return { event: INVALID_FRAME, data: { code, message } };
}
