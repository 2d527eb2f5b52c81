/**
 * Work coming in and going out: tickets resolved each day of the period, and the backlog when it
 * began (created before it and not resolved before it). A reopened ticket counts as open from
 * its creation, as its resolution time is cleared when it reopens.
 */
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import type { PeriodFilter } from './cohort.ts';
import { daySql } from './local-days.ts';

export function resolvedPerDay(
  db: Db,
  f: PeriodFilter,
  dayParams: Record<string, number>,
): Map<number, number> {
  const rows = stmt<{ day: number; n: number }>(
    db,
    `SELECT ${daySql('t.resolved_at')} AS day, count(*) AS n
     FROM tickets t INDEXED BY tickets_report_resolved
     WHERE t.resolved_at >= @from AND t.resolved_at < @to AND (@queueId IS NULL OR t.queue_id = @queueId)
     GROUP BY 1`,
  ).all({ ...dayParams, from: f.from, to: f.to, queueId: f.queueId });
  return new Map(rows.map((r) => [r.day, r.n]));
}

/** Open when the period began. */
export function backlogAt(db: Db, at: number, queueId: string | null): number {
  const created = stmt(
    db,
    `SELECT count(*) FROM tickets INDEXED BY tickets_report
     WHERE created_at < @at AND (@queueId IS NULL OR queue_id = @queueId)`,
  )
    .pluck()
    .get({ at, queueId }) as number;
  const resolved = stmt(
    db,
    `SELECT count(*) FROM tickets INDEXED BY tickets_report_resolved
     WHERE resolved_at < @at AND (@queueId IS NULL OR queue_id = @queueId)`,
  )
    .pluck()
    .get({ at, queueId }) as number;
  return created - resolved;
}
