import { Migration20261125000000_initial } from './Migration20261125000000_initial';

/** Every committed migration, in order. Listed explicitly so compiled and test runs see the same set. */
export const conversationMigrations = [
  { name: 'Migration20261125000000_initial', class: Migration20261125000000_initial },
];
