/** Ticket mutations from the board and the ticket view: move, re-rate, note, assign. */
import type { ParsedInput } from '../../shared/contract.ts';
import { policyPriority } from '../../shared/policy.ts';
import type { TicketCard, TicketEvent } from '../../shared/views.ts';
import { actor, type Ctx } from '../kernel/context.ts';
import { invalid, issue, notFound } from '../kernel/failure.ts';
import { stmt } from '../store/statements.ts';
import { assignSpan } from '../escalation/ladder.ts';
import { policyVersion } from '../sla/policy-terms.ts';
import {
  card,
  changeTicket,
  forUpdate,
  indexNote,
  pickedUp,
  statusChange,
  ticketRow,
} from './write.ts';

export function moveTicket(ctx: Ctx, input: ParsedInput<'tickets.move'>): TicketCard {
  return ctx.db.transaction(() => {
    const { card: t, row } = forUpdate(ctx.db, input.id, input.version);
    if (t.status === input.to) return t;
    // Resolving records a solution and reopening a reason: each has its own method.
    if (input.to === 'resolved')
      throw invalid([
        issue('to', 'use_resolve', `Resolve ${t.key} with its solution (Alt+R in the ticket)`),
      ]);
    if (t.status === 'resolved')
      throw invalid([issue('to', 'use_reopen', `Reopen ${t.key} with a reason first`)]);
    // Escalating hands the ticket to a tier with a reason; an escalation waiting is answered, not moved.
    if (input.to === 'escalated')
      throw invalid([
        issue('to', 'use_escalate', `Escalate ${t.key} with a reason (Alt+U in the ticket)`, {
          key: t.key,
        }),
      ]);
    if (row.escalation_state === 'pending')
      throw invalid([
        issue(
          'to',
          'escalation_pending',
          `${t.key} is waiting to be accepted: accept or return it`,
          { key: t.key },
        ),
      ]);
    changeTicket(ctx, t.id, {
      set: statusChange(row, input.to, ctx.clock.now()),
      event: ['status_changed', { from: t.status, to: input.to }],
      reason: 'moved',
    });
    return card(ctx.db, t.id)!;
  })();
}

/**
 * Re-rates a ticket: impact and urgency by the policy version it was opened under (a later policy
 * never rewrites it); an override needs a reason. Its clocks are recomputed at once.
 */
export function setPriority(ctx: Ctx, input: ParsedInput<'tickets.setPriority'>): TicketCard {
  return ctx.db.transaction(() => {
    const { card: t, row } = forUpdate(ctx.db, input.id, input.version);
    const policy = policyVersion(ctx.db, row.policy_version);
    const fromPolicy = policyPriority(policy, input.impact, input.urgency);
    const priority = input.priority ?? fromPolicy;
    if (priority > policy.priorities.length)
      throw invalid([issue('priority', 'unknown', 'The policy has no such priority')]);
    if (priority !== fromPolicy && !input.reason) {
      throw invalid([issue('reason', 'required', 'Say why this differs from the policy')]);
    }
    if (priority === t.priority && input.impact === row.impact && input.urgency === row.urgency)
      return t;
    changeTicket(ctx, t.id, {
      set: { impact: input.impact, urgency: input.urgency, priority },
      event: [
        priority !== fromPolicy ? 'priority_overridden' : 'priority_changed',
        {
          from: t.priority,
          to: priority,
          impact: input.impact,
          urgency: input.urgency,
          ...(input.reason ? { reason: input.reason } : {}),
        },
      ],
      reason: 'moved',
    });
    return card(ctx.db, t.id)!;
  })();
}

/**
 * An internal note for the next technician: an event in the history, by its author. It leaves the
 * ticket's version alone, so a colleague's pending move is not refused because of a note.
 */
export function addNote(ctx: Ctx, input: ParsedInput<'tickets.addNote'>): TicketEvent {
  const user = actor(ctx);
  return ctx.db.transaction(() => {
    if (!ticketRow(ctx.db, input.id)) throw notFound('Ticket');
    const { id, at } = changeTicket(ctx, input.id, {
      event: ['note_added', { text: input.text }],
      reason: 'noted',
      versioned: false,
      // A note has its own search row; the ticket's does not change.
      after: 'none',
    });
    indexNote(ctx.db, id, input.text);
    return {
      id,
      type: 'note_added' as const,
      at,
      actor: { id: user.id, displayName: user.displayName },
      data: { text: input.text },
    };
  })();
}

export function assignTicket(ctx: Ctx, input: ParsedInput<'tickets.assign'>): TicketCard {
  return ctx.db.transaction(() => {
    const { card: t, row } = forUpdate(ctx.db, input.id, input.version);
    if (t.assigneeId === input.assigneeId) return t;
    if (
      input.assigneeId &&
      !stmt(ctx.db, "SELECT 1 FROM users WHERE id = ? AND active = 1 AND role <> 'wallboard'").get(
        input.assigneeId,
      )
    ) {
      throw invalid([issue('assigneeId', 'unknown', 'No such user')]);
    }
    // The ladder names who worked the ticket in each tier.
    assignSpan(ctx.db, t.id, input.assigneeId);
    // The assignee owes the customer the call-backs from now on (the clocks move them).
    changeTicket(ctx, t.id, {
      set: { assignee_id: input.assigneeId, ...pickedUp(row) },
      event: ['assigned', { from: t.assigneeId, to: input.assigneeId }],
      reason: 'assigned',
    });
    return card(ctx.db, t.id)!;
  })();
}
