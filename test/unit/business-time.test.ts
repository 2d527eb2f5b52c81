import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  HOUR,
  MINUTE,
  ROUND_THE_CLOCK,
  zonedTime,
  type BusinessCalendar,
  type DayHours,
} from '../../src/shared/business-time.ts';
import { consumed, instantAt, runsFrom, slaClock, slaState } from '../../src/shared/sla.ts';

const h = (hh: number, mm = 0) => hh * 60 + mm;
const weekdays = (hours: DayHours, days: number[] = [1, 2, 3, 4, 5]) =>
  Object.fromEntries(days.map((d) => [d, hours]));
const z = (iso: string) => Date.parse(iso);

const ATHENS: BusinessCalendar = {
  timeZone: 'Europe/Athens',
  week: weekdays([[h(8), h(17)]]),
  holidays: ['2026-03-25'],
};
const ATHENS_ALWAYS: BusinessCalendar = {
  timeZone: 'Europe/Athens',
  week: weekdays([[0, h(24)]], [1, 2, 3, 4, 5, 6, 7]),
  holidays: [],
};
const PARIS: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  week: weekdays([
    [h(9), h(12, 30)],
    [h(13, 30), h(18)],
  ]),
  holidays: ['2026-05-01'],
};
const PARIS_NIGHT: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  week: weekdays([[h(1), h(4)]], [1, 2, 3, 4, 5, 6, 7]),
  holidays: [],
};
const KOLKATA: BusinessCalendar = {
  timeZone: 'Asia/Kolkata',
  week: weekdays([[h(9, 30), h(18, 30)]], [1, 2, 3, 4, 5, 6]),
  holidays: ['2026-10-02'],
};
const RIYADH: BusinessCalendar = {
  timeZone: 'Asia/Riyadh',
  week: weekdays([[h(8), h(16)]], [7, 1, 2, 3, 4]),
  holidays: ['2026-09-23'],
};

describe('wall-clock time in a zone, across daylight-saving changes', () => {
  it.each([
    ['Europe/Athens', 2026, 3, 29, h(2), '2026-03-29T00:00:00Z'], // before the gap, EET
    ['Europe/Athens', 2026, 3, 29, h(3, 30), '2026-03-29T01:30:00Z'], // inside the gap → moved forward by an hour
    ['Europe/Athens', 2026, 3, 29, h(5), '2026-03-29T02:00:00Z'], // after, EEST
    ['Europe/Athens', 2026, 10, 25, h(3, 30), '2026-10-25T00:30:00Z'], // happens twice → the earlier (EEST)
    ['Europe/Paris', 2026, 3, 29, h(2, 30), '2026-03-29T01:30:00Z'], // gap → 03:30 CEST
    ['Europe/Paris', 2026, 10, 25, h(2, 30), '2026-10-25T00:30:00Z'], // twice → the earlier (CEST)
    ['Asia/Kolkata', 2026, 6, 1, h(9, 30), '2026-06-01T04:00:00Z'],
    ['Asia/Riyadh', 2026, 6, 1, h(8), '2026-06-01T05:00:00Z'],
  ])('%s %d-%d-%d at minute %d is %s', (tz, y, m, d, min, want) => {
    expect(new Date(zonedTime(tz, y, m, d, min)).toISOString()).toBe(new Date(want).toISOString());
  });
});

