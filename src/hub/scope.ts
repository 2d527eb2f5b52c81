/**
 * Field desks: what a scoped workstation is given of its desk, and what it may change. The hub
 * keeps, from the desk's own changes, each ticket's queue and caller (hub_tickets, the latest
 * clock winning as on the workstations) and the owner of every change's row (ROW_OWNER in
 * shared/sync.ts); a field desk's holdings are the tickets and callers it has.
 *
 * At each pull a field desk's holdings are set against its scope: what entered is served whole
 * (its history, the field desk's own changes among it), what left is
 * named for the laptop to remove. Both travel in a page of their own whose cursor carries a new
 * scope epoch: the laptop presents it at its next pull only once the page is applied, so a page
 * lost on the way, or not applied, is served again rather than taken as had.
 */
import type pg from 'pg';
import {
  ownerOf,
  ROW_OWNER,
  type Change,
  type PulledChange,
  type Refusal,
  type Scope,
  type ScopeMoves,
} from '../shared/sync.ts';
import type { Workstation } from './access.ts';

/** The owner column's letters: a ticket's, a caller's, the office's alone (null: the desk's). */
type OwnerKind = 't' | 'c' | 'o';
export interface Owned {
  kind: OwnerKind | null;
  owner: string | null;
}

const LETTER = { ticket: 't', customer: 'c', office: 'o' } as const;

/** At most this many tickets enter a field desk in one page (with their callers). */
const ENTER_BATCH = 200;

/**
 * Each change's owner, in order: named by the change itself, else by the row's first change
 * (row_owners, or an earlier change of this push). Records the owners later changes will need.
 */
