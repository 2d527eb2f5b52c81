import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 2,
  name: 'scale',
  sql: `
-- Board columns page in index order: open work by (priority, created_at), resolved work by
-- created_at; rowid is the tie-breaker every index carries, so no column is ever sorted.
DROP INDEX tickets_board;
DROP INDEX tickets_queue;
DROP INDEX tickets_assignee;
CREATE INDEX tickets_status_priority ON tickets (status, priority, created_at);
CREATE INDEX tickets_status_created ON tickets (status, created_at);
CREATE INDEX tickets_queue_priority ON tickets (queue_id, status, priority, created_at);
CREATE INDEX tickets_queue_created ON tickets (queue_id, status, created_at);
CREATE INDEX tickets_assignee_priority ON tickets (assignee_id, status, priority, created_at);

-- Counts for the board, the escalation panel and the wall-board, kept by triggers in the same
-- transaction as the change, so no count ever rescans the tickets table.
CREATE TABLE ticket_counts (
  status      TEXT NOT NULL,
  queue_id    TEXT NOT NULL,
  priority    INTEGER NOT NULL,
  assignee_id TEXT NOT NULL, -- '' for unassigned
  n           INTEGER NOT NULL,
  PRIMARY KEY (status, queue_id, priority, assignee_id)
) STRICT, WITHOUT ROWID;

INSERT INTO ticket_counts (status, queue_id, priority, assignee_id, n)
SELECT status, queue_id, priority, coalesce(assignee_id, ''), count(*) FROM tickets GROUP BY 1, 2, 3, 4;

CREATE TRIGGER ticket_counts_insert AFTER INSERT ON tickets
BEGIN
  INSERT INTO ticket_counts (status, queue_id, priority, assignee_id, n)
  VALUES (NEW.status, NEW.queue_id, NEW.priority, coalesce(NEW.assignee_id, ''), 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER ticket_counts_update AFTER UPDATE OF status, queue_id, priority, assignee_id ON tickets
BEGIN
  UPDATE ticket_counts SET n = n - 1
  WHERE status = OLD.status AND queue_id = OLD.queue_id AND priority = OLD.priority
    AND assignee_id = coalesce(OLD.assignee_id, '');
  INSERT INTO ticket_counts (status, queue_id, priority, assignee_id, n)
  VALUES (NEW.status, NEW.queue_id, NEW.priority, coalesce(NEW.assignee_id, ''), 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER ticket_counts_delete AFTER DELETE ON tickets
BEGIN
  UPDATE ticket_counts SET n = n - 1
  WHERE status = OLD.status AND queue_id = OLD.queue_id AND priority = OLD.priority
    AND assignee_id = coalesce(OLD.assignee_id, '');
END;
`,
};
