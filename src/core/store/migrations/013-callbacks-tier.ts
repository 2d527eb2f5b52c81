import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 13,
  name: 'call-backs know their tier',
  sql: `
-- A call-back knows its ticket's domain and tier, so the panel counts the overdue ones by range.
ALTER TABLE callbacks ADD COLUMN domain_id TEXT;
ALTER TABLE callbacks ADD COLUMN tier INTEGER;
UPDATE callbacks SET (domain_id, tier) = (SELECT domain_id, tier FROM tickets WHERE id = callbacks.ticket_id);
CREATE INDEX callbacks_domain_due ON callbacks (domain_id, tier, due_at);
CREATE INDEX callbacks_tier_due ON callbacks (tier, due_at);
`,
};
