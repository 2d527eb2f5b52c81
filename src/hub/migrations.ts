/**
 * The hub's own schema, numbered like the desk's and applied at start under an advisory lock, so
 * several hub instances starting together migrate once. Every row is keyed by desk: one cluster
 * serves several desks without mixing them.
 */
import type pg from 'pg';

/**
 * The owners and ticket places of a log written before field desks (hub migration 6), by the same
 * rules push applies (scope.ts): a test holds the two together.
 */
export const BACKFILL_OWNERS = `
UPDATE changes SET
  owner_kind = CASE
    WHEN tbl IN ('tickets', 'ticket_pauses', 'tier_spans', 'rule_firings', 'ticket_answers',
                 'ticket_events', 'escalations', 'contacts') THEN 't'
    WHEN tbl IN ('customers', 'accounts', 'assets', 'calls') THEN 'c'
    WHEN tbl = 'ticket_links' THEN 'o' END,
  owner = CASE
    WHEN tbl IN ('tickets', 'ticket_pauses', 'tier_spans', 'rule_firings', 'ticket_answers', 'customers')
      THEN (key::jsonb)->>0
    WHEN tbl IN ('ticket_events', 'escalations', 'contacts') THEN fields->>'ticket_id'
    WHEN tbl IN ('accounts', 'assets', 'calls') THEN fields->>'customer_id' END
WHERE owner_kind IS NULL;
INSERT INTO row_owners (desk_id, tbl, key, owner)
SELECT DISTINCT ON (desk_id, tbl, key) desk_id, tbl, key, owner FROM changes
WHERE tbl IN ('escalations', 'accounts', 'assets') AND owner IS NOT NULL
ORDER BY desk_id, tbl, key, xid DESC, seq DESC
ON CONFLICT (desk_id, tbl, key) DO UPDATE SET owner = excluded.owner;
UPDATE changes c SET owner = r.owner FROM row_owners r
WHERE c.owner IS NULL AND c.owner_kind IN ('t', 'c')
  AND r.desk_id = c.desk_id AND r.tbl = c.tbl AND r.key = c.key;
UPDATE changes SET owner_kind = 'o' WHERE owner IS NULL AND owner_kind IN ('t', 'c');
INSERT INTO hub_tickets (desk_id, id, queue_id, queue_hlc, queue_by, customer_id, customer_hlc)
SELECT q.desk_id, q.id, q.queue_id, q.hlc, q.workstation_id, cu.customer_id, coalesce(cu.hlc, '')
FROM (SELECT DISTINCT ON (desk_id, owner) desk_id, owner AS id, fields->>'queue_id' AS queue_id, hlc, workstation_id
      FROM changes WHERE tbl = 'tickets' AND fields ? 'queue_id'
      ORDER BY desk_id, owner, hlc DESC) q
LEFT JOIN (SELECT DISTINCT ON (desk_id, owner) desk_id, owner AS id, fields->>'customer_id' AS customer_id, hlc
      FROM changes WHERE tbl = 'tickets' AND fields ? 'customer_id'
      ORDER BY desk_id, owner, hlc DESC) cu ON cu.desk_id = q.desk_id AND cu.id = q.id
ON CONFLICT (desk_id, id) DO NOTHING;
`;

