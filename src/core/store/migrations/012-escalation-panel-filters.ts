import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 12,
  name: 'escalation panel filters',
  sql: `
-- The panel filtered by domain and tier, or by tier alone, still reads in time-to-breach order.
CREATE INDEX tickets_open_domain_due ON tickets (domain_id, tier, sla_next_due, id)
  WHERE status <> 'resolved';
CREATE INDEX tickets_open_tier_due ON tickets (tier, sla_next_due, id) WHERE status <> 'resolved';
`,
};
