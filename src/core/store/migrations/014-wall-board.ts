import type { Migration } from './migration.ts';

export const migration: Migration = {
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
};
