/**
 * The desk's change log on the hub: pushes are appended once each (by change id), pulls serve
 * everything after a cursor in commit order. PostgreSQL's sequences commit out of order, so the
 * cursor is not a sequence number: a pull serves only changes whose transaction is older than
 * every transaction still running (pg_snapshot_xmin), ordered by (transaction, sequence), so a
 * push that commits late is served after the cursor, never skipped.
 */
import type pg from 'pg';
import {
  FIRST_CURSOR,
  hlcWall,
  MAX_CLOCK_AHEAD_MS,
  MAX_PULL,
  type Change,
  type PullReply,
  type PushReply,
  type KeysReply,
} from '../shared/sync.ts';
import type { Workstation } from './access.ts';
import { HubError } from './failure.ts';
import { inTransaction } from './postgres.ts';
import { checkRoles } from './roles.ts';
import { checkScope, notePlaces, ownersOf, reconcile, splitCursor, type Owned } from './scope.ts';

/** The channel a push nudges: listeners pull; the data never travels by NOTIFY. */
export const NUDGE_CHANNEL = 'switchboard_changes';

/** A remote clock far ahead is refused, not adopted: one skewed workstation would drag all. */
export function checkClocks(changes: readonly Change[], now: number): void {
  changes.forEach((c, i) => {
    if (hlcWall(c.hlc) > now + MAX_CLOCK_AHEAD_MS)
      throw new HubError(
        'CLOCK_SKEW',
        `This workstation's clock is ahead of the hub's by more than ${MAX_CLOCK_AHEAD_MS / 60_000} minutes: set its date and time, then sync again`,
        `changes.${i}.hlc`,
      );
  });
}

/** Appends the changes inside the caller's transaction; returns how many were new. */
export async function appendChanges(
  client: pg.PoolClient | pg.Client,
  ws: Workstation,
  changes: readonly Change[],
  owned: readonly Owned[],
): Promise<number> {
  const r = await client.query(
    `INSERT INTO changes (desk_id, id, workstation_id, hlc, author, tbl, key, fields, bases, owner_kind, owner)
     SELECT $1, x.id, $2, x.hlc, x.author, x.tbl, x.key, x.fields, x.bases, x.owner_kind, x.owner
     FROM jsonb_to_recordset($3::jsonb)
       AS x(id uuid, hlc text, author uuid, tbl text, key text, fields jsonb, bases jsonb, ord int, owner_kind "char", owner text)
     ORDER BY x.ord
     ON CONFLICT (desk_id, id) DO NOTHING`,
    [
      ws.deskId,
      ws.id,
      JSON.stringify(
        changes.map((c, ord) => ({
          id: c.id,
          hlc: c.hlc,
          author: c.author,
          tbl: c.table,
          key: c.key,
          fields: c.fields,
          bases: c.bases ?? null,
          ord,
          owner_kind: owned[ord]!.kind,
          owner: owned[ord]!.owner,
        })),
      ),
    ],
  );
  return r.rowCount ?? 0;
}

/**
 * One push, in one transaction: a change the hub has already is skipped, not doubled; a change
 * its author's role may not make, or a field desk's change outside its scope, is refused (listed
 * in the reply, not stored), the rest stored.
 */
export async function push(
  db: pg.Pool,
  ws: Workstation,
  changes: readonly Change[],
  now = Date.now(),
): Promise<PushReply> {
  checkClocks(changes, now);
  const { accepted, refused } = await inTransaction(db, async (client) => {
    const owned = await ownersOf(client, ws.deskId, changes);
    const scoped = ws.scope
      ? await checkScope(client, { ...ws, scope: ws.scope }, changes, owned)
      : { refused: [], made: [] };
    const outside = scoped.refused;
    const out = new Set(outside.map((r) => r.id));
    const checked = await checkRoles(
      client,
      ws,
      changes.filter((c) => !out.has(c.id)),
    );
    const ownedById = new Map(changes.map((c, i) => [c.id, owned[i]!]));
    const allowedOwned = checked.allowed.map((c) => ownedById.get(c.id)!);
    const accepted = checked.allowed.length
      ? await appendChanges(client, ws, checked.allowed, allowedOwned)
      : 0;
    // What a field desk made is never outside its scope, and tickets and callers need no role.
    await notePlaces(client, ws, checked.allowed, scoped.made);
    return { refused: [...outside, ...checked.refused], accepted };
  });
  // After the commit and outside it: NOTIFY in the push's transaction would take the global
  // notify lock at its commit. The payload only says which desk to pull.
  if (accepted > 0)
    await db.query('SELECT pg_notify($1, $2)', [NUDGE_CHANNEL, ws.deskId]).catch(() => undefined);
  return { accepted, duplicates: changes.length - refused.length - accepted, refused };
}

