/**
 * Many short-lived demo desks, for property tests (one desk per run) and for tests that read
 * the desk's own log. The demo desk is seeded once per test file; each desk is a copy of its
 * SQLite file, opened with a manual clock at T0 and no background work. Each demo user signs in
 * once per test file; later connections carry the user that sign-in answered, as a transport
 * holds it, so a run costs a file copy and no password hashing.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualClock, type ManualClock } from '../../src/core/kernel/clock.ts';
import type { Connection } from '../../src/core/kernel/context.ts';
import { DESK_FILE, openDesk, type Desk } from '../../src/core/kernel/desk.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/demo/demo-desk.ts';
import type { UserInfo } from '../../src/shared/views.ts';
import type { PushEvent } from '../../src/shared/events.ts';
import { buildDemoTemplate } from './demo-template.ts';
import { TEST_COST } from './password-cost.ts';
import { T0 } from './start-time.ts';

export interface Logged {
  message: string;
  error: unknown;
}

/** A desk's file at a moment, to start other desks from (see FreshDesk.snapshot). */
export interface DeskSnapshot {
  file: string;
  /** The desk's clock when it was taken: desks started from it start there. */
  now: number;
}

export interface FreshDesk {
  desk: Desk;
  clock: ManualClock;
  events: PushEvent[];
  /** Everything the desk logged. */
  logged: Logged[];
  /** A new connection, signed in as this demo user. */
  as(username: string): Connection;
  close(): Promise<void>;
  /** Closes the desk and keeps its file: other desks start from it. */
  snapshot(): Promise<DeskSnapshot>;
}

/** Memory-backed where the system has it: these desks are many and short-lived. */
const SCRATCH = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

let template: Promise<string> | null = null;
/** The demo users as their sign-in answered them (ids are the template's, so every copy's). */
const signedIn = new Map<string, UserInfo>();

function templateFile(): Promise<string> {
  template ??= buildDemoTemplate(SCRATCH);
  return template;
}

/** A copy of the demo desk (or of `from`), open on its own file. */
export async function freshDesk(
  opts: { slaTicker?: boolean; from?: DeskSnapshot } = {},
): Promise<FreshDesk> {
  const dir = mkdtempSync(join(SCRATCH, 'sb-fresh-'));
  copyFileSync(opts.from?.file ?? (await templateFile()), join(dir, DESK_FILE));
  const clock = manualClock(opts.from?.now ?? T0);
  const logged: Logged[] = [];
  const desk = await openDesk({
    dataDir: dir,
    clock,
    passwordCost: TEST_COST,
    maintenance: false,
    slaTicker: opts.slaTicker ?? false,
    log: (message, error) => void logged.push({ message, error }),
  });
  // These desks are thrown away: a commit need not wait for the disk (the desks of the other
  // tests keep the real setting).
  desk.db.pragma('synchronous = OFF');
  if (signedIn.size === 0)
    for (const { username } of DEMO_USERS) {
      const r = await desk.call(desk.connect(), 'auth.signIn', {
        username,
        password: DEMO_PASSWORD,
      });
      if (!r.ok) throw new Error(`${username} cannot sign in: ${JSON.stringify(r.error)}`);
      signedIn.set(username, r.value.user);
    }
  const events: PushEvent[] = [];
  desk.subscribe((e) => events.push(e));
  return {
    desk,
    clock,
    events,
    logged,
    as(username) {
      const user = signedIn.get(username);
      if (!user) throw new Error(`no demo user ${username}`);
      return { id: randomUUID(), user: { ...user } };
    },
    async close() {
      await desk.close();
      rmSync(dir, { recursive: true, force: true });
    },
    async snapshot() {
      // Closing the last connection folds the WAL into the file: the copy is the whole desk.
      await desk.close();
      return { file: join(dir, DESK_FILE), now: clock.now() };
    },
  };
}
