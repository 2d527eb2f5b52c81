import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 4,
  name: 'facets',
  sql: `
-- Resolved work reads newest first by arrival (rowid); each filter has an index in that order.
DROP INDEX tickets_status_created;
DROP INDEX tickets_queue_created;
CREATE INDEX tickets_status_recent ON tickets (status);
CREATE INDEX tickets_status_priority_recent ON tickets (status, priority);
CREATE INDEX tickets_queue_recent ON tickets (queue_id, status);
CREATE INDEX tickets_assignee_recent ON tickets (assignee_id, status);

-- Filterable fields join the search index as tokens (see facetTokens).
DROP TABLE tickets_fts;
CREATE VIRTUAL TABLE tickets_fts USING fts5 (
  key, title, description, customer, facets,
  prefix = '2 3', tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
);
INSERT INTO tickets_fts (rowid, key, title, description, customer, facets)
SELECT t.rowid, t.key, sb_fold(t.title), sb_fold(t.description), sb_fold(c.name),
       sb_facets(t.status, t.queue_id, t.priority, t.assignee_id)
FROM tickets t JOIN customers c ON c.id = t.customer_id;
`,
};
