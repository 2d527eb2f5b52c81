/**
 * Business-time arithmetic in a named IANA time zone, with weekly opening hours and public
 * holidays. Pure and dependency-free (Intl only), so the core computes due times and the UI
 * shows countdowns with the same code. Daylight-saving changes fall out of working in local
 * wall-clock time per day: a 02:00–04:00 opening on a spring-forward night lasts one real hour.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Opening intervals of one day in minutes from local midnight, [open, close), sorted, not overlapping. */
export type DayHours = readonly (readonly [number, number])[];

export interface BusinessCalendar {
  /** IANA zone, e.g. "Europe/Athens". */
  timeZone: string;
  /** Opening hours by ISO weekday; a missing day is closed. */
  week: Partial<Record<IsoWeekday, DayHours>>;
  /** Closed local dates, "YYYY-MM-DD". */
  holidays: readonly string[];
}

/** A clock that never stops: targets count wall time. */
export const ROUND_THE_CLOCK = '24x7' as const;
export type ClockCalendar = BusinessCalendar | typeof ROUND_THE_CLOCK;

// ---- time-zone plumbing -----------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows this IANA zone. */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(timeZone: string, t: number): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(t))
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out as unknown as LocalParts;
}

/** The zone's offset from UTC at instant t, in ms (local = utc + offset). */
function offsetAt(timeZone: string, t: number): number {
  const p = localParts(timeZone, t);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(t / 1000) * 1000;
}

/**
 * The instant a local wall-clock time happens, disambiguated as Temporal's "compatible" mode
 * does: a time that happens twice (fall-back) is the earlier; a time that does not exist
 * (spring-forward gap) moves forward by the gap (02:30 → 03:30).
 */
export function zonedTime(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  minutes: number,
): number {
  const local = Date.UTC(year, month - 1, day, 0, minutes);
  // The offsets a day either side cover both sides of any transition near this time.
  const before = offsetAt(timeZone, local - DAY);
  const after = offsetAt(timeZone, local + DAY);
  const exact = [...new Set([before, after, offsetAt(timeZone, local)])]
    .map((o) => local - o)
    .filter((t) => offsetAt(timeZone, t) === local - t);
  if (exact.length) return Math.min(...exact);
  return local - before;
}

/** The local date of an instant, and its ISO weekday. */
export function localDate(
  timeZone: string,
  t: number,
): { year: number; month: number; day: number; weekday: IsoWeekday } {
  const p = localParts(timeZone, t);
  const dow = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  return { year: p.year, month: p.month, day: p.day, weekday: (dow === 0 ? 7 : dow) as IsoWeekday };
}

const isoDate = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The opening intervals of one local day as instants, holidays and closed days giving none. */
function dayIntervals(cal: BusinessCalendar, y: number, m: number, d: number): [number, number][] {
  if (cal.holidays.includes(isoDate(y, m, d))) return [];
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const hours = cal.week[(dow === 0 ? 7 : dow) as IsoWeekday] ?? [];
  return hours.map(([open, close]) => [
    zonedTime(cal.timeZone, y, m, d, open),
    zonedTime(cal.timeZone, y, m, d, close),
  ]);
}

interface Day {
  start: number;
  intervals: [number, number][];
}

/**
 * Resolving a local day to instants costs a few Intl calls; every clock of every ticket walks the
 * same few days, so days are kept per calendar object (a changed calendar is a new object).
 */
const dayCache = new WeakMap<BusinessCalendar, Map<number, Day>>();

function localDay(cal: BusinessCalendar, y: number, m: number, d: number): Day {
  let cache = dayCache.get(cal);
  if (!cache) dayCache.set(cal, (cache = new Map()));
  const key = y * 10_000 + m * 100 + d;
  let found = cache.get(key);
  if (!found) {
    if (cache.size > 20_000) cache.clear();
    found = { start: zonedTime(cal.timeZone, y, m, d, 0), intervals: dayIntervals(cal, y, m, d) };
    cache.set(key, found);
  }
  return found;
}

/**
 * How far ahead business time is looked for: ten years of days. A policy may set targets of up
 * to ten years of minutes and a calendar may open for a minute a week, so a target can lie
 * further than this; it is then reached at no instant the desk can name (see addBusinessTimeWithin).
 */
export const HORIZON_DAYS = 3660;

/** Local days from the one holding `t`: their start instant and opening intervals. */
function* daysFrom(cal: BusinessCalendar, t: number): Generator<Day> {
  const { year, month, day } = localDate(cal.timeZone, t);
  for (let i = 0; i < HORIZON_DAYS; i++) {
    const d = new Date(Date.UTC(year, month - 1, day + i));
    yield localDay(cal, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
}

export class ClosedCalendarError extends Error {}

/** True when the calendar has at least one opening interval in its week. */
export function hasOpenHours(cal: BusinessCalendar): boolean {
  return Object.values(cal.week).some((h) => h && h.some(([o, c]) => c > o));
}

// ---- arithmetic -------------------------------------------------------------------------------

/** The instant `durationMs` of business time after `start`; throws when there is none within the horizon. */
export function addBusinessTime(cal: ClockCalendar, start: number, durationMs: number): number {
  const at = addBusinessTimeWithin(cal, start, durationMs);
  if (at !== null) return at;
  throw new ClosedCalendarError(
    cal !== ROUND_THE_CLOCK && !hasOpenHours(cal)
      ? 'The calendar has no opening hours'
      : 'No opening hours within ten years',
  );
}

/**
 * The instant `durationMs` of business time after `start`, or null when the calendar does not
 * give that much within HORIZON_DAYS of it: a due time the desk's clocks treat as none.
 */
export function addBusinessTimeWithin(
  cal: ClockCalendar,
  start: number,
  durationMs: number,
): number | null {
  if (durationMs < 0) throw new RangeError('duration must not be negative');
  if (cal === ROUND_THE_CLOCK) return start + durationMs;
  if (!hasOpenHours(cal)) return null;
  let remaining = durationMs;
  for (const { intervals } of daysFrom(cal, start)) {
    for (const [open, close] of intervals) {
      const from = Math.max(open, start);
      if (from >= close) continue;
      if (remaining <= close - from) return from + remaining;
      remaining -= close - from;
    }
  }
  return null;
}

/** Business time between two instants (0 when `to` is not after `from`). */
export function businessTimeBetween(cal: ClockCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  if (cal === ROUND_THE_CLOCK) return to - from;
  let total = 0;
  for (const { start, intervals } of daysFrom(cal, from)) {
    if (start >= to) return total;
    for (const [open, close] of intervals) {
      if (open >= to) return total;
      const a = Math.max(open, from);
      const b = Math.min(close, to);
      if (b > a) total += b - a;
    }
  }
  return total;
}
