import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Input, MethodName, Output } from '../../shared/contract.ts';
import type { Result } from '../../shared/errors.ts';
import type { PushEvent } from '../../shared/events.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Connection, Ctx } from './context.ts';
import { dispatch, type DispatchEnv } from './dispatcher.ts';
import { idGenerator } from './ids.ts';
import { PASSWORD_COST, type ScryptCost } from '../access/password.ts';
import { FailureLimiter, USER_SIGN_IN_LIMIT } from '../access/throttle.ts';
import { openDatabase, type Db } from '../store/database.ts';
import { startMaintenance } from '../store/maintenance.ts';
import { hasUsers } from '../access/users.ts';
import { tickTickets } from '../tickets/settle.ts';
import { alertDueCallbacks } from '../communication/callbacks.ts';
import { registerCapture } from '../sync/capture.ts';
import { backfillOutcomes, SYSTEM_USER_ID } from '../sla/clocks.ts';
import { hlcClock } from '../sync/hlc.ts';
import { hlcNode, isJoined, lastHlc } from '../sync/state.ts';
import type { WorkstationReport } from '../../shared/sync.ts';
import type { HubTransport } from '../sync/client.ts';
import { createDeskSync, type DeskSync } from '../sync/desk-sync.ts';
import { startBackups, type DeskBackups } from '../backups/backups.ts';
import { ImportStaging } from '../imports/staging.ts';
import { callbackLog, fileLog, LOG_FOLDER } from '../logging/desk-log.ts';
import { EXPORT_FOLDER, ExportFiles } from '../exports/files.ts';

export interface DeskOptions {
  /** Folder holding the desk's SQLite file (created if missing). */
  dataDir: string;
  clock?: Clock;
  /**
   * On a first start (no users yet), fills the new desk: the shells pass the demo desk
   * (`src/demo/`), which is data, not part of the engine.
   */
  firstStart?: (env: DispatchEnv) => Promise<void>;
  /** Where the desk's own faults go, each with its cause (default: stderr). */
  log?: (message: string, error?: unknown) => void;
  /**
   * A structured log on disk as well (logging/desk-log.ts): every call and every fault, rotated,
   * in `logs/` beside the store. The shells turn it on; `shell` says which one wrote a record.
   */
  logFile?: { shell: string; level?: string; rotateAt?: string };
  /** What the support bundle says this release is (the shells know their version). */
  about?: { app: string; shell: string };
  /** Checkpoint the WAL from a worker thread (default on). Off only for short-lived tools. */
  maintenance?: boolean;
  /** Scan SLA clocks every second (default on). Tests with a manual clock call tickSla() instead. */
  slaTicker?: boolean;
  /**
   * The cost new password hashes are made at, and older ones are brought to at sign-in
   * (default PASSWORD_COST, current guidance). Tests that hash many times pass a cheaper one.
   */
  passwordCost?: ScryptCost;
  /** Sync rounds of its own while joined (default on); off for a tool that runs them itself. */
  autoSync?: boolean;
  /** Backups by the workstation's schedule (the shells turn it on; tools and tests leave it off). */
  scheduledBackups?: boolean;
  /** How the desk reaches a hub (default: HTTP); tests give a model of the hub. */
  hubTransport?: (
    url: string,
    token: () => string | undefined,
    report?: () => WorkstationReport,
  ) => HubTransport;
}

export interface Desk {
  readonly file: string;
  readonly db: Db;
  /** The desk's log (DeskOptions.log): a shell logs its transport's own faults here too. */
  readonly log: (message: string, error?: unknown) => void;
  /** A new, signed-out connection: one per window or browser session. */
  connect(): Connection;
  /** The untyped entry the transports use: anything may arrive from outside. */
  dispatch(conn: Connection, method: unknown, input: unknown): Promise<Result<unknown>>;
  /** The typed entry for in-process callers (tests, seeders, benchmarks). */
  call<M extends MethodName>(
    conn: Connection,
    method: M,
    input: Input<M>,
  ): Promise<Result<Output<M>>>;
  subscribe(listener: (event: PushEvent) => void): () => void;
  /** Runs the scanner once now: clocks and escalation rules (the desk also runs it every second); returns tickets looked at. */
  tickSla(): number;
  /** Fills in one batch of outcomes still to work out (the desk does it every second); returns how many. */
  fillOutcomes(): number;
  /** Tells owners of call-backs that fell due (the desk also does it every second); returns how many. */
  tickCallbacks(): number;
  /** This workstation's sync with its desk's hub. */
  readonly sync: DeskSync;
  /** This workstation's backups (none for an in-memory store). */
  readonly backups: DeskBackups | null;
  /** Where its log files are (null: it logs to a function only). */
  readonly logFolder: string | null;
  /** Stops the checkpoint worker, then closes the store (the last connection tidies the WAL). */
  close(): Promise<void>;
}

export const DESK_FILE = 'desk.sqlite';

