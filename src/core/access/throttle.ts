import type { ApiError } from '../../shared/errors.ts';

const MIN = 60_000;

/** How many failures a key may have before its tries wait, and for how long. */
export interface LimitPolicy {
  /** Failures in a row let through; the try after the last of them waits. */
  allowed: number;
  /** The wait the `allowed`-th failure starts; each failure after it doubles it... */
  firstWaitMs: number;
  /** ...up to this. */
  maxWaitMs: number;
  /** A record is forgotten after this long without a failure, counted from the end of its wait. */
  forgetMs: number;
  /** Whether a success wipes the record (a user's own sign-in) or leaves it (a shared address). */
  successClears: boolean;
  /** Records kept at most; the oldest go first, so a flood of names cannot exhaust memory. */
  maxKeys?: number;
}

/**
 * Per user name: five tries, then 1, 2, 4, 8 and at most 15 minutes between tries. A user who
 * mistypes five times waits a minute; a guesser gets four tries an hour once the waits are long,
 * and since the names nobody has are counted alike, the wait tells nobody whether a name exists.
 */
export const USER_SIGN_IN_LIMIT: LimitPolicy = {
  allowed: 5,
  firstWaitMs: MIN,
  maxWaitMs: 15 * MIN,
  forgetMs: 15 * MIN,
  successClears: true,
};

/**
 * Per client address: twenty failures (an office behind one address mistypes too), then a quarter
 * of an hour between tries. A success does not clear it: else an attacker's own account would
 * reset the count between guesses at other people's.
 */
export const ADDRESS_SIGN_IN_LIMIT: LimitPolicy = {
  allowed: 20,
  firstWaitMs: 15 * MIN,
  maxWaitMs: 15 * MIN,
  forgetMs: 15 * MIN,
  successClears: false,
};

/** One try: let through (`waitMs` 0) or refused; say how a let-through one ended, once. */
export interface Attempt {
  readonly waitMs: number;
  failed(now: number): void;
  succeeded(): void;
  /** Ended without an answer (the store failed): not held against anyone. */
  abandoned(): void;
}

interface Entry {
  failures: number;
  lastFailureAt: number;
  waitUntil: number;
  /** Tries under way: counted as failures until they end, so parallel tries cannot slip past. */
  pending: number;
}

/** Failed tries per key (a user name, a client address), on the caller's clock. */
export class FailureLimiter {
  readonly #policy: LimitPolicy;
  readonly #entries = new Map<string, Entry>();

  constructor(policy: LimitPolicy) {
    this.#policy = policy;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** How long `key` must wait before its next try is let through (0: now). */
  wait(key: string, now: number): number {
    const e = this.#current(key, now);
    if (!e) return 0;
    if (now < e.waitUntil) return e.waitUntil - now;
    // Tries under way that would, all failing, reach the limit: this one waits for them.
    if (e.pending > 0 && e.failures + e.pending >= this.#policy.allowed)
      return this.#waitAfter(e.failures + e.pending);
    return 0;
  }

  begin(key: string, now: number): Attempt {
    const waitMs = this.wait(key, now);
    if (waitMs > 0) return { waitMs, failed: noop, succeeded: noop, abandoned: noop };
    const e = this.#entry(key);
    e.pending++;
    let open = true;
    const end = () => {
      if (!open) return false;
      open = false;
      e.pending--;
      return true;
    };
    return {
      waitMs: 0,
      failed: (at) => {
        if (!end()) return;
        e.failures++;
        e.lastFailureAt = at;
        if (e.failures >= this.#policy.allowed)
          e.waitUntil = Math.max(e.waitUntil, at + this.#waitAfter(e.failures));
        this.#touch(key, e);
      },
      succeeded: () => {
        if (!end()) return;
        if (this.#policy.successClears) {
          e.failures = 0;
          e.waitUntil = 0;
        }
        if (e.failures === 0 && e.pending === 0) this.#entries.delete(key);
      },
      abandoned: () => {
        if (end() && e.failures === 0 && e.pending === 0) this.#entries.delete(key);
      },
    };
  }

  #waitAfter(failures: number): number {
    const { allowed, firstWaitMs, maxWaitMs } = this.#policy;
    const doublings = Math.min(failures - allowed, 30);
    return Math.min(maxWaitMs, firstWaitMs * 2 ** doublings);
  }

  #forgotten(e: Entry, now: number): boolean {
    return e.pending === 0 && now - Math.max(e.lastFailureAt, e.waitUntil) >= this.#policy.forgetMs;
  }

  /** The key's record, unless it is old enough to forget. */
  #current(key: string, now: number): Entry | undefined {
    const e = this.#entries.get(key);
    if (e && this.#forgotten(e, now)) {
      this.#entries.delete(key);
      return undefined;
    }
    return e;
  }

  #entry(key: string): Entry {
    let e = this.#entries.get(key);
    if (!e) {
      e = { failures: 0, lastFailureAt: 0, waitUntil: 0, pending: 0 };
      this.#entries.set(key, e);
      this.#trim(key);
    }
    return e;
  }

  /** Most recently failed last: the Map's order is the order to drop in. */
  #touch(key: string, e: Entry): void {
    this.#entries.delete(key);
    this.#entries.set(key, e);
  }

  #trim(keep: string): void {
    const max = this.#policy.maxKeys ?? 10_000;
    for (const [key, e] of this.#entries) {
      if (this.#entries.size <= max) return;
      // Never the record being started, nor one with tries under way: they still hold it.
      if (key !== keep && e.pending === 0) this.#entries.delete(key);
    }
  }
}

const noop = (): void => undefined;

/** The refusal, with the wait in whole minutes (rounded up) for the screen to word. */
export function throttled(waitMs: number): ApiError & { code: 'THROTTLED' } {
  const minutes = Math.max(1, Math.ceil(waitMs / MIN));
  const message = `Too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  return {
    code: 'THROTTLED',
    message,
    issues: [{ path: '', rule: 'throttled', message, limit: minutes }],
  };
}
