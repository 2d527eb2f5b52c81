/**
 * Escalations between tiers: the writes (a person's or a rule's) and the reads (the escalation in
 * progress). The only module that writes `escalations`. The SLA clocks are not touched: a ticket's
 * due times are the customer's, whichever tier holds it.
 */
import type { Tier } from '../../shared/domain.ts';
import type { Escalation } from '../../shared/views.ts';
import type { Ctx } from '../kernel/context.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { changeTicket, type TicketChange, type TicketRow } from '../tickets/write.ts';
import { assignSpan, endSpan, startSpan } from './ladder.ts';
import { tierOf } from './tiers.ts';

export interface Position {
  domainId: string;
  tier: Tier;
}

type Writer = Pick<Ctx, 'db' | 'clock' | 'newId' | 'emit'>;
/** A person's answer settles the ticket; the desk's rules run inside a settle already. */
type After = TicketChange['after'];

/** The ticket's place in a tier: its queue, a new step on the ladder. */
function placeIn(w: Writer, t: TicketRow, to: Position, assigneeId: string | null) {
  const now = w.clock.now();
  endSpan(w.db, t.id, now);
  startSpan(w.db, t.id, { ...to, assigneeId }, now);
  return {
    tier: to.tier,
    domain_id: to.domainId,
    queue_id: tierOf(w.db, to.domainId, to.tier)!.queue_id,
    assignee_id: assigneeId,
  };
}

/**
 * Escalates the ticket to another tier (up, down, or another domain), waiting for that tier to
 * accept it; by a person or, with `rule`, by the desk. One `escalated` event. Returns the
 * escalation's id.
 */
export function openEscalation(
  w: Writer,
  by: string,
  t: TicketRow,
  to: Position,
  why: { reason: string; note: string; rule: string | null },
  after: After = 'settle',
  /**
   * A rule's escalation: its id, its event's id and its time, the same on every workstation that
   * fires the rule for the same condition, so the desk records it once.
   */
  once?: { id: string; eventId: string; at: number },
): string {
  const id = once?.id ?? w.newId();
  const from: Position = { domainId: t.domain_id!, tier: t.tier };
  stmt(
    w.db,
    `INSERT INTO escalations (id, ticket_id, from_domain_id, from_tier, to_domain_id, to_tier, reason, note, rule,
                              from_assignee_id, by_id, at, state)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')`,
  ).run(
    id,
    t.id,
    from.domainId,
    from.tier,
    to.domainId,
    to.tier,
    why.reason,
    why.note,
    why.rule,
    t.assignee_id,
    by,
    once?.at ?? w.clock.now(),
  );
  changeTicket(w, t.id, {
    // No clock is touched: an escalation between tiers is not a response to the customer.
    set: {
      ...placeIn(w, t, to, null),
      status: 'escalated',
      escalation_state: 'pending',
      escalation_id: id,
    },
    event: [
      'escalated',
      {
        escalationId: id,
        from,
        to,
        direction: to.domainId !== from.domainId ? 'across' : to.tier > from.tier ? 'up' : 'down',
        reason: why.reason,
        note: why.note,
        ...(why.rule ? { rule: why.rule } : {}),
      },
    ],
    reason: 'escalated',
    by,
    after,
    ...(once ? { eventId: once.eventId, at: once.at } : {}),
  });
  return id;
}

/** The receiving tier takes it: someone of that tier works it from now. */
export function markAccepted(
  w: Writer,
  by: string,
  t: TicketRow & { escalation_id: string },
  assigneeId: string,
): void {
  stmt(
    w.db,
    `UPDATE escalations SET state = 'accepted', decided_by = ?, decided_at = ? WHERE id = ?`,
  ).run(by, w.clock.now(), t.escalation_id);
  // The ladder names who worked the ticket in each tier.
  assignSpan(w.db, t.id, assigneeId);
  changeTicket(w, t.id, {
    set: {
      assignee_id: assigneeId,
      status: 'in_progress',
      escalation_state: null,
      escalation_id: null,
    },
    event: ['escalation_accepted', { escalationId: t.escalation_id, assigneeId }],
    reason: 'accepted',
    by,
  });
}

/** The receiving tier sends it back where it came from, to whoever had it, with a reason. */
export function markReturned(
  w: Writer,
  by: string,
  t: TicketRow & { escalation_id: string },
  reason: string,
): Position {
  const e = stmt<Pick<EscalationRow, 'from_domain_id' | 'from_tier' | 'from_assignee_id'>>(
    w.db,
    'SELECT from_domain_id, from_tier, from_assignee_id FROM escalations WHERE id = ?',
  ).get(t.escalation_id)!;
  stmt(
    w.db,
    `UPDATE escalations SET state = 'returned', decided_by = ?, decided_at = ?, decision_reason = ? WHERE id = ?`,
  ).run(by, w.clock.now(), reason, t.escalation_id);
  const back: Position = { domainId: e.from_domain_id, tier: e.from_tier };
  changeTicket(w, t.id, {
    set: {
      ...placeIn(w, t, back, e.from_assignee_id),
      status: 'in_progress',
      escalation_state: 'returned',
      escalation_id: t.escalation_id,
    },
    event: ['escalation_returned', { escalationId: t.escalation_id, reason, to: back }],
    reason: 'returned',
    by,
  });
  return back;
}

interface EscalationRow {
  id: string;
  state: 'pending' | 'accepted' | 'returned';
  from_domain_id: string;
  from_tier: Tier;
  to_domain_id: string;
  to_tier: Tier;
  reason: string;
  note: string;
  rule: string | null;
  from_assignee_id: string | null;
  at: number;
  by_id: string;
  by_name: string;
  decided_at: number | null;
  decision_reason: string | null;
  dec_id: string | null;
  dec_name: string | null;
}

/** The escalation in progress (pending, or returned and not yet picked up), if any. */
export function escalationOf(db: Db, ticketId: string): Escalation | null {
  const r = stmt<EscalationRow>(
    db,
    `SELECT e.*, b.display_name AS by_name, d.id AS dec_id, d.display_name AS dec_name
     FROM tickets t JOIN escalations e ON e.id = t.escalation_id JOIN users b ON b.id = e.by_id
     LEFT JOIN users d ON d.id = e.decided_by
     WHERE t.id = ? AND t.escalation_state IS NOT NULL`,
  ).get(ticketId);
  if (!r) return null;
  return {
    state: r.state === 'returned' ? 'returned' : 'pending',
    escalationId: r.id,
    from: { domainId: r.from_domain_id, tier: r.from_tier },
    to: { domainId: r.to_domain_id, tier: r.to_tier },
    reason: r.reason,
    note: r.note,
    rule: r.rule,
    by: { id: r.by_id, displayName: r.by_name },
    at: r.at,
    decision:
      r.state === 'returned' && r.dec_id
        ? {
            by: { id: r.dec_id, displayName: r.dec_name! },
            reason: r.decision_reason ?? '',
            at: r.decided_at!,
          }
        : null,
  };
}
