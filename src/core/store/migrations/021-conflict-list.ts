import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 21,
  name: 'conflict list',
  sql: `
-- The supervisors' list of conflicts sync recorded, newest first, without reading every event.
CREATE INDEX ticket_events_conflicts ON ticket_events (at DESC) WHERE type = 'conflict';
`,
};
