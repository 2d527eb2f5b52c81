/**
 * Type-level tests of the typed history, checked by `npm run typecheck` (tsconfig.json takes in
 * test/): each `@ts-expect-error` line must fail to typecheck, or the check itself fails.
 */
import type { Ctx } from '../../src/core/kernel/context.ts';
import { changeTicket, recordDeskEvent } from '../../src/core/tickets/write.ts';
import {
  assertNever,
  encodeHistoryEvent,
  type HistoryEvent,
} from '../../src/shared/history-events.ts';
import type { TicketEvent } from '../../src/shared/views.ts';

declare const ctx: Ctx;

export function writes(): void {
  // A kind with its own payload is the only write that typechecks.
  changeTicket(ctx, 't', { event: ['note_added', { text: 'Rebooted' }], reason: 'noted' });
  recordDeskEvent(ctx, 'u', 't', ['supervisors_alerted', { rule: 'priority1', reason: 'P1' }]);
  encodeHistoryEvent('status_changed', { from: 'new', to: 'open' });

  // @ts-expect-error a note's payload is its text, not a body
  changeTicket(ctx, 't', { event: ['note_added', { body: 'Rebooted' }], reason: 'noted' });
  changeTicket(ctx, 't', {
    // @ts-expect-error a field of the wrong type
    event: ['priority_changed', { from: '1', to: 2, impact: 1, urgency: 1 }],
    reason: 'moved',
  });
  // @ts-expect-error a required field left out
  recordDeskEvent(ctx, 'u', 't', ['escalation_accepted', { escalationId: 'e' }]);
  changeTicket(ctx, 't', {
    // @ts-expect-error another kind's payload
    event: ['split', { role: 'related', ticket: { id: 't2', key: 'LON-000002' } }],
    reason: 'split',
  });
  // @ts-expect-error a kind the history does not know
  changeTicket(ctx, 't', { event: ['teleported', {}], reason: 'moved' });
  // @ts-expect-error a status no ticket has
  encodeHistoryEvent('status_changed', { from: 'new', to: 'closed' });
}

/** A switch that forgets a kind fails at its assertNever, as the renderer's would. */
export function forgetsAKind(e: TicketEvent): string {
  switch (e.type) {
    case 'created':
    case 'status_changed':
    case 'assigned':
    case 'note_added':
    case 'priority_changed':
    case 'priority_overridden':
    case 'sla_at_risk':
    case 'sla_breached':
    case 'fields_changed':
    case 'answers_recorded':
    case 'linked':
    case 'unlinked':
    case 'split':
    case 'merged_into':
    case 'merged':
    case 'resolved':
    case 'reopened':
    case 'contact_logged':
    case 'escalated':
    case 'escalation_accepted':
    case 'escalation_returned':
    case 'unreadable':
      return e.type;
    default:
      // @ts-expect-error 'supervisors_alerted' is not handled
      return assertNever(e);
  }
}

/** A new kind in the union that a switch does not render fails the same way. */
export function missesANewKind(
  e: HistoryEvent | { type: 'teleported'; data: { to: string } },
): string {
  switch (e.type) {
    case 'created':
    case 'status_changed':
    case 'assigned':
    case 'note_added':
    case 'priority_changed':
    case 'priority_overridden':
    case 'sla_at_risk':
    case 'sla_breached':
    case 'fields_changed':
    case 'answers_recorded':
    case 'linked':
    case 'unlinked':
    case 'split':
    case 'merged_into':
    case 'merged':
    case 'resolved':
    case 'reopened':
    case 'contact_logged':
    case 'escalated':
    case 'escalation_accepted':
    case 'escalation_returned':
    case 'supervisors_alerted':
      return e.type;
    default:
      // @ts-expect-error 'teleported' is not handled
      return assertNever(e);
  }
}

/** Narrowing on the kind gives that kind's payload. */
export function narrows(e: TicketEvent): string {
  if (e.type === 'merged') return e.data.from.title;
  if (e.type === 'reopened') return e.data.previous?.solution ?? '';
  return '';
}

export function staysNarrow(e: TicketEvent): string {
  // @ts-expect-error a merge's payload is not a note's
  if (e.type === 'merged') return e.data.text;
  return '';
}