describe('adding business time', () => {
  it.each([
    // zone, calendar, start (UTC), duration, due (UTC), why
    [
      'Athens',
      ATHENS,
      '2026-11-20T14:00:00Z',
      2 * HOUR,
      '2026-11-23T07:00:00Z',
      'Friday 16:00 + 2h → Monday 09:00 over the weekend',
    ],
    [
      'Athens',
      ATHENS,
      '2026-03-24T14:00:00Z',
      2 * HOUR,
      '2026-03-26T07:00:00Z',
      'Tuesday 16:00 + 2h skips the 25 March holiday',
    ],
    [
      'Athens',
      ATHENS,
      '2026-11-23T03:00:00Z',
      30 * MINUTE,
      '2026-11-23T06:30:00Z',
      'before opening: counts from 08:00',
    ],
    [
      'Athens',
      ATHENS,
      '2026-03-27T14:00:00Z',
      2 * HOUR,
      '2026-03-30T06:00:00Z',
      'spring forward over the weekend: Monday 09:00 is now UTC+3',
    ],
    [
      'Athens 24h',
      ATHENS_ALWAYS,
      '2026-03-28T10:00:00Z',
      24 * HOUR,
      '2026-03-29T10:00:00Z',
      '24 business hours across a 23-hour day',
    ],
    [
      'Athens 24h',
      ATHENS_ALWAYS,
      '2026-10-24T09:00:00Z',
      24 * HOUR,
      '2026-10-25T09:00:00Z',
      '24 business hours across a 25-hour day',
    ],
    [
      'Paris',
      PARIS,
      '2026-03-27T16:00:00Z',
      2 * HOUR,
      '2026-03-30T08:00:00Z',
      'Friday 17:00 CET + 2h → Monday 10:00 CEST',
    ],
    [
      'Paris',
      PARIS,
      '2026-04-30T15:00:00Z',
      2 * HOUR,
      '2026-05-04T08:00:00Z',
      'Thursday 17:00 + 2h skips 1 May',
    ],
    [
      'Paris',
      PARIS,
      '2026-11-23T11:00:00Z',
      1 * HOUR,
      '2026-11-23T13:00:00Z',
      '12:00 + 1h across the lunch break → 14:00',
    ],
    [
      'Paris',
      PARIS,
      '2026-10-23T15:00:00Z',
      3 * HOUR,
      '2026-10-26T10:00:00Z',
      'fall back over the weekend: Monday 11:00 is now UTC+1',
    ],
    [
      'Paris night',
      PARIS_NIGHT,
      '2026-03-29T00:00:00Z',
      3 * HOUR,
      '2026-03-30T00:00:00Z',
      'the 01:00–04:00 shift holds two real hours on the spring-forward night; the third is the next night',
    ],
    [
      'Paris night',
      PARIS_NIGHT,
      '2026-10-24T23:00:00Z',
      5 * HOUR,
      '2026-10-26T01:00:00Z',
      'and four on the fall-back night; the fifth is the next night',
    ],
    [
      'Kolkata',
      KOLKATA,
      '2026-11-21T12:30:00Z',
      1 * HOUR,
      '2026-11-23T04:30:00Z',
      'Saturday 18:00 + 1h → Monday 10:00 (Sunday closed)',
    ],
    [
      'Kolkata',
      KOLKATA,
      '2026-10-01T12:30:00Z',
      1 * HOUR,
      '2026-10-03T04:30:00Z',
      'Thursday 18:00 + 1h skips 2 October, Saturday works',
    ],
    [
      'Riyadh',
      RIYADH,
      '2026-11-19T12:00:00Z',
      2 * HOUR,
      '2026-11-22T06:00:00Z',
      'Thursday 15:00 + 2h → Sunday 09:00 (Friday–Saturday weekend)',
    ],
    [
      'Riyadh',
      RIYADH,
      '2026-09-22T12:00:00Z',
      2 * HOUR,
      '2026-09-24T06:00:00Z',
      'Tuesday 15:00 + 2h skips National Day',
    ],
    [
      '24x7',
      ROUND_THE_CLOCK,
      '2026-11-20T14:00:00Z',
      30 * HOUR,
      '2026-11-21T20:00:00Z',
      'round the clock is wall time',
    ],
  ] as const)('%s: %s', (_zone, cal, start, duration, due, _why) => {
    const got = addBusinessTime(cal, z(start), duration);
    expect(new Date(got).toISOString()).toBe(new Date(due).toISOString());
    expect(businessTimeBetween(cal, z(start), got)).toBe(duration);
  });

  it('refuses a calendar with no opening hours instead of looping', () => {
    expect(() =>
      addBusinessTime({ timeZone: 'Europe/Paris', week: {}, holidays: [] }, 0, HOUR),
    ).toThrow(/no opening hours/);
  });
});

