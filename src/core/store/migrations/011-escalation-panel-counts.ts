import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 11,
  name: 'escalation panel counts',
  sql: `
-- The panel's tiles count open work by state from the index alone (no table lookups).
CREATE INDEX tickets_open_state ON tickets (domain_id, tier, sla_state, handoff_state)
  WHERE status <> 'resolved';
-- Call-backs overdue: a range on the due time (every call-back belongs to an open ticket).
CREATE INDEX callbacks_due ON callbacks (due_at);
`,
};
