/** Reading the communication log: by ticket, by customer, the latest that stands. */
import type { CallDirection, ContactChannel, ContactOutcome } from '../../shared/domain.ts';
import type { ContactEntry } from '../../shared/views.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';

interface ContactRow {
  id: string;
  ticketId: string;
  ticketKey: string;
  direction: CallDirection;
  channel: ContactChannel;
  outcome: ContactOutcome;
  at: number;
  durationSec: number | null;
  summary: string;
  closing: 0 | 1;
  nextAt: number | null;
  nextReason: string;
  correctsId: string | null;
  correctedById: string | null;
  byId: string;
  byName: string;
  loggedAt: number;
}

const SELECT = `SELECT c.id, c.ticket_id AS ticketId, t.key AS ticketKey, c.direction, c.channel, c.outcome, c.at,
    c.duration_sec AS durationSec, c.summary, c.closing, c.next_at AS nextAt, c.next_reason AS nextReason,
    c.corrects_id AS correctsId, (SELECT x.id FROM contacts x WHERE x.corrects_id = c.id) AS correctedById,
    u.id AS byId, u.display_name AS byName, c.logged_at AS loggedAt
  FROM contacts c JOIN tickets t ON t.id = c.ticket_id JOIN users u ON u.id = c.logged_by`;

const toEntry = (r: ContactRow): ContactEntry => ({
  id: r.id,
  ticketId: r.ticketId,
  ticketKey: r.ticketKey,
  direction: r.direction,
  channel: r.channel,
  outcome: r.outcome,
  at: r.at,
  durationSec: r.durationSec,
  summary: r.summary,
  closing: r.closing === 1,
  next: r.nextAt === null ? null : { at: r.nextAt, reason: r.nextReason },
  correctsId: r.correctsId,
  correctedById: r.correctedById,
  by: { id: r.byId, displayName: r.byName },
  loggedAt: r.loggedAt,
});

/** A ticket's or a customer's log, newest first (corrected entries included, marked). */
export function contactsOf(
  db: Db,
  where: { ticketId: string } | { customerId: string },
  limit = 200,
): ContactEntry[] {
  const [column, value] =
    'ticketId' in where ? ['c.ticket_id', where.ticketId] : ['c.customer_id', where.customerId];
  return stmt<ContactRow>(
    db,
    `${SELECT} WHERE ${column} = ? ORDER BY c.at DESC, c.logged_at DESC, c.id DESC LIMIT ?`,
  )
    .all(value, limit)
    .map(toEntry);
}

/** Several entries by id, in one read (a list of call-backs shows each one's last contact). */
export function contactsById(db: Db, ids: readonly string[]): Map<string, ContactEntry> {
  if (ids.length === 0) return new Map();
  const rows = stmt<ContactRow>(db, `${SELECT} WHERE c.id IN (SELECT value FROM json_each(?))`).all(
    JSON.stringify(ids),
  );
  return new Map(rows.map((r) => [r.id, toEntry(r)]));
}

export function contactById(db: Db, id: string): ContactEntry | null {
  const r = stmt<ContactRow>(db, `${SELECT} WHERE c.id = ?`).get(id);
  return r ? toEntry(r) : null;
}

/** The ticket's latest contact that stands (not corrected by a later entry). */
export function latestContact(db: Db, ticketId: string): ContactEntry | null {
  const r = stmt<ContactRow>(
    db,
    `${SELECT} WHERE c.ticket_id = ? AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.corrects_id = c.id)
     ORDER BY c.at DESC, c.logged_at DESC, c.id DESC LIMIT 1`,
  ).get(ticketId);
  return r ? toEntry(r) : null;
}
