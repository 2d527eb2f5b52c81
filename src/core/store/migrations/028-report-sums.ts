import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 28,
  name: 'report sums',
  sql: `
-- The desk's day (days since 1970-01-01 in its calendar's time zone) each ticket was opened and
-- resolved in: derived with its outcomes (sla/outcomes.ts). Every ticket's outcomes are worked
-- out again to give them their days; the desk fills them in, a batch at a time.
ALTER TABLE tickets ADD COLUMN created_day INTEGER;
ALTER TABLE tickets ADD COLUMN resolved_day INTEGER;
UPDATE tickets SET update_misses = NULL;

-- A report's sums by day, queue and priority, kept by the triggers below from each ticket's
-- outcomes as they change, so a year reads a few thousand rows, not the year's tickets. Only what
-- is settled is summed here (a target met or missed, a call-back decided); what depends on the
-- moment (open work past a due time) is read live from the open tickets. Derived data: never
-- replicated, the same on every workstation because the outcomes are.
CREATE TABLE report_days (
  day                INTEGER NOT NULL,
  queue_id           TEXT NOT NULL,
  priority           INTEGER NOT NULL,
  tickets            INTEGER NOT NULL DEFAULT 0,
  resolved           INTEGER NOT NULL DEFAULT 0,
  response_met       INTEGER NOT NULL DEFAULT 0,
  response_late      INTEGER NOT NULL DEFAULT 0,
  update_met         INTEGER NOT NULL DEFAULT 0,
  update_late        INTEGER NOT NULL DEFAULT 0,
  resolution_met     INTEGER NOT NULL DEFAULT 0,
  resolution_late    INTEGER NOT NULL DEFAULT 0,
  first_contact      INTEGER NOT NULL DEFAULT 0,
  callbacks_promised INTEGER NOT NULL DEFAULT 0,
  callbacks_kept     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, queue_id, priority)
) STRICT, WITHOUT ROWID;

-- Tickets resolved each day, by queue; and by who resolved them (nobody recorded: not kept).
CREATE TABLE report_resolved (
  day      INTEGER NOT NULL,
  queue_id TEXT NOT NULL,
  n        INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, queue_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE report_resolvers (
  day         INTEGER NOT NULL,
  resolved_by TEXT NOT NULL,
  n           INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, resolved_by)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER report_days_insert AFTER INSERT ON tickets
WHEN NEW.created_day IS NOT NULL AND NEW.update_misses IS NOT NULL
BEGIN
  INSERT INTO report_days (day, queue_id, priority, tickets, resolved, response_met, response_late, update_met, update_late, resolution_met, resolution_late, first_contact, callbacks_promised, callbacks_kept)
  VALUES (NEW.created_day, NEW.queue_id, NEW.priority, (1), (NEW.status = 'resolved'), (coalesce(NEW.responded_at <= NEW.response_target_at, 0)), (coalesce(NEW.responded_at > NEW.response_target_at, 0)), (NEW.status = 'resolved' AND NEW.update_misses = 0), (NEW.update_misses > 0), (coalesce(NEW.status = 'resolved' AND NEW.resolved_at <= NEW.resolution_target_at, 0)), (coalesce(NEW.status = 'resolved' AND NEW.resolved_at > NEW.resolution_target_at, 0)), (NEW.first_contact), (NEW.callbacks_promised), (NEW.callbacks_kept))
  ON CONFLICT (day, queue_id, priority) DO UPDATE SET tickets = tickets + excluded.tickets, resolved = resolved + excluded.resolved, response_met = response_met + excluded.response_met, response_late = response_late + excluded.response_late, update_met = update_met + excluded.update_met, update_late = update_late + excluded.update_late, resolution_met = resolution_met + excluded.resolution_met, resolution_late = resolution_late + excluded.resolution_late, first_contact = first_contact + excluded.first_contact, callbacks_promised = callbacks_promised + excluded.callbacks_promised, callbacks_kept = callbacks_kept + excluded.callbacks_kept;
END;
CREATE TRIGGER report_days_delete AFTER DELETE ON tickets
WHEN OLD.created_day IS NOT NULL AND OLD.update_misses IS NOT NULL
BEGIN
  INSERT INTO report_days (day, queue_id, priority, tickets, resolved, response_met, response_late, update_met, update_late, resolution_met, resolution_late, first_contact, callbacks_promised, callbacks_kept)
  VALUES (OLD.created_day, OLD.queue_id, OLD.priority, -(1), -(OLD.status = 'resolved'), -(coalesce(OLD.responded_at <= OLD.response_target_at, 0)), -(coalesce(OLD.responded_at > OLD.response_target_at, 0)), -(OLD.status = 'resolved' AND OLD.update_misses = 0), -(OLD.update_misses > 0), -(coalesce(OLD.status = 'resolved' AND OLD.resolved_at <= OLD.resolution_target_at, 0)), -(coalesce(OLD.status = 'resolved' AND OLD.resolved_at > OLD.resolution_target_at, 0)), -(OLD.first_contact), -(OLD.callbacks_promised), -(OLD.callbacks_kept))
  ON CONFLICT (day, queue_id, priority) DO UPDATE SET tickets = tickets + excluded.tickets, resolved = resolved + excluded.resolved, response_met = response_met + excluded.response_met, response_late = response_late + excluded.response_late, update_met = update_met + excluded.update_met, update_late = update_late + excluded.update_late, resolution_met = resolution_met + excluded.resolution_met, resolution_late = resolution_late + excluded.resolution_late, first_contact = first_contact + excluded.first_contact, callbacks_promised = callbacks_promised + excluded.callbacks_promised, callbacks_kept = callbacks_kept + excluded.callbacks_kept;
END;
CREATE TRIGGER report_days_leave AFTER UPDATE OF created_day, update_misses, queue_id, priority, status, responded_at, response_target_at, resolved_at, resolution_target_at, first_contact, callbacks_promised, callbacks_kept ON tickets
WHEN OLD.created_day IS NOT NULL AND OLD.update_misses IS NOT NULL
BEGIN
  INSERT INTO report_days (day, queue_id, priority, tickets, resolved, response_met, response_late, update_met, update_late, resolution_met, resolution_late, first_contact, callbacks_promised, callbacks_kept)
  VALUES (OLD.created_day, OLD.queue_id, OLD.priority, -(1), -(OLD.status = 'resolved'), -(coalesce(OLD.responded_at <= OLD.response_target_at, 0)), -(coalesce(OLD.responded_at > OLD.response_target_at, 0)), -(OLD.status = 'resolved' AND OLD.update_misses = 0), -(OLD.update_misses > 0), -(coalesce(OLD.status = 'resolved' AND OLD.resolved_at <= OLD.resolution_target_at, 0)), -(coalesce(OLD.status = 'resolved' AND OLD.resolved_at > OLD.resolution_target_at, 0)), -(OLD.first_contact), -(OLD.callbacks_promised), -(OLD.callbacks_kept))
  ON CONFLICT (day, queue_id, priority) DO UPDATE SET tickets = tickets + excluded.tickets, resolved = resolved + excluded.resolved, response_met = response_met + excluded.response_met, response_late = response_late + excluded.response_late, update_met = update_met + excluded.update_met, update_late = update_late + excluded.update_late, resolution_met = resolution_met + excluded.resolution_met, resolution_late = resolution_late + excluded.resolution_late, first_contact = first_contact + excluded.first_contact, callbacks_promised = callbacks_promised + excluded.callbacks_promised, callbacks_kept = callbacks_kept + excluded.callbacks_kept;
END;
CREATE TRIGGER report_days_enter AFTER UPDATE OF created_day, update_misses, queue_id, priority, status, responded_at, response_target_at, resolved_at, resolution_target_at, first_contact, callbacks_promised, callbacks_kept ON tickets
WHEN NEW.created_day IS NOT NULL AND NEW.update_misses IS NOT NULL
BEGIN
  INSERT INTO report_days (day, queue_id, priority, tickets, resolved, response_met, response_late, update_met, update_late, resolution_met, resolution_late, first_contact, callbacks_promised, callbacks_kept)
  VALUES (NEW.created_day, NEW.queue_id, NEW.priority, (1), (NEW.status = 'resolved'), (coalesce(NEW.responded_at <= NEW.response_target_at, 0)), (coalesce(NEW.responded_at > NEW.response_target_at, 0)), (NEW.status = 'resolved' AND NEW.update_misses = 0), (NEW.update_misses > 0), (coalesce(NEW.status = 'resolved' AND NEW.resolved_at <= NEW.resolution_target_at, 0)), (coalesce(NEW.status = 'resolved' AND NEW.resolved_at > NEW.resolution_target_at, 0)), (NEW.first_contact), (NEW.callbacks_promised), (NEW.callbacks_kept))
  ON CONFLICT (day, queue_id, priority) DO UPDATE SET tickets = tickets + excluded.tickets, resolved = resolved + excluded.resolved, response_met = response_met + excluded.response_met, response_late = response_late + excluded.response_late, update_met = update_met + excluded.update_met, update_late = update_late + excluded.update_late, resolution_met = resolution_met + excluded.resolution_met, resolution_late = resolution_late + excluded.resolution_late, first_contact = first_contact + excluded.first_contact, callbacks_promised = callbacks_promised + excluded.callbacks_promised, callbacks_kept = callbacks_kept + excluded.callbacks_kept;
END;

CREATE TRIGGER report_resolved_insert AFTER INSERT ON tickets
WHEN NEW.resolved_day IS NOT NULL
BEGIN
  INSERT INTO report_resolved (day, queue_id, n) VALUES (NEW.resolved_day, NEW.queue_id, 1)
  ON CONFLICT (day, queue_id) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_resolvers (day, resolved_by, n)
  SELECT NEW.resolved_day, NEW.resolved_by, 1 WHERE NEW.resolved_by IS NOT NULL
  ON CONFLICT (day, resolved_by) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER report_resolved_delete AFTER DELETE ON tickets
WHEN OLD.resolved_day IS NOT NULL
BEGIN
  INSERT INTO report_resolved (day, queue_id, n) VALUES (OLD.resolved_day, OLD.queue_id, -1)
  ON CONFLICT (day, queue_id) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_resolvers (day, resolved_by, n)
  SELECT OLD.resolved_day, OLD.resolved_by, -1 WHERE OLD.resolved_by IS NOT NULL
  ON CONFLICT (day, resolved_by) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER report_resolved_leave AFTER UPDATE OF resolved_day, queue_id, resolved_by ON tickets
WHEN OLD.resolved_day IS NOT NULL
BEGIN
  INSERT INTO report_resolved (day, queue_id, n) VALUES (OLD.resolved_day, OLD.queue_id, -1)
  ON CONFLICT (day, queue_id) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_resolvers (day, resolved_by, n)
  SELECT OLD.resolved_day, OLD.resolved_by, -1 WHERE OLD.resolved_by IS NOT NULL
  ON CONFLICT (day, resolved_by) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER report_resolved_enter AFTER UPDATE OF resolved_day, queue_id, resolved_by ON tickets
WHEN NEW.resolved_day IS NOT NULL
BEGIN
  INSERT INTO report_resolved (day, queue_id, n) VALUES (NEW.resolved_day, NEW.queue_id, 1)
  ON CONFLICT (day, queue_id) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_resolvers (day, resolved_by, n)
  SELECT NEW.resolved_day, NEW.resolved_by, 1 WHERE NEW.resolved_by IS NOT NULL
  ON CONFLICT (day, resolved_by) DO UPDATE SET n = n + excluded.n;
END;

-- What a report reads live: open work (and work never responded to), by the day it was opened.
CREATE INDEX tickets_report_live ON tickets (created_day, queue_id, priority, status, assignee_id,
  responded_at, response_target_at, update_misses, update_due, resolution_target_at,
  callback_open_due, created_at)
  WHERE status <> 'resolved' OR responded_at IS NULL;
-- Each analyst's open work, by priority: read in order, nothing to sort.
CREATE INDEX tickets_report_open ON tickets (assignee_id, priority, queue_id, status)
  WHERE status <> 'resolved';
-- One queue's resolutions by who made them (the sums above are for the whole desk).
CREATE INDEX tickets_report_resolvers ON tickets (queue_id, resolved_day, resolved_by)
  WHERE resolved_day IS NOT NULL;
-- The time in tier of the steps entered in a period, a tier at a time (migration 10's index, with
-- the step's end, so a period is a range read of it alone).
CREATE INDEX tier_spans_report ON tier_spans (domain_id, tier, from_at, to_at);
DROP INDEX tier_spans_tier;
-- The report index of migration 27 gives way to these.
DROP INDEX tickets_report;
CREATE INDEX tickets_report_pending_created ON tickets (created_at) WHERE update_misses IS NULL;
DROP INDEX tickets_report_pending;
DROP INDEX tickets_report_resolved;
`,
};
