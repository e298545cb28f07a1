import { Migration } from '@mikro-orm/migrations';

/**
 * Conversations and messages (ARCHITECTURE section 2). A conversation's key is (owner_id, id):
 * client-chosen ids such as the seed's "test-chat-123" must not collide between users.
 */
export class Migration20261125000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table conversations (
        owner_id text not null,
        id text not null check (id ~ '^[A-Za-z0-9._:-]{1,128}$'),
        title text,
        model text,
        system_prompt text,
        current_leaf_id uuid,
        message_count integer not null default 0,
        last_seq integer not null default 0,
        version integer not null default 1,
        metadata jsonb not null default '{}'::jsonb,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        deleted_at timestamptz,
        primary key (owner_id, id)
      );`);
    this.addSql(
      `create index conversations_owner_updated_idx on conversations (owner_id, updated_at desc, id desc) where deleted_at is null;`,
    );
    this.addSql(`
      create table messages (
        id uuid primary key,
        conversation_id text not null,
        owner_id text not null,
        seq integer not null,
        parent_id uuid,
        role text not null check (role in ('user', 'assistant', 'system')),
        content text not null default '',
        status text not null check (status in ('pending', 'streaming', 'complete', 'failed', 'cancelled')),
        client_message_id text,
        turn_id uuid not null,
        model text,
        stop_reason text,
        input_tokens integer,
        output_tokens integer,
        latency_ms integer,
        time_to_first_token_ms integer,
        error jsonb,
        metadata jsonb not null default '{}'::jsonb,
        heartbeat_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        foreign key (owner_id, conversation_id) references conversations (owner_id, id) on delete cascade,
        unique (owner_id, conversation_id, seq)
      );`);
    this.addSql(
      `create unique index messages_client_message_id_uq on messages (owner_id, conversation_id, client_message_id) where client_message_id is not null;`,
    );
    this.addSql(`create index messages_owner_created_idx on messages (owner_id, created_at desc);`);
    this.addSql(`create index messages_turn_idx on messages (turn_id);`);
    this.addSql(
      `create index messages_streaming_idx on messages (heartbeat_at) where status = 'streaming';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists messages;');
    this.addSql('drop table if exists conversations;');
  }
}
