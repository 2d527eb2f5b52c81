/** Each analyst's load: open tickets assigned now, by priority, and tickets resolved in the period. */
import type { AnalystLoad } from '../../shared/reports.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import type { PeriodFilter } from './cohort.ts';

export function analystLoad(db: Db, f: PeriodFilter): AnalystLoad[] {
  const open = stmt<{ user_id: string; priority: number; n: number }>(
    db,
    `SELECT assignee_id AS user_id, priority, count(*) AS n FROM tickets INDEXED BY tickets_report_open
     WHERE status <> 'resolved' AND assignee_id IS NOT NULL AND (@queueId IS NULL OR queue_id = @queueId)
     GROUP BY 1, 2`,
  ).all({ queueId: f.queueId });
  const days = { firstDay: f.firstDay, lastDay: f.lastDay };
  // The whole desk's from the sums; one queue's from its tickets (the sums are not by queue).
  const resolved =
    f.queueId === null
      ? stmt<{ user_id: string; n: number }>(
          db,
          `SELECT resolved_by AS user_id, sum(n) AS n FROM report_resolvers
           WHERE day BETWEEN @firstDay AND @lastDay GROUP BY 1 HAVING sum(n) <> 0`,
        ).all(days)
      : stmt<{ user_id: string; n: number }>(
          db,
          `SELECT resolved_by AS user_id, count(*) AS n FROM tickets INDEXED BY tickets_report_resolvers
           WHERE resolved_day IS NOT NULL AND queue_id = @queueId
             AND resolved_day BETWEEN @firstDay AND @lastDay AND resolved_by IS NOT NULL
           GROUP BY 1`,
        ).all({ ...days, queueId: f.queueId });
  const byUser = new Map<string, AnalystLoad>();
  const entry = (userId: string) => {
    let e = byUser.get(userId);
    if (!e) {
      e = { userId, name: '', open: [0, 0, 0, 0], resolved: 0 };
      byUser.set(userId, e);
    }
    return e;
  };
  for (const r of open) entry(r.user_id).open[r.priority - 1] = r.n;
  for (const r of resolved) entry(r.user_id).resolved = r.n;
  const name = stmt(db, 'SELECT display_name FROM users WHERE id = ?').pluck();
  for (const e of byUser.values()) e.name = (name.get(e.userId) as string | undefined) ?? e.userId;
  const total = (e: AnalystLoad) => e.open.reduce((a, b) => a + b, 0);
  return [...byUser.values()].sort(
    (a, b) => total(b) - total(a) || b.resolved - a.resolved || a.name.localeCompare(b.name),
  );
}
