/**
 * A hybrid logical clock on the desk's injected Clock: readings that order every change of the
 * desk, across workstations, even when their wall clocks disagree a little; a remote reading far
 * in the future is refused, not adopted (one skewed workstation would otherwise drag every
 * clock forward for good). Readings are text that sorts as it orders (see shared/sync.ts).
 */
import { hlcWall, MAX_CLOCK_AHEAD_MS } from '../../shared/sync.ts';
import type { Clock } from '../kernel/clock.ts';
import { conflict } from '../kernel/failure.ts';

const MAX_COUNTER = 0xffff;

export interface HlcClock {
  /** A reading for a change made here now. */
  now(): string;
  /** Takes in a remote reading, so that what is made here next orders after it. */
  receive(remote: string): void;
}

const format = (wall: number, counter: number, node: string) =>
  `${String(wall).padStart(15, '0')}-${counter.toString(16).padStart(4, '0')}-${node}`;

/** `node`: 16 hex digits naming this workstation; `last`: the latest reading it made, if any. */
export function hlcClock(clock: Clock, node: string, last?: string): HlcClock {
  if (!/^[0-9a-f]{16}$/.test(node)) throw new Error('an HLC node is 16 hex digits');
  let wall = last ? hlcWall(last) : 0;
  let counter = last ? parseInt(last.slice(16, 20), 16) : 0;
  const bump = () => {
    counter++;
    // A counter that runs out moves the clock a millisecond on, never back.
    if (counter > MAX_COUNTER) {
      wall++;
      counter = 0;
    }
  };
  return {
    now() {
      const t = clock.now();
      if (t > wall) {
        wall = t;
        counter = 0;
      } else bump();
      return format(wall, counter, node);
    },
    receive(remote) {
      const t = clock.now();
      const rWall = hlcWall(remote);
      if (rWall > t + MAX_CLOCK_AHEAD_MS)
        throw conflict(
          'clock_ahead',
          `A change from another workstation is dated ${Math.round((rWall - t) / 60_000)} minutes ahead of this one's clock: check both clocks`,
          { minutes: Math.round((rWall - t) / 60_000) },
        );
      const rCounter = parseInt(remote.slice(16, 20), 16);
      if (t > wall && t > rWall) {
        wall = t;
        counter = 0;
      } else if (rWall > wall) {
        wall = rWall;
        counter = rCounter;
        bump();
      } else if (rWall === wall) {
        counter = Math.max(counter, rCounter);
        bump();
      } else bump();
    },
  };
}
