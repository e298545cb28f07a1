import { Migration } from '@mikro-orm/migrations';

/** Per-user daily token counters (USER_DAILY_TOKEN_LIMIT without Redis). */
export class Migration20261125120000_token_usage extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table if not exists user_token_usage (
        owner_id text not null,
        day date not null,
        tokens bigint not null default 0,
        updated_at timestamptz not null default now(),
        primary key (owner_id, day)
      );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists user_token_usage;');
  }
}
