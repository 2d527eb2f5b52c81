import type { ParsedInput } from '../../shared/contract.ts';
import type { CalendarView, PolicyView } from '../../shared/views.ts';
import { actor, type Ctx } from '../kernel/context.ts';
import { conflict } from '../kernel/failure.ts';
import { stmt } from '../store/statements.ts';
import { checkOpenTicketsAt, forgetOutcomes } from '../tickets/write.ts';
import { currentPolicyVersion, deskCalendar, policyVersion } from './policy-terms.ts';

function calendarView(ctx: Ctx): CalendarView {
  const c = deskCalendar(ctx.db);
  return {
    name: c.name,
    timeZone: c.timeZone,
    week: c.calendar.week as CalendarView['week'],
    holidays: [...c.calendar.holidays],
  };
}

export function getPolicy(ctx: Ctx): PolicyView {
  const version = currentPolicyVersion(ctx.db);
  const history = stmt<PolicyView['history'][number]>(
    ctx.db,
    'SELECT p.version, p.created_at AS at, u.display_name AS "by" FROM policies p LEFT JOIN users u ON u.id = p.created_by ORDER BY p.version DESC',
  ).all();
  return { version, body: policyVersion(ctx.db, version), calendar: calendarView(ctx), history };
}

export function deskEvent(ctx: Ctx, type: string, data: Record<string, unknown>): void {
  stmt(ctx.db, 'INSERT INTO desk_events (id, type, data, actor_id, at) VALUES (?, ?, ?, ?, ?)').run(
    ctx.newId(),
    type,
    JSON.stringify(data),
    actor(ctx).id,
    ctx.clock.now(),
  );
}

/**
 * A policy change is a new version and a desk history event. Tickets keep the version they were
 * opened under, so no ticket, open or closed, is rewritten by it.
 */
export function updatePolicy(ctx: Ctx, input: ParsedInput<'policy.update'>): PolicyView {
  ctx.db.transaction(() => {
    const current = currentPolicyVersion(ctx.db);
    if (current !== input.expectedVersion) {
      throw conflict(
        'stale_policy',
        `The policy was changed to version ${current} while you edited version ${input.expectedVersion}; reload it`,
        { now: current, yours: input.expectedVersion },
      );
    }
    const version = current + 1;
    stmt(
      ctx.db,
      'INSERT INTO policies (version, body, created_at, created_by) VALUES (?, ?, ?, ?)',
    ).run(version, JSON.stringify(input.body), ctx.clock.now(), actor(ctx).id);
    deskEvent(ctx, 'policy_changed', { from: current, to: version });
    ctx.emit('policy.changed', { version });
  })();
  return getPolicy(ctx);
}

/** New opening hours apply to running clocks: every open ticket is queued for the scanner now. */
export function updateCalendar(ctx: Ctx, input: ParsedInput<'calendar.update'>): CalendarView {
  ctx.db.transaction(() => {
    const before = calendarView(ctx);
    stmt(
      ctx.db,
      "UPDATE calendars SET time_zone = ?, week = ?, holidays = ?, updated_at = ?, updated_by = ? WHERE id = 'desk'",
    ).run(
      input.timeZone,
      JSON.stringify(input.week),
      JSON.stringify([...new Set(input.holidays)].sort()),
      ctx.clock.now(),
      actor(ctx).id,
    );
    checkOpenTicketsAt(ctx.db, ctx.clock.now());
    if (before.timeZone !== input.timeZone) forgetOutcomes(ctx.db);
    deskEvent(ctx, 'calendar_changed', {
      before,
      after: { timeZone: input.timeZone, week: input.week, holidays: input.holidays },
    });
    ctx.emit('policy.changed', { version: currentPolicyVersion(ctx.db) });
  })();
  return calendarView(ctx);
}
