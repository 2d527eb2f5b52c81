/** Open work now, by how long it has waited and its priority. */
import { BACKLOG_AGE_HOURS, BACKLOG_AGES, type DeskReport } from '../../shared/reports.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';

const HOUR = 3_600_000;

export function backlogNow(db: Db, now: number, queueId: string | null): DeskReport['backlogNow'] {
  const band = BACKLOG_AGE_HOURS.map(
    (h, i) => `WHEN created_at > @now - ${h * HOUR} THEN ${i}`,
  ).join(' ');
  // The live index holds open work (and work never responded to): its condition, then ours.
  const rows = stmt<{ age: number; priority: number; n: number }>(
    db,
    `SELECT CASE ${band} ELSE ${BACKLOG_AGE_HOURS.length} END AS age, priority, count(*) AS n
     FROM tickets INDEXED BY tickets_report_live
     WHERE (status <> 'resolved' OR responded_at IS NULL) AND status <> 'resolved'
       AND (@queueId IS NULL OR queue_id = @queueId)
     GROUP BY 1, 2`,
  ).all({ now, queueId });
  const out = BACKLOG_AGES.map((age) => ({
    age,
    open: [0, 0, 0, 0] as [number, number, number, number],
  }));
  for (const r of rows) out[r.age]!.open[r.priority - 1] = r.n;
  return out;
}