const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'desks, workstations, join codes, the change log',
    sql: `
CREATE TABLE desks (
  id          text PRIMARY KEY CHECK (id ~ '^[A-Z0-9]{2,10}$'),
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE workstations (
  id          uuid PRIMARY KEY,
  desk_id     text NOT NULL REFERENCES desks (id),
  name        text NOT NULL,
  -- sha256 of the workstation's token: the hub never keeps the token itself.
  token_hash  bytea NOT NULL UNIQUE,
  joined_at   timestamptz NOT NULL DEFAULT now(),
  last_seen   timestamptz,
  revoked_at  timestamptz
);
CREATE TABLE join_codes (
  id          uuid PRIMARY KEY,
  desk_id     text NOT NULL REFERENCES desks (id),
  -- sha256 of the code, which is shown once to the admin who made it.
  code_hash   bytea NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  used_by     uuid REFERENCES workstations (id),
  revoked_at  timestamptz
);
-- The log of every change pushed, in the order the hub committed them. A change's id makes a
-- second delivery a no-op. xid is the pushing transaction's id: a pull serves only changes below
-- the oldest transaction still running, so a change that commits late is never skipped.
CREATE TABLE changes (
  desk_id         text NOT NULL REFERENCES desks (id),
  id              uuid NOT NULL,
  seq             bigint GENERATED ALWAYS AS IDENTITY,
  xid             xid8 NOT NULL DEFAULT pg_current_xact_id(),
  workstation_id  uuid NOT NULL REFERENCES workstations (id),
  hlc             text NOT NULL,
  author          uuid NOT NULL,
  tbl             text NOT NULL,
  key             text NOT NULL,
  fields          jsonb NOT NULL,
  received_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (desk_id, id)
);
CREATE INDEX changes_pull ON changes (desk_id, xid, seq);
`,
  },
  {
    version: 2,
    name: 'what each change had seen, ticket-number blocks',
    sql: `
-- Per field, the changes its author had seen set it before (null for a new row).
ALTER TABLE changes ADD COLUMN bases jsonb;
-- Each workstation's number within its desk: the mark on the keys it issues when it has used
-- up its leased numbers while the hub was away (LON-W3-0001).
ALTER TABLE workstations ADD COLUMN number int;
CREATE UNIQUE INDEX workstations_number ON workstations (desk_id, number);
-- The next ticket number the desk has not leased to any workstation.
CREATE TABLE key_blocks (
  desk_id  text PRIMARY KEY REFERENCES desks (id),
  next     bigint NOT NULL CHECK (next > 0)
);
`,
  },
  {
    version: 3,
    name: 'people and their roles, the founding workstation, who made each join code',
    sql: `
-- Each person of a desk as the desk's own changes to its users table have set them (the latest
-- clock wins per field, as on the workstations): the hub refuses a change its author's role may
-- not make. Empty clock text is older than any reading.
CREATE TABLE people (
  desk_id     text NOT NULL REFERENCES desks (id),
  user_id     uuid NOT NULL,
  role        text,
  role_hlc    text NOT NULL DEFAULT '',
  active      boolean,
  active_hlc  text NOT NULL DEFAULT '',
  PRIMARY KEY (desk_id, user_id)
);
-- The first workstation to push to the desk: the desk as it was before it joined comes from it,
-- written by the desk itself, so only it may send the desk's own changes to reference data.
ALTER TABLE desks ADD COLUMN founder uuid REFERENCES workstations (id);
ALTER TABLE join_codes ADD COLUMN created_by uuid;
`,
  },
  {
    version: 4,
    name: 'desk images',
    sql: `
-- The latest image of each desk (see src/imager): a compressed SQLite store at a cursor of the
-- log, in chunks. The one before it is kept until the next, so a download under way finishes.
CREATE TABLE desk_images (
  desk_id     text PRIMARY KEY REFERENCES desks (id),
  sha256      text NOT NULL,
  cursor      text NOT NULL,
  schema      int NOT NULL,
  bytes       bigint NOT NULL,
  changes     bigint NOT NULL,
  built_at    timestamptz NOT NULL DEFAULT now(),
  previous    text
);
CREATE TABLE desk_image_chunks (
  desk_id     text NOT NULL REFERENCES desks (id),
  sha256      text NOT NULL,
  n           int NOT NULL,
  data        bytea NOT NULL,
  PRIMARY KEY (desk_id, sha256, n)
);
-- Compressed already: PostgreSQL does not try again.
ALTER TABLE desk_image_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
`,
  },
  {
    version: 5,
    name: 'what workstations say of themselves, who revoked one',
    sql: `
ALTER TABLE workstations ADD COLUMN release text;
ALTER TABLE workstations ADD COLUMN waiting int;
ALTER TABLE workstations ADD COLUMN revoked_by uuid;
`,
  },
  {
    version: 6,
    name: 'field desks: scopes, whose each change is, where each ticket is, what each field desk holds',
    sql: `
-- A field desk's scope ({"queues": [...]}), given with its join code; null: the whole desk.
ALTER TABLE join_codes ADD COLUMN scope jsonb;
ALTER TABLE workstations ADD COLUMN scope jsonb;
-- Whose row each change is (shared/sync.ts ROW_OWNER): 't' a ticket's, 'c' a caller's, 'o' the
-- office's alone; null: the desk's reference data, given to every workstation.
ALTER TABLE changes ADD COLUMN owner_kind "char";
ALTER TABLE changes ADD COLUMN owner text;
CREATE INDEX changes_owner ON changes (desk_id, owner) WHERE owner IS NOT NULL;
-- The owner of rows whose later changes do not name it (escalations, accounts, equipment).
CREATE TABLE row_owners (
  desk_id  text NOT NULL REFERENCES desks (id),
  tbl      text NOT NULL,
  key      text NOT NULL,
  owner    text NOT NULL,
  PRIMARY KEY (desk_id, tbl, key)
);
-- Each ticket's queue and caller as the desk's changes set them (the latest clock wins), and the
-- workstation that set the queue last.
CREATE TABLE hub_tickets (
  desk_id       text NOT NULL REFERENCES desks (id),
  id            text NOT NULL,
  queue_id      text,
  queue_hlc     text NOT NULL DEFAULT '',
  queue_by      uuid,
  customer_id   text,
  customer_hlc  text NOT NULL DEFAULT '',
  PRIMARY KEY (desk_id, id)
);
CREATE INDEX hub_tickets_queue ON hub_tickets (desk_id, queue_id);
-- What each field desk holds: tickets ('t') and callers ('c') given to it or made on it. A row
-- given at scope epoch N counts once the laptop presents N; left_epoch: named as gone at that epoch.
CREATE TABLE holdings (
  workstation_id  uuid NOT NULL REFERENCES workstations (id),
  kind            "char" NOT NULL,
  id              text NOT NULL,
  since_epoch     int NOT NULL,
  left_epoch      int,
  PRIMARY KEY (workstation_id, kind, id)
);
${BACKFILL_OWNERS}
`,
  },
];

export const HUB_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

export async function migrate(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // One instance at a time; the others wait here, then find nothing left to do.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('switchboard-hub-migrations'))");
    await client.query(
      'CREATE TABLE IF NOT EXISTS hub_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM hub_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    let applied = 0;
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO hub_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
      applied++;
    }
    await client.query('COMMIT');
    return applied;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
