import { Migration } from '@mikro-orm/migrations';

/** Each answer's cost in USD at its model's price, stored beside its tokens. */
export class Migration20261204120100_message_cost extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table messages add column cost_usd numeric(18, 10) null;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table messages drop column if exists cost_usd;');
  }
}
