import { Migration20261125120000_token_usage } from './Migration20261125120000_token_usage';
import { Migration20261204110000_api_keys } from './Migration20261204110000_api_keys';

/** Migrations of libs/platform, in order; apps/api/database/orm.config.ts lists them. */
export const platformMigrations = [
  { name: 'Migration20261125120000_token_usage', class: Migration20261125120000_token_usage },
  { name: 'Migration20261204110000_api_keys', class: Migration20261204110000_api_keys },
];
