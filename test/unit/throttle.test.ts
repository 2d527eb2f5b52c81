import { describe, expect, it } from 'vitest';
import {
  ADDRESS_SIGN_IN_LIMIT,
  FailureLimiter,
  USER_SIGN_IN_LIMIT,
  throttled,
} from '../../src/core/access/throttle.ts';

const MIN = 60_000;

/** Fails `n` attempts for `key` at `now`; returns each attempt's wait (0: it was let through). */
function failTimes(limiter: FailureLimiter, key: string, n: number, now: number): number[] {
  return Array.from({ length: n }, () => {
    const a = limiter.begin(key, now);
    a.failed(now);
    return a.waitMs;
  });
}

describe('the failure limiter', () => {
  it('per user: five failures, then a wait that doubles with each failure after it, at most 15 minutes', () => {
    const l = new FailureLimiter(USER_SIGN_IN_LIMIT);
    let now = 0;
    expect(failTimes(l, 'analyst', 5, now)).toEqual([0, 0, 0, 0, 0]);
    expect(l.wait('analyst', now)).toBe(MIN);
    expect(l.wait('other', now)).toBe(0); // nobody else waits
    for (const wait of [MIN, 2 * MIN, 4 * MIN, 8 * MIN, 15 * MIN, 15 * MIN]) {
      const refused = l.begin('analyst', now);
      expect(refused.waitMs).toBe(wait);
      refused.failed(now); // a refused try was never made: it changes nothing
      expect(l.wait('analyst', now)).toBe(wait);
      now += wait - 1;
      expect(l.wait('analyst', now)).toBe(1);
      now += 1;
      expect(failTimes(l, 'analyst', 1, now)).toEqual([0]);
    }
  });

  it('per user: a success clears the record; fifteen quiet minutes forget it', () => {
    const l = new FailureLimiter(USER_SIGN_IN_LIMIT);
    failTimes(l, 'u', 4, 0);
    l.begin('u', 0).succeeded();
    expect(failTimes(l, 'u', 4, 0)).toEqual([0, 0, 0, 0]);
    expect(l.wait('u', 0)).toBe(0);
    // Four more, then a quarter of an hour of nothing: a fresh start.
    failTimes(l, 'v', 4, 0);
    expect(failTimes(l, 'v', 4, 15 * MIN)).toEqual([0, 0, 0, 0]);
    // A wait is quiet time only once it is over: the record outlives a 15-minute wait.
    let now = 0;
    failTimes(l, 'w', 5, now);
    for (const wait of [MIN, 2 * MIN, 4 * MIN, 8 * MIN]) failTimes(l, 'w', 1, (now += wait));
    expect(l.wait('w', now)).toBe(15 * MIN);
    now += 15 * MIN;
    expect(failTimes(l, 'w', 1, now)).toEqual([0]);
    expect(l.wait('w', now)).toBe(15 * MIN);
  });

  it('per address: twenty failures, the twenty-first waits a quarter of an hour; a success does not clear it', () => {
    const l = new FailureLimiter(ADDRESS_SIGN_IN_LIMIT);
    expect(failTimes(l, '198.51.100.7', 19, 0)).toEqual(Array(19).fill(0));
    l.begin('198.51.100.7', 0).succeeded(); // the attacker's own account signs in fine...
    expect(failTimes(l, '198.51.100.7', 1, 0)).toEqual([0]);
    expect(l.wait('198.51.100.7', 0)).toBe(15 * MIN); // ...and clears nothing
    expect(l.wait('198.51.100.7', 15 * MIN)).toBe(0);
    // After the wait, one try at a time, and each failure waits again.
    expect(failTimes(l, '198.51.100.7', 1, 15 * MIN)).toEqual([0]);
    expect(l.wait('198.51.100.7', 15 * MIN)).toBe(15 * MIN);
  });

  it('attempts under way count: parallel tries cannot slip past the limit', () => {
    const l = new FailureLimiter(USER_SIGN_IN_LIMIT);
    const started = Array.from({ length: 8 }, () => l.begin('u', 0));
    expect(started.map((a) => a.waitMs > 0)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
    // One that ended without an answer (the store failed) is not held against the user.
    started[0]!.abandoned();
    for (const a of started.slice(1)) a.failed(0);
    expect(l.wait('u', 0)).toBe(0);
    // Settling twice counts once.
    const a = l.begin('u', 0);
    a.failed(0);
    a.failed(0);
    expect(l.wait('u', 0)).toBe(MIN);
  });

  it('keeps a bounded record, however many names are tried', () => {
    const l = new FailureLimiter({ ...USER_SIGN_IN_LIMIT, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) failTimes(l, `name-${i}`, 1, i);
    expect(l.size).toBeLessThanOrEqual(100);
    // The newest records are the ones kept.
    failTimes(l, 'name-999', 4, 1000);
    expect(l.wait('name-999', 1000)).toBe(MIN);
  });

  it('says how long to wait in whole minutes, rounded up', () => {
    expect(throttled(1)).toMatchObject({
      code: 'THROTTLED',
      issues: [{ path: '', rule: 'throttled', limit: 1 }],
    });
    expect(throttled(15 * MIN).message).toBe('Too many failed sign-ins; try again in 15 minutes');
    expect(throttled(MIN + 1).issues[0]!.limit).toBe(2);
  });
});
