import { Migration } from '@mikro-orm/migrations';

/** API keys (stored as hashes only) and their daily token counters (without Redis). */
export class Migration20261204110000_api_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table if not exists api_keys (
        id uuid primary key,
        owner_id text not null,
        name text not null,
        prefix text not null,
        key_hash text not null,
        requests_per_minute integer null,
        daily_token_limit integer null,
        created_at timestamptz not null,
        last_used_at timestamptz null,
        revoked_at timestamptz null,
        constraint api_keys_key_hash_unique unique (key_hash)
      );`);
    this.addSql(
      'create index if not exists api_keys_created_at_index on api_keys (created_at desc, id desc);',
    );
    this.addSql(`
      create table if not exists api_key_token_usage (
        api_key_id uuid not null,
        day date not null,
        tokens bigint not null default 0,
        updated_at timestamptz not null default now(),
        primary key (api_key_id, day)
      );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists api_key_token_usage;');
    this.addSql('drop table if exists api_keys;');
  }
}
