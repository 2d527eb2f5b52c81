import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 6,
  name: 'time to breach',
  sql: `
-- Open work is ordered by time to breach: the earliest due time among a ticket's running clocks.
-- A ticket with none running (paused, or nothing due) sorts after all others: NO_DUE, year 275760.
ALTER TABLE tickets ADD COLUMN sla_next_due INTEGER NOT NULL DEFAULT 8640000000000000;
DROP INDEX tickets_status_priority;
DROP INDEX tickets_queue_priority;
DROP INDEX tickets_assignee_priority;
CREATE INDEX tickets_status_due ON tickets (status, sla_next_due);
CREATE INDEX tickets_status_priority_due ON tickets (status, priority, sla_next_due);
CREATE INDEX tickets_queue_due ON tickets (queue_id, status, sla_next_due);
CREATE INDEX tickets_assignee_due ON tickets (assignee_id, status, sla_next_due);
-- Open tickets from before clocks existed get theirs from the scanner, a batch at a time.
UPDATE tickets SET sla_check_at = 0 WHERE status <> 'resolved' AND sla_check_at IS NULL;
`,
};
