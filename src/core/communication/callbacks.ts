/**
 * Call-backs: each open ticket's next customer contact, who owes it, and when. It follows the
 * communication log: after an update given, the policy's update interval (or the agreed time);
 * after a call that reached nobody, a retry; a time the analyst set wins over both.
 */
import { addBusinessTimeWithin, localDate, MINUTE, zonedTime } from '../../shared/business-time.ts';
import { UPDATE_GIVEN, type CallbackKind, type Status } from '../../shared/domain.ts';
import { retryAfterMin } from '../../shared/policy.ts';
import type { CallbackDay, CallbackItem, MyCallbacks, TicketCallback } from '../../shared/views.ts';
import { actor, type Ctx } from '../kernel/context.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { contactsById, latestContact } from './contacts-read.ts';
import { deskCalendar, ticketTerms } from '../sla/policy-terms.ts';

/**
 * When to try again after a contact at `at` that reached nobody: the policy's retry time, or null
 * when the calendar does not open for that long within its horizon.
 */
export function retryAt(
  db: Db,
  t: { policy_version: number; priority: number },
  at: number,
): number | null {
  const { level, cal } = ticketTerms(db, t);
  return addBusinessTimeWithin(cal, at, retryAfterMin(level) * MINUTE);
}

interface CallbackTicket {
  id: string;
  status: Status;
  priority: number;
  policy_version: number;
  reopened_at: number | null;
  domain_id: string | null;
  tier: number;
  assignee_id: string | null;
  created_by: string;
}

/**
 * Brings the ticket's call-back in step with its log and clocks (`updateDue`: its update clock's
 * due time, null while stopped). Run by applySla after every change; tells the owners whose
 * list changed.
 */
export function syncCallback(
  ctx: Pick<Ctx, 'db' | 'emit'>,
  t: CallbackTicket,
  updateDue: number | null,
): void {
  const { db } = ctx;
  const old = stmt<{
    owner_id: string;
    due_at: number;
    kind: CallbackKind;
    last_contact_id: string | null;
    domain_id: string | null;
    tier: number;
  }>(
    db,
    'SELECT owner_id, due_at, kind, last_contact_id, domain_id, tier FROM callbacks WHERE ticket_id = ?',
  ).get(t.id);
  let next: { due: number; kind: CallbackKind } | null = null;
  let owner = t.assignee_id ?? t.created_by;
  let lastId: string | null = null;
  if (t.status !== 'resolved') {
    const last = latestContact(db, t.id);
    lastId = last?.id ?? null;
    if (last && !t.assignee_id) owner = last.by.id;
    // A set time or a retry belongs to the latest contact, not to one before a reopen.
    const current = last && last.at >= (t.reopened_at ?? 0);
    const retry = current && !UPDATE_GIVEN.includes(last.outcome) ? retryAt(db, t, last.at) : null;
    if (current && last.next) next = { due: last.next.at, kind: 'set' };
    else if (retry !== null) next = { due: retry, kind: 'retry' };
    else if (updateDue !== null) next = { due: updateDue, kind: 'update' };
  }
  if (!next) {
    if (!old) return;
    stmt(db, 'DELETE FROM callbacks WHERE ticket_id = ?').run(t.id);
    ctx.emit('callbacks.changed', { ownerIds: [old.owner_id] });
    return;
  }
  const same = old && old.owner_id === owner && old.due_at === next.due && old.kind === next.kind;
  if (
    same &&
    old.last_contact_id === lastId &&
    old.domain_id === t.domain_id &&
    old.tier === t.tier
  )
    return;
  if (same) {
    // Only what was said last, or the tier, changed (the change's own tickets.changed tells the
    // lists): no new alarm.
    stmt(
      db,
      'UPDATE callbacks SET last_contact_id = ?, domain_id = ?, tier = ? WHERE ticket_id = ?',
    ).run(lastId, t.domain_id, t.tier, t.id);
    return;
  }
  stmt(
    db,
    `INSERT INTO callbacks (ticket_id, owner_id, due_at, kind, alerted, last_contact_id, domain_id, tier)
     VALUES (?, ?, ?, ?, 0, ?, ?, ?)
     ON CONFLICT (ticket_id) DO UPDATE SET owner_id = excluded.owner_id, due_at = excluded.due_at,
       kind = excluded.kind, alerted = 0, last_contact_id = excluded.last_contact_id,
       domain_id = excluded.domain_id, tier = excluded.tier`,
  ).run(t.id, owner, next.due, next.kind, lastId, t.domain_id, t.tier);
  ctx.emit('callbacks.changed', {
    ownerIds: old && old.owner_id !== owner ? [old.owner_id, owner] : [owner],
  });
}

export function callbackOf(db: Db, ticketId: string): TicketCallback | null {
  const r = stmt<{ dueAt: number; kind: CallbackKind; id: string; displayName: string }>(
    db,
    `SELECT cb.due_at AS dueAt, cb.kind, u.id, u.display_name AS displayName
     FROM callbacks cb JOIN users u ON u.id = cb.owner_id WHERE cb.ticket_id = ?`,
  ).get(ticketId);
  return r
    ? { dueAt: r.dueAt, kind: r.kind, owner: { id: r.id, displayName: r.displayName } }
    : null;
}

