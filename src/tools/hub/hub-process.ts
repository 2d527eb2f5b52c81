import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../..');

export interface HubProcess {
  url: string;
  child: ChildProcess;
  /** Ends it as a crash would: no handler runs. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A hub instance as `npm run hub` starts it, over the database `databaseUrl`, on a free port (or
 * on `port`: a hub restarted where its workstations know it).
 */
export async function startHubProcess(
  databaseUrl: string,
  port = 0,
  /** With an imager (its replicas in `imager.data`, a pass every `imager.every` seconds). */
  imager?: { data: string; every: number },
  /** More of `npm run hub`'s options (`--oldest-release 0.0.9`). */
  extra: string[] = [],
): Promise<HubProcess> {
  const args = [
    ...(imager ? ['--data', imager.data, '--imager-every', String(imager.every)] : ['--no-imager']),
    ...extra,
  ];
  const child = spawn(
    process.execPath,
    [join(ROOT, 'src/hub/cli.ts'), '--port', String(port), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /hub listening on (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the hub exited (${code}): ${err}`)));
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    url,
    child,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
