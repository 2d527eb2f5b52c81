import type { Migration } from './migration.ts';

/**
 * Search folds Arabic and Hindi as their readers write them (shared/highlight.ts foldAccents: the
 * article and its prepositions, the forms of alef, ta marbuta, alef maqsura, short vowels; the
 * nukta, chandrabindu): the search rows of text in those scripts are written again, folded so.
 * Text in other scripts folds as before and is left as it is (the pattern names the Arabic and
 * Devanagari blocks).
 */
export const migration: Migration = {
  version: 24,
  name: 'search folds Arabic and Hindi',
  sql: `
INSERT OR REPLACE INTO tickets_fts (rowid, key, title, description, customer, answers, solution, facets)
SELECT t.rowid, t.key, sb_fold(t.title), sb_fold(t.description), sb_fold(c.name), sb_fold(a.answers),
       sb_fold(coalesce(t.solution, '')), sb_facets(t.status, t.queue_id, t.priority, t.assignee_id)
FROM tickets t
JOIN customers c ON c.id = t.customer_id
JOIN (SELECT t2.id, (SELECT coalesce(group_concat(answer, ' '), '') FROM ticket_answers WHERE ticket_id = t2.id) AS answers
      FROM tickets t2) a ON a.id = t.id
WHERE (t.title || ' ' || t.description || ' ' || c.name || ' ' || coalesce(t.solution, '') || ' ' || a.answers) GLOB '*[؀-ۿऀ-ॿ]*';

DELETE FROM customers_fts WHERE rowid IN (
  SELECT rowid FROM customers WHERE (name || ' ' || organisation) GLOB '*[؀-ۿऀ-ॿ]*');
INSERT INTO customers_fts (rowid, name, email, organisation, accounts)
SELECT c.rowid, sb_fold(c.name), c.email, sb_fold(c.organisation),
       (SELECT coalesce(group_concat(number, ' '), '') FROM accounts WHERE customer_id = c.id)
FROM customers c WHERE (c.name || ' ' || c.organisation) GLOB '*[؀-ۿऀ-ॿ]*';

INSERT OR REPLACE INTO assets_fts (rowid, model, serial, location, licence)
SELECT rowid, sb_fold(model_number), sb_fold(serial), sb_fold(location), sb_fold(licence) FROM assets
WHERE (model_number || ' ' || serial || ' ' || location || ' ' || licence) GLOB '*[؀-ۿऀ-ॿ]*';

INSERT OR REPLACE INTO notes_fts (rowid, text)
SELECT rowid, sb_fold(json_extract(data, '$.text')) FROM ticket_events
WHERE type = 'note_added' AND json_extract(data, '$.text') GLOB '*[؀-ۿऀ-ॿ]*';
`,
};
