/** One ticket with everything done on it: fields, history, clock, script answers, links, resolution. */
import type { ParsedInput } from '../../shared/contract.ts';
import type { Status } from '../../shared/domain.ts';
import { parseHistoryEvent } from '../../shared/history-events.ts';
import type { TicketDetail, TicketEvent, TicketSla } from '../../shared/views.ts';
import type { Ctx } from '../kernel/context.ts';
import { notFound } from '../kernel/failure.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { assetsOf } from '../callers/customers.ts';
import { deskCalendar, policyVersion } from '../sla/policy-terms.ts';
import { linksOf } from './links.ts';
import { callbackOf } from '../communication/callbacks.ts';
import { escalationOf } from '../escalation/escalations.ts';
import { ladderOf } from '../escalation/ladder.ts';
import { contactsOf } from '../communication/contacts-read.ts';
import { closingContactOf, resolutionOf } from '../resolution/resolution.ts';
import { answersOf, scriptFor } from '../resolution/scripts.ts';
import { card } from './write.ts';
import { refusalsOn } from '../sync/refusals.ts';
import { hasLeft } from '../sync/scope.ts';

export function getTicket(ctx: Ctx, input: ParsedInput<'tickets.get'>): TicketDetail {
  const { db } = ctx;
  const base = card(db, input.id);
  if (!base) throw notFound('Ticket');
  const t = stmt<
    Record<string, never> & {
      description: string;
      impact: 1 | 2 | 3;
      urgency: 1 | 2 | 3;
      tier: 1 | 2 | 3;
      categoryId: string;
      callId: string;
      customer_id: string;
      account_id: string | null;
      asset_id: string | null;
      updatedAt: number;
      reopenCount: number;
      domainId: string | null;
      c_name: string;
      c_phone: string;
      c_email: string;
      u_id: string;
      u_name: string;
    }
  >(
    db,
    `SELECT t.description, t.impact, t.urgency, t.tier, t.category_id AS categoryId, t.call_id AS callId,
              t.reopen_count AS reopenCount, t.domain_id AS domainId,
              t.customer_id, t.account_id, t.asset_id, t.updated_at AS updatedAt,
              c.name AS c_name, c.phone AS c_phone, c.email AS c_email,
              u.id AS u_id, u.display_name AS u_name
       FROM tickets t JOIN customers c ON c.id = t.customer_id JOIN users u ON u.id = t.created_by
       WHERE t.id = ?`,
  ).get(input.id)!;
  const account = t.account_id
    ? stmt<{
        id: string;
        number: string;
      }>(db, 'SELECT id, number FROM accounts WHERE id = ?').get(t.account_id)!
    : null;
  const asset = t.asset_id
    ? (assetsOf(db, t.customer_id).find((a) => a.id === t.asset_id) ?? null)
    : null;
  const events = stmt<{
    id: string;
    type: string;
    at: number;
    data: string;
    actorId: string;
    actorName: string;
  }>(
    db,
    `SELECT e.id, e.type, e.at, e.data, u.id AS actorId, u.display_name AS actorName
         FROM ticket_events e JOIN users u ON u.id = e.actor_id WHERE e.ticket_id = ? ORDER BY e.at, e.id`,
  )
    .all(input.id)
    .map((e): TicketEvent => ({
      id: e.id,
      at: e.at,
      actor: { id: e.actorId, displayName: e.actorName },
      // Parsed once, here: a payload of the wrong shape reaches the history as unreadable.
      ...parseHistoryEvent(e.type, e.data),
    }));
  return {
    ...base,
    sla: ticketSla(db, input.id, base.status, events),
    description: t.description,
    impact: t.impact,
    urgency: t.urgency,
    tier: t.tier,
    categoryId: t.categoryId,
    callId: t.callId,
    customer: { id: t.customer_id, name: t.c_name, phone: t.c_phone, email: t.c_email },
    account,
    asset,
    createdBy: { id: t.u_id, displayName: t.u_name },
    updatedAt: t.updatedAt,
    events,
    script: scriptFor(db, t.categoryId),
    answers: answersOf(db, input.id),
    links: linksOf(db, input.id),
    resolution: resolutionOf(db, input.id),
    reopenCount: t.reopenCount,
    contacts: contactsOf(db, { ticketId: input.id }),
    callback: callbackOf(db, input.id),
    closingContactId: closingContactOf(db, input.id),
    domainId: t.domainId,
    escalation: escalationOf(db, input.id),
    ladder: ladderOf(db, input.id),
    refused: refusalsOn(db, input.id),
    leftScope: hasLeft(db, input.id),
  };
}

/** The clock's explanation; crossings and the resolution come from the history already read. */
function ticketSla(db: Db, id: string, status: Status, events: readonly TicketEvent[]): TicketSla {
  const s = stmt<{
    sla_state: TicketSla['state'];
    policy_version: number;
    priority: number;
    responded_at: number | null;
    response_due: number | null;
    update_due: number | null;
    resolution_due: number | null;
    planned_start: number | null;
    planned_end: number | null;
    created_at: number;
  }>(
    db,
    `SELECT sla_state, policy_version, priority, responded_at, response_due, update_due, resolution_due,
            planned_start, planned_end, created_at FROM tickets WHERE id = ?`,
  ).get(id)!;
  const level = policyVersion(db, s.policy_version).priorities[s.priority - 1];
  const cal = deskCalendar(db);
  const timeline: TicketSla['timeline'] = [{ at: s.created_at, kind: 'started' }];
  if (s.responded_at !== null) timeline.push({ at: s.responded_at, kind: 'responded' });
  const pauses = stmt<{
    started_at: number;
    ended_at: number | null;
    reason: string;
  }>(db, 'SELECT started_at, ended_at, reason FROM ticket_pauses WHERE ticket_id = ?').all(id);
  for (const p of pauses) {
    timeline.push({ at: p.started_at, kind: 'paused', reason: p.reason });
    if (p.ended_at !== null) timeline.push({ at: p.ended_at, kind: 'resumed' });
  }
  let resolvedAt: number | null = null;
  for (const e of events) {
    if (e.type === 'sla_at_risk') timeline.push({ at: e.at, kind: 'at_risk' });
    if (e.type === 'sla_breached') timeline.push({ at: e.at, kind: 'breached' });
    if (
      e.type === 'resolved' ||
      e.type === 'merged_into' ||
      (e.type === 'status_changed' && e.data['to'] === 'resolved')
    )
      resolvedAt = Math.max(resolvedAt ?? e.at, e.at);
  }
  if (status === 'resolved' && resolvedAt !== null)
    timeline.push({ at: resolvedAt, kind: 'resolved' });
  timeline.sort((a, b) => a.at - b.at);
  return {
    state: s.sla_state,
    policyVersion: s.policy_version,
    priorityLabel: level?.label ?? '',
    clock: level?.clock ?? 'business',
    calendar: { name: cal.name, timeZone: cal.timeZone },
    respondedAt: s.responded_at,
    responseDue: s.response_due,
    updateDue: s.update_due,
    resolutionDue: s.resolution_due,
    plannedStart: s.planned_start,
    plannedEnd: s.planned_end,
    timeline,
  };
}
