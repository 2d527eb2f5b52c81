/**
 * The terms a ticket is held to: the policy versions (immutable, read once per connection), the
 * desk calendar (parsed once per change), and which of them apply to one ticket.
 */
import {
  ROUND_THE_CLOCK,
  type BusinessCalendar,
  type ClockCalendar,
} from '../../shared/business-time.ts';
import { policyBodySchema } from '../../shared/policy-schema.ts';
import type { PolicyBody, PriorityLevel } from '../../shared/policy.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';

const policyCache = new WeakMap<Db, Map<number, PolicyBody>>();

/** A policy version: immutable once written, so read once per connection. */
export function policyVersion(db: Db, version: number): PolicyBody {
  let cache = policyCache.get(db);
  if (!cache) policyCache.set(db, (cache = new Map()));
  let body = cache.get(version);
  if (!body) {
    const row = stmt<{ body: string }>(db, 'SELECT body FROM policies WHERE version = ?').get(
      version,
    );
    if (!row) throw new Error(`policy version ${version} is missing`);
    body = policyBodySchema.parse(JSON.parse(row.body));
    cache.set(version, body);
  }
  return body;
}

export function currentPolicyVersion(db: Db): number {
  return stmt<{ v: number }>(db, 'SELECT max(version) AS v FROM policies').get()!.v;
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
  const r = stmt<{
    id: string;
    name: string;
    time_zone: string;
    week: string;
    holidays: string;
  }>(db, "SELECT id, name, time_zone, week, holidays FROM calendars WHERE id = 'desk'").get()!;
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

/** The policy a ticket was opened under, its priority's terms, and the calendar its clocks count. */
export function ticketTerms(
  db: Db,
  t: { policy_version: number; priority: number },
): { policy: PolicyBody; level: PriorityLevel; cal: ClockCalendar } {
  const policy = policyVersion(db, t.policy_version);
  const level = policy.priorities[t.priority - 1] ?? policy.priorities.at(-1)!;
  return {
    policy,
    level,
    cal: level.clock === '24x7' ? ROUND_THE_CLOCK : deskCalendar(db).calendar,
  };
}
