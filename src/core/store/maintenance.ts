import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints on their own thread and connection. A checkpoint writes a thousand pages into
 * a multi-gigabyte file and fsyncs it; done by SQLite's automatic checkpoint it lands on whichever
 * save crosses the threshold (every 25th intake or so on a big desk). A PASSIVE checkpoint from
 * another connection runs beside writers without blocking them, so saves never carry it.
 * The worker is inline CommonJS so it needs no separate bundle entry in either shell.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 50');
const tick = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { parentPort.postMessage(String(e && e.message || e)); }
};
const timer = setInterval(tick, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  tick();
  db.close();
  parentPort.close();
});
`;

export interface Maintenance {
  stop(): Promise<void>;
}

export function startMaintenance(
  file: string,
  log: (m: string) => void,
  everyMs = 500,
): Maintenance {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, everyMs } });
  worker.on('message', (m: string) => log(`checkpoint: ${m}`));
  worker.on('error', (e) => log(`maintenance worker stopped: ${e.message}`));
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        const timeout = setTimeout(() => void worker.terminate().then(() => resolve()), 2000);
        worker.once('exit', () => {
          clearTimeout(timeout);
          resolve();
        });
        worker.postMessage('stop');
      }),
  };
}
