/**
 * The desk's own process (Electron utilityProcess). SQLite work that can take more than a frame
 * (a text-filtered board on a big desk, a save that carries an index merge, opening the file)
 * runs here, so the main process, which routes input to every window, never waits on it.
 */
import { openDesk } from '../core/kernel/desk.ts';
import { seedDemoDesk } from '../demo/demo-desk.ts';
import { localEndpoint } from '../core/kernel/endpoint.ts';
import { serveEndpoint } from '../core/kernel/rpc.ts';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}
const parentPort = (process as unknown as { parentPort: ParentPort }).parentPort;

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

const dataDir = arg('--data');
if (!dataDir) throw new Error('core process started without --data');
const desk = await openDesk({
  dataDir,
  firstStart: process.argv.includes('--real-desk') ? undefined : seedDemoDesk,
  scheduledBackups: true,
  logFile: { shell: 'electron' },
  about: { app: arg('--version') ?? 'unknown', shell: 'electron' },
});
serveEndpoint(localEndpoint(desk), {
  postMessage: (m) => parentPort.postMessage(m),
  onMessage: (listener) => parentPort.on('message', (e) => listener(e.data)),
});
parentPort.on('message', (e) => {
  if ((e.data as { op?: unknown } | null)?.op !== 'shutdown') return;
  void desk.close().then(() => process.exit(0));
});
parentPort.postMessage({ ready: true });
