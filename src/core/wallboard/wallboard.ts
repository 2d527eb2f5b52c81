/**
 * The wall-board's figures, each read from the store as it stands: counts come from the trigger-
 * kept counter table and partial indexes of open work, the day's activity from time indexes.
 * Nothing here scans the tickets table.
 */
import { DAY, HOUR, localDate, zonedTime } from '../../shared/business-time.ts';
import type { Priority, Tier } from '../../shared/domain.ts';
import type { WallboardView } from '../../shared/views.ts';
import type { Ctx } from '../kernel/context.ts';
import { readSettings } from '../kernel/settings.ts';
import { stmt } from '../store/statements.ts';
import { currentPolicyVersion, deskCalendar, policyVersion } from '../sla/policy-terms.ts';

const AVERAGE_DAYS = 28;

export function wallboardView(ctx: Ctx): WallboardView {
  const { db } = ctx;
  const now = ctx.clock.now();
  const { timeZone } = deskCalendar(db);
  const d = localDate(timeZone, now);
  const dayStart = zonedTime(timeZone, d.year, d.month, d.day, 0);
  const policy = policyVersion(db, currentPolicyVersion(db));

  const byPriority = new Map(
    stmt<{ priority: Priority; n: number }>(
      db,
      "SELECT priority, sum(n) AS n FROM ticket_counts WHERE status <> 'resolved' GROUP BY priority",
    )
      .all()
      .map((r) => [r.priority, r.n]),
  );
  const openByQueue = stmt<WallboardView['openByQueue'][number]>(
    db,
    `SELECT q.id AS queueId, q.name, coalesce(sum(c.n), 0) AS open
     FROM queues q LEFT JOIN ticket_counts c ON c.queue_id = q.id AND c.status <> 'resolved'
     GROUP BY q.id HAVING q.active = 1 OR open > 0 ORDER BY open DESC, q.name`,
  ).all();
  // One pass over the open-work index: by tier, and the states summed across tiers.
  const tiers = stmt<{
    tier: Tier;
    open: number;
    breached: number;
    atRisk: number;
    awaitingAcceptance: number;
  }>(
    db,
    `SELECT tier, count(*) AS open, sum(sla_state = 'breached') AS breached, sum(sla_state = 'at_risk') AS atRisk,
            sum(escalation_state = 'pending') AS awaitingAcceptance
     FROM tickets INDEXED BY tickets_open_state WHERE status <> 'resolved' GROUP BY tier ORDER BY tier`,
  ).all();
  const openByTier = tiers.map(({ tier, open }) => ({ tier, open }));
  const sum = (k: 'breached' | 'atRisk' | 'awaitingAcceptance') =>
    tiers.reduce((s, x) => s + (x[k] ?? 0), 0);
  const state = {
    breached: sum('breached'),
    atRisk: sum('atRisk'),
    awaitingAcceptance: sum('awaitingAcceptance'),
  };
  // The counter table by assignee once, then the analysts (looking each one up in it was slower).
  const load = new Map(
    stmt<{ id: string; n: number }>(
      db,
      `SELECT assignee_id AS id, sum(n) AS n FROM ticket_counts
         WHERE status <> 'resolved' AND assignee_id IS NOT NULL GROUP BY assignee_id`,
    )
      .all()
      .map((r) => [r.id, r.n]),
  );
  const oldest = stmt<WallboardView['oldestWaiting']>(
    db,
    `SELECT key, title, priority, created_at AS createdAt FROM tickets INDEXED BY tickets_unresponded
     WHERE responded_at IS NULL AND status <> 'resolved' ORDER BY created_at LIMIT 1`,
  ).get();
  const count = (sql: string, from: number, to: number) =>
    stmt<{ n: number }>(db, sql).get(from, to)!.n;
  const calls = 'SELECT count(*) AS n FROM calls WHERE created_at >= ? AND created_at < ?';
  const resolved = 'SELECT count(*) AS n FROM tickets WHERE resolved_at >= ? AND resolved_at < ?';
  const windowStart = dayStart - AVERAGE_DAYS * DAY;
  const perHour = (column: 'created_at' | 'resolved_at') =>
    new Map(
      stmt<{ hour: number; n: number }>(
        db,
        // Bound numbers arrive as reals: the hour is cast to a whole number.
        `SELECT CAST((${column} - ?) / ${HOUR} AS INTEGER) AS hour, count(*) AS n FROM tickets
           WHERE ${column} >= ? AND ${column} < ? GROUP BY hour`,
      )
        .all(dayStart, dayStart, now + 1)
        .map((r) => [r.hour, r.n]),
    );
  const created = perHour('created_at');
  const resolvedByHour = perHour('resolved_at');
  const hoursSoFar = Math.min(24, Math.floor((now - dayStart) / HOUR) + 1);

  return {
    asOf: now,
    dayStart,
    deskName: readSettings(db).name,
    thresholds: policy.wallboard,
    openByPriority: policy.priorities.map((level, i) => ({
      priority: (i + 1) as Priority,
      label: level.label,
      open: byPriority.get((i + 1) as Priority) ?? 0,
    })),
    openByQueue,
    openByTier,
    oldestWaiting: oldest ?? null,
    ...state,
    callbacksOverdue: stmt<{ n: number }>(
      db,
      'SELECT count(*) AS n FROM callbacks WHERE due_at <= ?',
    ).get(now)!.n,
    callsToday: count(calls, dayStart, now + 1),
    callsDailyAverage: count(calls, windowStart, dayStart) / AVERAGE_DAYS,
    resolvedToday: count(resolved, dayStart, now + 1),
    resolvedDailyAverage: count(resolved, windowStart, dayStart) / AVERAGE_DAYS,
    hours: Array.from({ length: hoursSoFar }, (_, hour) => ({
      hour,
      created: created.get(hour) ?? 0,
      resolved: resolvedByHour.get(hour) ?? 0,
    })),
    analysts: stmt<{ id: string; name: string }>(
      db,
      `SELECT id, display_name AS name FROM users
         WHERE active = 1 AND role = 'analyst' AND username <> 'system'`,
    )
      .all()
      .map((u) => ({ ...u, open: load.get(u.id) ?? 0 }))
      .sort((a, b) => b.open - a.open || a.name.localeCompare(b.name)),
  };
}
