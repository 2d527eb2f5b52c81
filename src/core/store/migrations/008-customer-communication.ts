import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 8,
  name: 'customer communication',
  sql: `
-- Every contact with a customer, as it happened. Append-only: a correction is a new entry that
-- names the one it corrects (each entry is corrected at most once; correct the correction).
CREATE TABLE contacts (
  id           TEXT PRIMARY KEY,
  ticket_id    TEXT NOT NULL REFERENCES tickets (id),
  customer_id  TEXT NOT NULL REFERENCES customers (id),
  direction    TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  channel      TEXT NOT NULL CHECK (channel IN ('phone', 'email', 'sms', 'on_site')),
  outcome      TEXT NOT NULL CHECK (outcome IN ('reached', 'voicemail', 'no_answer', 'wrong_number', 'email_sent', 'sms_sent')),
  at           INTEGER NOT NULL,
  duration_sec INTEGER CHECK (duration_sec IS NULL OR duration_sec >= 0),
  summary      TEXT NOT NULL,
  closing      INTEGER NOT NULL DEFAULT 0 CHECK (closing IN (0, 1)),
  -- The call-back the analyst set with this contact, and why when it is later than the policy's.
  next_at      INTEGER,
  next_reason  TEXT NOT NULL DEFAULT '',
  corrects_id  TEXT REFERENCES contacts (id),
  logged_at    INTEGER NOT NULL,
  logged_by    TEXT NOT NULL REFERENCES users (id)
) STRICT;
CREATE INDEX contacts_ticket ON contacts (ticket_id, at);
CREATE INDEX contacts_customer ON contacts (customer_id, at);
CREATE UNIQUE INDEX contacts_corrects ON contacts (corrects_id) WHERE corrects_id IS NOT NULL;
CREATE TRIGGER contacts_no_update BEFORE UPDATE ON contacts
BEGIN SELECT RAISE(ABORT, 'contacts is append-only'); END;
CREATE TRIGGER contacts_no_delete BEFORE DELETE ON contacts
BEGIN SELECT RAISE(ABORT, 'contacts is append-only'); END;

-- The next call-back of each open ticket: who makes it, when, and whether they were told.
CREATE TABLE callbacks (
  ticket_id TEXT PRIMARY KEY REFERENCES tickets (id),
  owner_id  TEXT NOT NULL REFERENCES users (id),
  due_at    INTEGER NOT NULL,
  kind      TEXT NOT NULL CHECK (kind IN ('update', 'retry', 'set')),
  alerted   INTEGER NOT NULL DEFAULT 0 CHECK (alerted IN (0, 1))
) STRICT, WITHOUT ROWID;
CREATE INDEX callbacks_owner ON callbacks (owner_id, due_at);
CREATE INDEX callbacks_unalerted ON callbacks (due_at) WHERE alerted = 0;

-- A later update the customer agreed to (set with a reason): the update clock is due then.
ALTER TABLE tickets ADD COLUMN update_agreed_at INTEGER;
-- When the ticket was last reopened: the log before it belongs to the earlier resolution.
ALTER TABLE tickets ADD COLUMN reopened_at INTEGER;
-- Why no closing contact was possible, when the ticket was resolved without one.
ALTER TABLE tickets ADD COLUMN no_contact_reason TEXT;

-- Open tickets of an existing desk get their next update as a call-back.
INSERT INTO callbacks (ticket_id, owner_id, due_at, kind)
SELECT id, coalesce(assignee_id, created_by), update_due, 'update'
FROM tickets WHERE status <> 'resolved' AND update_due IS NOT NULL;
`,
};
