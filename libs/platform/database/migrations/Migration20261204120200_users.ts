import { Migration } from '@mikro-orm/migrations';

/** The users the API has seen (from their credentials), their role and their own limits. */
export class Migration20261204120200_users extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table users (
        id text primary key,
        display_name text null,
        email text null,
        role text not null default 'user' check (role in ('admin', 'user')),
        first_seen_at timestamptz not null,
        last_seen_at timestamptz not null,
        daily_token_limit integer null check (daily_token_limit > 0),
        monthly_cost_limit_usd numeric(14, 4) null check (monthly_cost_limit_usd >= 0)
      );`);
    this.addSql('create index users_last_seen_idx on users (last_seen_at desc, id);');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists users;');
  }
}
