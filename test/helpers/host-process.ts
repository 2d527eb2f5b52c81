import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface HostProcess {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../..');

/** Starts `src/host/cli.ts` as `npm run serve` does (the UI already built), on a free port. */
export async function startHostProcess(
  dataDir = mkdtempSync(join(tmpdir(), 'sb-e2e-')),
  extraArgs: string[] = [],
): Promise<HostProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['src/host/cli.ts', '--port', '0', '--data', dataDir, ...extraArgs],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 120_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`host exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.on('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
