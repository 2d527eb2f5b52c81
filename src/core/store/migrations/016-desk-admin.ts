import type { Migration } from './migration.ts';

export const migration: Migration = {
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
};
