import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 20,
  name: 'sync dirty',
  sql: `
-- Rows whose derived data (a ticket's clocks, contact facts and search row; a caller's or a piece
-- of equipment's search row) waits to be recomputed after a long pull: kept in the transaction
-- that applied the change, so a restart part-way still recomputes them, once each.
CREATE TABLE sync_dirty (
  kind  TEXT NOT NULL,
  id    TEXT NOT NULL,
  PRIMARY KEY (kind, id)
) STRICT, WITHOUT ROWID;
`,
};
