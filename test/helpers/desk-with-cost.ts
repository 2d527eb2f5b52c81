import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualClock, type ManualClock } from '../../src/core/kernel/clock.ts';
import { openDesk, type Desk } from '../../src/core/kernel/desk.ts';
import { seedDemoDesk } from '../../src/demo/demo-desk.ts';
import type { ScryptCost } from '../../src/core/access/password.ts';
import type { Input, Output } from '../../src/shared/contract.ts';
import type { Result } from '../../src/shared/errors.ts';
import { TEST_COST } from './password-cost.ts';
import { T0 } from './start-time.ts';

export { TEST_COST } from './password-cost.ts';

export interface CostedDesk {
  desk: Desk;
  dir: string;
  clock: ManualClock;
  /** One sign-in on a fresh connection, as a new window or browser tab makes it. */
  signIn(
    username: string,
    password: string,
  ): Promise<Result<Output<'auth.signIn'>> & { conn: ReturnType<Desk['connect']> }>;
  storedHash(username: string): string;
  /** Closes the desk; its folder stays for a reopen when `keep` is set. */
  close(opts?: { keep?: boolean }): Promise<void>;
}

/**
 * A demo desk (real SQLite file) whose passwords are hashed at `passwordCost`: for the sign-in
 * tests, which hash many times. Reopen a kept folder with another cost to see rehashing.
 */
export async function deskWithCost(
  opts: { passwordCost?: ScryptCost; dir?: string; clock?: ManualClock } = {},
): Promise<CostedDesk> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'sb-cost-'));
  const clock = opts.clock ?? manualClock(T0);
  const desk = await openDesk({
    dataDir: dir,
    firstStart: seedDemoDesk,
    clock,
    slaTicker: false,
    maintenance: false,
    passwordCost: opts.passwordCost ?? TEST_COST,
    log: (m, e) => process.env['SB_TEST_LOG'] && console.error(m, e),
  });
  return {
    desk,
    dir,
    clock,
    async signIn(username, password) {
      const conn = desk.connect();
      const input: Input<'auth.signIn'> = { username, password };
      return { ...(await desk.call(conn, 'auth.signIn', input)), conn };
    },
    storedHash: (username) =>
      (
        desk.db.prepare('SELECT password_hash FROM users WHERE username = ?').get(username) as {
          password_hash: string;
        }
      ).password_hash,
    async close({ keep = false } = {}) {
      await desk.close();
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}