/**
 * The desk's changes after `cursor`, oldest first, at most `limit`, as the JSON text of a
 * PullReply. PostgreSQL writes the page itself, so the hub neither parses nor re-encodes the
 * changes it serves (a first sync is a million of them).
 */
export async function pullText(
  db: pg.Pool,
  ws: Workstation,
  cursor = FIRST_CURSOR,
  limit = MAX_PULL,
  /**
   * own: its own changes too (a workstation restored from a backup takes back what it made since).
   * reset: a restored field desk's holdings start again (what it has is no longer known).
   */
  o: { own?: boolean; reset?: boolean } = {},
): Promise<string> {
  if (ws.scope) {
    const scope = ws.scope;
    // A field desk's scope is set against its holdings first: what moved travels on its own page.
    const moved = await inTransaction(db, async (client) => {
      if (o.reset) await client.query('DELETE FROM holdings WHERE workstation_id = $1', [ws.id]);
      return reconcile(client, { ...ws, scope }, cursor);
    });
    if (moved) return JSON.stringify({ ...moved, more: true });
  }
  const { log, epoch } = splitCursor(cursor);
  const [xid, seq] = log.split(':') as [string, string];
  const scoped = ws.scope ? true : false;
  const n = Math.min(Math.max(1, limit), MAX_PULL);
  const change = (withBases: boolean) =>
    `json_build_object('id', id, 'hlc', hlc, 'author', author, 'table', tbl, 'key', key,
       'fields', fields, ${withBases ? "'bases', bases, " : ''}'workstation', workstation_id)`;
  const r = await db.query<{ body: string }>(
    // Ordered by the columns, not the text they are sent as. One row past the page says `more`.
    `WITH page AS (
       SELECT c.*, row_number() OVER (ORDER BY c.xid, c.seq) AS rn
       FROM (
         SELECT id, xid, seq, workstation_id, hlc, author, tbl, key, fields, bases, owner_kind, owner
         FROM changes
         WHERE desk_id = $1 AND (xid, seq) > ($2::xid8, $3::bigint)
           AND xid < pg_snapshot_xmin(pg_current_snapshot())
         ORDER BY xid, seq
         LIMIT $4 + 1
       ) c
     ),
     served AS (SELECT * FROM page WHERE rn <= $4)
     SELECT json_build_object(
       -- A workstation's own changes are not sent back (it has them); the cursor still passes them.
       'changes', coalesce(
         (SELECT json_agg(CASE WHEN bases IS NULL THEN ${change(false)} ELSE ${change(true)} END
                          ORDER BY rn)
          FROM served WHERE ($9 OR workstation_id <> $5)
            -- A field desk is served the desk's reference data and what it holds.
            AND (NOT $7 OR owner_kind IS NULL OR EXISTS (
              SELECT 1 FROM holdings h
              WHERE h.workstation_id = $5 AND h.kind = served.owner_kind AND h.id = served.owner))),
         '[]'::json),
       'cursor', coalesce(
         (SELECT xid::text || ':' || seq::text || $8::text FROM served ORDER BY rn DESC LIMIT 1),
         $6::text),
       'more', (SELECT count(*) FROM page) > $4
     )::text AS body`,
    [ws.deskId, xid, seq, n, ws.id, cursor, scoped, scoped ? `:${epoch}` : '', o.own === true],
  );
  return r.rows[0]!.body;
}

/** The same page as a value (for the long-poll and the hub's own checks). */
export async function pull(
  db: pg.Pool,
  ws: Workstation,
  cursor = FIRST_CURSOR,
  limit = MAX_PULL,
): Promise<PullReply> {
  return JSON.parse(await pullText(db, ws, cursor, limit)) as PullReply;
}

/**
 * Leases the next `count` ticket numbers to a workstation, never below `atLeast`: one row per
 * desk, moved on in one statement, so two workstations asking at once get different blocks.
 */
export async function leaseKeys(
  db: pg.Pool,
  ws: Workstation,
  count: number,
  atLeast: number,
): Promise<KeysReply> {
  const r = await db.query<{ from: string }>(
    `INSERT INTO key_blocks AS k (desk_id, next) VALUES ($1, $2::bigint + $3)
     ON CONFLICT (desk_id) DO UPDATE SET next = greatest(k.next, $2::bigint) + $3
     RETURNING (next - $3)::text AS "from"`,
    [ws.deskId, atLeast, count],
  );
  const from = Number(r.rows[0]!.from);
  return { from, to: from + count };
}
