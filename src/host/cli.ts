import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { manualClock, type ManualClock } from '../core/kernel/clock.ts';
import { openDesk } from '../core/kernel/desk.ts';
import { seedDemoDesk } from '../demo/demo-desk.ts';
import { localEndpoint } from '../core/kernel/endpoint.ts';
import { parseAllowedHost } from './allowed-hosts.ts';
import { startHost } from './server.ts';

const USAGE = `npm run serve -- [--port N] [--host ADDR] [--allowed-host NAME]... [--data DIR] [--real-desk] [--test-clock ISO]
  --port       port to listen on (default 4870; 0 picks a free one)
  --host       address to bind (default 127.0.0.1; the host is local unless you say otherwise)
  --allowed-host
               a name browsers reach the host by (desk.example.org, or desk.example.org:8443),
               besides 127.0.0.1, localhost and [::1] at its port; repeat it for several.
               Requests naming any other host are refused (DNS rebinding).
  --data       folder for the desk's SQLite file (default $SWITCHBOARD_DATA or ~/.local/share/switchboard/host)
  --real-desk  on a first start, create no demo data: the first screen sets up the desk and its admin
  --test-clock for tests only: the desk's clock starts at this instant (e.g. 2026-11-23T09:00:00Z) and
               moves only when POST /test/clock {"advanceMs": N} says so`;

function defaultDataDir(): string {
  if (process.env.SWITCHBOARD_DATA) return process.env.SWITCHBOARD_DATA;
  const base = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return join(base, 'switchboard', 'host');
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string', default: '4870' },
        host: { type: 'string', default: '127.0.0.1' },
        'allowed-host': { type: 'string', multiple: true, default: [] },
        data: { type: 'string' },
        'real-desk': { type: 'boolean', default: false },
        'test-clock': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535, not "${args.port}"`);
    process.exit(2);
  }
  const allowedHosts = args['allowed-host'];
  const badHost = allowedHosts.find((h) => parseAllowedHost(h) === null);
  if (badHost !== undefined) {
    console.error(
      `--allowed-host takes a host name as a browser sends it (desk.example.org or desk.example.org:8443), not "${badHost}"`,
    );
    process.exit(2);
  }
  const staticRoot = resolve(import.meta.dirname, '../../out/renderer');
  if (!existsSync(join(staticRoot, 'index.html'))) {
    console.error(`The UI is not built (${staticRoot} is missing). Run: npm run build`);
    process.exit(1);
  }
  let testClock: ManualClock | undefined;
  if (args['test-clock'] !== undefined) {
    const start = Date.parse(args['test-clock']);
    if (Number.isNaN(start)) {
      console.error(
        `--test-clock needs an ISO instant such as 2026-11-23T09:00:00Z, not "${args['test-clock']}"`,
      );
      process.exit(2);
    }
    testClock = manualClock(start);
    console.warn('Switchboard host: TEST CLOCK in use; time moves only through POST /test/clock');
  }
  const dataDir = resolve(args.data ?? defaultDataDir());
  const appVersion = () =>
    (
      JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  const desk = await openDesk({
    dataDir,
    firstStart: args['real-desk'] ? undefined : seedDemoDesk,
    scheduledBackups: true,
    logFile: { shell: 'host' },
    about: { app: appVersion(), shell: 'host' },
    ...(testClock ? { clock: testClock } : {}),
  });
  const host = await startHost({
    desk: localEndpoint(desk),
    staticRoot,
    host: args.host,
    port,
    allowedHosts,
    ...(testClock ? { testClock } : {}),
  });
  console.log(`Switchboard host: desk ${desk.file}`);
  console.log(`Switchboard is listening on ${host.url}`);
  if (host.beyondLoopback) {
    const names = allowedHosts.length
      ? allowedHosts.join(', ')
      : 'none yet: add --allowed-host NAME';
    console.warn(
      `Switchboard host: bound to ${args.host}, reachable from other machines. Browsers there ` +
        'must reach it over HTTPS (a TLS reverse proxy in front of it): its session cookie is ' +
        `Secure. It answers to loopback names and to: ${names}.`,
    );
  }

  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    await host.close();
    await desk.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
