import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 26,
  name: 'callers found by email',
  sql: `
-- An import knows a caller it has by email and name, as by phone and name: one look-up per row of
-- a file of a hundred thousand, so on an index, not a scan. Callers without an email are not in it.
CREATE INDEX customers_email ON customers (email COLLATE NOCASE) WHERE email <> '';
`,
};
