import type { Migration } from './migration.ts';

export const migration: Migration = {
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
};
