/**
 * The tickets opened in the period, by day, priority and queue: what is settled from the sums
 * the triggers of migration 28 keep (a few thousand rows for a year), and what depends on the
 * moment (open work past a due time, call-backs falling due) from the open tickets alone. A target
 * is met or missed by the ticket's stored outcome; one still running and not yet due is neither.
 */
import type { CohortTally } from '../../shared/reports.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';

export interface CohortGroup {
  /** The Monday of the week, as days since 1970-01-01. */
  week: number;
  priority: number;
  queueId: string;
  tally: CohortTally;
}

/** The period as the report reads it: its days, its instants, a queue or all, and now. */
export interface PeriodFilter {
  firstDay: number;
  lastDay: number;
  from: number;
  to: number;
  queueId: string | null;
  now: number;
}

type Key = Pick<CohortGroup, 'week' | 'priority'> & { queue_id: string };

/** The Monday of a day's week (days since 1970-01-01, a Thursday), in SQL. */
const WEEK = (day: string) => `(${day} - (${day} + 3) % 7)`;

/** Tickets opened each day of the period (as the sums keep them). */
export function createdPerDay(db: Db, f: PeriodFilter): Map<number, number> {
  const rows = stmt<{ day: number; n: number }>(
    db,
    `SELECT day, sum(tickets) AS n FROM report_days
     WHERE day BETWEEN @firstDay AND @lastDay AND (@queueId IS NULL OR queue_id = @queueId)
     GROUP BY 1`,
  ).all({ firstDay: f.firstDay, lastDay: f.lastDay, queueId: f.queueId });
  return new Map(rows.map((r) => [r.day, r.n]));
}

/** The period's tickets by week, priority and queue. */
export function cohortGroups(db: Db, f: PeriodFilter): CohortGroup[] {
  const p = { firstDay: f.firstDay, lastDay: f.lastDay, queueId: f.queueId, now: f.now };
  const settled = stmt<
    Key & {
      tickets: number;
      resolved: number;
      response_met: number;
      response_late: number;
      update_met: number;
      update_late: number;
      resolution_met: number;
      resolution_late: number;
      first_contact: number;
      callbacks_promised: number;
      callbacks_kept: number;
    }
  >(
    db,
    `SELECT ${WEEK('day')} AS week, priority, queue_id, sum(tickets) AS tickets, sum(resolved) AS resolved,
       sum(response_met) AS response_met, sum(response_late) AS response_late,
       sum(update_met) AS update_met, sum(update_late) AS update_late,
       sum(resolution_met) AS resolution_met, sum(resolution_late) AS resolution_late,
       sum(first_contact) AS first_contact, sum(callbacks_promised) AS callbacks_promised,
       sum(callbacks_kept) AS callbacks_kept
     FROM report_days
     WHERE day BETWEEN @firstDay AND @lastDay AND (@queueId IS NULL OR queue_id = @queueId)
     GROUP BY 1, 2, 3 HAVING sum(tickets) <> 0`,
  ).all(p);
  const live = stmt<
    Key & {
      response_late: number;
      update_late: number;
      resolution_late: number;
      callbacks_due: number;
      callbacks_outstanding: number;
    }
  >(
    db,
    `SELECT ${WEEK('created_day')} AS week, priority, queue_id,
       sum(responded_at IS NULL AND response_target_at < @now) AS response_late,
       sum(status <> 'resolved' AND update_misses = 0 AND update_due <= @now) AS update_late,
       sum(status <> 'resolved' AND resolution_target_at < @now) AS resolution_late,
       sum(callback_open_due <= @now) AS callbacks_due,
       sum(callback_open_due > @now) AS callbacks_outstanding
     FROM tickets INDEXED BY tickets_report_live
     WHERE (status <> 'resolved' OR responded_at IS NULL) AND update_misses IS NOT NULL
       AND created_day BETWEEN @firstDay AND @lastDay AND (@queueId IS NULL OR queue_id = @queueId)
     GROUP BY 1, 2, 3`,
  ).all(p);
  const groups = new Map<string, CohortGroup>();
  const group = (k: Key) => {
    const id = `${k.week}|${k.priority}|${k.queue_id}`;
    let g = groups.get(id);
    if (!g) {
      g = { week: k.week, priority: k.priority, queueId: k.queue_id, tally: emptyTally() };
      groups.set(id, g);
    }
    return g.tally;
  };
  for (const r of settled) {
    const t = group(r);
    t.tickets += r.tickets;
    t.resolved += r.resolved;
    t.response.met += r.response_met;
    t.response.missed += r.response_late;
    t.update.met += r.update_met;
    t.update.missed += r.update_late;
    t.resolution.met += r.resolution_met;
    t.resolution.missed += r.resolution_late;
    t.firstContact += r.first_contact;
    t.callbacks.due += r.callbacks_promised;
    t.callbacks.kept += r.callbacks_kept;
  }
  for (const r of live) {
    const t = group(r);
    t.response.missed += r.response_late ?? 0;
    t.update.missed += r.update_late ?? 0;
    t.resolution.missed += r.resolution_late ?? 0;
    t.callbacks.due += r.callbacks_due ?? 0;
    t.callbacks.outstanding += r.callbacks_outstanding ?? 0;
  }
  return [...groups.values()];
}

/** Tickets of the period whose outcomes the desk is still working out: not in the sums yet. */
export function pendingIn(db: Db, f: PeriodFilter): number {
  return stmt(
    db,
    `SELECT count(*) FROM tickets INDEXED BY tickets_report_pending_created
     WHERE update_misses IS NULL AND created_at >= @from AND created_at < @to
       AND (@queueId IS NULL OR queue_id = @queueId)`,
  )
    .pluck()
    .get({ from: f.from, to: f.to, queueId: f.queueId }) as number;
}

export const emptyTally = (): CohortTally => ({
  tickets: 0,
  resolved: 0,
  response: { met: 0, missed: 0 },
  update: { met: 0, missed: 0 },
  resolution: { met: 0, missed: 0 },
  firstContact: 0,
  callbacks: { due: 0, kept: 0, outstanding: 0 },
});

/** Adds `b` into `a`. */
export function addTally(a: CohortTally, b: CohortTally): void {
  a.tickets += b.tickets;
  a.resolved += b.resolved;
  for (const k of ['response', 'update', 'resolution'] as const) {
    a[k].met += b[k].met;
    a[k].missed += b[k].missed;
  }
  a.firstContact += b.firstContact;
  a.callbacks.due += b.callbacks.due;
  a.callbacks.kept += b.callbacks.kept;
  a.callbacks.outstanding += b.callbacks.outstanding;
}
