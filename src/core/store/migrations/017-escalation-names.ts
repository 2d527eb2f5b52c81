import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 17,
  name: 'escalation names',
  sql: `
-- One word for one thing: the escalation a ticket is waiting on (the record in escalations) was
-- also called a hand-over and a handoff. SQLite rewrites the indexes and triggers that name them.
ALTER TABLE tickets RENAME COLUMN handoff_state TO escalation_state;
ALTER TABLE tickets RENAME COLUMN handoff_id TO escalation_id;
DROP INDEX tickets_handoff;
CREATE INDEX tickets_escalation_state ON tickets (escalation_state) WHERE escalation_state IS NOT NULL;
`,
};
