import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 25,
  name: 'each person their digits and text size',
  sql: `
-- How a person reads the screen, kept with them like their language: the digits numbers are
-- shown in (latn, arab, deva; null: their language's own) and the text size (standard, large,
-- larger; null: standard).
ALTER TABLE users ADD COLUMN numbering TEXT;
ALTER TABLE users ADD COLUMN text_size TEXT;
DROP TRIGGER users_capture_insert;
DROP TRIGGER users_capture_update;
CREATE TRIGGER users_capture_insert AFTER INSERT ON users WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'users', json_array(NEW.id), json_object('id', NEW.id, 'username', NEW.username, 'display_name', NEW.display_name, 'password_hash', NEW.password_hash, 'role', NEW.role, 'tier', NEW.tier, 'active', NEW.active, 'created_at', NEW.created_at, 'created_by', NEW.created_by, 'must_change_password', NEW.must_change_password, 'language', NEW.language, 'numbering', NEW.numbering, 'text_size', NEW.text_size));
END;
CREATE TRIGGER users_capture_update AFTER UPDATE ON users WHEN sb_capture_on()
  AND (NEW.username IS NOT OLD.username OR NEW.display_name IS NOT OLD.display_name OR NEW.password_hash IS NOT OLD.password_hash OR NEW.role IS NOT OLD.role OR NEW.tier IS NOT OLD.tier OR NEW.active IS NOT OLD.active OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by OR NEW.must_change_password IS NOT OLD.must_change_password OR NEW.language IS NOT OLD.language OR NEW.numbering IS NOT OLD.numbering OR NEW.text_size IS NOT OLD.text_size)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'users', json_array(NEW.id), (SELECT json_group_object(k, v) FROM (SELECT 'username' AS k, NEW.username AS v WHERE NEW.username IS NOT OLD.username UNION ALL SELECT 'display_name' AS k, NEW.display_name AS v WHERE NEW.display_name IS NOT OLD.display_name UNION ALL SELECT 'password_hash' AS k, NEW.password_hash AS v WHERE NEW.password_hash IS NOT OLD.password_hash UNION ALL SELECT 'role' AS k, NEW.role AS v WHERE NEW.role IS NOT OLD.role UNION ALL SELECT 'tier' AS k, NEW.tier AS v WHERE NEW.tier IS NOT OLD.tier UNION ALL SELECT 'active' AS k, NEW.active AS v WHERE NEW.active IS NOT OLD.active UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE NEW.created_at IS NOT OLD.created_at UNION ALL SELECT 'created_by' AS k, NEW.created_by AS v WHERE NEW.created_by IS NOT OLD.created_by UNION ALL SELECT 'must_change_password' AS k, NEW.must_change_password AS v WHERE NEW.must_change_password IS NOT OLD.must_change_password UNION ALL SELECT 'language' AS k, NEW.language AS v WHERE NEW.language IS NOT OLD.language UNION ALL SELECT 'numbering' AS k, NEW.numbering AS v WHERE NEW.numbering IS NOT OLD.numbering UNION ALL SELECT 'text_size' AS k, NEW.text_size AS v WHERE NEW.text_size IS NOT OLD.text_size)));
END;
`,
};
