/**
 * The time the period's tickets spent on each step of the ladder (tier_spans), by domain and
 * tier: how many reached it, how many are in it now, and the hours per ticket there.
 */
import type { TierTime } from '../../shared/reports.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import type { PeriodFilter } from './cohort.ts';

export function tierTimes(db: Db, f: PeriodFilter): TierTime[] {
  const rows = stmt<{
    domain_id: string;
    domain: string;
    tier: number;
    tickets: number;
    open: number;
    ms: number;
  }>(
    db,
    `SELECT s.domain_id, d.name AS domain, s.tier, count(DISTINCT s.ticket_id) AS tickets,
       count(DISTINCT CASE WHEN s.to_at IS NULL THEN s.ticket_id END) AS open,
       sum(coalesce(s.to_at, @now) - s.from_at) AS ms
     FROM tickets t INDEXED BY tickets_report
     JOIN tier_spans s ON s.ticket_id = t.id
     JOIN domains d ON d.id = s.domain_id
     WHERE t.created_at >= @from AND t.created_at < @to AND (@queueId IS NULL OR t.queue_id = @queueId)
     GROUP BY s.domain_id, s.tier
     ORDER BY d.name, s.tier`,
  ).all({ from: f.from, to: f.to, queueId: f.queueId, now: f.now });
  return rows.map((r) => ({
    domainId: r.domain_id,
    domain: r.domain,
    tier: r.tier,
    tickets: r.tickets,
    open: r.open,
    hours: Math.round(r.ms / r.tickets / 360_000) / 10,
  }));
}
