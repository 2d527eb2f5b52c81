/**
 * What an admin sends to IT when something is wrong: the release and its parts, the store's
 * statistics (sizes, row counts, integrity at a glance), sync and backups as they stand, and the
 * end of the desk's log. No customer data: counts, never rows; the log holds no input or answer
 * by construction (desk-log.ts).
 */
import { existsSync, readdirSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import type { SupportBundle } from '../../shared/views.ts';
import type { Ctx } from '../kernel/context.ts';
import { readSettings } from '../kernel/settings.ts';
import { stmt } from '../store/statements.ts';
import { LOG_FILE } from './desk-log.ts';

/** The end of the current log file: what happened last, which is what IT asks about. */
const LOG_TAIL_BYTES = 2 * 1024 * 1024;

/** The tables worth counting: what the desk holds and what is waiting to sync. */
const COUNTED = [
  'tickets',
  'customers',
  'accounts',
  'assets',
  'contacts',
  'ticket_events',
  'escalations',
  'users',
  'outbox',
  'sync_held',
  'sync_refused',
] as const;

function tail(file: string, bytes: number): string {
  const size = statSync(file).size;
  const start = Math.max(0, size - bytes);
  const buf = Buffer.alloc(size - start);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, buf.length, start);
  } finally {
    closeSync(fd);
  }
  const text = buf.toString('utf8');
  // From the first whole line: a record cut in half is no record.
  return start === 0 ? text : text.slice(text.indexOf('\n') + 1);
}

export function supportBundle(ctx: Ctx): SupportBundle {
  const { db } = ctx;
  const about = ctx.about;
  const pragma = (name: string) => db.pragma(name, { simple: true }) as number;
  const file = db.name;
  const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
  const logFolder = about.logFolder;
  const logs =
    logFolder && existsSync(logFolder)
      ? readdirSync(logFolder)
          .sort()
          .map((name) => ({ name, bytes: size(join(logFolder, name)) }))
      : [];
  const backups = ctx.backups?.list() ?? null;
  const sync = ctx.sync?.status() ?? null;
  return {
    at: ctx.clock.now(),
    release: {
      app: about.app,
      shell: about.shell,
      node: process.versions.node,
      electron: process.versions['electron'] ?? null,
      sqlite: stmt(db, 'SELECT sqlite_version()').pluck().get() as string,
      schema: pragma('user_version'),
      platform: `${process.platform} ${process.arch}`,
    },
    desk: { name: readSettings(db).name, prefix: readSettings(db).prefix },
    store: {
      bytes: size(file),
      walBytes: size(`${file}-wal`),
      pageSize: pragma('page_size'),
      pages: pragma('page_count'),
      freePages: pragma('freelist_count'),
      rows: Object.fromEntries(
        COUNTED.map((t) => [t, stmt(db, `SELECT count(*) FROM ${t}`).pluck().get() as number]),
      ),
    },
    sync: sync
      ? {
          state: sync.state,
          joined: sync.joined,
          waiting: sync.waiting,
          held: sync.held,
          keysLeft: sync.keysLeft,
          lastContactAt: sync.lastContactAt,
          errorCode: sync.errorCode ?? null,
        }
      : null,
    backups: backups
      ? {
          count: backups.backups.length,
          newestAt: backups.backups[0]?.at ?? null,
          everyMinutes: backups.schedule.everyMinutes,
          lastError: backups.lastError,
        }
      : null,
    logs,
    logTail:
      logFolder && existsSync(join(logFolder, LOG_FILE))
        ? tail(join(logFolder, LOG_FILE), LOG_TAIL_BYTES)
        : '',
  };
}
