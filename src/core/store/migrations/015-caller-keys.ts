import type { Migration } from './migration.ts';

export const migration: Migration = {
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
};
