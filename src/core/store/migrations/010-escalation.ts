import type { Migration } from './migration.ts';

export const migration: Migration = {
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
};
