import { Migration } from '@mikro-orm/migrations';

/**
 * The lease sweep looks for unfinished turns by coalesce(heartbeat_at, updated_at): index exactly
 * that, for the few unfinished rows only (a sequential scan of a million messages took ~300 ms).
 */
export class Migration20261125170000_unfinished_turns_index extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop index if exists messages_streaming_idx;');
    this.addSql(
      `create index messages_unfinished_idx on messages ((coalesce(heartbeat_at, updated_at))) where status in ('pending', 'streaming');`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists messages_unfinished_idx;');
    this.addSql(
      `create index messages_streaming_idx on messages (heartbeat_at) where status = 'streaming';`,
    );
  }
}
