import { Conversation } from '../../domain';
import {
  presentConversation,
  renderConversationWithMessages,
  renderMessageList,
} from './presenters';

const rendered = (id: string, value: object) => ({
  id,
  parentId: null,
  json: JSON.stringify(value),
});

describe('rendered message JSON', () => {
  const messages = [
    rendered('a', { content: 'plain' }),
    rendered('b', { content: 'multi-byte: é, 😀, \u2028' }),
    rendered('c', { content: '' }),
  ];

  it('writes the rendered messages as one JSON array, whatever their bytes', () => {
    expect(JSON.parse(renderMessageList(messages).toString('utf8'))).toEqual([
      { content: 'plain' },
      { content: 'multi-byte: é, 😀, \u2028' },
      { content: '' },
    ]);
    expect(renderMessageList([messages[1]]).toString('utf8')).toBe(`[${messages[1].json}]`);
    expect(renderMessageList([]).toString('utf8')).toBe('[]');
  });

  it('puts the messages after the conversation fields', () => {
    const conversation = Conversation.create({
      ownerId: 'u',
      id: 'c-1',
      title: 'Ünïcode "title"',
      now: new Date('2026-11-26T00:00:00.000Z'),
    });
    const body = renderConversationWithMessages(conversation, messages).toString('utf8');
    expect(JSON.parse(body)).toEqual({
      ...presentConversation(conversation),
      messages: [{ content: 'plain' }, { content: 'multi-byte: é, 😀, \u2028' }, { content: '' }],
    });
    expect(JSON.parse(renderConversationWithMessages(conversation, []).toString())).toEqual({
      ...presentConversation(conversation),
      messages: [],
    });
  });
});