export async function ownersOf(
  client: pg.PoolClient,
  deskId: string,
  changes: readonly Change[],
): Promise<Owned[]> {
  const unnamed = changes.filter((c) => ownerOf(c) === undefined);
  const known = new Map<string, string>();
  if (unnamed.length) {
    const r = await client.query<{ tbl: string; key: string; owner: string }>(
      `SELECT tbl, key, owner FROM row_owners
       WHERE desk_id = $1 AND (tbl, key) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [deskId, unnamed.map((c) => c.table), unnamed.map((c) => c.key)],
    );
    for (const x of r.rows) known.set(`${x.tbl} ${x.key}`, x.owner);
  }
  const remember: { tbl: string; key: string; owner: string }[] = [];
  const out = changes.map((c): Owned => {
    const named = ownerOf(c);
    if (named === null) return { kind: null, owner: null };
    const rule = ROW_OWNER[c.table]!;
    if (named === undefined) {
      const owner = known.get(`${c.table} ${c.key}`);
      // A row whose first change the hub never saw: given to no field desk.
      return owner ? { kind: LETTER[rule.kind], owner } : { kind: 'o', owner: null };
    }
    if (rule.kind !== 'office' && rule.from === 'field' && named.id) {
      known.set(`${c.table} ${c.key}`, named.id);
      remember.push({ tbl: c.table, key: c.key, owner: named.id });
    }
    return { kind: LETTER[named.kind], owner: named.id };
  });
  // Only rows whose later changes do not name their owner need remembering.
  const needed = remember.filter(
    (x) => x.tbl === 'escalations' || x.tbl === 'accounts' || x.tbl === 'assets',
  );
  if (needed.length)
    await client.query(
      `INSERT INTO row_owners (desk_id, tbl, key, owner)
       SELECT $1, x.tbl, x.key, x.owner FROM jsonb_to_recordset($2::jsonb) AS x(tbl text, key text, owner text)
       ON CONFLICT (desk_id, tbl, key) DO UPDATE SET owner = excluded.owner`,
      [deskId, JSON.stringify(needed)],
    );
  return out;
}

interface TicketPlace {
  queue: string | null;
  queueBy: string | null;
}

async function placesOf(
  client: pg.PoolClient,
  deskId: string,
  ids: readonly string[],
): Promise<Map<string, TicketPlace>> {
  const r = await client.query<{ id: string; queue_id: string | null; queue_by: string | null }>(
    'SELECT id, queue_id, queue_by FROM hub_tickets WHERE desk_id = $1 AND id = ANY($2::text[])',
    [deskId, ids],
  );
  return new Map(r.rows.map((t) => [t.id, { queue: t.queue_id, queueBy: t.queue_by }]));
}

/**
 * A field desk's push, split into what it may change and what is outside its scope: a ticket the
 * hub has never seen (it made it), a ticket in one of its queues when the push began, or one it
 * moved out of them itself (until it pulls and lets it go); a caller it holds or made. The
 * desk's reference data is the role check's (roles.ts).
 */
export async function checkScope(
  client: pg.PoolClient,
  ws: Workstation & { scope: Scope },
  changes: readonly Change[],
  owned: readonly Owned[],
): Promise<{ refused: Refusal[]; made: Owned[] }> {
  const tickets = [...new Set(owned.filter((o) => o.kind === 't' && o.owner).map((o) => o.owner!))];
  const customers = [
    ...new Set(owned.filter((o) => o.kind === 'c' && o.owner).map((o) => o.owner!)),
  ];
  const places = await placesOf(client, ws.deskId, tickets);
  const held = new Set(
    (
      await client.query<{ id: string }>(
        `SELECT id FROM holdings WHERE workstation_id = $1 AND kind = 'c' AND id = ANY($2::text[])`,
        [ws.id, customers],
      )
    ).rows.map((r) => r.id),
  );
  const seen = new Set(
    (
      await client.query<{ owner: string }>(
        `SELECT DISTINCT owner FROM changes WHERE desk_id = $1 AND owner = ANY($2::text[]) AND owner_kind = 'c'`,
        [ws.deskId, customers.filter((c) => !held.has(c))],
      )
    ).rows.map((r) => r.owner),
  );
  const queues = new Set(ws.scope.queues);
  const refused: Refusal[] = [];
  // Tickets and callers new to the hub: the field desk made them, so it holds them. What the hub
  // had before is held only once the hub has served it (see reconcile).
  const made = new Map<string, Owned>();
  changes.forEach((c, i) => {
    const o = owned[i]!;
    if (!o.owner) return;
    if (o.kind === 't') {
      const p = places.get(o.owner);
      if (!p) made.set(`t ${o.owner}`, o);
      if (!p || (p.queue !== null && queues.has(p.queue)) || p.queueBy === ws.id) return;
      refused.push({
        id: c.id,
        code: 'OUT_OF_SCOPE',
        message:
          'This ticket is in a queue this field desk does not serve (it was moved while the field desk was away): the change was not sent',
      });
    } else if (o.kind === 'c' && !held.has(o.owner)) {
      if (!seen.has(o.owner)) {
        made.set(`c ${o.owner}`, o);
        return;
      }
      refused.push({
        id: c.id,
        code: 'OUT_OF_SCOPE',
        message: 'This caller is not one this field desk serves: the change was not sent',
      });
    }
  });
  return { refused, made: [...made.values()] };
}

/**
 * After an accepted push: each ticket's queue and caller as its changes set them (the latest
 * clock wins), and, for a field desk, the tickets and callers it made (it has them).
 */
export async function notePlaces(
  client: pg.PoolClient,
  ws: Workstation,
  changes: readonly Change[],
  made: readonly Owned[],
): Promise<void> {
  // Per ticket, the latest of this push's readings for its queue and for its caller; then one
  // statement that keeps, for each, whichever is later: the push's or what the hub had.
  const latest = new Map<
    string,
    { queue?: { v: string; hlc: string }; customer?: { v: string; hlc: string } }
  >();
  for (const c of changes) {
    if (c.table !== 'tickets' || c.fields['_deleted']) continue;
    const id = ownerOf(c)?.id;
    if (!id) continue;
    const q = c.fields['queue_id'];
    const cu = c.fields['customer_id'];
    const t = latest.get(id) ?? {};
    if (typeof q === 'string' && (!t.queue || c.hlc > t.queue.hlc)) t.queue = { v: q, hlc: c.hlc };
    if (typeof cu === 'string' && (!t.customer || c.hlc > t.customer.hlc))
      t.customer = { v: cu, hlc: c.hlc };
    if (t.queue || t.customer) latest.set(id, t);
  }
  if (latest.size)
    await client.query(
      `INSERT INTO hub_tickets AS t (desk_id, id, queue_id, queue_hlc, queue_by, customer_id, customer_hlc)
       SELECT $1, x.id, x.queue_id, coalesce(x.queue_hlc, ''),
              CASE WHEN x.queue_id IS NULL THEN NULL ELSE $2::uuid END,
              x.customer_id, coalesce(x.customer_hlc, '')
       FROM jsonb_to_recordset($3::jsonb)
         AS x(id text, queue_id text, queue_hlc text, customer_id text, customer_hlc text)
       ON CONFLICT (desk_id, id) DO UPDATE SET
         queue_id = CASE WHEN excluded.queue_hlc > t.queue_hlc THEN excluded.queue_id ELSE t.queue_id END,
         queue_by = CASE WHEN excluded.queue_hlc > t.queue_hlc THEN excluded.queue_by ELSE t.queue_by END,
         queue_hlc = greatest(t.queue_hlc, excluded.queue_hlc),
         customer_id = CASE WHEN excluded.customer_hlc > t.customer_hlc THEN excluded.customer_id ELSE t.customer_id END,
         customer_hlc = greatest(t.customer_hlc, excluded.customer_hlc)`,
      [
        ws.deskId,
        ws.id,
        JSON.stringify(
          [...latest].map(([id, t]) => ({
            id,
            queue_id: t.queue?.v ?? null,
            queue_hlc: t.queue?.hlc ?? null,
            customer_id: t.customer?.v ?? null,
            customer_hlc: t.customer?.hlc ?? null,
          })),
        ),
      ],
    );
  const mine = made.filter((o) => (o.kind === 't' || o.kind === 'c') && o.owner);
  if (mine.length)
    await client.query(
      `INSERT INTO holdings (workstation_id, kind, id, since_epoch)
       SELECT $1, x.kind, x.id, 0 FROM jsonb_to_recordset($2::jsonb) AS x(kind "char", id text)
       ON CONFLICT DO NOTHING`,
      [ws.id, JSON.stringify(mine.map((o) => ({ kind: o.kind, id: o.owner })))],
    );
}

/** A cursor as a field desk presents it: the log's position, and the scope epoch it has applied. */
export function splitCursor(cursor: string): { log: string; epoch: number } {
  const [xid, seq, epoch] = cursor.split(':');
  return { log: `${xid}:${seq}`, epoch: Number(epoch ?? 0) };
}

export interface ScopePage {
  changes: PulledChange[];
  cursor: string;
  scope: ScopeMoves;
}

/**
 * Sets a field desk's holdings against its scope. Null when nothing moved (the ordinary page
 * follows); else the page that carries the moves, at the same log position and a new epoch.
 * Serialised per workstation by its row's lock.
 */
export async function reconcile(
  client: pg.PoolClient,
  ws: Workstation & { scope: Scope },
  cursor: string,
): Promise<ScopePage | null> {
  const { log, epoch } = splitCursor(cursor);
  await client.query('SELECT 1 FROM workstations WHERE id = $1 FOR UPDATE', [ws.id]);
  // What the laptop has not applied yet (it presents an older epoch) counts as not done.
  await client.query(
    'DELETE FROM holdings WHERE workstation_id = $1 AND (since_epoch > $2 OR left_epoch <= $2)',
    [ws.id, epoch],
  );
  await client.query(
    'UPDATE holdings SET left_epoch = NULL WHERE workstation_id = $1 AND left_epoch > $2',
    [ws.id, epoch],
  );
  const r = await client.query<{ kind: 't' | 'c'; id: string; move: 'in' | 'out' }>(
    `WITH wanted_t AS (
       SELECT id, customer_id FROM hub_tickets WHERE desk_id = $1 AND queue_id = ANY($3::text[])
     ),
     wanted_c AS (SELECT DISTINCT customer_id AS id FROM wanted_t WHERE customer_id IS NOT NULL),
     held AS (SELECT kind, id FROM holdings WHERE workstation_id = $2),
     in_t AS (
       SELECT 't'::"char" AS kind, w.id FROM wanted_t w
       WHERE NOT EXISTS (SELECT 1 FROM held h WHERE h.kind = 't' AND h.id = w.id)
       ORDER BY w.id LIMIT ${ENTER_BATCH}
     )
     SELECT kind, id, 'in' AS move FROM in_t
     UNION ALL
     SELECT 'c', w.id, 'in' FROM wanted_c w
     WHERE NOT EXISTS (SELECT 1 FROM held h WHERE h.kind = 'c' AND h.id = w.id)
       AND (NOT EXISTS (SELECT 1 FROM in_t)
            OR w.id IN (SELECT customer_id FROM wanted_t WHERE id IN (SELECT id FROM in_t)))
     UNION ALL
     SELECT h.kind, h.id, 'out' FROM held h
     WHERE (h.kind = 't' AND NOT EXISTS (SELECT 1 FROM wanted_t w WHERE w.id = h.id))
        OR (h.kind = 'c' AND NOT EXISTS (SELECT 1 FROM wanted_c w WHERE w.id = h.id))`,
    [ws.deskId, ws.id, ws.scope.queues],
  );
  if (r.rows.length === 0) return null;
  const next = epoch + 1;
  const entering = r.rows.filter((x) => x.move === 'in');
  const leaving = r.rows.filter((x) => x.move === 'out');
  if (entering.length)
    await client.query(
      `INSERT INTO holdings (workstation_id, kind, id, since_epoch)
       SELECT $1, x.kind, x.id, $3 FROM jsonb_to_recordset($2::jsonb) AS x(kind "char", id text)`,
      [ws.id, JSON.stringify(entering.map(({ kind, id }) => ({ kind, id }))), next],
    );
  if (leaving.length)
    await client.query(
      `UPDATE holdings SET left_epoch = $3
       WHERE workstation_id = $1 AND (kind, id) IN (SELECT x.kind, x.id FROM jsonb_to_recordset($2::jsonb) AS x(kind "char", id text))`,
      [ws.id, JSON.stringify(leaving.map(({ kind, id }) => ({ kind, id }))), next],
    );
  // What entered, whole, its own changes too: the laptop let them go when it last left. Changes
  // after the cursor come again in the ordinary pages: applying one twice changes nothing.
  const history = entering.length
    ? (
        await client.query<{ change: PulledChange }>(
          `SELECT CASE WHEN bases IS NULL
                    THEN json_build_object('id', id, 'hlc', hlc, 'author', author, 'table', tbl,
                           'key', key, 'fields', fields, 'workstation', workstation_id)
                    ELSE json_build_object('id', id, 'hlc', hlc, 'author', author, 'table', tbl,
                           'key', key, 'fields', fields, 'bases', bases, 'workstation', workstation_id)
                  END AS change
           FROM changes
           WHERE desk_id = $1 AND (owner_kind, owner) IN
               (SELECT x.kind, x.id FROM jsonb_to_recordset($2::jsonb) AS x(kind "char", id text))
             AND xid < pg_snapshot_xmin(pg_current_snapshot())
           ORDER BY xid, seq`,
          [ws.deskId, JSON.stringify(entering.map(({ kind, id }) => ({ kind, id })))],
        )
      ).rows.map((x) => x.change)
    : [];
  const pick = (kind: 't' | 'c') => leaving.filter((x) => x.kind === kind).map((x) => x.id);
  return {
    changes: history,
    cursor: `${log}:${next}`,
    scope: {
      ...(entering.length
        ? {
            entered: {
              tickets: entering.filter((x) => x.kind === 't').map((x) => x.id),
              customers: entering.filter((x) => x.kind === 'c').map((x) => x.id),
            },
          }
        : {}),
      ...(leaving.length ? { left: { tickets: pick('t'), customers: pick('c') } } : {}),
    },
  };
}
