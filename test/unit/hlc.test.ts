/** The hybrid logical clock: readings that order, on skewed and stopped clocks alike. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/core/kernel/clock.ts';
import { DomainError } from '../../src/core/kernel/failure.ts';
import { hlcClock } from '../../src/core/sync/hlc.ts';
import { HLC_RE, MAX_CLOCK_AHEAD_MS } from '../../src/shared/sync.ts';

const A = '00000000000000aa';
const B = '00000000000000bb';

describe('hybrid logical clock', () => {
  it('orders its own readings when the wall clock stands still or goes back', () => {
    const wall = manualClock(1_000_000);
    const h = hlcClock(wall, A);
    const seen = [h.now(), h.now()];
    wall.set(999_000); // the machine's clock was set back
    seen.push(h.now(), h.now());
    wall.set(2_000_000);
    seen.push(h.now());
    for (const r of seen) expect(r).toMatch(HLC_RE);
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('reads after every remote reading it takes in, and refuses one far ahead', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: -60_000, max: 60_000 })), {
          minLength: 1,
          maxLength: 60,
        }),
        (steps) => {
          const wa = manualClock(5_000_000);
          const wb = manualClock(5_000_000);
          const a = hlcClock(wa, A);
          const b = hlcClock(wb, B);
          let last = '';
          for (const [fromA, skew] of steps) {
            wa.advance(7);
            wb.set(wa.now() + skew);
            const [src, dst] = fromA ? [a, b] : [b, a];
            const r = src.now();
            dst.receive(r);
            const next = dst.now();
            expect(next > r).toBe(true);
            expect(next > last || last === '').toBe(true);
            last = next > last ? next : last;
          }
        },
      ),
      { seed: 15_001, numRuns: 200 },
    );
    const wall = manualClock(5_000_000);
    const h = hlcClock(wall, A);
    const ahead = hlcClock(manualClock(5_000_000 + MAX_CLOCK_AHEAD_MS + 1), B).now();
    expect(() => h.receive(ahead)).toThrow(DomainError);
    // Refused, it moved nothing: the next reading is the local clock's.
    expect(h.now().slice(0, 15)).toBe(String(5_000_000).padStart(15, '0'));
  });

  it('resumes after its last reading when restarted', () => {
    const wall = manualClock(3_000_000);
    const h = hlcClock(wall, A);
    const r = [h.now(), h.now(), h.now()];
    const again = hlcClock(wall, A, r.at(-1));
    expect(again.now() > r.at(-1)!).toBe(true);
  });
});
