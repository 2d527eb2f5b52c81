import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 7,
  name: 'documentation and resolution',
  sql: `
-- SOP scripts: per category, an ordered list of questions; versioned like the policy.
CREATE TABLE sop_scripts (
  category_id TEXT NOT NULL REFERENCES categories (id),
  version     INTEGER NOT NULL CHECK (version >= 1),
  questions   TEXT NOT NULL CHECK (json_valid(questions)),
  created_at  INTEGER NOT NULL,
  created_by  TEXT REFERENCES users (id),
  PRIMARY KEY (category_id, version)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER sop_scripts_no_update BEFORE UPDATE ON sop_scripts
BEGIN SELECT RAISE(ABORT, 'scripts are versioned, never edited'); END;

-- A ticket's current answers; every answer given is also an event in its history.
CREATE TABLE ticket_answers (
  ticket_id   TEXT NOT NULL REFERENCES tickets (id),
  question_id TEXT NOT NULL,
  question    TEXT NOT NULL,
  answer      TEXT NOT NULL,
  answered_at INTEGER NOT NULL,
  answered_by TEXT NOT NULL REFERENCES users (id),
  PRIMARY KEY (ticket_id, question_id)
) STRICT, WITHOUT ROWID;

-- Links between tickets, stored once and read from both ends.
CREATE TABLE ticket_links (
  id         TEXT PRIMARY KEY,
  from_id    TEXT NOT NULL REFERENCES tickets (id),
  to_id      TEXT NOT NULL REFERENCES tickets (id),
  kind       TEXT NOT NULL CHECK (kind IN ('related', 'duplicate_of', 'parent_of', 'split_from')),
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL REFERENCES users (id),
  CHECK (from_id <> to_id),
  UNIQUE (from_id, to_id, kind)
) STRICT;
CREATE INDEX ticket_links_to ON ticket_links (to_id);

-- The resolution in force; a reopen clears it, and its event keeps the earlier one.
ALTER TABLE tickets ADD COLUMN solution TEXT;
ALTER TABLE tickets ADD COLUMN root_cause TEXT;
ALTER TABLE tickets ADD COLUMN reproduction_steps TEXT;
ALTER TABLE tickets ADD COLUMN resolved_at INTEGER;
ALTER TABLE tickets ADD COLUMN resolved_by TEXT REFERENCES users (id);
ALTER TABLE tickets ADD COLUMN reopen_count INTEGER NOT NULL DEFAULT 0;
-- Tickets resolved before resolutions were recorded: their last change was the resolution.
UPDATE tickets SET resolved_at = updated_at, resolved_by = updated_by, root_cause = 'unknown', solution = ''
WHERE status = 'resolved';

-- Answers and solutions are searched too (search everywhere, similar resolved tickets).
DROP TABLE tickets_fts;
CREATE VIRTUAL TABLE tickets_fts USING fts5 (
  key, title, description, customer, answers, solution, facets,
  prefix = '2 3', tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
);
INSERT INTO tickets_fts (rowid, key, title, description, customer, answers, solution, facets)
SELECT t.rowid, t.key, sb_fold(t.title), sb_fold(t.description), sb_fold(c.name), '',
       sb_fold(coalesce(t.solution, '')), sb_facets(t.status, t.queue_id, t.priority, t.assignee_id)
FROM tickets t JOIN customers c ON c.id = t.customer_id;
-- How many tickets hold each word: similar-ticket queries keep the telling ones.
CREATE VIRTUAL TABLE tickets_fts_terms USING fts5vocab (tickets_fts, 'row');

-- rowid = assets.rowid
CREATE VIRTUAL TABLE assets_fts USING fts5 (
  model, serial, location, licence,
  prefix = '2 3', tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
);
INSERT INTO assets_fts (rowid, model, serial, location, licence)
SELECT rowid, sb_fold(model_number), sb_fold(serial), sb_fold(location), sb_fold(licence) FROM assets;

-- rowid = ticket_events.rowid of a note_added event
CREATE VIRTUAL TABLE notes_fts USING fts5 (text, prefix = '2 3', tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'");
INSERT INTO notes_fts (rowid, text)
SELECT rowid, sb_fold(json_extract(data, '$.text')) FROM ticket_events WHERE type = 'note_added';
`,
};
