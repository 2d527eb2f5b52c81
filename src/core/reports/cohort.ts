/**
 * The tickets opened in the period, read in one pass over the report index (migration 27) and
 * grouped by day, priority and queue; the report folds the groups into priorities, queues and
 * weeks. A target is met or missed by the ticket's stored outcome; one still running and not yet
 * due is neither.
 */
import type { CohortTally } from '../../shared/reports.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { daySql } from './local-days.ts';

export interface CohortGroup {
  day: number;
  priority: number;
  queueId: string;
  pending: number;
  tally: CohortTally;
}

interface Sums {
  day: number;
  priority: number;
  queue_id: string;
  tickets: number;
  pending: number;
  resolved: number;
  response_met: number;
  response_missed: number;
  update_met: number;
  update_missed: number;
  resolution_met: number;
  resolution_missed: number;
  first_contact: number;
  callbacks_due: number;
  callbacks_kept: number;
  callbacks_outstanding: number;
}

export interface PeriodFilter {
  from: number;
  to: number;
  queueId: string | null;
  now: number;
}

export function cohortGroups(
  db: Db,
  f: PeriodFilter,
  dayParams: Record<string, number>,
): CohortGroup[] {
  const rows = stmt<Sums>(
    db,
    `SELECT ${daySql('t.created_at')} AS day, t.priority, t.queue_id,
       count(*) AS tickets,
       sum(t.update_misses IS NULL) AS pending,
       sum(t.status = 'resolved') AS resolved,
       sum(t.responded_at <= t.response_target_at) AS response_met,
       sum(coalesce(t.responded_at, @now) > t.response_target_at) AS response_missed,
       sum(t.status = 'resolved' AND t.update_misses = 0) AS update_met,
       sum(t.update_misses > 0 OR (t.status <> 'resolved' AND t.update_due <= @now)) AS update_missed,
       sum(t.status = 'resolved' AND t.resolved_at <= t.resolution_target_at) AS resolution_met,
       sum(CASE WHEN t.status = 'resolved' THEN t.resolved_at ELSE @now END > t.resolution_target_at)
         AS resolution_missed,
       sum(t.first_contact) AS first_contact,
       sum(t.callbacks_promised + coalesce(t.callback_open_due <= @now, 0)) AS callbacks_due,
       sum(t.callbacks_kept) AS callbacks_kept,
       sum(t.callback_open_due > @now) AS callbacks_outstanding
     FROM tickets t INDEXED BY tickets_report
     WHERE t.created_at >= @from AND t.created_at < @to AND (@queueId IS NULL OR t.queue_id = @queueId)
     GROUP BY 1, 2, 3`,
  ).all({ ...dayParams, from: f.from, to: f.to, queueId: f.queueId, now: f.now });
  return rows.map((r) => ({
    day: r.day,
    priority: r.priority,
    queueId: r.queue_id,
    pending: r.pending,
    tally: {
      tickets: r.tickets,
      resolved: r.resolved,
      response: { met: r.response_met ?? 0, missed: r.response_missed ?? 0 },
      update: { met: r.update_met ?? 0, missed: r.update_missed ?? 0 },
      resolution: { met: r.resolution_met ?? 0, missed: r.resolution_missed ?? 0 },
      firstContact: r.first_contact,
      callbacks: {
        due: r.callbacks_due ?? 0,
        kept: r.callbacks_kept,
        outstanding: r.callbacks_outstanding ?? 0,
      },
    },
  }));
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
