/**
 * The policy's automatic escalation rules, run by the desk on every change and when a ticket's
 * next check comes. Each fires once per condition (remembered in `rule_firings`), so a clock
 * that jumps past several thresholds fires each one once, and a rule never fires twice.
 */
import { addBusinessTimeWithin, MINUTE } from '../../shared/business-time.ts';
import type { EscalationRule, Tier } from '../../shared/domain.ts';
import type { Ctx } from '../kernel/context.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { openEscalation } from './escalations.ts';
import { ticketTerms } from '../sla/policy-terms.ts';
import { SYSTEM_USER_ID, type SlaComputation } from '../sla/clocks.ts';
import { recordDeskEvent, ticketRow, type TicketRow } from '../tickets/write.ts';
import { tierOf } from './tiers.ts';
import { idFrom } from '../kernel/ids.ts';
import { isShared } from '../sync/capture.ts';

type RuleCtx = Pick<Ctx, 'db' | 'clock' | 'newId' | 'emit'>;

const read = (db: Db, id: string): TicketRow => ticketRow(db, id)!;

/** Remembers that the rule fired for this condition; false when it had already. */
function fire(
  db: Db,
  ticketId: string,
  rule: EscalationRule,
  condition: string,
  at: number,
): boolean {
  return (
    stmt(
      db,
      'INSERT OR IGNORE INTO rule_firings (ticket_id, rule, condition, at) VALUES (?, ?, ?, ?)',
    ).run(ticketId, rule, condition, at).changes === 1
  );
}

export interface RulesOutcome {
  /** A rule moved the ticket (its clocks and search row need recomputing). */
  moved: boolean;
  /** The next instant a rule may fire by time alone, or null. */
  nextCheck: number | null;
}

/**
 * Runs every rule on the ticket as it stands at the clock's now. `c` is its clocks, just computed.
 * With `record` set, conditions that hold are remembered without acting (a seeded desk's history).
 */
export function applyEscalationRules(
  ctx: RuleCtx,
  ticketId: string,
  c: SlaComputation,
  record = false,
): RulesOutcome {
  const { db } = ctx;
  const now = ctx.clock.now();
  let t = read(db, ticketId);
  if (t.status === 'resolved' || t.domain_id === null) return { moved: false, nextCheck: null };
  const { policy, cal } = ticketTerms(db, t);
  const rules = policy.escalation;
  let moved = false;
  let nextCheck: number | null = null;
  // On a desk of one workstation a firing is simply noticed now; on a hub's desk it is made the
  // same wherever it is noticed (see Firing).
  const shared = isShared(db);

  /**
   * A rule's firing, as every workstation of the desk that notices it writes it: its events and
   * its escalation have ids made of the ticket, the rule and the condition, and its time is the
   * condition's own instant where it has one, so the desk records it once.
   */
  interface Firing {
    rule: EscalationRule;
    condition: string;
    at: number;
  }
  const alert = (f: Firing, reason: string) => {
    const data = { rule: f.rule, reason };
    if (shared)
      recordDeskEvent(ctx, SYSTEM_USER_ID, t.id, ['supervisors_alerted', data], f.at, [
        'rule alert',
        f.rule,
        f.condition,
      ]);
    else recordDeskEvent(ctx, SYSTEM_USER_ID, t.id, ['supervisors_alerted', data]);
    ctx.emit('supervisors.alerted', { ticketId: t.id, key: t.key, title: t.title, rule: f.rule });
  };
  /** Up one tier of the same domain, unless an escalation is already under way; at the top, alert. */
  const moveTo = (tier: number, f: Firing, reason: string) => {
    if (t.escalation_state === 'pending' || tier <= t.tier) return;
    if (!tierOf(db, t.domain_id!, tier)) return alert(f, reason);
    openEscalation(
      ctx,
      SYSTEM_USER_ID,
      t,
      { domainId: t.domain_id!, tier: tier as Tier },
      { reason, note: '', rule: f.rule },
      'none',
      shared
        ? {
            id: idFrom(t.id, 'rule escalation', f.rule, f.condition),
            eventId: idFrom(t.id, 'rule escalated', f.rule, f.condition),
            at: f.at,
          }
        : undefined,
    );
    moved = true;
    t = read(db, t.id);
  };
  const when = (rule: EscalationRule, condition: string, at: number, act: (f: Firing) => void) => {
    if (fire(db, t.id, rule, condition, now) && !record)
      act({ rule, condition, at: shared ? Math.min(at, now) : now });
  };

  if (rules.alertPriority1 && t.priority === 1)
    when('priority1', 'priority 1', t.created_at, (f) => alert(f, 'Business failure'));

  const n = rules.reopenedToTier2;
  if (n !== null && t.reopen_count >= n)
    when('reopened', String(n), t.reopened_at ?? now, (f) =>
      moveTo(2, f, `Reopened ${t.reopen_count} times`),
    );

  if (rules.breachUp)
    for (const target of c.targets)
      if (
        (target.name === 'response' || target.name === 'resolution') &&
        target.state === 'breached'
      )
        when('breach', target.name, target.clock.dueAt ?? now, (f) =>
          moveTo(t.tier + 1, f, `The ${target.name} target was missed`),
        );

  const limit = t.tier < 3 ? rules.maxInTierMin[t.tier - 1] : null;
  if (typeof limit === 'number') {
    const span = stmt<{ seq: number; from_at: number }>(
      db,
      'SELECT seq, from_at FROM tier_spans WHERE ticket_id = ? AND to_at IS NULL',
    ).get(t.id);
    // No deadline when the calendar does not give that much time within its horizon.
    const deadline = span ? addBusinessTimeWithin(cal, span.from_at, limit * MINUTE) : null;
    if (span && deadline !== null) {
      if (now < deadline) nextCheck = deadline;
      // A ticket waiting to be accepted is not yet anybody's to be slow with.
      else if (t.escalation_state !== 'pending')
        when('tier_time', `span ${span.seq}`, deadline, (f) =>
          moveTo(t.tier + 1, f, `More than ${limit} minutes in tier ${t.tier}`),
        );
    }
  }
  return { moved, nextCheck };
}
