import type { Migration } from './migration.ts';

export const migration: Migration = {
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
  prefix = '2 3', tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
);

-- rowid = tickets.rowid
CREATE VIRTUAL TABLE tickets_fts USING fts5 (
  key, title, description, customer,
  prefix = '2 3', tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
);
`,
};
