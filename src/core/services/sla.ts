import {
  ROUND_THE_CLOCK,
  MINUTE,
  type BusinessCalendar,
  type ClockCalendar,
} from '../../shared/business-time.ts';
import type { Status } from '../../shared/domain.ts';
import { policyBodySchema } from '../../shared/policy-schema.ts';
import type { PolicyBody } from '../../shared/policy.ts';
import { runsFrom, slaClock, slaState, type SlaClock, type SlaState } from '../../shared/sla.ts';
import type { Ctx } from '../context.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';

export const SYSTEM_USER_ID = '00000000-0000-7000-8000-000000000000';
/** sla_next_due when no clock is running: sorts after every real due time. */
export const NO_DUE = 8_640_000_000_000_000;

const policyCache = new WeakMap<Db, Map<number, PolicyBody>>();

/** A policy version: immutable once written, so read once per connection. */
export function policyVersion(db: Db, version: number): PolicyBody {
  let cache = policyCache.get(db);
  if (!cache) policyCache.set(db, (cache = new Map()));
  let body = cache.get(version);
  if (!body) {
    const row = stmt(db, 'SELECT body FROM policies WHERE version = ?').get(version) as
      { body: string } | undefined;
    if (!row) throw new Error(`policy version ${version} is missing`);
    body = policyBodySchema.parse(JSON.parse(row.body));
    cache.set(version, body);
  }
  return body;
}

export function currentPolicyVersion(db: Db): number {
  return (stmt(db, 'SELECT max(version) AS v FROM policies').get() as { v: number }).v;
}

export interface CalendarRow {
  id: string;
  name: string;
  timeZone: string;
  calendar: BusinessCalendar;
}

const calendarCache = new WeakMap<Db, { key: string; row: CalendarRow }>();

/** The desk's calendar, parsed once per change: one object per version keeps business-time caches warm. */
export function deskCalendar(db: Db): CalendarRow {
  const r = stmt(
    db,
    "SELECT id, name, time_zone, week, holidays FROM calendars WHERE id = 'desk'",
  ).get() as {
    id: string;
    name: string;
    time_zone: string;
    week: string;
    holidays: string;
  };
  const key = `${r.name}|${r.time_zone}|${r.week}|${r.holidays}`;
  const cached = calendarCache.get(db);
  if (cached?.key === key) return cached.row;
  const row: CalendarRow = {
    id: r.id,
    name: r.name,
    timeZone: r.time_zone,
    calendar: {
      timeZone: r.time_zone,
      week: JSON.parse(r.week) as BusinessCalendar['week'],
      holidays: JSON.parse(r.holidays) as string[],
    },
  };
  calendarCache.set(db, { key, row });
  return row;
}

interface SlaRow {
  id: string;
  status: Status;
  priority: number;
  policy_version: number;
  created_at: number;
  planned_start: number | null;
  planned_end: number | null;
  responded_at: number | null;
  last_update_at: number | null;
  sla_state: SlaState;
}

export type TargetName = 'response' | 'update' | 'resolution';

export interface SlaComputation {
  state: SlaState;
  /** Each target still running, with its clock. */
  targets: { name: TargetName; clock: SlaClock; state: SlaState }[];
  responseDue: number | null;
  updateDue: number | null;
  resolutionDue: number | null;
  /** The next instant the state can change; null when nothing is pending. */
  checkAt: number | null;
  /** The earliest due time among running clocks: the board's "time to breach" order. */
  nextDue: number | null;
}

const RANK: Record<SlaState, number> = { on_track: 0, at_risk: 1, breached: 2 };

/**
 * The clocks of one ticket as they stand at `now`: first response (until the ticket leaves
 * "new"), the customer update (counted from the last update), and resolution; all stop while the
 * ticket waits on the customer. Planned work is due at its window instead.
 */
