import type { Migration } from './migration.ts';

/*
 * Policy version 1 used to be `JSON.stringify(DEFAULT_POLICY)` pasted into this SQL, so the body a
 * desk started with followed the constant, and every change to it rewrote this migration:
 *   88066fb (this migration shipped): priorities (no retryMin), matrix, atRiskShare;
 *   da76568: + retryMin per priority (call-backs);  94be1ca: + escalation rules;
 *   490a188: + wall-board thresholds (the body below; DEFAULT_POLICY unchanged since).
 * Desks created on earlier commits hold one of the earlier bodies, and policyBodySchema still
 * reads each of them (retryMin optional, escalation and wallboard defaulted; the migration test
 * opens the shipped one). The text is frozen to the last body, not the first: it is what every
 * desk created since 490a188 holds and what a new desk must keep getting. The first body would
 * give new desks other call-back retries (8, 15, 240, 240 minutes instead of 10, 20, 120, 240).
 */

export const migration: Migration = {
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
INSERT INTO policies (version, body, created_at) VALUES (1, '{"priorities":[{"label":"Business failure","firstResponseMin":15,"updateEveryMin":30,"retryMin":10,"resolutionMin":240,"clock":"24x7","planned":false},{"label":"Critical","firstResponseMin":30,"updateEveryMin":60,"retryMin":20,"resolutionMin":480,"clock":"business","planned":false},{"label":"Routine service","firstResponseMin":240,"updateEveryMin":1440,"retryMin":120,"resolutionMin":4320,"clock":"business","planned":false},{"label":"Planned event","firstResponseMin":1440,"updateEveryMin":2880,"retryMin":240,"resolutionMin":10080,"clock":"business","planned":true}],"matrix":[[1,2,3],[2,3,3],[3,3,4]],"atRiskShare":0.75,"escalation":{"breachUp":true,"maxInTierMin":[240,960],"reopenedToTier2":2,"alertPriority1":true},"wallboard":{"breached":[1,5],"atRisk":[3,10],"awaitingAcceptance":[2,5],"callbacksOverdue":[1,5],"oldestWaitingMin":[15,30]}}', 0);
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
};
