import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 19,
  name: 'sync merge',
  sql: `
-- What each change's author had seen of the fields it set: per field, the ids of the changes that
-- had set it before, newest first (a short chain). A change that overwrites a value its author
-- never saw is a conflict, and the value it replaced is kept in the ticket's history. Filled in
-- ("stamped") before this workstation applies anything it pulls, so it is what the author saw.
ALTER TABLE outbox ADD COLUMN bases TEXT;
CREATE INDEX outbox_unstamped ON outbox (seq) WHERE bases IS NULL;
-- Per replicated row: the change that created it (field ''), the change that last set each field
-- since, and a removal ('_deleted'), each with its clock reading, its author and its chain.
CREATE TABLE field_clocks (
  tbl        TEXT NOT NULL,
  key        TEXT NOT NULL,
  field      TEXT NOT NULL,
  hlc        TEXT NOT NULL,
  change_id  TEXT NOT NULL,
  author     TEXT NOT NULL,
  chain      TEXT NOT NULL,
  PRIMARY KEY (tbl, key, field)
) STRICT, WITHOUT ROWID;
-- Changes pulled that this release cannot apply (a table or field it does not know, a row whose
-- parent has not arrived): kept, never dropped, and tried again after each pull and upgrade.
CREATE TABLE sync_held (
  id         TEXT PRIMARY KEY,
  change     TEXT NOT NULL,
  reason     TEXT NOT NULL,
  held_at    INTEGER NOT NULL
) STRICT;
`,
};
