/**
 * The time spent on each step of the ladder (tier_spans) by the steps entered in the period, by
 * domain and tier: how many times a ticket entered it, how many are in it now, and the hours per
 * entry (those still in it counted up to now). One queue's: the tickets in that queue now.
 */
import type { TierTime } from '../../shared/reports.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import type { PeriodFilter } from './cohort.ts';

export function tierTimes(db: Db, f: PeriodFilter): TierTime[] {
  const ladder = stmt<{ domain_id: string; domain: string; tier: number }>(
    db,
    `SELECT d.id AS domain_id, d.name AS domain, l.tier FROM domains d,
       (SELECT 1 AS tier UNION ALL SELECT 2 UNION ALL SELECT 3) l ORDER BY d.name, l.tier`,
  ).all();
  // A tier at a time: each is a range of the index, read in order, with nothing to sort.
  const sums = stmt<{ entries: number; open: number | null; ms: number | null }>(
    db,
    `SELECT count(*) AS entries, sum(to_at IS NULL) AS open, sum(coalesce(to_at, @now) - from_at) AS ms
     FROM tier_spans INDEXED BY tier_spans_report
     WHERE domain_id = @domainId AND tier = @tier AND from_at >= @from AND from_at < @to
       AND (@queueId IS NULL OR ticket_id IN (SELECT id FROM tickets WHERE queue_id = @queueId))`,
  );
  return ladder.flatMap((l) => {
    const r = sums.get({
      domainId: l.domain_id,
      tier: l.tier,
      from: f.from,
      to: f.to,
      queueId: f.queueId,
      now: f.now,
    })!;
    if (r.entries === 0) return [];
    return [
      {
        domainId: l.domain_id,
        domain: l.domain,
        tier: l.tier,
        entries: r.entries,
        open: r.open ?? 0,
        hours: Math.round((r.ms ?? 0) / r.entries / 360_000) / 10,
      },
    ];
  });
}
