/**
 * Applies what a pull brought, in one transaction with the cursor that pull moved to: facts as a
 * union by key, changing rows field by field by the merge rules (merge.ts), conflicts into the
 * tickets' histories, then each touched ticket's derived data (contact facts, SLA clocks and
 * call-backs, search rows) recomputed here, never taken from the change. This module is the
 * second writer of every replicated table, by design: it writes what another workstation's
 * owning module wrote there.
 *
 * A change this release cannot apply (an unknown table or field, a key of the wrong shape, a row
 * whose parent has not arrived, a clock far ahead) is held in sync_held, never dropped, and tried
 * again after every pull: an upgrade or a later change makes it apply.
 */
import { hlcWall, ROW_OWNER, type PulledChange, type ScopeMoves } from '../../shared/sync.ts';
import type { HistoryEventData } from '../../shared/history-events.ts';
import type { Ctx } from '../kernel/context.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { refreshContactFacts } from '../communication/contacts.ts';
import { reindexAsset, reindexCustomer } from '../callers/customers.ts';
import { applySla, SYSTEM_USER_ID } from '../sla/clocks.ts';
import { forgetOutcomes, indexNote, indexTicket, recordConflict } from '../tickets/write.ts';
import { applyingRemote, capturingOwn, receiveClock } from './capture.ts';
import {
  conflictEventId,
  fieldClock,
  isCreation,
  mergeField,
  valueClock,
  writeFieldClock,
} from './merge.ts';
import { stampOutbox } from './outbox.ts';
import { leaveScope, takeBack } from './scope.ts';
import { noteSeenHlc, writeSyncValue } from './state.ts';
import { REPLICATED, type ReplicatedTable } from './tables.ts';

type ApplyCtx = Pick<Ctx, 'db' | 'clock' | 'newId' | 'emit'>;

export interface Applied {
  /** Changes from other workstations applied (whether or not a field of theirs won). */
  applied: number;
  /** This workstation's own changes, served back: applied already. */
  own: number;
  /** Changes kept aside for a later try (see sync_held). */
  held: number;
  /** Conflicts written into tickets' histories by this apply. */
  conflicts: number;
  tickets: string[];
}

/** The tables' fields whose lost values people need to see, in the ticket's history. */
const CONFLICT_FIELDS: Record<string, readonly string[]> = {
  tickets: [
    'status',
    'priority',
    'assignee_id',
    'queue_id',
    'category_id',
    'title',
    'description',
    'impact',
    'urgency',
    'tier',
    'domain_id',
    'solution',
    'root_cause',
    'reproduction_steps',
    'planned_start',
    'planned_end',
    'asset_id',
    'account_id',
  ],
  ticket_answers: ['answer'],
};

class Held extends Error {}

const columnCache = new WeakMap<Db, Map<string, Set<string>>>();
function columnsOf(db: Db, table: string): Set<string> {
  let m = columnCache.get(db);
  if (!m) columnCache.set(db, (m = new Map()));
  let cols = m.get(table);
  if (!cols) {
    const info = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
    m.set(table, (cols = new Set(info.map((c) => c.name))));
  }
  return cols;
}

type Scalar = string | number | null;
const isScalar = (v: unknown): v is Scalar =>
  v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/** What a change names, checked against this release's schema; refuses by throwing Held. */
function checked(db: Db, c: PulledChange): { table: ReplicatedTable; key: Scalar[] } {
  const table = Object.hasOwn(REPLICATED, c.table) ? REPLICATED[c.table]! : null;
  if (!table) throw new Held(`unknown table ${c.table}`);
  let key: unknown;
  try {
    key = JSON.parse(c.key);
  } catch {
    throw new Held('its key is not JSON');
  }
  if (!Array.isArray(key) || key.length !== table.key.length || !key.every(isScalar))
    throw new Held(`its key does not name a row of ${c.table}`);
  const cols = columnsOf(db, c.table);
  for (const [f, v] of Object.entries(c.fields)) {
    if (f === '_deleted') continue;
    if (!cols.has(f) || table.derived.includes(f)) throw new Held(`unknown field ${c.table}.${f}`);
    if (!isScalar(v)) throw new Held(`${c.table}.${f} is not a value a column holds`);
  }
  return { table, key };
}