/** The start of the desk's local day `days` after the one holding `now`. */
function dayStart(timeZone: string, now: number, days: number): number {
  const d = localDate(timeZone, now);
  return zonedTime(timeZone, d.year, d.month, d.day + days, 0);
}

/** The desk's local date of `t`, YYYY-MM-DD. */
function dateKey(timeZone: string, t: number): string {
  const d = localDate(timeZone, t);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

const MAX_LISTED = 300;
/**
 * How far ahead "Later" looks: seven days after today. On a desk open on weekdays the default
 * policy's longest update interval (a planned event's, 48 business hours) ends within it from any
 * day, so every regular call-back shows; what lies beyond (times agreed with customers, holidays)
 * is counted, and shows on its ticket.
 */
const LATER_DAYS = 7;
const MAX_LATER = 200;

type CallbackRow = Omit<CallbackItem, 'customer' | 'lastContact' | 'overdue'> & {
  lastId: string | null;
  customerId: string;
  name: string;
  phone: string;
  email: string;
};

/** The owner's call-backs due in [from, to), the earliest first, with the last contact of each. */
function listDue(
  db: Db,
  owner: string,
  from: number,
  to: number,
  limit: number,
  now: number,
): CallbackItem[] {
  const rows = stmt<CallbackRow>(
    db,
    `SELECT cb.ticket_id AS ticketId, cb.due_at AS dueAt, cb.kind, cb.last_contact_id AS lastId,
            t.key, t.title, t.priority, t.status, c.id AS customerId, c.name, c.phone, c.email
     FROM callbacks cb JOIN tickets t ON t.id = cb.ticket_id JOIN customers c ON c.id = t.customer_id
     WHERE cb.owner_id = ? AND cb.due_at >= ? AND cb.due_at < ? ORDER BY cb.due_at, t.key LIMIT ?`,
  ).all(owner, from, to, limit);
  const last = contactsById(
    db,
    rows.flatMap((r) => (r.lastId ? [r.lastId] : [])),
  );
  return rows.map(({ lastId, customerId, name, phone, email, ...r }) => ({
    ...r,
    overdue: r.dueAt <= now,
    customer: { id: customerId, name, phone, email },
    lastContact: (lastId && last.get(lastId)) || null,
  }));
}

/**
 * The signed-in user's call-backs: those due by the end of today, the overdue first; then the
 * week after, by day, so a call-back agreed for tomorrow is in sight today.
 */
export function myCallbacks(ctx: Ctx): MyCallbacks {
  const { db } = ctx;
  const me = actor(ctx).id;
  const now = ctx.clock.now();
  const { timeZone } = deskCalendar(db);
  const end = dayStart(timeZone, now, 1);
  const laterUntil = dayStart(timeZone, now, 1 + LATER_DAYS);
  const items = listDue(db, me, 0, end, MAX_LISTED, now);
  const laterItems = listDue(db, me, end, laterUntil, MAX_LATER, now);
  const later: CallbackDay[] = [];
  for (let inDays = 1, i = 0; inDays <= LATER_DAYS; inDays++) {
    const next = dayStart(timeZone, now, inDays + 1);
    const day: CallbackDay = { date: dateKey(timeZone, next - 1), inDays, items: [] };
    for (; i < laterItems.length && laterItems[i]!.dueAt < next; i++)
      day.items.push(laterItems[i]!);
    if (day.items.length) later.push(day);
  }
  const { n } = stmt<{ n: number }>(
    db,
    'SELECT count(*) AS n FROM callbacks WHERE owner_id = ? AND due_at <= ?',
  ).get(me, now)!;
  const { n: afterToday } = stmt<{ n: number }>(
    db,
    'SELECT count(*) AS n FROM callbacks WHERE owner_id = ? AND due_at >= ?',
  ).get(me, end)!;
  return {
    asOf: now,
    endOfDay: end,
    items,
    dueNow: n,
    later,
    laterUntil,
    laterNotListed: afterToday - laterItems.length,
  };
}

/**
 * The alarm: call-backs whose time has come and whose owner was not told yet, told once each
 * (a batch at a time). Returns how many.
 */
export function alertDueCallbacks(ctx: Pick<Ctx, 'db' | 'clock' | 'emit'>, limit = 500): number {
  const { db } = ctx;
  const due = stmt<{
    ticketId: string;
    key: string;
    ownerId: string;
    dueAt: number;
  }>(
    db,
    `SELECT cb.ticket_id AS ticketId, t.key, cb.owner_id AS ownerId, cb.due_at AS dueAt
     FROM callbacks cb JOIN tickets t ON t.id = cb.ticket_id
     WHERE cb.alerted = 0 AND cb.due_at <= ? ORDER BY cb.due_at LIMIT ?`,
  ).all(ctx.clock.now(), limit);
  if (due.length === 0) return 0;
  const mark = stmt(db, 'UPDATE callbacks SET alerted = 1 WHERE ticket_id = ?');
  db.transaction(() => {
    for (const d of due) mark.run(d.ticketId);
  })();
  ctx.emit('callbacks.due', { items: due });
  return due.length;
}
