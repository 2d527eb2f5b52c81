/**
 * Escalations between tiers: the writes (a person's or a rule's) and the reads (the escalation in
 * progress, the ladder of tiers). The SLA clocks are not touched: a ticket's due times are the
 * customer's, whichever tier holds it.
 */
import type { Tier } from '../../shared/domain.ts';
import type { Escalation, TierSpan } from '../../shared/views.ts';
import type { Ctx } from '../kernel/context.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { appendEventBy } from '../tickets/write.ts';
import { tierOf } from './tiers.ts';

export interface Position {
  domainId: string;
  tier: Tier;
}

/** What an escalation needs of the ticket. */
export interface EscalatingTicket {
  id: string;
  status: string;
  tier: Tier;
  domain_id: string | null;
  assignee_id: string | null;
}

export const ESCALATING_COLUMNS = 'id, status, tier, domain_id, assignee_id';

type Writer = Pick<Ctx, 'db' | 'clock' | 'newId'>;

/** Puts the ticket in a tier: its queue, no assignee yet, a new step on the ladder. */
function placeIn(
  w: Writer,
  by: string,
  ticketId: string,
  to: Position,
  assigneeId: string | null,
  status: 'escalated' | 'in_progress',
  escalation: { state: 'pending' | 'returned'; id: string } | null,
): void {
  const { db } = w;
  const now = w.clock.now();
  const tier = tierOf(db, to.domainId, to.tier)!;
  stmt(
    db,
    // No clock is touched: an escalation between tiers is not a response to the customer.
    `UPDATE tickets SET tier = ?, domain_id = ?, queue_id = ?, assignee_id = ?, status = ?,
       escalation_state = ?, escalation_id = ?, version = version + 1, updated_at = ?, updated_by = ?
     WHERE id = ?`,
  ).run(
    to.tier,
    to.domainId,
    tier.queue_id,
    assigneeId,
    status,
    escalation?.state ?? null,
    escalation?.id ?? null,
    now,
    by,
    ticketId,
  );
  const last = stmt(db, 'SELECT max(seq) AS seq FROM tier_spans WHERE ticket_id = ?').get(
    ticketId,
  ) as { seq: number | null };
  stmt(db, 'UPDATE tier_spans SET to_at = ? WHERE ticket_id = ? AND to_at IS NULL').run(
    now,
    ticketId,
  );
  stmt(
    db,
    `INSERT INTO tier_spans (ticket_id, seq, domain_id, tier, assignee_id, from_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(ticketId, (last.seq ?? 0) + 1, to.domainId, to.tier, assigneeId, now);
}

/**
 * Escalates the ticket to another tier (up, down, or another domain), waiting for that tier to accept
 * it; by a person or, with `rule`, by the desk. One `escalated` event. Returns the escalation's id.
 */
export function openEscalation(
  w: Writer,
  by: string,
  t: EscalatingTicket,
  to: Position,
  why: { reason: string; note: string; rule: string | null },
): string {
  const id = w.newId();
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
    w.clock.now(),
  );
  placeIn(w, by, t.id, to, null, 'escalated', { state: 'pending', id });
  appendEventBy(w, by, t.id, 'escalated', {
    escalationId: id,
    from,
    to,
    direction: to.domainId !== from.domainId ? 'across' : to.tier > from.tier ? 'up' : 'down',
    reason: why.reason,
    note: why.note,
    ...(why.rule ? { rule: why.rule } : {}),
  });
  return id;
}

/** The receiving tier takes it: someone of that tier works it from now. */
export function markAccepted(
  w: Writer,
  by: string,
  ticketId: string,
  escalationId: string,
  assigneeId: string,
): void {
  const now = w.clock.now();
  stmt(
    w.db,
    `UPDATE escalations SET state = 'accepted', decided_by = ?, decided_at = ? WHERE id = ?`,
  ).run(by, now, escalationId);
  stmt(
    w.db,
    `UPDATE tickets SET assignee_id = ?, status = 'in_progress', escalation_state = NULL, escalation_id = NULL,
       version = version + 1, updated_at = ?, updated_by = ?
     WHERE id = ?`,
  ).run(assigneeId, now, by, ticketId);
  stmt(w.db, 'UPDATE tier_spans SET assignee_id = ? WHERE ticket_id = ? AND to_at IS NULL').run(
    assigneeId,
    ticketId,
  );
  appendEventBy(w, by, ticketId, 'escalation_accepted', { escalationId, assigneeId });
}

/** The receiving tier sends it back where it came from, to whoever had it, with a reason. */
export function markReturned(
  w: Writer,
  by: string,
  ticketId: string,
  escalationId: string,
  reason: string,
): Position {
  const e = stmt(
    w.db,
    'SELECT from_domain_id, from_tier, from_assignee_id FROM escalations WHERE id = ?',
  ).get(escalationId) as {
    from_domain_id: string;
    from_tier: Tier;
    from_assignee_id: string | null;
  };
  stmt(
    w.db,
    `UPDATE escalations SET state = 'returned', decided_by = ?, decided_at = ?, decision_reason = ? WHERE id = ?`,
  ).run(by, w.clock.now(), reason, escalationId);
  const back: Position = { domainId: e.from_domain_id, tier: e.from_tier };
  placeIn(w, by, ticketId, back, e.from_assignee_id, 'in_progress', {
    state: 'returned',
    id: escalationId,
  });
  appendEventBy(w, by, ticketId, 'escalation_returned', { escalationId, reason, to: back });
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
  const r = stmt(
    db,
    `SELECT e.*, b.display_name AS by_name, d.id AS dec_id, d.display_name AS dec_name
     FROM tickets t JOIN escalations e ON e.id = t.escalation_id JOIN users b ON b.id = e.by_id
     LEFT JOIN users d ON d.id = e.decided_by
     WHERE t.id = ? AND t.escalation_state IS NOT NULL`,
  ).get(ticketId) as EscalationRow | undefined;
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

/** Every tier the ticket has been in, oldest first. */
export function ladderOf(db: Db, ticketId: string): TierSpan[] {
  return (
    stmt(
      db,
      `SELECT s.domain_id AS domainId, s.tier, s.from_at AS "from", s.to_at AS "to", u.id AS uid,
              u.display_name AS uname
       FROM tier_spans s LEFT JOIN users u ON u.id = s.assignee_id
       WHERE s.ticket_id = ? ORDER BY s.seq`,
    ).all(ticketId) as {
      domainId: string;
      tier: Tier;
      from: number;
      to: number | null;
      uid: string | null;
      uname: string | null;
    }[]
  ).map((s) => ({
    domainId: s.domainId,
    tier: s.tier,
    from: s.from,
    to: s.to,
    assignee: s.uid ? { id: s.uid, displayName: s.uname! } : null,
  }));
}
