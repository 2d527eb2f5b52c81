import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 27,
  name: 'report facts',
  sql: `
-- What the supervisors' reports read of each ticket, kept after its clocks stop: derived from the
-- ticket's facts (its creation, pauses, contacts, escalations, policy version and calendar) by
-- sla/outcomes.ts, so every workstation of a desk computes the same values. NULL update_misses
-- marks a ticket from before this step: the desk fills those in, a batch at a time.
ALTER TABLE tickets ADD COLUMN response_target_at INTEGER;
ALTER TABLE tickets ADD COLUMN resolution_target_at INTEGER;
-- Gaps between customer updates that ran past their due (gaps that ended: the last one of open
-- work is the live update clock).
ALTER TABLE tickets ADD COLUMN update_misses INTEGER;
-- Resolved with no follow-up contact, escalation or reopening.
ALTER TABLE tickets ADD COLUMN first_contact INTEGER NOT NULL DEFAULT 0 CHECK (first_contact IN (0, 1));
-- Call-backs promised and decided (kept by a contact at or before their time, or not), and the
-- due time of the one still outstanding.
ALTER TABLE tickets ADD COLUMN callbacks_promised INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN callbacks_kept INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN callback_open_due INTEGER;

-- A report reads the tickets opened in its period off this index alone: a year of a busy desk is
-- a range of it, not a scan of the table's wide rows.
CREATE INDEX tickets_report ON tickets (created_at, queue_id, priority, status, responded_at,
  response_target_at, resolved_at, resolution_target_at, update_misses, update_due, first_contact,
  callbacks_promised, callbacks_kept, callback_open_due);
-- And the tickets resolved in it, by whom.
CREATE INDEX tickets_report_resolved ON tickets (resolved_at, queue_id, resolved_by)
  WHERE resolved_at IS NOT NULL;
-- The tickets whose facts are still to be filled in.
CREATE INDEX tickets_report_pending ON tickets (id) WHERE update_misses IS NULL;
`,
};