export async function openDesk(opts: DeskOptions): Promise<Desk> {
  const file = join(opts.dataDir, DESK_FILE);
  const db = openDatabase(file);
  const clock = opts.clock ?? systemClock;
  const listeners = new Set<(event: PushEvent) => void>();
  const toStderr = (m: string, e?: unknown) => console.error(`[switchboard] ${m}`, e ?? '');
  const fileLogged = opts.logFile ? fileLog(opts.dataDir, opts.logFile) : null;
  const deskLog = fileLogged ?? callbackLog(opts.log ?? toStderr);
  // A fault goes to the file and is said on stderr too, where a shell's own output goes.
  const log = fileLogged
    ? (m: string, e?: unknown) => {
        fileLogged.error(m, e);
        (opts.log ?? toStderr)(m, e);
      }
    : deskLog.error;
  const env: DispatchEnv = {
    db,
    clock,
    newId: idGenerator(clock),
    passwords: {
      cost: opts.passwordCost ?? PASSWORD_COST,
      failures: new FailureLimiter(USER_SIGN_IN_LIMIT),
    },
    log,
    logCall: deskLog.call,
    about: {
      app: opts.about?.app ?? 'unknown',
      shell: opts.about?.shell ?? 'tool',
      logFolder: fileLogged ? join(opts.dataDir, LOG_FOLDER) : null,
      dataDir: opts.dataDir,
    },
    imports: new ImportStaging(),
    // An in-memory store (tests, tools) writes its exports in a folder of its own under tmp.
    exports: new ExportFiles(
      file === ':memory:'
        ? mkdtempSync(join(tmpdir(), 'sb-exports-'))
        : join(opts.dataDir, EXPORT_FOLDER),
    ),
    publish(event) {
      for (const l of listeners) {
        try {
          l(event);
        } catch (e) {
          log(`a listener of ${event.name} failed`, e);
        }
      }
    },
  };
  // The clock readings and authors the capture triggers stamp on each change while joined.
  registerCapture(db, {
    hlc: hlcClock(clock, hlcNode(db), lastHlc(db)),
    newId: env.newId,
    deskAuthor: SYSTEM_USER_ID,
    joined: isJoined(db),
  });

  // While joined, rounds with the hub after each save and every second (see sync/desk-sync.ts).
  const sync = createDeskSync(env, {
    ...(opts.hubTransport ? { transport: opts.hubTransport } : {}),
    ...(opts.autoSync === false ? { auto: false } : {}),
  });
  env.sync = sync;

  const backups =
    file === ':memory:'
      ? null
      : startBackups(db, opts.dataDir, {
          clock,
          log,
          scheduled: opts.scheduledBackups === true,
          changed: (list) =>
            env.publish({ name: 'backups.changed', payload: { running: list.running } }),
        });
  if (backups) env.backups = backups;

  if (opts.firstStart && !hasUsers(db)) {
    await opts.firstStart(env);
  }
  let maintenance = null;
  if (opts.maintenance !== false && file !== ':memory:') {
    // The worker checkpoints; SQLite's own automatic checkpoint stays as a safety net far above it.
    db.pragma('wal_autocheckpoint = 10000');
    maintenance = startMaintenance(file, (m) => log(m));
  }

  /** Runs a scan with the desk's store and clock, then sends what it announced. */
  const scan = (run: (ctx: Pick<Ctx, 'db' | 'clock' | 'newId' | 'emit'>) => number): number => {
    const queued: PushEvent[] = [];
    const n = run({
      db,
      clock,
      newId: env.newId,
      emit: (name, payload) => queued.push({ name, payload } as PushEvent),
    });
    for (const e of queued) env.publish(e);
    return n;
  };
  const tickSlaNow = () => scan((ctx) => tickTickets(ctx));
  const tickCallbacksNow = () => scan((ctx) => alertDueCallbacks(ctx));
  // Tickets whose outcomes are still to work out (from before they were kept, or after the time
  // zone changed) get them a small batch a second: a batch is a few tens of milliseconds, so calls
  // made meanwhile hardly wait for it; with none left, the look is one empty index read.
  const backfillNow = () => scan((ctx) => backfillOutcomes(ctx, 250));
  // A scan that fails fails again a second later: its fault is logged once, and again only when
  // it changes. One failing scan does not stop the other.
  const failing = new Map<string, string>();
  const scanned = (name: string, scanNow: () => number) => {
    try {
      scanNow();
      failing.delete(name);
    } catch (e) {
      const fault = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      if (failing.get(name) === fault) return;
      failing.set(name, fault);
      log(`${name} failed`, e);
    }
  };
  // Clocks cross thresholds and call-backs fall due with nobody calling: look every second.
  const ticker =
    opts.slaTicker === false
      ? null
      : setInterval(() => {
          scanned('SLA scan', tickSlaNow);
          scanned('call-back scan', tickCallbacksNow);
          scanned('report outcomes', backfillNow);
        }, 1000);
  ticker?.unref();

  return {
    file,
    db,
    log,
    tickSla: tickSlaNow,
    fillOutcomes: backfillNow,
    tickCallbacks: tickCallbacksNow,
    connect: () => ({ id: randomUUID(), user: null }),
    dispatch: (conn, method, input) => dispatch(env, conn, method, input),
    call: (conn, method, input) => dispatch(env, conn, method, input) as never,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sync,
    backups,
    logFolder: fileLogged ? join(opts.dataDir, LOG_FOLDER) : null,
    async close() {
      sync.stop();
      await sync.settled();
      await backups?.stop();
      if (ticker) clearInterval(ticker);
      listeners.clear();
      await maintenance?.stop();
      if (db.open) db.close();
      await deskLog.close();
    },
  };
}
