/**
 * Online backups of this workstation's live store, while analysts keep working: SQLite's backup
 * API copies the store a few hundred pages at a time from the desk's own connection (a save made
 * meanwhile reaches the copy too), into `backups/<name>.partial`; a worker thread then runs
 * `integrity_check` on the copy, and only a whole one is renamed into place. A backup cut short
 * (the process killed, the disk full) leaves a `.partial` that the next start deletes: it is never
 * listed, never restored. Kept by a rotation (rotation.ts); the schedule is this workstation's
 * own (backups/schedule.json), not the desk's: it does not sync.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { MINUTE } from '../../shared/business-time.ts';
import type { BackupList, BackupInfo } from '../../shared/views.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Db } from '../store/database.ts';
import { DEFAULT_ROTATION, toPrune, type Rotation } from './rotation.ts';

export const BACKUP_FOLDER = 'backups';
const NAME = /^desk-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.sqlite$/;

export interface Schedule {
  /** Minutes between backups; 0: none by schedule (an admin's "Back up now" still works). */
  everyMinutes: number;
  rotation: Rotation;
}
export const DEFAULT_SCHEDULE: Schedule = { everyMinutes: 60, rotation: DEFAULT_ROTATION };

export class BackupFailed extends Error {}

export interface DeskBackups {
  list(): BackupList;
  /** A backup now (one at a time: a second call while one runs waits for it and gets it). */
  run(): Promise<BackupInfo>;
  schedule(next: Schedule): BackupList;
  stop(): Promise<void>;
}

const nameOf = (at: number) => `desk-${new Date(at).toISOString().replace(/[:.]/g, '-')}.sqlite`;
const atOf = (name: string): number | null => {
  const m = NAME.exec(name);
  const at = m ? Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`) : Number.NaN;
  return Number.isNaN(at) ? null : at;
};

/** `integrity_check` on its own thread: a check of a large copy never holds up a save. */
const CHECK_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
try {
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  const rows = db.pragma('integrity_check', { simple: false }).map((r) => r.integrity_check);
  db.close();
  parentPort.postMessage(rows.join('; '));
} catch (e) {
  parentPort.postMessage(String((e && e.message) || e));
}
`;
function integrityCheck(file: string): Promise<string> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    const worker = new Worker(CHECK_SOURCE, { eval: true, workerData: { file, driver } });
    worker.once('message', (m: string) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`check stopped (${code})`)));
  });
}

export function startBackups(
  db: Db,
  dataDir: string,
  o: {
    clock: Clock;
    log: (message: string, error?: unknown) => void;
    /** Told as a backup runs and when it ends, for the admin's progress bar. */
    changed?: (list: BackupList) => void;
    /** Start the schedule (off for tools and tests that run backups themselves). */
    scheduled?: boolean;
  },
): DeskBackups {
  const dir = join(dataDir, BACKUP_FOLDER);
  mkdirSync(dir, { recursive: true });
  // What a backup cut short left behind is no backup.
  for (const f of readdirSync(dir))
    if (f.endsWith('.partial')) rmSync(join(dir, f), { force: true });

  const scheduleFile = join(dir, 'schedule.json');
  let schedule = readSchedule(scheduleFile, o.log);
  let running: Promise<BackupInfo> | null = null;
  let progress: { done: number; total: number } | null = null;
  let lastError: string | null = null;
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;

  const backups = (): BackupInfo[] =>
    readdirSync(dir)
      .map((file) => ({ file, at: atOf(file) }))
      .filter((b): b is { file: string; at: number } => b.at !== null)
      .map((b) => ({ ...b, bytes: statSync(join(dir, b.file)).size }))
      .sort((a, b) => b.at - a.at);

  const list = (): BackupList => ({
    backups: backups(),
    folder: dir,
    schedule,
    running: progress ? { ...progress } : running ? { done: 0, total: 0 } : null,
    lastError,
    nextAt: timer ? nextDue() : null,
  });
  const tell = () => o.changed?.(list());

  function nextDue(): number | null {
    if (!schedule.everyMinutes) return null;
    const newest = backups()[0]?.at;
    // A store with no backup yet gets its first ten minutes after start, not an hour.
    return newest === undefined
      ? o.clock.now() + 10 * MINUTE
      : newest + schedule.everyMinutes * MINUTE;
  }

  function plan() {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopping || o.scheduled === false) return;
    const due = nextDue();
    if (due === null) return;
    timer = setTimeout(
      () => {
        timer = null;
        run()
          .catch(() => undefined)
          .finally(plan);
      },
      Math.max(due - o.clock.now(), 1000),
    );
    timer.unref();
  }

  async function take(): Promise<BackupInfo> {
    const at = o.clock.now();
    const file = nameOf(at);
    const partial = join(dir, `${file}.partial`);
    progress = { done: 0, total: 0 };
    tell();
    let shown = 0;
    try {
      await db.backup(partial, {
        progress({ totalPages, remainingPages }) {
          if (stopping) throw new BackupFailed('The desk is closing');
          progress = { done: totalPages - remainingPages, total: totalPages };
          // Told a hundred times at most, however large the store.
          if (progress.done - shown >= totalPages / 100) {
            shown = progress.done;
            tell();
          }
          return 256;
        },
      });
      const verdict = await integrityCheck(partial);
      if (verdict !== 'ok') throw new BackupFailed(`The copy failed its check: ${verdict}`);
      renameSync(partial, join(dir, file));
    } catch (e) {
      rmSync(partial, { force: true });
      throw e instanceof BackupFailed
        ? e
        : new BackupFailed(`The backup could not be written: ${(e as Error).message}`);
    }
    prune();
    return { file, at, bytes: statSync(join(dir, file)).size };
  }

  function prune() {
    const all = backups();
    const drop = new Set(
      toPrune(
        all.map((b) => b.at),
        schedule.rotation,
        o.clock.now(),
      ),
    );
    for (const b of all) if (drop.has(b.at)) rmSync(join(dir, b.file), { force: true });
  }

  function run(): Promise<BackupInfo> {
    if (running) return running;
    if (stopping) return Promise.reject(new BackupFailed('The desk is closing'));
    running = take()
      .then(
        (b) => {
          lastError = null;
          return b;
        },
        (e: unknown) => {
          lastError = (e as Error).message;
          o.log('backup failed', e);
          throw e;
        },
      )
      .finally(() => {
        running = null;
        progress = null;
        tell();
      });
    return running;
  }

  plan();
  return {
    list,
    run,
    schedule(next) {
      schedule = next;
      // Written beside, then renamed: a schedule cut short is never half a file.
      writeFileSync(`${scheduleFile}.new`, JSON.stringify(next, null, 2));
      renameSync(`${scheduleFile}.new`, scheduleFile);
      plan();
      tell();
      return list();
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}

function readSchedule(file: string, log: (m: string) => void): Schedule {
  if (!existsSync(file)) return DEFAULT_SCHEDULE;
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<Schedule>;
    if (typeof s.everyMinutes === 'number' && s.rotation) return s as Schedule;
  } catch {
    // Read as the default below, and said so.
  }
  log(`${file} cannot be read: backups keep the default schedule`);
  return DEFAULT_SCHEDULE;
}
