import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 18,
  name: 'sync capture',
  sql: `
-- The outbox: every change to a replicated table, written by the triggers below in the same
-- transaction as the change, while sb_capture_on() says so: the desk is joined to a hub, and the
-- write is its own, not a change pulled from the hub being applied.
-- fields: the columns set (all of them for a new row, the ones that changed for an update,
-- {"_deleted": 1} for a removal). The SLA clocks, what the contact log says of a ticket and the
-- optimistic versions are left out: each workstation derives them itself.
CREATE TABLE outbox (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  id         TEXT NOT NULL UNIQUE,
  hlc        TEXT NOT NULL,
  author     TEXT NOT NULL,
  tbl        TEXT NOT NULL,
  key        TEXT NOT NULL,
  fields     TEXT NOT NULL,
  pushed_at  INTEGER
) STRICT;
CREATE INDEX outbox_unpushed ON outbox (seq) WHERE pushed_at IS NULL;
-- This workstation's place in the desk's sync: joined, the hub, the cursor, its HLC node.
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TRIGGER tickets_capture_insert AFTER INSERT ON tickets WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'tickets', json_array(NEW.id), json_object('id', NEW.id, 'key', NEW.key, 'call_id', NEW.call_id, 'customer_id', NEW.customer_id, 'account_id', NEW.account_id, 'asset_id', NEW.asset_id, 'category_id', NEW.category_id, 'queue_id', NEW.queue_id, 'title', NEW.title, 'description', NEW.description, 'impact', NEW.impact, 'urgency', NEW.urgency, 'priority', NEW.priority, 'status', NEW.status, 'tier', NEW.tier, 'assignee_id', NEW.assignee_id, 'created_at', NEW.created_at, 'created_by', NEW.created_by, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'policy_version', NEW.policy_version, 'planned_start', NEW.planned_start, 'planned_end', NEW.planned_end, 'responded_at', NEW.responded_at, 'solution', NEW.solution, 'root_cause', NEW.root_cause, 'reproduction_steps', NEW.reproduction_steps, 'resolved_at', NEW.resolved_at, 'resolved_by', NEW.resolved_by, 'reopen_count', NEW.reopen_count, 'reopened_at', NEW.reopened_at, 'no_contact_reason', NEW.no_contact_reason, 'domain_id', NEW.domain_id, 'escalation_state', NEW.escalation_state, 'escalation_id', NEW.escalation_id));
END;
CREATE TRIGGER tickets_capture_update AFTER UPDATE ON tickets WHEN sb_capture_on()
  AND (NEW.key IS NOT OLD.key OR NEW.call_id IS NOT OLD.call_id OR NEW.customer_id IS NOT OLD.customer_id OR NEW.account_id IS NOT OLD.account_id OR NEW.asset_id IS NOT OLD.asset_id OR NEW.category_id IS NOT OLD.category_id OR NEW.queue_id IS NOT OLD.queue_id OR NEW.title IS NOT OLD.title OR NEW.description IS NOT OLD.description OR NEW.impact IS NOT OLD.impact OR NEW.urgency IS NOT OLD.urgency OR NEW.priority IS NOT OLD.priority OR NEW.status IS NOT OLD.status OR NEW.tier IS NOT OLD.tier OR NEW.assignee_id IS NOT OLD.assignee_id OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by OR NEW.updated_at IS NOT OLD.updated_at OR NEW.updated_by IS NOT OLD.updated_by OR NEW.policy_version IS NOT OLD.policy_version OR NEW.planned_start IS NOT OLD.planned_start OR NEW.planned_end IS NOT OLD.planned_end OR NEW.responded_at IS NOT OLD.responded_at OR NEW.solution IS NOT OLD.solution OR NEW.root_cause IS NOT OLD.root_cause OR NEW.reproduction_steps IS NOT OLD.reproduction_steps OR NEW.resolved_at IS NOT OLD.resolved_at OR NEW.resolved_by IS NOT OLD.resolved_by OR NEW.reopen_count IS NOT OLD.reopen_count OR NEW.reopened_at IS NOT OLD.reopened_at OR NEW.no_contact_reason IS NOT OLD.no_contact_reason OR NEW.domain_id IS NOT OLD.domain_id OR NEW.escalation_state IS NOT OLD.escalation_state OR NEW.escalation_id IS NOT OLD.escalation_id)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'tickets', json_array(NEW.id), (SELECT json_group_object(k, v) FROM (SELECT 'key' AS k, NEW.key AS v WHERE NEW.key IS NOT OLD.key UNION ALL SELECT 'call_id' AS k, NEW.call_id AS v WHERE NEW.call_id IS NOT OLD.call_id UNION ALL SELECT 'customer_id' AS k, NEW.customer_id AS v WHERE NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'account_id' AS k, NEW.account_id AS v WHERE NEW.account_id IS NOT OLD.account_id UNION ALL SELECT 'asset_id' AS k, NEW.asset_id AS v WHERE NEW.asset_id IS NOT OLD.asset_id UNION ALL SELECT 'category_id' AS k, NEW.category_id AS v WHERE NEW.category_id IS NOT OLD.category_id UNION ALL SELECT 'queue_id' AS k, NEW.queue_id AS v WHERE NEW.queue_id IS NOT OLD.queue_id UNION ALL SELECT 'title' AS k, NEW.title AS v WHERE NEW.title IS NOT OLD.title UNION ALL SELECT 'description' AS k, NEW.description AS v WHERE NEW.description IS NOT OLD.description UNION ALL SELECT 'impact' AS k, NEW.impact AS v WHERE NEW.impact IS NOT OLD.impact UNION ALL SELECT 'urgency' AS k, NEW.urgency AS v WHERE NEW.urgency IS NOT OLD.urgency UNION ALL SELECT 'priority' AS k, NEW.priority AS v WHERE NEW.priority IS NOT OLD.priority UNION ALL SELECT 'status' AS k, NEW.status AS v WHERE NEW.status IS NOT OLD.status UNION ALL SELECT 'tier' AS k, NEW.tier AS v WHERE NEW.tier IS NOT OLD.tier UNION ALL SELECT 'assignee_id' AS k, NEW.assignee_id AS v WHERE NEW.assignee_id IS NOT OLD.assignee_id UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE NEW.created_at IS NOT OLD.created_at UNION ALL SELECT 'created_by' AS k, NEW.created_by AS v WHERE NEW.created_by IS NOT OLD.created_by UNION ALL SELECT 'updated_at' AS k, NEW.updated_at AS v WHERE NEW.updated_at IS NOT OLD.updated_at UNION ALL SELECT 'updated_by' AS k, NEW.updated_by AS v WHERE NEW.updated_by IS NOT OLD.updated_by UNION ALL SELECT 'policy_version' AS k, NEW.policy_version AS v WHERE NEW.policy_version IS NOT OLD.policy_version UNION ALL SELECT 'planned_start' AS k, NEW.planned_start AS v WHERE NEW.planned_start IS NOT OLD.planned_start UNION ALL SELECT 'planned_end' AS k, NEW.planned_end AS v WHERE NEW.planned_end IS NOT OLD.planned_end UNION ALL SELECT 'responded_at' AS k, NEW.responded_at AS v WHERE NEW.responded_at IS NOT OLD.responded_at UNION ALL SELECT 'solution' AS k, NEW.solution AS v WHERE NEW.solution IS NOT OLD.solution UNION ALL SELECT 'root_cause' AS k, NEW.root_cause AS v WHERE NEW.root_cause IS NOT OLD.root_cause UNION ALL SELECT 'reproduction_steps' AS k, NEW.reproduction_steps AS v WHERE NEW.reproduction_steps IS NOT OLD.reproduction_steps UNION ALL SELECT 'resolved_at' AS k, NEW.resolved_at AS v WHERE NEW.resolved_at IS NOT OLD.resolved_at UNION ALL SELECT 'resolved_by' AS k, NEW.resolved_by AS v WHERE NEW.resolved_by IS NOT OLD.resolved_by UNION ALL SELECT 'reopen_count' AS k, NEW.reopen_count AS v WHERE NEW.reopen_count IS NOT OLD.reopen_count UNION ALL SELECT 'reopened_at' AS k, NEW.reopened_at AS v WHERE NEW.reopened_at IS NOT OLD.reopened_at UNION ALL SELECT 'no_contact_reason' AS k, NEW.no_contact_reason AS v WHERE NEW.no_contact_reason IS NOT OLD.no_contact_reason UNION ALL SELECT 'domain_id' AS k, NEW.domain_id AS v WHERE NEW.domain_id IS NOT OLD.domain_id UNION ALL SELECT 'escalation_state' AS k, NEW.escalation_state AS v WHERE NEW.escalation_state IS NOT OLD.escalation_state UNION ALL SELECT 'escalation_id' AS k, NEW.escalation_id AS v WHERE NEW.escalation_id IS NOT OLD.escalation_id)));
END;
CREATE TRIGGER tickets_capture_delete AFTER DELETE ON tickets WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'tickets', json_array(OLD.id), json_object('_deleted', 1));
END;
CREATE TRIGGER ticket_events_capture_insert AFTER INSERT ON ticket_events WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'ticket_events', json_array(NEW.id), json_object('id', NEW.id, 'ticket_id', NEW.ticket_id, 'type', NEW.type, 'data', NEW.data, 'actor_id', NEW.actor_id, 'at', NEW.at));
END;
CREATE TRIGGER ticket_events_capture_update AFTER UPDATE ON ticket_events WHEN sb_capture_on()
  AND (NEW.ticket_id IS NOT OLD.ticket_id OR NEW.type IS NOT OLD.type OR NEW.data IS NOT OLD.data OR NEW.actor_id IS NOT OLD.actor_id OR NEW.at IS NOT OLD.at)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'ticket_events', json_array(NEW.id), (SELECT json_group_object(k, v) FROM (SELECT 'ticket_id' AS k, NEW.ticket_id AS v WHERE NEW.ticket_id IS NOT OLD.ticket_id UNION ALL SELECT 'type' AS k, NEW.type AS v WHERE NEW.type IS NOT OLD.type UNION ALL SELECT 'data' AS k, NEW.data AS v WHERE NEW.data IS NOT OLD.data UNION ALL SELECT 'actor_id' AS k, NEW.actor_id AS v WHERE NEW.actor_id IS NOT OLD.actor_id UNION ALL SELECT 'at' AS k, NEW.at AS v WHERE NEW.at IS NOT OLD.at)));
END;
CREATE TRIGGER ticket_events_capture_delete AFTER DELETE ON ticket_events WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'ticket_events', json_array(OLD.id), json_object('_deleted', 1));
END;
CREATE TRIGGER ticket_pauses_capture_insert AFTER INSERT ON ticket_pauses WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'ticket_pauses', json_array(NEW.ticket_id, NEW.started_at), json_object('ticket_id', NEW.ticket_id, 'started_at', NEW.started_at, 'ended_at', NEW.ended_at, 'reason', NEW.reason));
END;
CREATE TRIGGER ticket_pauses_capture_update AFTER UPDATE ON ticket_pauses WHEN sb_capture_on()
  AND (NEW.ended_at IS NOT OLD.ended_at OR NEW.reason IS NOT OLD.reason)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'ticket_pauses', json_array(NEW.ticket_id, NEW.started_at), (SELECT json_group_object(k, v) FROM (SELECT 'ended_at' AS k, NEW.ended_at AS v WHERE NEW.ended_at IS NOT OLD.ended_at UNION ALL SELECT 'reason' AS k, NEW.reason AS v WHERE NEW.reason IS NOT OLD.reason)));
END;
CREATE TRIGGER ticket_pauses_capture_delete AFTER DELETE ON ticket_pauses WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'ticket_pauses', json_array(OLD.ticket_id, OLD.started_at), json_object('_deleted', 1));
END;
CREATE TRIGGER tier_spans_capture_insert AFTER INSERT ON tier_spans WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'tier_spans', json_array(NEW.ticket_id, NEW.seq), json_object('ticket_id', NEW.ticket_id, 'seq', NEW.seq, 'domain_id', NEW.domain_id, 'tier', NEW.tier, 'assignee_id', NEW.assignee_id, 'from_at', NEW.from_at, 'to_at', NEW.to_at));
END;
CREATE TRIGGER tier_spans_capture_update AFTER UPDATE ON tier_spans WHEN sb_capture_on()
  AND (NEW.domain_id IS NOT OLD.domain_id OR NEW.tier IS NOT OLD.tier OR NEW.assignee_id IS NOT OLD.assignee_id OR NEW.from_at IS NOT OLD.from_at OR NEW.to_at IS NOT OLD.to_at)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'tier_spans', json_array(NEW.ticket_id, NEW.seq), (SELECT json_group_object(k, v) FROM (SELECT 'domain_id' AS k, NEW.domain_id AS v WHERE NEW.domain_id IS NOT OLD.domain_id UNION ALL SELECT 'tier' AS k, NEW.tier AS v WHERE NEW.tier IS NOT OLD.tier UNION ALL SELECT 'assignee_id' AS k, NEW.assignee_id AS v WHERE NEW.assignee_id IS NOT OLD.assignee_id UNION ALL SELECT 'from_at' AS k, NEW.from_at AS v WHERE NEW.from_at IS NOT OLD.from_at UNION ALL SELECT 'to_at' AS k, NEW.to_at AS v WHERE NEW.to_at IS NOT OLD.to_at)));
END;
CREATE TRIGGER tier_spans_capture_delete AFTER DELETE ON tier_spans WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'tier_spans', json_array(OLD.ticket_id, OLD.seq), json_object('_deleted', 1));
END;
CREATE TRIGGER escalations_capture_insert AFTER INSERT ON escalations WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'escalations', json_array(NEW.id), json_object('id', NEW.id, 'ticket_id', NEW.ticket_id, 'from_domain_id', NEW.from_domain_id, 'from_tier', NEW.from_tier, 'to_domain_id', NEW.to_domain_id, 'to_tier', NEW.to_tier, 'reason', NEW.reason, 'note', NEW.note, 'rule', NEW.rule, 'from_assignee_id', NEW.from_assignee_id, 'by_id', NEW.by_id, 'at', NEW.at, 'state', NEW.state, 'decided_by', NEW.decided_by, 'decided_at', NEW.decided_at, 'decision_reason', NEW.decision_reason));
END;
CREATE TRIGGER escalations_capture_update AFTER UPDATE ON escalations WHEN sb_capture_on()
  AND (NEW.ticket_id IS NOT OLD.ticket_id OR NEW.from_domain_id IS NOT OLD.from_domain_id OR NEW.from_tier IS NOT OLD.from_tier OR NEW.to_domain_id IS NOT OLD.to_domain_id OR NEW.to_tier IS NOT OLD.to_tier OR NEW.reason IS NOT OLD.reason OR NEW.note IS NOT OLD.note OR NEW.rule IS NOT OLD.rule OR NEW.from_assignee_id IS NOT OLD.from_assignee_id OR NEW.by_id IS NOT OLD.by_id OR NEW.at IS NOT OLD.at OR NEW.state IS NOT OLD.state OR NEW.decided_by IS NOT OLD.decided_by OR NEW.decided_at IS NOT OLD.decided_at OR NEW.decision_reason IS NOT OLD.decision_reason)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'escalations', json_array(NEW.id), (SELECT json_group_object(k, v) FROM (SELECT 'ticket_id' AS k, NEW.ticket_id AS v WHERE NEW.ticket_id IS NOT OLD.ticket_id UNION ALL SELECT 'from_domain_id' AS k, NEW.from_domain_id AS v WHERE NEW.from_domain_id IS NOT OLD.from_domain_id UNION ALL SELECT 'from_tier' AS k, NEW.from_tier AS v WHERE NEW.from_tier IS NOT OLD.from_tier UNION ALL SELECT 'to_domain_id' AS k, NEW.to_domain_id AS v WHERE NEW.to_domain_id IS NOT OLD.to_domain_id UNION ALL SELECT 'to_tier' AS k, NEW.to_tier AS v WHERE NEW.to_tier IS NOT OLD.to_tier UNION ALL SELECT 'reason' AS k, NEW.reason AS v WHERE NEW.reason IS NOT OLD.reason UNION ALL SELECT 'note' AS k, NEW.note AS v WHERE NEW.note IS NOT OLD.note UNION ALL SELECT 'rule' AS k, NEW.rule AS v WHERE NEW.rule IS NOT OLD.rule UNION ALL SELECT 'from_assignee_id' AS k, NEW.from_assignee_id AS v WHERE NEW.from_assignee_id IS NOT OLD.from_assignee_id UNION ALL SELECT 'by_id' AS k, NEW.by_id AS v WHERE NEW.by_id IS NOT OLD.by_id UNION ALL SELECT 'at' AS k, NEW.at AS v WHERE NEW.at IS NOT OLD.at UNION ALL SELECT 'state' AS k, NEW.state AS v WHERE NEW.state IS NOT OLD.state UNION ALL SELECT 'decided_by' AS k, NEW.decided_by AS v WHERE NEW.decided_by IS NOT OLD.decided_by UNION ALL SELECT 'decided_at' AS k, NEW.decided_at AS v WHERE NEW.decided_at IS NOT OLD.decided_at UNION ALL SELECT 'decision_reason' AS k, NEW.decision_reason AS v WHERE NEW.decision_reason IS NOT OLD.decision_reason)));
END;
CREATE TRIGGER escalations_capture_delete AFTER DELETE ON escalations WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'escalations', json_array(OLD.id), json_object('_deleted', 1));
END;
CREATE TRIGGER rule_firings_capture_insert AFTER INSERT ON rule_firings WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'rule_firings', json_array(NEW.ticket_id, NEW.rule, NEW.condition), json_object('ticket_id', NEW.ticket_id, 'rule', NEW.rule, 'condition', NEW.condition, 'at', NEW.at));
END;
CREATE TRIGGER rule_firings_capture_update AFTER UPDATE ON rule_firings WHEN sb_capture_on()
  AND (NEW.at IS NOT OLD.at)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'rule_firings', json_array(NEW.ticket_id, NEW.rule, NEW.condition), (SELECT json_group_object(k, v) FROM (SELECT 'at' AS k, NEW.at AS v WHERE NEW.at IS NOT OLD.at)));
END;
CREATE TRIGGER rule_firings_capture_delete AFTER DELETE ON rule_firings WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'rule_firings', json_array(OLD.ticket_id, OLD.rule, OLD.condition), json_object('_deleted', 1));
END;
CREATE TRIGGER customers_capture_insert AFTER INSERT ON customers WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'customers', json_array(NEW.id), json_object('id', NEW.id, 'name', NEW.name, 'phone', NEW.phone, 'phone_norm', NEW.phone_norm, 'email', NEW.email, 'organisation', NEW.organisation, 'created_at', NEW.created_at, 'created_by', NEW.created_by, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by));
END;
CREATE TRIGGER customers_capture_update AFTER UPDATE ON customers WHEN sb_capture_on()
  AND (NEW.name IS NOT OLD.name OR NEW.phone IS NOT OLD.phone OR NEW.phone_norm IS NOT OLD.phone_norm OR NEW.email IS NOT OLD.email OR NEW.organisation IS NOT OLD.organisation OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by OR NEW.updated_at IS NOT OLD.updated_at OR NEW.updated_by IS NOT OLD.updated_by)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'customers', json_array(NEW.id), (SELECT json_group_object(k, v) FROM (SELECT 'name' AS k, NEW.name AS v WHERE NEW.name IS NOT OLD.name UNION ALL SELECT 'phone' AS k, NEW.phone AS v WHERE NEW.phone IS NOT OLD.phone UNION ALL SELECT 'phone_norm' AS k, NEW.phone_norm AS v WHERE NEW.phone_norm IS NOT OLD.phone_norm UNION ALL SELECT 'email' AS k, NEW.email AS v WHERE NEW.email IS NOT OLD.email UNION ALL SELECT 'organisation' AS k, NEW.organisation AS v WHERE NEW.organisation IS NOT OLD.organisation UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE NEW.created_at IS NOT OLD.created_at UNION ALL SELECT 'created_by' AS k, NEW.created_by AS v WHERE NEW.created_by IS NOT OLD.created_by UNION ALL SELECT 'updated_at' AS k, NEW.updated_at AS v WHERE NEW.updated_at IS NOT OLD.updated_at UNION ALL SELECT 'updated_by' AS k, NEW.updated_by AS v WHERE NEW.updated_by IS NOT OLD.updated_by)));
END;
CREATE TRIGGER customers_capture_delete AFTER DELETE ON customers WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'customers', json_array(OLD.id), json_object('_deleted', 1));
END;
CREATE TRIGGER accounts_capture_insert AFTER INSERT ON accounts WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'accounts', json_array(NEW.id), json_object('id', NEW.id, 'customer_id', NEW.customer_id, 'number', NEW.number, 'created_at', NEW.created_at, 'created_by', NEW.created_by, 'number_norm', NEW.number_norm));
END;
CREATE TRIGGER accounts_capture_update AFTER UPDATE ON accounts WHEN sb_capture_on()
  AND (NEW.customer_id IS NOT OLD.customer_id OR NEW.number IS NOT OLD.number OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by OR NEW.number_norm IS NOT OLD.number_norm)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'accounts', json_array(NEW.id), (SELECT json_group_object(k, v) FROM (SELECT 'customer_id' AS k, NEW.customer_id AS v WHERE NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'number' AS k, NEW.number AS v WHERE NEW.number IS NOT OLD.number UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE NEW.created_at IS NOT OLD.created_at UNION ALL SELECT 'created_by' AS k, NEW.created_by AS v WHERE NEW.created_by IS NOT OLD.created_by UNION ALL SELECT 'number_norm' AS k, NEW.number_norm AS v WHERE NEW.number_norm IS NOT OLD.number_norm)));
END;
CREATE TRIGGER accounts_capture_delete AFTER DELETE ON accounts WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'accounts', json_array(OLD.id), json_object('_deleted', 1));
END;
CREATE TRIGGER assets_capture_insert AFTER INSERT ON assets WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'assets', json_array(NEW.id), json_object('id', NEW.id, 'customer_id', NEW.customer_id, 'model_number', NEW.model_number, 'serial', NEW.serial, 'location', NEW.location, 'licence', NEW.licence, 'created_at', NEW.created_at, 'created_by', NEW.created_by));
END;
CREATE TRIGGER assets_capture_update AFTER UPDATE ON assets WHEN sb_capture_on()
  AND (NEW.customer_id IS NOT OLD.customer_id OR NEW.model_number IS NOT OLD.model_number OR NEW.serial IS NOT OLD.serial OR NEW.location IS NOT OLD.location OR NEW.licence IS NOT OLD.licence OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'assets', json_array(NEW.id), (SELECT json_group_object(k, v) FROM (SELECT 'customer_id' AS k, NEW.customer_id AS v WHERE NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'model_number' AS k, NEW.model_number AS v WHERE NEW.model_number IS NOT OLD.model_number UNION ALL SELECT 'serial' AS k, NEW.serial AS v WHERE NEW.serial IS NOT OLD.serial UNION ALL SELECT 'location' AS k, NEW.location AS v WHERE NEW.location IS NOT OLD.location UNION ALL SELECT 'licence' AS k, NEW.licence AS v WHERE NEW.licence IS NOT OLD.licence UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE NEW.created_at IS NOT OLD.created_at UNION ALL SELECT 'created_by' AS k, NEW.created_by AS v WHERE NEW.created_by IS NOT OLD.created_by)));
END;
CREATE TRIGGER assets_capture_delete AFTER DELETE ON assets WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'assets', json_array(OLD.id), json_object('_deleted', 1));
END;
CREATE TRIGGER calls_capture_insert AFTER INSERT ON calls WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'calls', json_array(NEW.id), json_object('id', NEW.id, 'customer_id', NEW.customer_id, 'account_id', NEW.account_id, 'asset_id', NEW.asset_id, 'direction', NEW.direction, 'contact_phone', NEW.contact_phone, 'contact_email', NEW.contact_email, 'taken_by', NEW.taken_by, 'created_at', NEW.created_at));
END;
CREATE TRIGGER calls_capture_update AFTER UPDATE ON calls WHEN sb_capture_on()
  AND (NEW.customer_id IS NOT OLD.customer_id OR NEW.account_id IS NOT OLD.account_id OR NEW.asset_id IS NOT OLD.asset_id OR NEW.direction IS NOT OLD.direction OR NEW.contact_phone IS NOT OLD.contact_phone OR NEW.contact_email IS NOT OLD.contact_email OR NEW.taken_by IS NOT OLD.taken_by OR NEW.created_at IS NOT OLD.created_at)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'calls', json_array(NEW.id), (SELECT json_group_object(k, v) FROM (SELECT 'customer_id' AS k, NEW.customer_id AS v WHERE NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'account_id' AS k, NEW.account_id AS v WHERE NEW.account_id IS NOT OLD.account_id UNION ALL SELECT 'asset_id' AS k, NEW.asset_id AS v WHERE NEW.asset_id IS NOT OLD.asset_id UNION ALL SELECT 'direction' AS k, NEW.direction AS v WHERE NEW.direction IS NOT OLD.direction UNION ALL SELECT 'contact_phone' AS k, NEW.contact_phone AS v WHERE NEW.contact_phone IS NOT OLD.contact_phone UNION ALL SELECT 'contact_email' AS k, NEW.contact_email AS v WHERE NEW.contact_email IS NOT OLD.contact_email UNION ALL SELECT 'taken_by' AS k, NEW.taken_by AS v WHERE NEW.taken_by IS NOT OLD.taken_by UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE NEW.created_at IS NOT OLD.created_at)));
END;
CREATE TRIGGER calls_capture_delete AFTER DELETE ON calls WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'calls', json_array(OLD.id), json_object('_deleted', 1));
END;
CREATE TRIGGER contacts_capture_insert AFTER INSERT ON contacts WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'contacts', json_array(NEW.id), json_object('id', NEW.id, 'ticket_id', NEW.ticket_id, 'customer_id', NEW.customer_id, 'direction', NEW.direction, 'channel', NEW.channel, 'outcome', NEW.outcome, 'at', NEW.at, 'duration_sec', NEW.duration_sec, 'summary', NEW.summary, 'closing', NEW.closing, 'next_at', NEW.next_at, 'next_reason', NEW.next_reason, 'corrects_id', NEW.corrects_id, 'logged_at', NEW.logged_at, 'logged_by', NEW.logged_by));
END;
CREATE TRIGGER contacts_capture_update AFTER UPDATE ON contacts WHEN sb_capture_on()
  AND (NEW.ticket_id IS NOT OLD.ticket_id OR NEW.customer_id IS NOT OLD.customer_id OR NEW.direction IS NOT OLD.direction OR NEW.channel IS NOT OLD.channel OR NEW.outcome IS NOT OLD.outcome OR NEW.at IS NOT OLD.at OR NEW.duration_sec IS NOT OLD.duration_sec OR NEW.summary IS NOT OLD.summary OR NEW.closing IS NOT OLD.closing OR NEW.next_at IS NOT OLD.next_at OR NEW.next_reason IS NOT OLD.next_reason OR NEW.corrects_id IS NOT OLD.corrects_id OR NEW.logged_at IS NOT OLD.logged_at OR NEW.logged_by IS NOT OLD.logged_by)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'contacts', json_array(NEW.id), (SELECT json_group_object(k, v) FROM (SELECT 'ticket_id' AS k, NEW.ticket_id AS v WHERE NEW.ticket_id IS NOT OLD.ticket_id UNION ALL SELECT 'customer_id' AS k, NEW.customer_id AS v WHERE NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'direction' AS k, NEW.direction AS v WHERE NEW.direction IS NOT OLD.direction UNION ALL SELECT 'channel' AS k, NEW.channel AS v WHERE NEW.channel IS NOT OLD.channel UNION ALL SELECT 'outcome' AS k, NEW.outcome AS v WHERE NEW.outcome IS NOT OLD.outcome UNION ALL SELECT 'at' AS k, NEW.at AS v WHERE NEW.at IS NOT OLD.at UNION ALL SELECT 'duration_sec' AS k, NEW.duration_sec AS v WHERE NEW.duration_sec IS NOT OLD.duration_sec UNION ALL SELECT 'summary' AS k, NEW.summary AS v WHERE NEW.summary IS NOT OLD.summary UNION ALL SELECT 'closing' AS k, NEW.closing AS v WHERE NEW.closing IS NOT OLD.closing UNION ALL SELECT 'next_at' AS k, NEW.next_at AS v WHERE NEW.next_at IS NOT OLD.next_at UNION ALL SELECT 'next_reason' AS k, NEW.next_reason AS v WHERE NEW.next_reason IS NOT OLD.next_reason UNION ALL SELECT 'corrects_id' AS k, NEW.corrects_id AS v WHERE NEW.corrects_id IS NOT OLD.corrects_id UNION ALL SELECT 'logged_at' AS k, NEW.logged_at AS v WHERE NEW.logged_at IS NOT OLD.logged_at UNION ALL SELECT 'logged_by' AS k, NEW.logged_by AS v WHERE NEW.logged_by IS NOT OLD.logged_by)));
END;
CREATE TRIGGER contacts_capture_delete AFTER DELETE ON contacts WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'contacts', json_array(OLD.id), json_object('_deleted', 1));
END;
CREATE TRIGGER ticket_answers_capture_insert AFTER INSERT ON ticket_answers WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'ticket_answers', json_array(NEW.ticket_id, NEW.question_id), json_object('ticket_id', NEW.ticket_id, 'question_id', NEW.question_id, 'question', NEW.question, 'answer', NEW.answer, 'answered_at', NEW.answered_at, 'answered_by', NEW.answered_by));
END;
CREATE TRIGGER ticket_answers_capture_update AFTER UPDATE ON ticket_answers WHEN sb_capture_on()
  AND (NEW.question IS NOT OLD.question OR NEW.answer IS NOT OLD.answer OR NEW.answered_at IS NOT OLD.answered_at OR NEW.answered_by IS NOT OLD.answered_by)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'ticket_answers', json_array(NEW.ticket_id, NEW.question_id), (SELECT json_group_object(k, v) FROM (SELECT 'question' AS k, NEW.question AS v WHERE NEW.question IS NOT OLD.question UNION ALL SELECT 'answer' AS k, NEW.answer AS v WHERE NEW.answer IS NOT OLD.answer UNION ALL SELECT 'answered_at' AS k, NEW.answered_at AS v WHERE NEW.answered_at IS NOT OLD.answered_at UNION ALL SELECT 'answered_by' AS k, NEW.answered_by AS v WHERE NEW.answered_by IS NOT OLD.answered_by)));
END;
CREATE TRIGGER ticket_answers_capture_delete AFTER DELETE ON ticket_answers WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'ticket_answers', json_array(OLD.ticket_id, OLD.question_id), json_object('_deleted', 1));
END;
CREATE TRIGGER sop_scripts_capture_insert AFTER INSERT ON sop_scripts WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'sop_scripts', json_array(NEW.category_id, NEW.version), json_object('category_id', NEW.category_id, 'version', NEW.version, 'questions', NEW.questions, 'created_at', NEW.created_at, 'created_by', NEW.created_by));
END;
CREATE TRIGGER sop_scripts_capture_update AFTER UPDATE ON sop_scripts WHEN sb_capture_on()
  AND (NEW.questions IS NOT OLD.questions OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'sop_scripts', json_array(NEW.category_id, NEW.version), (SELECT json_group_object(k, v) FROM (SELECT 'questions' AS k, NEW.questions AS v WHERE NEW.questions IS NOT OLD.questions UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE NEW.created_at IS NOT OLD.created_at UNION ALL SELECT 'created_by' AS k, NEW.created_by AS v WHERE NEW.created_by IS NOT OLD.created_by)));
END;
CREATE TRIGGER sop_scripts_capture_delete AFTER DELETE ON sop_scripts WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'sop_scripts', json_array(OLD.category_id, OLD.version), json_object('_deleted', 1));
END;
CREATE TRIGGER ticket_links_capture_insert AFTER INSERT ON ticket_links WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'ticket_links', json_array(NEW.id), json_object('id', NEW.id, 'from_id', NEW.from_id, 'to_id', NEW.to_id, 'kind', NEW.kind, 'created_at', NEW.created_at, 'created_by', NEW.created_by));
END;
CREATE TRIGGER ticket_links_capture_update AFTER UPDATE ON ticket_links WHEN sb_capture_on()
  AND (NEW.from_id IS NOT OLD.from_id OR NEW.to_id IS NOT OLD.to_id OR NEW.kind IS NOT OLD.kind OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'ticket_links', json_array(NEW.id), (SELECT json_group_object(k, v) FROM (SELECT 'from_id' AS k, NEW.from_id AS v WHERE NEW.from_id IS NOT OLD.from_id UNION ALL SELECT 'to_id' AS k, NEW.to_id AS v WHERE NEW.to_id IS NOT OLD.to_id UNION ALL SELECT 'kind' AS k, NEW.kind AS v WHERE NEW.kind IS NOT OLD.kind UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE NEW.created_at IS NOT OLD.created_at UNION ALL SELECT 'created_by' AS k, NEW.created_by AS v WHERE NEW.created_by IS NOT OLD.created_by)));
END;
CREATE TRIGGER ticket_links_capture_delete AFTER DELETE ON ticket_links WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'ticket_links', json_array(OLD.id), json_object('_deleted', 1));
END;
CREATE TRIGGER policies_capture_insert AFTER INSERT ON policies WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'policies', json_array(NEW.version), json_object('version', NEW.version, 'body', NEW.body, 'created_at', NEW.created_at, 'created_by', NEW.created_by));
END;
CREATE TRIGGER policies_capture_update AFTER UPDATE ON policies WHEN sb_capture_on()
  AND (NEW.body IS NOT OLD.body OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'policies', json_array(NEW.version), (SELECT json_group_object(k, v) FROM (SELECT 'body' AS k, NEW.body AS v WHERE NEW.body IS NOT OLD.body UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE NEW.created_at IS NOT OLD.created_at UNION ALL SELECT 'created_by' AS k, NEW.created_by AS v WHERE NEW.created_by IS NOT OLD.created_by)));
END;
CREATE TRIGGER policies_capture_delete AFTER DELETE ON policies WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'policies', json_array(OLD.version), json_object('_deleted', 1));
END;
CREATE TRIGGER calendars_capture_insert AFTER INSERT ON calendars WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'calendars', json_array(NEW.id), json_object('id', NEW.id, 'name', NEW.name, 'time_zone', NEW.time_zone, 'week', NEW.week, 'holidays', NEW.holidays, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by));
END;
CREATE TRIGGER calendars_capture_update AFTER UPDATE ON calendars WHEN sb_capture_on()
  AND (NEW.name IS NOT OLD.name OR NEW.time_zone IS NOT OLD.time_zone OR NEW.week IS NOT OLD.week OR NEW.holidays IS NOT OLD.holidays OR NEW.updated_at IS NOT OLD.updated_at OR NEW.updated_by IS NOT OLD.updated_by)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'calendars', json_array(NEW.id), (SELECT json_group_object(k, v) FROM (SELECT 'name' AS k, NEW.name AS v WHERE NEW.name IS NOT OLD.name UNION ALL SELECT 'time_zone' AS k, NEW.time_zone AS v WHERE NEW.time_zone IS NOT OLD.time_zone UNION ALL SELECT 'week' AS k, NEW.week AS v WHERE NEW.week IS NOT OLD.week UNION ALL SELECT 'holidays' AS k, NEW.holidays AS v WHERE NEW.holidays IS NOT OLD.holidays UNION ALL SELECT 'updated_at' AS k, NEW.updated_at AS v WHERE NEW.updated_at IS NOT OLD.updated_at UNION ALL SELECT 'updated_by' AS k, NEW.updated_by AS v WHERE NEW.updated_by IS NOT OLD.updated_by)));
END;
CREATE TRIGGER calendars_capture_delete AFTER DELETE ON calendars WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'calendars', json_array(OLD.id), json_object('_deleted', 1));
END;
CREATE TRIGGER desk_events_capture_insert AFTER INSERT ON desk_events WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'desk_events', json_array(NEW.id), json_object('id', NEW.id, 'type', NEW.type, 'data', NEW.data, 'actor_id', NEW.actor_id, 'at', NEW.at));
END;
CREATE TRIGGER desk_events_capture_update AFTER UPDATE ON desk_events WHEN sb_capture_on()
  AND (NEW.type IS NOT OLD.type OR NEW.data IS NOT OLD.data OR NEW.actor_id IS NOT OLD.actor_id OR NEW.at IS NOT OLD.at)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'desk_events', json_array(NEW.id), (SELECT json_group_object(k, v) FROM (SELECT 'type' AS k, NEW.type AS v WHERE NEW.type IS NOT OLD.type UNION ALL SELECT 'data' AS k, NEW.data AS v WHERE NEW.data IS NOT OLD.data UNION ALL SELECT 'actor_id' AS k, NEW.actor_id AS v WHERE NEW.actor_id IS NOT OLD.actor_id UNION ALL SELECT 'at' AS k, NEW.at AS v WHERE NEW.at IS NOT OLD.at)));
END;
CREATE TRIGGER desk_events_capture_delete AFTER DELETE ON desk_events WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'desk_events', json_array(OLD.id), json_object('_deleted', 1));
END;
CREATE TRIGGER users_capture_insert AFTER INSERT ON users WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'users', json_array(NEW.id), json_object('id', NEW.id, 'username', NEW.username, 'display_name', NEW.display_name, 'password_hash', NEW.password_hash, 'role', NEW.role, 'tier', NEW.tier, 'active', NEW.active, 'created_at', NEW.created_at, 'created_by', NEW.created_by, 'must_change_password', NEW.must_change_password));
END;
CREATE TRIGGER users_capture_update AFTER UPDATE ON users WHEN sb_capture_on()
  AND (NEW.username IS NOT OLD.username OR NEW.display_name IS NOT OLD.display_name OR NEW.password_hash IS NOT OLD.password_hash OR NEW.role IS NOT OLD.role OR NEW.tier IS NOT OLD.tier OR NEW.active IS NOT OLD.active OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by OR NEW.must_change_password IS NOT OLD.must_change_password)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'users', json_array(NEW.id), (SELECT json_group_object(k, v) FROM (SELECT 'username' AS k, NEW.username AS v WHERE NEW.username IS NOT OLD.username UNION ALL SELECT 'display_name' AS k, NEW.display_name AS v WHERE NEW.display_name IS NOT OLD.display_name UNION ALL SELECT 'password_hash' AS k, NEW.password_hash AS v WHERE NEW.password_hash IS NOT OLD.password_hash UNION ALL SELECT 'role' AS k, NEW.role AS v WHERE NEW.role IS NOT OLD.role UNION ALL SELECT 'tier' AS k, NEW.tier AS v WHERE NEW.tier IS NOT OLD.tier UNION ALL SELECT 'active' AS k, NEW.active AS v WHERE NEW.active IS NOT OLD.active UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE NEW.created_at IS NOT OLD.created_at UNION ALL SELECT 'created_by' AS k, NEW.created_by AS v WHERE NEW.created_by IS NOT OLD.created_by UNION ALL SELECT 'must_change_password' AS k, NEW.must_change_password AS v WHERE NEW.must_change_password IS NOT OLD.must_change_password)));
END;
CREATE TRIGGER users_capture_delete AFTER DELETE ON users WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'users', json_array(OLD.id), json_object('_deleted', 1));
END;
CREATE TRIGGER user_domains_capture_insert AFTER INSERT ON user_domains WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'user_domains', json_array(NEW.user_id, NEW.domain_id), json_object('user_id', NEW.user_id, 'domain_id', NEW.domain_id));
END;
CREATE TRIGGER user_domains_capture_delete AFTER DELETE ON user_domains WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'user_domains', json_array(OLD.user_id, OLD.domain_id), json_object('_deleted', 1));
END;
CREATE TRIGGER queues_capture_insert AFTER INSERT ON queues WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'queues', json_array(NEW.id), json_object('id', NEW.id, 'code', NEW.code, 'name', NEW.name, 'active', NEW.active, 'created_at', NEW.created_at, 'created_by', NEW.created_by));
END;
CREATE TRIGGER queues_capture_update AFTER UPDATE ON queues WHEN sb_capture_on()
  AND (NEW.code IS NOT OLD.code OR NEW.name IS NOT OLD.name OR NEW.active IS NOT OLD.active OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'queues', json_array(NEW.id), (SELECT json_group_object(k, v) FROM (SELECT 'code' AS k, NEW.code AS v WHERE NEW.code IS NOT OLD.code UNION ALL SELECT 'name' AS k, NEW.name AS v WHERE NEW.name IS NOT OLD.name UNION ALL SELECT 'active' AS k, NEW.active AS v WHERE NEW.active IS NOT OLD.active UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE NEW.created_at IS NOT OLD.created_at UNION ALL SELECT 'created_by' AS k, NEW.created_by AS v WHERE NEW.created_by IS NOT OLD.created_by)));
END;
CREATE TRIGGER queues_capture_delete AFTER DELETE ON queues WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'queues', json_array(OLD.id), json_object('_deleted', 1));
END;
CREATE TRIGGER categories_capture_insert AFTER INSERT ON categories WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'categories', json_array(NEW.id), json_object('id', NEW.id, 'code', NEW.code, 'name', NEW.name, 'domain', NEW.domain, 'default_queue_id', NEW.default_queue_id, 'active', NEW.active, 'created_at', NEW.created_at, 'created_by', NEW.created_by));
END;
CREATE TRIGGER categories_capture_update AFTER UPDATE ON categories WHEN sb_capture_on()
  AND (NEW.code IS NOT OLD.code OR NEW.name IS NOT OLD.name OR NEW.domain IS NOT OLD.domain OR NEW.default_queue_id IS NOT OLD.default_queue_id OR NEW.active IS NOT OLD.active OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'categories', json_array(NEW.id), (SELECT json_group_object(k, v) FROM (SELECT 'code' AS k, NEW.code AS v WHERE NEW.code IS NOT OLD.code UNION ALL SELECT 'name' AS k, NEW.name AS v WHERE NEW.name IS NOT OLD.name UNION ALL SELECT 'domain' AS k, NEW.domain AS v WHERE NEW.domain IS NOT OLD.domain UNION ALL SELECT 'default_queue_id' AS k, NEW.default_queue_id AS v WHERE NEW.default_queue_id IS NOT OLD.default_queue_id UNION ALL SELECT 'active' AS k, NEW.active AS v WHERE NEW.active IS NOT OLD.active UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE NEW.created_at IS NOT OLD.created_at UNION ALL SELECT 'created_by' AS k, NEW.created_by AS v WHERE NEW.created_by IS NOT OLD.created_by)));
END;
CREATE TRIGGER categories_capture_delete AFTER DELETE ON categories WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'categories', json_array(OLD.id), json_object('_deleted', 1));
END;
CREATE TRIGGER domains_capture_insert AFTER INSERT ON domains WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'domains', json_array(NEW.id), json_object('id', NEW.id, 'name', NEW.name, 'created_at', NEW.created_at));
END;
CREATE TRIGGER domains_capture_update AFTER UPDATE ON domains WHEN sb_capture_on()
  AND (NEW.name IS NOT OLD.name OR NEW.created_at IS NOT OLD.created_at)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'domains', json_array(NEW.id), (SELECT json_group_object(k, v) FROM (SELECT 'name' AS k, NEW.name AS v WHERE NEW.name IS NOT OLD.name UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE NEW.created_at IS NOT OLD.created_at)));
END;
CREATE TRIGGER domains_capture_delete AFTER DELETE ON domains WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'domains', json_array(OLD.id), json_object('_deleted', 1));
END;
CREATE TRIGGER tiers_capture_insert AFTER INSERT ON tiers WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'tiers', json_array(NEW.domain_id, NEW.level), json_object('domain_id', NEW.domain_id, 'level', NEW.level, 'queue_id', NEW.queue_id));
END;
CREATE TRIGGER tiers_capture_update AFTER UPDATE ON tiers WHEN sb_capture_on()
  AND (NEW.queue_id IS NOT OLD.queue_id)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'tiers', json_array(NEW.domain_id, NEW.level), (SELECT json_group_object(k, v) FROM (SELECT 'queue_id' AS k, NEW.queue_id AS v WHERE NEW.queue_id IS NOT OLD.queue_id)));
END;
CREATE TRIGGER tiers_capture_delete AFTER DELETE ON tiers WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'tiers', json_array(OLD.domain_id, OLD.level), json_object('_deleted', 1));
END;
CREATE TRIGGER settings_capture_insert AFTER INSERT ON settings WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'settings', json_array(NEW.key), json_object('key', NEW.key, 'value', NEW.value));
END;
CREATE TRIGGER settings_capture_update AFTER UPDATE ON settings WHEN sb_capture_on()
  AND (NEW.value IS NOT OLD.value)
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'settings', json_array(NEW.key), (SELECT json_group_object(k, v) FROM (SELECT 'value' AS k, NEW.value AS v WHERE NEW.value IS NOT OLD.value)));
END;
CREATE TRIGGER settings_capture_delete AFTER DELETE ON settings WHEN sb_capture_on()
BEGIN
  INSERT INTO outbox (id, hlc, author, tbl, key, fields) VALUES (sb_change_id(), sb_hlc(), sb_author(), 'settings', json_array(OLD.key), json_object('_deleted', 1));
END;
`,
};
