import { MikroORM } from '@mikro-orm/postgresql';
import {
  ConversationSummaryRecord,
  ConversationSummarySchema,
} from './conversation-summary.record';
import { MessageSchema } from './message.record';
import { rawRowMapper } from './raw-rows';

describe('rawRowMapper', () => {
  let orm: MikroORM;

  beforeAll(async () => {
    // Metadata only: nothing here talks to a database.
    orm = await MikroORM.init({
      clientUrl: 'postgres://nobody@127.0.0.1:1/none',
      entities: [MessageSchema, ConversationSummarySchema],
      discovery: { disableDynamicFileAccess: true },
      connect: false,
      forceUtcTimezone: true,
    });
  });

  afterAll(() => orm.close());

  const summaryRow = {
    conversation_id: 'chat-1',
    covers_until_message_id: '0b9a5c2e-7c1f-4d4e-9d0a-2f6b1c3e4a5d',
    owner_id: 'user-1',
    content: 'They talked about tea.',
    model: 'mock-model',
    created_at: '2026-12-04 20:10:00.123+00',
  };

  it('renames columns to property names and parses the driver text of timestamps', () => {
    const toRecord = rawRowMapper(orm.em.fork(), ConversationSummaryRecord);
    expect(toRecord(summaryRow)).toEqual({
      conversationId: 'chat-1',
      coversUntilMessageId: '0b9a5c2e-7c1f-4d4e-9d0a-2f6b1c3e4a5d',
      ownerId: 'user-1',
      content: 'They talked about tea.',
      model: 'mock-model',
      createdAt: new Date('2026-12-04T20:10:00.123Z'),
    });
  });

  it('reads a timestamp in another zone as the same instant', () => {
    const record = rawRowMapper(
      orm.em.fork(),
      ConversationSummaryRecord,
    )({
      ...summaryRow,
      created_at: '2026-12-04 21:40:00+01:30',
    });
    expect(record.createdAt.toISOString()).toBe('2026-12-04T20:10:00.000Z');
  });

  it('keeps null dates and values as they are, and a Date the driver already parsed', () => {
    const when = new Date('2026-01-02T03:04:05.000Z');
    const record = rawRowMapper(
      orm.em.fork(),
      MessageSchema.meta.class,
    )({
      id: 'm1',
      heartbeat_at: null,
      created_at: when,
      error: null,
      metadata: { a: [1, 2] },
      cost_usd: '0.0000150000',
    });
    expect(record.heartbeatAt).toBeNull();
    expect(record.createdAt).toBe(when);
    expect(record.error).toBeNull();
    expect(record.metadata).toEqual({ a: [1, 2] });
    expect(record.costUsd).toBe('0.0000150000');
  });

  it('leaves out columns the entity does not declare', () => {
    const record = rawRowMapper(
      orm.em.fork(),
      ConversationSummaryRecord,
    )({
      ...summaryRow,
      leaf: 'not-a-property',
    }) as unknown as Record<string, unknown>;
    expect(record).not.toHaveProperty('leaf');
    expect(record).not.toHaveProperty('created_at');
  });
});
