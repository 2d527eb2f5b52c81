/**
 * A field desk letting go of what left its scope (see hub/scope.ts): a ticket moved to a queue it
 * does not serve, or a caller none of its tickets is for any more, is removed from the laptop with
 * everything that hangs off it and the sync state kept for its rows, with capture off (the desk
 * keeps it: this laptop only stops holding it). Like apply.ts, a second writer of the tables it
 * removes from, by design.
 *
 * A ticket with changes still waiting to be sent, or with refused changes no one here has seen
 * yet, is kept (in sync_left) until both are done with: the analyst sees on the ticket what
 * did not reach the desk before it goes.
 */
import type { Ctx } from '../kernel/context.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { dropHeldOf } from './apply.ts';
import { lettingGo } from './capture.ts';
import { dropFieldClocks } from './merge.ts';
import { hasRefusals } from './refusals.ts';

type ScopeCtx = Pick<Ctx, 'db' | 'clock' | 'emit'>;

/**
 * What hangs off a ticket, children before parents: the statement that selects its rows, and
 * the table's key columns (null: not a replicated table, no field clocks).
 */
const TICKET_ROWS: readonly { table: string; where: string; key: string | null }[] = [
  { table: 'callbacks', where: 'ticket_id = ?', key: null },
  { table: 'contacts', where: 'ticket_id = ?', key: 'id' },
  { table: 'ticket_answers', where: 'ticket_id = ?', key: 'ticket_id, question_id' },
  { table: 'ticket_links', where: '? IN (from_id, to_id)', key: 'id' },
  { table: 'escalations', where: 'ticket_id = ?', key: 'id' },
  { table: 'tier_spans', where: 'ticket_id = ?', key: 'ticket_id, seq' },
  { table: 'rule_firings', where: 'ticket_id = ?', key: 'ticket_id, rule, condition' },
  { table: 'ticket_pauses', where: 'ticket_id = ?', key: 'ticket_id, started_at' },
  { table: 'ticket_events', where: 'ticket_id = ?', key: 'id' },
  { table: 'tickets', where: 'id = ?', key: 'id' },
];

/** What belongs to a caller, children before parents, when no ticket here is for them. */
const CALLER_ROWS: readonly { table: string; where: string; key: string }[] = [
  { table: 'calls', where: 'customer_id = ?', key: 'id' },
  { table: 'assets', where: 'customer_id = ?', key: 'id' },
  { table: 'accounts', where: 'customer_id = ?', key: 'id' },
  { table: 'customers', where: 'id = ?', key: 'id' },
];

/** The search rows kept beside a table's rows (by rowid). */
const SEARCH_ROWS: Readonly<Record<string, string>> = {
  tickets: 'tickets_fts',
  ticket_events: 'notes_fts',
  customers: 'customers_fts',
  assets: 'assets_fts',
};

function removeRows(db: Db, rows: typeof TICKET_ROWS, id: string): void {
  for (const r of rows) {
    if (r.key) {
      const keys = stmt<string>(db, `SELECT json_array(${r.key}) FROM ${r.table} WHERE ${r.where}`)
        .pluck()
        .all(id);
      dropFieldClocks(db, r.table, keys);
    }
    const search = SEARCH_ROWS[r.table];
    if (search)
      stmt(
        db,
        `DELETE FROM ${search} WHERE rowid IN (SELECT rowid FROM ${r.table} WHERE ${r.where})`,
      ).run(id);
    stmt(db, `DELETE FROM ${r.table} WHERE ${r.where}`).run(id);
  }
}

const waitingOn = (db: Db, ticketId: string): boolean =>
  stmt<number>(
    db,
    `SELECT 1 FROM outbox WHERE pushed_at IS NULL
       AND (json_extract(fields, '$.ticket_id') = ? OR (tbl = 'tickets' AND key = json_array(?)))
     LIMIT 1`,
  )
    .pluck()
    .get(ticketId, ticketId) !== undefined;

/** Removes a ticket now, or keeps it in sync_left while something on it still needs a person. */
function letTicketGo(db: Db, id: string, now: number): boolean {
  if (waitingOn(db, id) || hasRefusals(db, id)) {
    stmt(db, 'INSERT OR IGNORE INTO sync_left (ticket_id, left_at) VALUES (?, ?)').run(id, now);
    return false;
  }
  removeRows(db, TICKET_ROWS, id);
  dropHeldOf(db, 'ticket', id);
  stmt(db, 'DELETE FROM sync_left WHERE ticket_id = ?').run(id);
  return true;
}

/** A caller goes once no ticket here is for them (one kept in sync_left may still be). */
function letCallerGo(db: Db, id: string): void {
  if (stmt<number>(db, 'SELECT 1 FROM tickets WHERE customer_id = ? LIMIT 1').pluck().get(id))
    return;
  removeRows(db, CALLER_ROWS, id);
  dropHeldOf(db, 'customer', id);
}

/**
 * What the hub says left this field desk's scope, removed in the caller's transaction (the one
 * that moves the cursor). Returns the tickets that went.
 */
export function leaveScope(
  ctx: ScopeCtx,
  left: { tickets: readonly string[]; customers: readonly string[] },
): string[] {
  const { db } = ctx;
  const now = ctx.clock.now();
  return lettingGo(db, () => {
    const gone = left.tickets.filter((id) => letTicketGo(db, id, now));
    // Callers of the tickets kept stay with them; the rest of the callers named go.
    for (const id of left.customers) letCallerGo(db, id);
    return gone;
  });
}

/**
 * Tickets kept after they left, tried again (after a push, or once a refusal on one was seen):
 * those with nothing left for a person here go, with their callers.
 */
export function releaseLeft(ctx: ScopeCtx): string[] {
  const { db } = ctx;
  const kept = stmt<{ ticket_id: string; customer_id: string | null }>(
    db,
    'SELECT l.ticket_id, t.customer_id FROM sync_left l LEFT JOIN tickets t ON t.id = l.ticket_id',
  ).all();
  if (kept.length === 0) return [];
  const now = ctx.clock.now();
  const gone = db.transaction(() =>
    lettingGo(db, () => {
      const out = kept.filter((k) => letTicketGo(db, k.ticket_id, now));
      for (const k of out) if (k.customer_id) letCallerGo(db, k.customer_id);
      return out.map((k) => k.ticket_id);
    }),
  )();
  if (gone.length) ctx.emit('tickets.changed', { ids: gone, reason: 'synced' });
  return gone;
}

/**
 * Tickets kept after they left (sync_left) that are back in scope: the copy kept here holds what
 * the hub refused, which the desk never had, so it goes before the desk's own history is applied
 * in its place. What was refused on it stays listed on the ticket.
 */
export function takeBack(ctx: ScopeCtx, tickets: readonly string[]): void {
  const { db } = ctx;
  lettingGo(db, () => {
    for (const id of tickets) {
      if (!hasLeft(db, id)) continue;
      removeRows(db, TICKET_ROWS, id);
      dropHeldOf(db, 'ticket', id);
      stmt(db, 'DELETE FROM sync_left WHERE ticket_id = ?').run(id);
    }
  });
}

/** Tickets here that have left this field desk's scope (kept for what is shown on them). */
export const hasLeft = (db: Db, ticketId: string): boolean =>
  stmt<number>(db, 'SELECT 1 FROM sync_left WHERE ticket_id = ?').pluck().get(ticketId) !==
  undefined;