/** Each touched row's derived data, from its facts; tickets last (they read callers' names). */
function recompute(
  ctx: ApplyCtx,
  rows: { tickets: Iterable<string>; customers: Iterable<string>; assets: Iterable<string> },
): void {
  const { db } = ctx;
  for (const id of rows.customers) if (customerExists(db, id)) reindexCustomer(db, id);
  for (const id of rows.assets) reindexAsset(db, id);
  for (const id of rows.tickets) {
    if (!ticketExists(db, id)) continue;
    refreshContactFacts(db, id);
    applySla(ctx, id);
    indexTicket(db, id);
  }
}

/**
 * Recomputes what long pulls left waiting, `batch` rows a transaction (the desk stays free to
 * save between them); returns the tickets it recomputed.
 */
export function flushDerived(ctx: ApplyCtx, batch = 2000): string[] {
  const { db } = ctx;
  const done: string[] = [];
  for (;;) {
    const rows = stmt<{ kind: string; id: string }>(
      db,
      "SELECT kind, id FROM sync_dirty ORDER BY kind = 'ticket', kind, id LIMIT ?",
    ).all(batch);
    if (rows.length === 0) break;
    const pick = (k: string) => rows.filter((r) => r.kind === k).map((r) => r.id);
    const tickets = pick('ticket');
    db.transaction(() => {
      applyingRemote(db, () =>
        recompute(ctx, { tickets, customers: pick('customer'), assets: pick('asset') }),
      );
      const drop = stmt(db, 'DELETE FROM sync_dirty WHERE kind = ? AND id = ?');
      for (const r of rows) drop.run(r.kind, r.id);
    })();
    done.push(...tickets);
    if (tickets.length) ctx.emit('tickets.changed', { ids: tickets, reason: 'synced' });
  }
  return done;
}

