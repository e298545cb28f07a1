import { Migration } from '@mikro-orm/migrations';

/** Read-only snapshots of a conversation's active branch, public by their unguessable token. */
export class Migration20261204120000_conversation_shares extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table conversation_shares (
        token text primary key,
        owner_id text not null,
        conversation_id text not null,
        title text null,
        messages jsonb not null,
        created_at timestamptz not null,
        expires_at timestamptz null,
        foreign key (owner_id, conversation_id)
          references conversations (owner_id, id) on delete cascade
      );`);
    this.addSql(
      'create index conversation_shares_conversation_idx on conversation_shares (owner_id, conversation_id, created_at desc);',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists conversation_shares;');
  }
}
