import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 22,
  name: 'sync refusals and tickets let go',
  sql: `
-- Changes of this workstation the hub refused, one row each, shown on their ticket until
-- someone there has seen them (the change stays here: it never reached the desk).
CREATE TABLE sync_refused (
  change_id   TEXT PRIMARY KEY,
  ticket_id   TEXT,
  tbl         TEXT NOT NULL,
  fields      TEXT NOT NULL,
  code        TEXT NOT NULL,
  message     TEXT NOT NULL,
  refused_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX sync_refused_ticket ON sync_refused (ticket_id);
-- Tickets that left this field desk's scope but are kept until what was refused on them has been
-- seen, or what waits on them has been sent.
CREATE TABLE sync_left (
  ticket_id  TEXT PRIMARY KEY,
  left_at    INTEGER NOT NULL
) STRICT;
-- The history and the contact log are never rewritten, but a field desk lets a ticket's go when the
-- ticket leaves its scope (the desk keeps them): only then (sync/scope.ts) may their rows be removed.
DROP TRIGGER ticket_events_no_delete;
CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events WHEN sb_letting_go() = 0
BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;
DROP TRIGGER contacts_no_delete;
CREATE TRIGGER contacts_no_delete BEFORE DELETE ON contacts WHEN sb_letting_go() = 0
BEGIN SELECT RAISE(ABORT, 'contacts is append-only'); END;
`,
};