export function applyPull(
  ctx: ApplyCtx,
  changes: readonly PulledChange[],
  me: { workstation: string; cursor: string; defer?: boolean; scope?: ScopeMoves },
): Applied {
  const { db } = ctx;
  const out: Applied = { applied: 0, own: 0, held: 0, conflicts: 0, tickets: [] };
  const tickets = new Set<string>();
  const customers = new Set<string>();
  const assets = new Set<string>();
  const notes: { id: string; text: string }[] = [];
  let desk = false;
  /** The desk's time zone came in changed: the days the report sums are kept by have moved. */
  let zone = false;
  const gone: string[] = [];
  /** The latest clock reading taken in. */
  let latest = '';
  /**
   * A change that writes more than one statement does so in a savepoint, so a change held part
   * way leaves nothing of itself behind. A change that only inserts needs none: a refused insert
   * (a missing reference, a duplicate) is undone by SQLite with its statement, and it is most of
   * a first sync (a savepoint each costs more than the insert).
   */
  const inSavepoint = db.transaction((run: () => void) => run());

  const applyOne = (c: PulledChange) => {
    const { table, key } = checked(db, c);
    try {
      receiveClock(db, c.hlc);
    } catch (e) {
      throw new Held(e instanceof Error ? e.message : 'its clock is far ahead');
    }
    if (c.hlc > latest) latest = c.hlc;
    const at = { tbl: c.table, key: c.key };
    const where = table.key.map((k) => `${k} = ?`).join(' AND ');
    const row = stmt<Record<string, Scalar>>(db, `SELECT * FROM ${c.table} WHERE ${where}`).get(
      ...key,
    );
    const fields = c.fields as Record<string, Scalar>;
    const touch = (r: Record<string, Scalar> | undefined) => {
      const t = table.ticket && (r?.[table.ticket] ?? fields[table.ticket]);
      if (typeof t === 'string') tickets.add(t);
      if (c.table === 'customers') customers.add(String(key[0]));
      if (c.table === 'accounts' || c.table === 'assets') {
        const owner = r?.['customer_id'] ?? fields['customer_id'];
        if (typeof owner === 'string') customers.add(owner);
      }
      if (c.table === 'assets') assets.add(String(key[0]));
      if (!table.ticket && !['customers', 'accounts', 'assets', 'calls'].includes(c.table))
        desk = true;
      if (c.table === 'calendars' && 'time_zone' in fields) zone = true;
    };
    const insert = () => {
      const names = Object.keys(fields).filter((f) => f !== '_deleted');
      stmt(
        db,
        `INSERT INTO ${c.table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
      ).run(...names.map((n) => fields[n]));
    };

    if (table.merge === 'facts') {
      if ('_deleted' in fields) throw new Held(`a ${c.table} row is never removed`);
      if (row) return;
      insert();
      if (c.table === 'ticket_events' && fields['type'] === 'note_added') {
        try {
          const text = (JSON.parse(String(fields['data'])) as { text?: unknown }).text;
          if (typeof text === 'string') notes.push({ id: String(fields['id']), text });
        } catch {
          // an unreadable note is still history; it has no search row
        }
      }
      touch(undefined);
      return;
    }

    const tomb = fieldClock(db, at, '_deleted');
    const by = { hlc: c.hlc, changeId: c.id, author: c.author };
    if ('_deleted' in fields) {
      inSavepoint(() => {
        if (!tomb || c.hlc > tomb.hlc)
          writeFieldClock(db, at, '_deleted', { ...by, chain: [c.id] });
        const born = fieldClock(db, at, '');
        if (row && (!born || born.hlc < c.hlc)) {
          stmt(db, `DELETE FROM ${c.table} WHERE ${where}`).run(...key);
          touch(row);
        }
      });
      return;
    }
    const creation = isCreation(table, fields);
    if (!row) {
      if (tomb && (!creation || tomb.hlc > c.hlc)) return; // removed since
      if (!creation) throw new Held(`the ${c.table} row it changes has not arrived`);
      insert();
      writeFieldClock(db, at, '', { ...by, chain: [c.id] });
      touch(undefined);
      return;
    }
    inSavepoint(() => {
      const sets: [string, Scalar][] = [];
      for (const [f, v] of Object.entries(fields)) {
        if (table.key.includes(f)) continue;
        const seen = creation ? [] : (c.bases?.[f] ?? []);
        const cur = valueClock(db, at, f);
        const outcome = mergeField(
          cur,
          { id: c.id, hlc: c.hlc, author: c.author, seen },
          row[f] === v,
        );
        if (outcome.take) {
          sets.push([f, v]);
          writeFieldClock(db, at, f, { ...by, chain: [c.id, ...seen] });
        }
        const ticketId = table.ticket ? row[table.ticket] : null;
        if (
          outcome.lost &&
          cur &&
          typeof ticketId === 'string' &&
          CONFLICT_FIELDS[c.table]?.includes(f)
        ) {
          const theirs = { value: v, by: c.author, at: hlcWall(c.hlc), change: c.id };
          const ours = {
            value: row[f] ?? null,
            by: cur.author,
            at: hlcWall(cur.hlc),
            change: cur.changeId,
          };
          const [kept, lost] = outcome.take ? [theirs, ours] : [ours, theirs];
          const data: HistoryEventData<'conflict'> = {
            field: f,
            ...(c.table === 'ticket_answers' ? { question: String(row['question_id']) } : {}),
            kept: { value: kept.value, by: kept.by, at: kept.at },
            lost: { value: lost.value, by: lost.by, at: lost.at },
          };
          const written = capturingOwn(db, () =>
            recordConflict(
              db,
              conflictEventId(`${c.table}.${f}`, lost.change, kept.change),
              ticketId,
              data,
              Math.max(kept.at, lost.at),
              SYSTEM_USER_ID,
            ),
          );
          if (written) out.conflicts++;
        }
      }
      if (sets.length) {
        const bump = table.derived.includes('version') ? ', version = version + 1' : '';
        stmt(
          db,
          `UPDATE ${c.table} SET ${sets.map(([f]) => `${f} = ?`).join(', ')}${bump} WHERE ${where}`,
        ).run(...sets.map(([, v]) => v), ...key);
      }
      touch(row);
    });
  };

  /** One change; a change held leaves nothing of itself behind (see inSavepoint). */
  const attempt = (c: PulledChange, heldBefore: boolean): boolean => {
    try {
      applyOne(c);
      if (heldBefore) stmt(db, 'DELETE FROM sync_held WHERE id = ?').run(c.id);
      return true;
    } catch (e) {
      const reason =
        e instanceof Held
          ? e.message
          : e instanceof Error && /FOREIGN KEY/.test(e.message)
            ? 'what it refers to has not arrived'
            : e instanceof Error && /UNIQUE constraint failed: (\S+)/.test(e.message)
              ? // The same account number or user name made on two workstations while apart:
                // kept until an admin settles which one stands.
                `another row has the same ${/UNIQUE constraint failed: (\S+)/.exec(e.message)![1]}`
              : null;
      if (reason === null) throw e;
      stmt(
        db,
        `INSERT INTO sync_held (id, change, reason, held_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET reason = excluded.reason`,
      ).run(c.id, JSON.stringify(c), reason, ctx.clock.now());
      return false;
    }
  };

  db.transaction(() => {
    // What this workstation saved so far is stamped with what it had seen before anything pulled
    // can change that.
    stampOutbox(db);
    // What left a field desk's scope goes first; what entered comes whole, its own changes too
    // (it let them go when the ticket last left).
    if (me.scope?.left) gone.push(...leaveScope(ctx, me.scope.left));
    if (me.scope?.entered) takeBack(ctx, me.scope.entered.tickets);
    applyingRemote(db, () => {
      for (const c of changes) {
        if (c.workstation === me.workstation && !me.scope?.entered) {
          out.own++;
          continue;
        }
        if (attempt(c, false)) out.applied++;
        else out.held++;
      }
      // Held changes get another go: what they waited for may have come in this pull. Again while
      // a pass applies any: one held change may be what another waits for (a queue held for its
      // creator, a ticket held for its queue).
      for (let pass = 0; pass < 20; pass++) {
        const held = stmt<{ change: string }>(
          db,
          'SELECT change FROM sync_held ORDER BY held_at, id',
        ).all();
        let progressed = false;
        for (const h of held) {
          const c = JSON.parse(h.change) as PulledChange;
          if (attempt(c, true)) {
            progressed = true;
            out.applied++;
            out.held = Math.max(0, out.held - 1);
          }
        }
        if (!progressed) break;
      }
      for (const n of notes) indexNote(db, n.id, n.text);
      if (zone) forgetOutcomes(db);
      if (me.defer) {
        // More pages follow: a ticket's events, log and ladder come in later pages than the
        // ticket, so its derived data is recomputed once, when the pull is done (flushDerived).
        const mark = stmt(db, 'INSERT OR IGNORE INTO sync_dirty (kind, id) VALUES (?, ?)');
        for (const id of tickets) mark.run('ticket', id);
        for (const id of customers) mark.run('customer', id);
        for (const id of assets) mark.run('asset', id);
      } else recompute(ctx, { tickets, customers, assets });
    });
    writeSyncValue(db, 'cursor', me.cursor);
    // Its clock took these in; a restart starts from there, not from its own last reading.
    if (latest) noteSeenHlc(db, latest);
  })();
  out.tickets = me.defer ? [] : [...tickets];
  if (out.tickets.length) ctx.emit('tickets.changed', { ids: out.tickets, reason: 'synced' });
  if (gone.length) ctx.emit('tickets.changed', { ids: gone, reason: 'synced' });
  if (desk) ctx.emit('desk.changed', { type: 'synced' });
  return out;
}

const ticketExists = (db: Db, id: string) =>
  stmt<number>(db, 'SELECT 1 FROM tickets WHERE id = ?').pluck().get(id) !== undefined;
const customerExists = (db: Db, id: string) =>
  stmt<number>(db, 'SELECT 1 FROM customers WHERE id = ?').pluck().get(id) !== undefined;

/** Changes held for a later try, for the sync indicator and the admin. */
export const heldCount = (db: Db): number =>
  stmt<number>(db, 'SELECT count(*) FROM sync_held').pluck().get() ?? 0;

/**
 * Held changes of a ticket or caller this field desk let go (sync/scope.ts): they would wait for
 * rows it no longer holds. Should it hold them again, the hub serves their history whole.
 */
export function dropHeldOf(db: Db, kind: 'ticket' | 'customer', id: string): void {
  // Rows keyed by their owner (a ticket's pauses, a caller's own row), and rows naming it in a field.
  const keyed = Object.entries(ROW_OWNER)
    .filter(([, r]) => r.kind === kind && 'from' in r && r.from === 'key')
    .map(([tbl]) => tbl);
  stmt(
    db,
    `DELETE FROM sync_held
     WHERE json_extract(change, '$.fields.${kind}_id') = ?
        OR (json_extract(change, '$.table') IN (${keyed.map(() => '?').join(', ')})
            AND json_extract(change, '$.key') LIKE ?)`,
  ).run(id, ...keyed, `["${id}"%`);
}