export function computeSla(db: Db, t: SlaRow, now: number): SlaComputation {
  const policy = policyVersion(db, t.policy_version);
  const level = policy.priorities[t.priority - 1] ?? policy.priorities.at(-1)!;
  const cal: ClockCalendar = level.clock === '24x7' ? ROUND_THE_CLOCK : deskCalendar(db).calendar;
  const pauses = stmt(
    db,
    'SELECT started_at AS "from", ended_at AS "to" FROM ticket_pauses WHERE ticket_id = ?',
  ).all(t.id) as {
    from: number;
    to: number | null;
  }[];
  const share = policy.atRiskShare;
  const targets: SlaComputation['targets'] = [];
  const open = t.status !== 'resolved';

  if (level.planned && t.planned_start !== null) {
    // Planned work: due at its window, at risk the share of the way from creation to it.
    const window = (due: number): SlaClock => ({
      dueAt: due,
      atRiskAt: t.created_at + Math.round((due - t.created_at) * share),
    });
    if (open && t.responded_at === null)
      targets.push({ name: 'response', clock: window(t.planned_start), state: 'on_track' });
    if (open)
      targets.push({
        name: 'resolution',
        clock: window(t.planned_end ?? t.planned_start),
        state: 'on_track',
      });
  } else {
    const runs = runsFrom(t.created_at, pauses);
    if (open && t.responded_at === null) {
      targets.push({
        name: 'response',
        clock: slaClock(cal, runs, level.firstResponseMin * MINUTE, share),
        state: 'on_track',
      });
    }
    if (open) {
      const since = t.last_update_at ?? t.created_at;
      const updateRuns = runsFrom(
        since,
        pauses.filter((p) => (p.to ?? Infinity) > since),
      );
      targets.push({
        name: 'update',
        clock: slaClock(cal, updateRuns, level.updateEveryMin * MINUTE, share),
        state: 'on_track',
      });
      targets.push({
        name: 'resolution',
        clock: slaClock(cal, runs, level.resolutionMin * MINUTE, share),
        state: 'on_track',
      });
    }
  }
  let state: SlaState = 'on_track';
  let checkAt: number | null = null;
  for (const target of targets) {
    target.state = slaState(target.clock, now);
    if (RANK[target.state] > RANK[state]) state = target.state;
    for (const at of [target.clock.atRiskAt, target.clock.dueAt])
      if (at !== null && at > now && (checkAt === null || at < checkAt)) checkAt = at;
  }
  const due = (name: TargetName) => targets.find((x) => x.name === name)?.clock.dueAt ?? null;
  return {
    state,
    targets,
    responseDue: due('response'),
    updateDue: due('update'),
    resolutionDue: due('resolution'),
    checkAt,
    nextDue: targets.reduce<number | null>(
      (m, x) => (x.clock.dueAt !== null && (m === null || x.clock.dueAt < m) ? x.clock.dueAt : m),
      null,
    ),
  };
}

const SLA_COLUMNS =
  'id, status, priority, policy_version, created_at, planned_start, planned_end, responded_at, last_update_at, sla_state';

/**
 * Recomputes one ticket's clocks, stores them, and records each threshold crossed since the last
 * look as a history event, once each, in order, even when time jumped past both. Returns true when
 * the state moved.
 */
export function applySla(
  ctx: Pick<Ctx, 'db' | 'clock' | 'newId' | 'emit'>,
  ticketId: string,
): boolean {
  const { db } = ctx;
  const now = ctx.clock.now();
  const t = stmt(db, `SELECT ${SLA_COLUMNS} FROM tickets WHERE id = ?`).get(ticketId) as SlaRow;
  const c = computeSla(db, t, now);
  stmt(
    db,
    `UPDATE tickets SET response_due = ?, update_due = ?, resolution_due = ?, sla_state = ?, sla_check_at = ?,
       sla_next_due = ? WHERE id = ?`,
  ).run(
    c.responseDue,
    c.updateDue,
    c.resolutionDue,
    c.state,
    c.checkAt,
    c.nextDue ?? NO_DUE,
    ticketId,
  );
  if (c.state === t.sla_state) return false;
  if (RANK[c.state] > RANK[t.sla_state]) {
    const crossed: SlaState[] =
      c.state === 'breached' && t.sla_state === 'on_track' ? ['at_risk', 'breached'] : [c.state];
    for (const s of crossed) {
      const which = c.targets
        .filter((x) => RANK[x.state] >= RANK[s])
        .map((x) => ({ target: x.name, dueAt: x.clock.dueAt }));
      const at = Math.min(
        ...c.targets.map((x) => (s === 'breached' ? x.clock.dueAt : x.clock.atRiskAt) ?? Infinity),
        now,
      );
      stmt(
        db,
        'INSERT INTO ticket_events (id, ticket_id, type, data, actor_id, at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(
        ctx.newId(),
        ticketId,
        s === 'breached' ? 'sla_breached' : 'sla_at_risk',
        JSON.stringify({ targets: which, noticedAt: now }),
        SYSTEM_USER_ID,
        at,
      );
    }
  }
  ctx.emit('sla.changed', { ids: [ticketId], state: c.state });
  return true;
}

/** The scanner: every ticket whose next check has come, oldest first, a batch at a time. */
export function tickSla(ctx: Pick<Ctx, 'db' | 'clock' | 'newId' | 'emit'>, limit = 500): number {
  const now = ctx.clock.now();
  const due = stmt(
    ctx.db,
    'SELECT id FROM tickets WHERE sla_check_at <= ? ORDER BY sla_check_at LIMIT ?',
  ).all(now, limit) as {
    id: string;
  }[];
  if (due.length === 0) return 0;
  ctx.db.transaction(() => {
    for (const { id } of due) applySla(ctx, id);
  })();
  return due.length;
}
