/** The supervisors' report of a period (see shared/reports.ts), from the store alone. */
import type { ParsedInput } from '../../shared/contract.ts';
import type { CohortTally, DeskReport } from '../../shared/reports.ts';
import type { Ctx } from '../kernel/context.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { deskCalendar } from '../sla/policy-terms.ts';
import { backlogNow } from './backlog.ts';
import {
  addTally,
  cohortGroups,
  createdPerDay,
  emptyTally,
  pendingIn,
  type PeriodFilter,
} from './cohort.ts';
import { backlogBefore, resolvedPerDay } from './flow.ts';
import { analystLoad } from './load.ts';
import { epochDayName, localDays } from './local-days.ts';
import { tierTimes } from './tiers.ts';

export type ReportInput = ParsedInput<'reports.get'>;

export function deskReport(db: Db, input: ReportInput, now: number): DeskReport {
  const { timeZone } = deskCalendar(db);
  const days = localDays(timeZone, input.from, input.to);
  const f: PeriodFilter = {
    firstDay: days.firstEpochDay,
    lastDay: days.lastEpochDay,
    from: days.start,
    to: days.end,
    queueId: input.queueId,
    now,
  };
  const groups = cohortGroups(db, f);

  const total = emptyTally();
  const byPriority = new Map<number, CohortTally>();
  const byQueue = new Map<string, CohortTally>();
  const byWeek = new Map<number, CohortTally>();
  const into = <K>(m: Map<K, CohortTally>, k: K, t: CohortTally) => {
    let a = m.get(k);
    if (!a) m.set(k, (a = emptyTally()));
    addTally(a, t);
  };
  for (const g of groups) {
    addTally(total, g.tally);
    into(byPriority, g.priority, g.tally);
    into(byQueue, g.queueId, g.tally);
    into(byWeek, g.week, g.tally);
  }

  const created = createdPerDay(db, f);
  const resolved = resolvedPerDay(db, f);
  let backlog = backlogBefore(db, f);
  const perDay = days.names.map((day, i) => {
    const e = days.firstEpochDay + i;
    const c = created.get(e) ?? 0;
    const r = resolved.get(e) ?? 0;
    backlog += c - r;
    return { day, created: c, resolved: r, backlog };
  });

  const queueName = stmt(db, 'SELECT name FROM queues WHERE id = ?').pluck();
  return {
    from: input.from,
    to: input.to,
    timeZone,
    generatedAt: now,
    pending: pendingIn(db, f),
    total,
    byPriority: [...byPriority]
      .sort(([a], [b]) => a - b)
      .map(([priority, t]) => ({ priority, ...t })),
    byQueue: [...byQueue]
      .map(([queueId, t]) => ({
        queueId,
        queue: (queueName.get(queueId) as string | undefined) ?? queueId,
        ...t,
      }))
      .sort((a, b) => b.tickets - a.tickets || a.queue.localeCompare(b.queue)),
    byWeek: [...byWeek]
      .sort(([a], [b]) => a - b)
      .map(([week, t]) => ({ week: epochDayName(week), ...t })),
    days: perDay,
    backlogNow: backlogNow(db, now, f.queueId),
    tiers: tierTimes(db, f),
    load: analystLoad(db, f),
  };
}

export const getReport = (ctx: Ctx, input: ReportInput): DeskReport =>
  deskReport(ctx.db, input, ctx.clock.now());
