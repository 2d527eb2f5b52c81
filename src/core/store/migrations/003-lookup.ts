import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 3,
  name: 'lookup',
  sql: `
-- Look-up as you type by phone reads a B-tree range: cost follows the page size, not the matches.
CREATE INDEX customers_phone ON customers (phone_norm);
`,
};
