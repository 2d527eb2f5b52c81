/**
 * The desk's log: one JSON line per record (pino), in `logs/desk.log` beside the store, rotated
 * at 10 MB with the last ten kept (rotating-file-stream: no worker thread, so it runs the same in
 * Electron's utility process and in the host). What it says: each call (a request id, the method,
 * the user id, how long, how it ended) and each fault with its cause and stack. What it never
 * says: a call's input or answer (customer text, passwords, tokens): the records are built from
 * fields, not from what came in, and pino's redaction is a second fence.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { createStream } from 'rotating-file-stream';

export const LOG_FOLDER = 'logs';
export const LOG_FILE = 'desk.log';

/** One call through the dispatcher, as the log keeps it. */
export interface CallRecord {
  req: string;
  method: string;
  user: string | null;
  conn: string;
  ms: number;
  /** "ok", or the error's code. */
  outcome: string;
}

export interface DeskLog {
  /** A fault of the desk's own, with its cause. */
  error(message: string, error?: unknown): void;
  /** Something worth knowing that is no fault (a backup taken, a sync refused). */
  info(message: string, fields?: Record<string, string | number | boolean | null>): void;
  call(record: CallRecord): void;
  close(): Promise<void>;
}

/** Paths pino blanks should a record ever carry them. */
const REDACT = ['password', '*.password', 'token', '*.token', 'input', '*.input', 'cookie'];

function fromPino(logger: Logger, close: () => Promise<void>): DeskLog {
  // A record after the log closed (a call that ends as the desk stops) is dropped, not thrown.
  let open = true;
  return {
    error: (message, error) => {
      if (!open) return;
      if (error === undefined) logger.error(message);
      else logger.error({ err: error }, message);
    },
    info: (message, fields) => {
      if (open) logger.info(fields ?? {}, message);
    },
    call: (r) => {
      if (open) logger.info({ call: r }, 'call');
    },
    close: () => {
      open = false;
      return close();
    },
  };
}

/** The log of a desk on disk: `<dataDir>/logs/desk.log`, rotated. */
export function fileLog(
  dataDir: string,
  o: { level?: string; shell: string; rotateAt?: string } = { shell: 'desk' },
): DeskLog {
  const dir = join(dataDir, LOG_FOLDER);
  mkdirSync(dir, { recursive: true });
  const stream = createStream(LOG_FILE, { path: dir, size: o.rotateAt ?? '10M', maxFiles: 10 });
  // A log that cannot be written (a full disk, its folder removed) must not stop the desk: said
  // once on stderr, where the shell's output goes.
  let failed = false;
  stream.on('error', (e) => {
    if (!failed) console.error('[switchboard] the desk log cannot be written', e);
    failed = true;
  });
  const logger = pino(
    { level: o.level ?? 'info', base: { shell: o.shell, pid: process.pid }, redact: REDACT },
    stream,
  );
  return fromPino(
    logger,
    () =>
      new Promise<void>((resolve) => {
        logger.flush();
        stream.end(() => resolve());
      }),
  );
}

/** A log to a function (tests, tools): faults only, as they were before there was a file. */
export function callbackLog(log: (message: string, error?: unknown) => void): DeskLog {
  return {
    error: log,
    info: () => undefined,
    call: () => undefined,
    close: async () => undefined,
  };
}