describe('SLA clocks: pause, resume, at risk, breached', () => {
  const start = z('2026-11-23T07:00:00Z'); // Monday 09:00 Athens
  it('a pause while waiting on the customer moves the due time by the business time it lasted', () => {
    const target = 4 * HOUR;
    const running = slaClock(ATHENS, runsFrom(start, []), target, 0.75);
    expect(new Date(running.dueAt!).toISOString()).toBe('2026-11-23T11:00:00.000Z');
    // Waiting on the customer 10:00–12:00 local: due moves two business hours later.
    const paused = runsFrom(start, [{ from: start + HOUR, to: start + 3 * HOUR }]);
    expect(new Date(slaClock(ATHENS, paused, target, 0.75).dueAt!).toISOString()).toBe(
      '2026-11-23T13:00:00.000Z',
    );
    // Still waiting: no due time, and the consumed time stands still.
    const waiting = runsFrom(start, [{ from: start + HOUR, to: null }]);
    expect(slaClock(ATHENS, waiting, target, 0.75).dueAt).toBeNull();
    expect(consumed(ATHENS, waiting, start + 10 * HOUR)).toBe(HOUR);
  });

  it('moves on track → at risk → breached at the right instant', () => {
    const clock = slaClock(ATHENS, runsFrom(start, []), 4 * HOUR, 0.75);
    expect(new Date(clock.atRiskAt!).toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(slaState(clock, clock.atRiskAt! - 1)).toBe('on_track');
    expect(slaState(clock, clock.atRiskAt!)).toBe('at_risk');
    expect(slaState(clock, clock.dueAt! - 1)).toBe('at_risk');
    expect(slaState(clock, clock.dueAt!)).toBe('breached');
    expect(slaState(clock, clock.dueAt! + 30 * 86_400_000)).toBe('breached');
  });

  it('a breach that happened before a pause stays a breach', () => {
    const runs = runsFrom(start, [{ from: start + 5 * HOUR, to: null }]);
    const clock = slaClock(ATHENS, runs, 4 * HOUR, 0.75);
    expect(clock.dueAt).toBe(start + 4 * HOUR);
    expect(slaState(clock, start + 6 * HOUR)).toBe('breached');
  });
});

describe('properties', () => {
  const calendars = fc.constantFrom<BusinessCalendar | typeof ROUND_THE_CLOCK>(
    ATHENS,
    PARIS,
    PARIS_NIGHT,
    KOLKATA,
    RIYADH,
    ATHENS_ALWAYS,
    ROUND_THE_CLOCK,
  );
  const instant = fc.integer({ min: z('2026-01-01T00:00:00Z'), max: z('2027-12-31T00:00:00Z') });
  const duration = fc.integer({ min: 0, max: 400 * HOUR });
  const opts = { numRuns: 300 };

  it('a due time is never before its start', () => {
    fc.assert(
      fc.property(calendars, instant, duration, (cal, s, d) => addBusinessTime(cal, s, d) >= s),
      opts,
    );
  });

  it('a longer target never gives an earlier due time', () => {
    fc.assert(
      fc.property(calendars, instant, duration, duration, (cal, s, a, b) => {
        const [short, long] = a <= b ? [a, b] : [b, a];
        return addBusinessTime(cal, s, short) <= addBusinessTime(cal, s, long);
      }),
      opts,
    );
  });

  it('business time between a start and its due time is exactly the target', () => {
    fc.assert(
      fc.property(
        calendars,
        instant,
        duration,
        (cal, s, d) => businessTimeBetween(cal, s, addBusinessTime(cal, s, d)) === d,
      ),
      opts,
    );
  });

  it('pausing never brings a due time forward', () => {
    fc.assert(
      fc.property(
        calendars,
        instant,
        duration,
        fc.integer({ min: 0, max: 200 * HOUR }),
        fc.integer({ min: 0, max: 200 * HOUR }),
        (cal, s, target, at, length) => {
          const plain = instantAt(cal, runsFrom(s, []), target)!;
          const withPause = instantAt(
            cal,
            runsFrom(s, [{ from: s + at, to: s + at + length }]),
            target,
          )!;
          return withPause >= plain;
        },
      ),
      opts,
    );
  });
});
