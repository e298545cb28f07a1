import { Migration } from '@mikro-orm/migrations';

/**
 * Summaries of a conversation's oldest messages, keyed by the last message each covers (a branch may
 * have its own). Deleting the covered message (a deleted branch) deletes its summary.
 */
export class Migration20261204130000_conversation_summaries extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table conversation_summaries (
      covers_until_message_id uuid primary key references messages (id) on delete cascade,
      owner_id text not null,
      conversation_id text not null,
      content text not null,
      model text not null,
      created_at timestamptz not null,
      foreign key (owner_id, conversation_id) references conversations (owner_id, id) on delete cascade
    );`);
    this.addSql(
      'create index conversation_summaries_owner_idx on conversation_summaries (owner_id, conversation_id);',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists conversation_summaries;');
  }
}
