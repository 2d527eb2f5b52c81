/**
 * Work coming in and going out: tickets resolved each day of the period, and the backlog when it
 * began (created before it and not resolved before it), from the report sums. A reopened ticket
 * counts as open from its creation, as its resolution time is cleared when it reopens.
 */
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import type { PeriodFilter } from './cohort.ts';

export function resolvedPerDay(db: Db, f: PeriodFilter): Map<number, number> {
  const rows = stmt<{ day: number; n: number }>(
    db,
    `SELECT day, sum(n) AS n FROM report_resolved
     WHERE day BETWEEN @firstDay AND @lastDay AND (@queueId IS NULL OR queue_id = @queueId)
     GROUP BY 1`,
  ).all({ firstDay: f.firstDay, lastDay: f.lastDay, queueId: f.queueId });
  return new Map(rows.map((r) => [r.day, r.n]));
}

/** Open when the period's first day began. */
export function backlogBefore(db: Db, f: PeriodFilter): number {
  const p = { firstDay: f.firstDay, queueId: f.queueId };
  const sum = (table: string, column: string) =>
    stmt(
      db,
      `SELECT coalesce(sum(${column}), 0) FROM ${table}
       WHERE day < @firstDay AND (@queueId IS NULL OR queue_id = @queueId)`,
    )
      .pluck()
      .get(p) as number;
  return sum('report_days', 'tickets') - sum('report_resolved', 'n');
}
