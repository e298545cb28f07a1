import { Migration20261125000000_initial } from './Migration20261125000000_initial';
import { Migration20261125170000_unfinished_turns_index } from './Migration20261125170000_unfinished_turns_index';
import { Migration20261204130000_conversation_summaries } from './Migration20261204130000_conversation_summaries';

/** Every committed migration, in order. Listed explicitly so compiled and test runs see the same set. */
export const conversationMigrations = [
  { name: 'Migration20261125000000_initial', class: Migration20261125000000_initial },
  {
    name: 'Migration20261125170000_unfinished_turns_index',
    class: Migration20261125170000_unfinished_turns_index,
  },
  {
    name: 'Migration20261204130000_conversation_summaries',
    class: Migration20261204130000_conversation_summaries,
  },
];
