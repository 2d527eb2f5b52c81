/**
 * Numbered migrations, applied in order at start and recorded in PRAGMA user_version.
 * Never edit a migration that has shipped: add the next one.
 */

import { DEFAULT_POLICY } from '../../shared/policy.ts';

/** Tokens of every script callers write in; M* keeps Devanagari and Arabic vowel signs inside words. */
const TOKENIZE = `tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"`;

export const MIGRATIONS: readonly {
  version: number;
  name: string;
  sql: string;
  /** Rebuilds a table others refer to: runs with foreign keys off, checked before it commits. */
  rebuilds?: boolean;
}[] = [
  {
    version: 1,
    name: 'foundation',
    sql: `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE counters (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('analyst', 'supervisor', 'admin')),
  tier          INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 3),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at    INTEGER NOT NULL,
  created_by    TEXT REFERENCES users (id)
) STRICT;

CREATE TABLE queues (
  id         TEXT PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  created_by TEXT REFERENCES users (id)
) STRICT;

CREATE TABLE categories (
  id               TEXT PRIMARY KEY,
  code             TEXT NOT NULL UNIQUE,
  name             TEXT NOT NULL,
  domain           TEXT NOT NULL,
  default_queue_id TEXT NOT NULL REFERENCES queues (id),
  active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at       INTEGER NOT NULL,
  created_by       TEXT REFERENCES users (id)
) STRICT;

CREATE TABLE customers (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  phone        TEXT NOT NULL DEFAULT '',
  phone_norm   TEXT NOT NULL DEFAULT '',
  email        TEXT NOT NULL DEFAULT '',
  organisation TEXT NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  created_by   TEXT NOT NULL REFERENCES users (id),
  updated_at   INTEGER NOT NULL,
  updated_by   TEXT NOT NULL REFERENCES users (id)
) STRICT;

CREATE TABLE accounts (
  id          TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers (id),
  number      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at  INTEGER NOT NULL,
  created_by  TEXT NOT NULL REFERENCES users (id)
) STRICT;
CREATE INDEX accounts_customer ON accounts (customer_id);

CREATE TABLE assets (
  id           TEXT PRIMARY KEY,
  customer_id  TEXT NOT NULL REFERENCES customers (id),
  model_number TEXT NOT NULL DEFAULT '',
  serial       TEXT NOT NULL DEFAULT '',
  location     TEXT NOT NULL DEFAULT '',
  licence      TEXT NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  created_by   TEXT NOT NULL REFERENCES users (id)
) STRICT;
CREATE INDEX assets_customer ON assets (customer_id);

CREATE TABLE calls (
  id            TEXT PRIMARY KEY,
  customer_id   TEXT NOT NULL REFERENCES customers (id),
  account_id    TEXT REFERENCES accounts (id),
  asset_id      TEXT REFERENCES assets (id),
  direction     TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  contact_phone TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  taken_by      TEXT NOT NULL REFERENCES users (id),
  created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX calls_customer ON calls (customer_id, created_at);

CREATE TABLE tickets (
  id          TEXT PRIMARY KEY,
  key         TEXT NOT NULL UNIQUE,
  call_id     TEXT NOT NULL REFERENCES calls (id),
  customer_id TEXT NOT NULL REFERENCES customers (id),
  account_id  TEXT REFERENCES accounts (id),
  asset_id    TEXT REFERENCES assets (id),
  category_id TEXT NOT NULL REFERENCES categories (id),
  queue_id    TEXT NOT NULL REFERENCES queues (id),
  title       TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  impact      INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 3),
  urgency     INTEGER NOT NULL CHECK (urgency BETWEEN 1 AND 3),
  priority    INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 4),
  status      TEXT NOT NULL CHECK (status IN ('new', 'open', 'in_progress', 'waiting_customer', 'escalated', 'resolved')),
  tier        INTEGER NOT NULL DEFAULT 1 CHECK (tier BETWEEN 1 AND 3),
  assignee_id TEXT REFERENCES users (id),
  created_at  INTEGER NOT NULL,
  created_by  TEXT NOT NULL REFERENCES users (id),
  updated_at  INTEGER NOT NULL,
  updated_by  TEXT NOT NULL REFERENCES users (id),
  version     INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX tickets_board ON tickets (status, priority, created_at, id);
CREATE INDEX tickets_queue ON tickets (queue_id, status, priority, created_at);
CREATE INDEX tickets_assignee ON tickets (assignee_id, status);
CREATE INDEX tickets_customer ON tickets (customer_id, created_at);
CREATE INDEX tickets_call ON tickets (call_id);

CREATE TABLE ticket_events (
  id        TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets (id),
  type      TEXT NOT NULL,
  data      TEXT NOT NULL CHECK (json_valid(data)),
  actor_id  TEXT NOT NULL REFERENCES users (id),
  at        INTEGER NOT NULL
) STRICT;
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, at);

-- The history is the record of what was done: it is appended to, never rewritten.
CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events
BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;
CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events
BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;

-- rowid = customers.rowid; maintained by the customer service in the writing transaction.
CREATE VIRTUAL TABLE customers_fts USING fts5 (
  name, email, organisation, accounts, phones,
  prefix = '2 3', ${TOKENIZE}
);

-- rowid = tickets.rowid
CREATE VIRTUAL TABLE tickets_fts USING fts5 (
  key, title, description, customer,
  prefix = '2 3', ${TOKENIZE}
);
`,
  },
  {
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
  },
  {
    version: 3,
    name: 'lookup',
    sql: `
-- Look-up as you type by phone reads a B-tree range: cost follows the page size, not the matches.
CREATE INDEX customers_phone ON customers (phone_norm);
`,
  },
  {
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
  prefix = '2 3', ${TOKENIZE}
);
INSERT INTO tickets_fts (rowid, key, title, description, customer, facets)
SELECT t.rowid, t.key, sb_fold(t.title), sb_fold(t.description), sb_fold(c.name),
       sb_facets(t.status, t.queue_id, t.priority, t.assignee_id)
FROM tickets t JOIN customers c ON c.id = t.customer_id;
`,
  },
  {
    version: 5,
    name: 'policy and SLA clocks',
    sql: `
-- The company's priority policy, versioned: a new version per change, never an edit.
CREATE TABLE policies (
  version    INTEGER PRIMARY KEY,
  body       TEXT NOT NULL CHECK (json_valid(body)),
  created_at INTEGER NOT NULL,
  created_by TEXT REFERENCES users (id)
) STRICT;
INSERT INTO policies (version, body, created_at) VALUES (1, '${JSON.stringify(DEFAULT_POLICY)}', 0);
CREATE TRIGGER policies_no_update BEFORE UPDATE ON policies
BEGIN SELECT RAISE(ABORT, 'policies are versioned, never edited'); END;

-- Business calendars: opening hours by ISO weekday in a named IANA zone, and holidays.
CREATE TABLE calendars (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  time_zone  TEXT NOT NULL,
  week       TEXT NOT NULL CHECK (json_valid(week)),
  holidays   TEXT NOT NULL CHECK (json_valid(holidays)),
  updated_at INTEGER NOT NULL,
  updated_by TEXT REFERENCES users (id)
) STRICT;
INSERT INTO calendars (id, name, time_zone, week, holidays, updated_at) VALUES (
  'desk', 'Desk hours', 'Europe/London',
  '{"1":[[480,1080]],"2":[[480,1080]],"3":[[480,1080]],"4":[[480,1080]],"5":[[480,1080]]}', '[]', 0);

-- The desk's own history: policy and calendar changes, append-only like a ticket's.
CREATE TABLE desk_events (
  id       TEXT PRIMARY KEY,
  type     TEXT NOT NULL,
  data     TEXT NOT NULL CHECK (json_valid(data)),
  actor_id TEXT REFERENCES users (id),
  at       INTEGER NOT NULL
) STRICT;
CREATE TRIGGER desk_events_no_update BEFORE UPDATE ON desk_events
BEGIN SELECT RAISE(ABORT, 'desk_events is append-only'); END;
CREATE TRIGGER desk_events_no_delete BEFORE DELETE ON desk_events
BEGIN SELECT RAISE(ABORT, 'desk_events is append-only'); END;

-- A ticket keeps the policy version it was opened under, its planned window, and its clocks.
ALTER TABLE tickets ADD COLUMN policy_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tickets ADD COLUMN planned_start INTEGER;
ALTER TABLE tickets ADD COLUMN planned_end INTEGER;
ALTER TABLE tickets ADD COLUMN responded_at INTEGER;
ALTER TABLE tickets ADD COLUMN last_update_at INTEGER;
ALTER TABLE tickets ADD COLUMN response_due INTEGER;
ALTER TABLE tickets ADD COLUMN update_due INTEGER;
ALTER TABLE tickets ADD COLUMN resolution_due INTEGER;
ALTER TABLE tickets ADD COLUMN sla_state TEXT NOT NULL DEFAULT 'on_track'
  CHECK (sla_state IN ('on_track', 'at_risk', 'breached'));
-- The next instant the state can change: the SLA scanner reads only tickets due a look.
ALTER TABLE tickets ADD COLUMN sla_check_at INTEGER;
CREATE INDEX tickets_sla_check ON tickets (sla_check_at) WHERE sla_check_at IS NOT NULL;

-- Who records what nobody did by hand (an SLA clock crossing a threshold). It can never sign in:
-- inactive, and its password hash matches no password.
INSERT INTO users (id, username, display_name, password_hash, role, tier, active, created_at)
VALUES ('00000000-0000-7000-8000-000000000000', 'system', 'Switchboard', '!', 'analyst', 1, 0, 0);

-- Clock pauses (waiting on the customer), with their reason: the clock timeline is read from here.
CREATE TABLE ticket_pauses (
  ticket_id  TEXT NOT NULL REFERENCES tickets (id),
  started_at INTEGER NOT NULL,
  ended_at   INTEGER,
  reason     TEXT NOT NULL,
  PRIMARY KEY (ticket_id, started_at)
) STRICT, WITHOUT ROWID;
`,
  },
  {
    version: 6,
    name: 'time to breach',
    sql: `
-- Open work is ordered by time to breach: the earliest due time among a ticket's running clocks.
-- A ticket with none running (paused, or nothing due) sorts after all others: NO_DUE, year 275760.
ALTER TABLE tickets ADD COLUMN sla_next_due INTEGER NOT NULL DEFAULT 8640000000000000;
DROP INDEX tickets_status_priority;
DROP INDEX tickets_queue_priority;
DROP INDEX tickets_assignee_priority;
CREATE INDEX tickets_status_due ON tickets (status, sla_next_due);
CREATE INDEX tickets_status_priority_due ON tickets (status, priority, sla_next_due);
CREATE INDEX tickets_queue_due ON tickets (queue_id, status, sla_next_due);
CREATE INDEX tickets_assignee_due ON tickets (assignee_id, status, sla_next_due);
-- Open tickets from before clocks existed get theirs from the scanner, a batch at a time.
UPDATE tickets SET sla_check_at = 0 WHERE status <> 'resolved' AND sla_check_at IS NULL;
`,
  },
  {
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
  prefix = '2 3', ${TOKENIZE}
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
  prefix = '2 3', ${TOKENIZE}
);
INSERT INTO assets_fts (rowid, model, serial, location, licence)
SELECT rowid, sb_fold(model_number), sb_fold(serial), sb_fold(location), sb_fold(licence) FROM assets;

-- rowid = ticket_events.rowid of a note_added event
CREATE VIRTUAL TABLE notes_fts USING fts5 (text, prefix = '2 3', ${TOKENIZE});
INSERT INTO notes_fts (rowid, text)
SELECT rowid, sb_fold(json_extract(data, '$.text')) FROM ticket_events WHERE type = 'note_added';
`,
  },
  {
    version: 8,
    name: 'customer communication',
    sql: `
-- Every contact with a customer, as it happened. Append-only: a correction is a new entry that
-- names the one it corrects (each entry is corrected at most once; correct the correction).
CREATE TABLE contacts (
  id           TEXT PRIMARY KEY,
  ticket_id    TEXT NOT NULL REFERENCES tickets (id),
  customer_id  TEXT NOT NULL REFERENCES customers (id),
  direction    TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  channel      TEXT NOT NULL CHECK (channel IN ('phone', 'email', 'sms', 'on_site')),
  outcome      TEXT NOT NULL CHECK (outcome IN ('reached', 'voicemail', 'no_answer', 'wrong_number', 'email_sent', 'sms_sent')),
  at           INTEGER NOT NULL,
  duration_sec INTEGER CHECK (duration_sec IS NULL OR duration_sec >= 0),
  summary      TEXT NOT NULL,
  closing      INTEGER NOT NULL DEFAULT 0 CHECK (closing IN (0, 1)),
  -- The call-back the analyst set with this contact, and why when it is later than the policy's.
  next_at      INTEGER,
  next_reason  TEXT NOT NULL DEFAULT '',
  corrects_id  TEXT REFERENCES contacts (id),
  logged_at    INTEGER NOT NULL,
  logged_by    TEXT NOT NULL REFERENCES users (id)
) STRICT;
CREATE INDEX contacts_ticket ON contacts (ticket_id, at);
CREATE INDEX contacts_customer ON contacts (customer_id, at);
CREATE UNIQUE INDEX contacts_corrects ON contacts (corrects_id) WHERE corrects_id IS NOT NULL;
CREATE TRIGGER contacts_no_update BEFORE UPDATE ON contacts
BEGIN SELECT RAISE(ABORT, 'contacts is append-only'); END;
CREATE TRIGGER contacts_no_delete BEFORE DELETE ON contacts
BEGIN SELECT RAISE(ABORT, 'contacts is append-only'); END;

-- The next call-back of each open ticket: who makes it, when, and whether they were told.
CREATE TABLE callbacks (
  ticket_id TEXT PRIMARY KEY REFERENCES tickets (id),
  owner_id  TEXT NOT NULL REFERENCES users (id),
  due_at    INTEGER NOT NULL,
  kind      TEXT NOT NULL CHECK (kind IN ('update', 'retry', 'set')),
  alerted   INTEGER NOT NULL DEFAULT 0 CHECK (alerted IN (0, 1))
) STRICT, WITHOUT ROWID;
CREATE INDEX callbacks_owner ON callbacks (owner_id, due_at);
CREATE INDEX callbacks_unalerted ON callbacks (due_at) WHERE alerted = 0;

-- A later update the customer agreed to (set with a reason): the update clock is due then.
ALTER TABLE tickets ADD COLUMN update_agreed_at INTEGER;
-- When the ticket was last reopened: the log before it belongs to the earlier resolution.
ALTER TABLE tickets ADD COLUMN reopened_at INTEGER;
-- Why no closing contact was possible, when the ticket was resolved without one.
ALTER TABLE tickets ADD COLUMN no_contact_reason TEXT;

-- Open tickets of an existing desk get their next update as a call-back.
INSERT INTO callbacks (ticket_id, owner_id, due_at, kind)
SELECT id, coalesce(assignee_id, created_by), update_due, 'update'
FROM tickets WHERE status <> 'resolved' AND update_due IS NOT NULL;
`,
  },
  {
    version: 9,
    name: 'call-backs know their last contact',
    sql: `
-- My call-backs shows each one's last contact: read by id, not looked for per row.
ALTER TABLE callbacks ADD COLUMN last_contact_id TEXT REFERENCES contacts (id);
UPDATE callbacks SET last_contact_id = (
  SELECT c.id FROM contacts c
  WHERE c.ticket_id = callbacks.ticket_id
    AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.corrects_id = c.id)
  ORDER BY c.at DESC, c.logged_at DESC, c.id DESC LIMIT 1
);
`,
  },
  {
    version: 10,
    name: 'escalation',
    sql: `
-- Technical domains (a category's domain names one), each with two or three tiers; a tier is a
-- queue, its members the users of that tier who serve the domain.
CREATE TABLE domains (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
) STRICT;
CREATE TABLE tiers (
  domain_id TEXT NOT NULL REFERENCES domains (id),
  level     INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
  queue_id  TEXT NOT NULL REFERENCES queues (id),
  PRIMARY KEY (domain_id, level)
) STRICT, WITHOUT ROWID;
-- The domains a user serves; a user with none serves them all.
CREATE TABLE user_domains (
  user_id   TEXT NOT NULL REFERENCES users (id),
  domain_id TEXT NOT NULL REFERENCES domains (id),
  PRIMARY KEY (user_id, domain_id)
) STRICT, WITHOUT ROWID;

INSERT INTO domains (id, name, created_at)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-7' || substr(lower(hex(randomblob(2))), 2)
       || '-8' || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))), domain, min(created_at)
FROM categories GROUP BY domain;
INSERT INTO tiers (domain_id, level, queue_id)
SELECT d.id, 1, (SELECT c.default_queue_id FROM categories c WHERE c.domain = d.name
                 GROUP BY c.default_queue_id ORDER BY count(*) DESC, c.default_queue_id LIMIT 1)
FROM domains d;

-- Where a ticket is handled: its domain and tier (tickets.tier), and a hand-over under way.
ALTER TABLE tickets ADD COLUMN domain_id TEXT REFERENCES domains (id);
UPDATE tickets SET domain_id = (
  SELECT d.id FROM categories c JOIN domains d ON d.name = c.domain WHERE c.id = tickets.category_id
);
-- 'pending': escalated, waiting for the receiving tier; 'returned': sent back, not yet picked up.
ALTER TABLE tickets ADD COLUMN handoff_state TEXT CHECK (handoff_state IN ('pending', 'returned'));
ALTER TABLE tickets ADD COLUMN handoff_id TEXT;
CREATE INDEX tickets_handoff ON tickets (handoff_state) WHERE handoff_state IS NOT NULL;
-- The escalation panel reads open work in time-to-breach order, whatever its status.
CREATE INDEX tickets_open_due ON tickets (sla_next_due, id) WHERE status <> 'resolved';

-- Every hand-over between tiers: who asked, why, with what note, and how it was answered.
CREATE TABLE escalations (
  id              TEXT PRIMARY KEY,
  ticket_id       TEXT NOT NULL REFERENCES tickets (id),
  from_domain_id  TEXT NOT NULL REFERENCES domains (id),
  from_tier       INTEGER NOT NULL,
  to_domain_id    TEXT NOT NULL REFERENCES domains (id),
  to_tier         INTEGER NOT NULL,
  reason          TEXT NOT NULL,
  note            TEXT NOT NULL DEFAULT '',
  rule            TEXT,
  from_assignee_id TEXT REFERENCES users (id),
  by_id           TEXT NOT NULL REFERENCES users (id),
  at              INTEGER NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'returned')),
  decided_by      TEXT REFERENCES users (id),
  decided_at      INTEGER,
  decision_reason TEXT
) STRICT;
CREATE INDEX escalations_ticket ON escalations (ticket_id, at);

-- The time a ticket spends in each tier: the escalation ladder, and the per-tier report.
CREATE TABLE tier_spans (
  ticket_id   TEXT NOT NULL REFERENCES tickets (id),
  seq         INTEGER NOT NULL,
  domain_id   TEXT NOT NULL REFERENCES domains (id),
  tier        INTEGER NOT NULL,
  assignee_id TEXT REFERENCES users (id),
  from_at     INTEGER NOT NULL,
  to_at       INTEGER,
  PRIMARY KEY (ticket_id, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX tier_spans_tier ON tier_spans (domain_id, tier, from_at);
INSERT INTO tier_spans (ticket_id, seq, domain_id, tier, assignee_id, from_at, to_at)
SELECT id, 1, domain_id, tier, assignee_id, created_at, resolved_at FROM tickets WHERE domain_id IS NOT NULL;

-- Each automatic rule fires once per condition: this is its memory.
CREATE TABLE rule_firings (
  ticket_id TEXT NOT NULL REFERENCES tickets (id),
  rule      TEXT NOT NULL,
  condition TEXT NOT NULL,
  at        INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, rule, condition)
) STRICT, WITHOUT ROWID;
`,
  },
  {
    version: 11,
    name: 'escalation panel counts',
    sql: `
-- The panel's tiles count open work by state from the index alone (no table lookups).
CREATE INDEX tickets_open_state ON tickets (domain_id, tier, sla_state, handoff_state)
  WHERE status <> 'resolved';
-- Call-backs overdue: a range on the due time (every call-back belongs to an open ticket).
CREATE INDEX callbacks_due ON callbacks (due_at);
`,
  },
  {
    version: 12,
    name: 'escalation panel filters',
    sql: `
-- The panel filtered by domain and tier, or by tier alone, still reads in time-to-breach order.
CREATE INDEX tickets_open_domain_due ON tickets (domain_id, tier, sla_next_due, id)
  WHERE status <> 'resolved';
CREATE INDEX tickets_open_tier_due ON tickets (tier, sla_next_due, id) WHERE status <> 'resolved';
`,
  },
  {
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
  },
  {
    version: 14,
    name: 'wall-board',
    rebuilds: true,
    sql: `
-- A wall-board display signs in with a role of its own (read-only): the role check is rebuilt.
-- Other tables keep referring to users by name, so they refer to the rebuilt table.
CREATE TABLE users_v14 (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('analyst', 'supervisor', 'admin', 'wallboard')),
  tier          INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 3),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at    INTEGER NOT NULL,
  created_by    TEXT REFERENCES users (id)
) STRICT;
INSERT INTO users_v14 (id, username, display_name, password_hash, role, tier, active, created_at, created_by)
SELECT id, username, display_name, password_hash, role, tier, active, created_at, created_by FROM users;
DROP TABLE users;
ALTER TABLE users_v14 RENAME TO users;

-- The wall-board's day: calls taken, tickets created and resolved, by time; the oldest unanswered.
CREATE INDEX calls_created ON calls (created_at);
CREATE INDEX tickets_created ON tickets (created_at);
CREATE INDEX tickets_resolved_at ON tickets (resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX tickets_unresponded ON tickets (created_at)
  WHERE responded_at IS NULL AND status <> 'resolved';
`,
  },
  {
    version: 15,
    name: 'caller keys',
    sql: `
-- A caller is found by every way the same number is written: each stored phone is keyed again
-- in E.164 (sb_phone_key: libphonenumber, read with the desk's own calling code). The number as
-- typed stays in phone, for display; the customers_phone index keys the new values.
UPDATE customers SET phone_norm = sb_phone_key(
  phone, coalesce((SELECT value FROM settings WHERE key = 'desk.countryCode'), '')
);
-- An account number is found whatever its case and punctuation (AB-1234, ab 1234, AB1234).
-- Not unique: two numbers an older desk kept apart may share a key; intake refuses new ones.
ALTER TABLE accounts ADD COLUMN number_norm TEXT NOT NULL DEFAULT '';
UPDATE accounts SET number_norm = sb_account_key(number);
CREATE INDEX accounts_number_norm ON accounts (number_norm);
`,
  },
  {
    version: 16,
    name: 'desk admin',
    sql: `
-- Admins edit queues, categories and people: an edit names the version it started from, so a
-- concurrent one is a conflict, not a silent overwrite.
ALTER TABLE queues ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE categories ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- A password an admin set: its owner chooses their own before doing anything else.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0
  CHECK (must_change_password IN (0, 1));
`,
  },
];
