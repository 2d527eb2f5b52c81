/**
 * The escalation panel: open tickets that need someone now (at risk, breached, escalated and
 * waiting, sent back, a call-back overdue), most urgent first; and the time spent per tier.
 */
import type { ParsedInput } from '../../shared/contract.ts';
import type { Tier } from '../../shared/domain.ts';
import type { EscalationPanel, PanelItem, TierReportRow } from '../../shared/views.ts';
import type { Ctx } from '../kernel/context.ts';
import { stmt } from '../store/statements.ts';
import { escalationOf } from './escalations.ts';
import { CARD_COLUMNS, toCard, type CardRow } from '../tickets/write.ts';

export function escalationPanel(
  ctx: Ctx,
  input: ParsedInput<'escalations.panel'>,
): EscalationPanel {
  const { db } = ctx;
  const now = ctx.clock.now();
  const filter = { now, domain: input.domainId ?? null, tier: input.tier ?? null };
  // Only the filters given, as equalities: each shape seeks its own index in due-time order.
  const where = [
    "t.status <> 'resolved'",
    ...(filter.domain !== null ? ['t.domain_id = @domain'] : []),
    ...(filter.tier !== null ? ['t.tier = @tier'] : []),
  ].join(' AND ');
  // Steered, not left to statistics a new desk lacks: each filter shape reads an index already in
  // time-to-breach order and stops at the limit.
  const byDue =
    filter.domain !== null && filter.tier !== null
      ? 'tickets_open_domain_due'
      : filter.tier !== null
        ? 'tickets_open_tier_due'
        : 'tickets_open_due';
  const rows = stmt<
    CardRow & {
      domainId: string | null;
      tier: Tier;
      escalationState: string | null;
      cbOverdue: 0 | 1;
    }
  >(
    db,
    `SELECT ${CARD_COLUMNS}, t.rowid AS rid, t.domain_id AS domainId, t.tier,
            t.escalation_state AS escalationState, coalesce(cb.due_at <= @now, 0) AS cbOverdue
     FROM tickets t INDEXED BY ${byDue} JOIN customers c ON c.id = t.customer_id
     LEFT JOIN callbacks cb ON cb.ticket_id = t.id
     WHERE ${where}
       AND (t.sla_state <> 'on_track' OR t.escalation_state IS NOT NULL OR cb.due_at <= @now)
     ORDER BY t.sla_next_due, t.id LIMIT @limit`,
  ).all({ ...filter, limit: input.limit });
  const items: PanelItem[] = rows.map(({ domainId, tier, escalationState, cbOverdue, ...r }) => ({
    ...toCard(r),
    domainId,
    tier,
    escalation: escalationState ? escalationOf(db, r.id) : null,
    callbackOverdue: cbOverdue === 1,
  }));
  const counts = stmt<EscalationPanel['counts']>(
    db,
    `SELECT coalesce(sum(t.sla_state = 'at_risk'), 0) AS atRisk, coalesce(sum(t.sla_state = 'breached'), 0) AS breached,
            coalesce(sum(t.escalation_state = 'pending'), 0) AS pending,
            coalesce(sum(t.escalation_state = 'returned'), 0) AS returned
     FROM tickets t INDEXED BY tickets_open_state WHERE ${where}`,
  ).get(filter)!;
  // Every call-back belongs to an open ticket and carries its domain and tier: a range count.
  counts.callbacksOverdue = stmt<{ n: number }>(
    db,
    `SELECT count(*) AS n FROM callbacks WHERE due_at <= @now
         ${filter.domain !== null ? 'AND domain_id = @domain' : ''}
         ${filter.tier !== null ? 'AND tier = @tier' : ''}`,
  ).get(filter)!.n;
  return { asOf: now, items, counts };
}

const quantile = (sorted: number[], q: number): number | null =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : null;

/** Per domain and tier: stays that began in the last `days`, how many still open, how long they took. */
export function tierReport(ctx: Ctx, input: ParsedInput<'escalations.report'>): TierReportRow[] {
  const now = ctx.clock.now();
  const since = now - input.days * 86_400_000;
  const spans = stmt<{ domainId: string; tier: Tier; from: number; to: number | null }>(
    ctx.db,
    `SELECT domain_id AS domainId, tier, from_at AS "from", to_at AS "to" FROM tier_spans
     WHERE from_at >= ? ORDER BY domain_id, tier`,
  ).all(since);
  const groups = new Map<string, { domainId: string; tier: Tier; open: number; took: number[] }>();
  for (const s of spans) {
    const k = `${s.domainId}:${s.tier}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { domainId: s.domainId, tier: s.tier, open: 0, took: [] }));
    if (s.to === null) g.open++;
    else g.took.push(s.to - s.from);
  }
  return [...groups.values()].map((g) => {
    const took = g.took.sort((a, b) => a - b);
    return {
      domainId: g.domainId,
      tier: g.tier,
      entered: took.length + g.open,
      open: g.open,
      medianMs: quantile(took, 0.5),
      p90Ms: quantile(took, 0.9),
    };
  });
}
