/**
 * After any change to a ticket, and when its next check comes: its clocks, then the escalation
 * rules, then (if a rule moved it) its clocks and search row again.
 */
import type { Ctx } from '../kernel/context.ts';
import { applyEscalationRules } from '../escalation/rules.ts';
import { applySla, tickSla } from '../sla/clocks.ts';
import { checkBy, indexTicket } from './write.ts';

type SettleCtx = Pick<Ctx, 'db' | 'clock' | 'newId' | 'emit'>;

/** Returns true when a rule moved the ticket (its search row was rewritten then). */
export function settle(ctx: SettleCtx, id: string): boolean {
  let moved = false;
  // A rule's move is a change too; rules fire once each, so this ends within a few rounds.
  for (let round = 0; round < 4; round++) {
    const c = applySla(ctx, id);
    const r = applyEscalationRules(ctx, id, c);
    if (r.nextCheck !== null) checkBy(ctx.db, id, r.nextCheck);
    if (!r.moved) return moved;
    // The rule's change queued its push; its search row follows here, once the rules are done.
    moved = true;
    indexTicket(ctx.db, id);
  }
  return moved;
}

/** After a change to a ticket's row: clocks, rules, and its search row rewritten (once). */
export function reindexAfterChange(ctx: SettleCtx, id: string): void {
  if (!settle(ctx, id)) indexTicket(ctx.db, id);
}

/** The desk's scanner: every ticket whose next check (a clock threshold or a rule) has come. */
export function tickTickets(ctx: SettleCtx, limit = 500): number {
  return tickSla(ctx, limit, settle);
}
