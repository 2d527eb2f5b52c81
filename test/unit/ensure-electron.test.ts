import { execFile } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Electron 45 fetches its binary on first use, not at `npm ci`. These tests run the project's
 * own npm scripts, as a user would, in a checkout where Electron is exactly as `npm ci` leaves
 * it (the package, no binary), and prove each command reaches Electron's download step. This
 * machine has no route to Electron's release server, so the download is pointed at a closed
 * local port: it fails at once, and the test reads what the user would read.
 */
const root = resolve(import.meta.dirname, '../..');
const realModules = realpathSync(join(root, 'node_modules'));
const electronPkg = JSON.parse(
  readFileSync(join(realModules, 'electron/package.json'), 'utf8'),
) as { version: string; files: string[] };

/** Where a release zip keeps the executable (Electron's install.js names the same paths). */
const EXECUTABLE: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
};

let checkout: string;
let mirror: string;

/** A port nothing listens on: bound, then released, so a connection to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

/**
 * A fresh checkout in a temp folder: the project's package.json and scripts copied, its sources
 * linked, and a node_modules whose every entry links to the shared one except `electron`, which
 * is a copy of the files npm installs for it (no path.txt, no dist/). Nothing a test runs can
 * write into the shared node_modules.
 */
function freshCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-fresh-checkout-'));
  cpSync(join(root, 'package.json'), join(dir, 'package.json'));
  cpSync(join(root, 'scripts'), join(dir, 'scripts'), { recursive: true });
  cpSync(join(root, 'electron.vite.config.ts'), join(dir, 'electron.vite.config.ts'));
  // Without an ensure step `npm start` gets as far as in a real checkout: the build, then Electron.
  for (const f of ['src', 'tsconfig.json', 'tsconfig.base.json'])
    symlinkSync(join(root, f), join(dir, f));
  const modules = join(dir, 'node_modules');
  mkdirSync(modules);
  // Packages and their commands only: vite's caches and temp files stay in the checkout.
  for (const name of readdirSync(realModules))
    if (name === '.bin' || !(name.startsWith('.') || name === 'electron'))
      symlinkSync(join(realModules, name), join(modules, name));
  mkdirSync(join(modules, 'electron'));
  for (const f of ['package.json', ...electronPkg.files])
    cpSync(join(realModules, 'electron', f), join(modules, 'electron', f));
  return dir;
}

/** The environment of a user with no Electron settings, whose downloads go to `mirror`. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(electron_|npm_|node_use_env_proxy$)/i.test(k)) env[k] = v;
  return {
    ...env,
    ELECTRON_MIRROR: mirror,
    // No .npmrc either: npm would hand an `electron_mirror` there to the scripts, and
    // @electron/get prefers it to ELECTRON_MIRROR.
    npm_config_userconfig: join(checkout, 'none.user.npmrc'),
    npm_config_globalconfig: join(checkout, 'none.global.npmrc'),
    npm_config_update_notifier: 'false',
    // An empty download cache: a zip cached by an earlier run must not stand in for the download.
    electron_config_cache: join(checkout, '.electron-cache'),
    ...extra,
  };
}

interface Outcome {
  code: number;
  output: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((done) => {
    execFile(cmd, args, { cwd: checkout, env }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      done({ code, output: `${stdout}\n${stderr}` });
    });
  });
}

beforeAll(async () => {
  checkout = freshCheckout();
  mirror = `http://127.0.0.1:${await closedPort()}/`;
});
afterAll(() => rmSync(checkout, { recursive: true, force: true }));

describe('the desktop commands on a fresh checkout (Electron package without its binary)', () => {
  it.each(['start', 'dev', 'package'])(
    '`npm run %s` tries to download Electron and says plainly why it could not',
    async (script) => {
      const { code, output } = await run('npm', ['run', script], userEnv());
      expect(output).not.toContain('Electron uninstall');
      expect(output).toContain("Electron's binary is missing");
      // It reached Electron's own downloader, and names the address it tried and the cause.
      expect(output).toContain(
        `${mirror}v${electronPkg.version}/electron-v${electronPkg.version}-`,
      );
      expect(output).toMatch(/failed because .*ECONNREFUSED/);
      // One message, not the installer's stack trace.
      expect(output).not.toMatch(/^\s+at /m);
      // And how to get past it.
      expect(output).toContain('ELECTRON_MIRROR');
      expect(output).toContain('ELECTRON_OVERRIDE_DIST_PATH');
      expect(code).not.toBe(0);
      // Nothing was left half-installed.
      expect(existsSync(join(checkout, 'node_modules/electron/path.txt'))).toBe(false);
    },
    60_000,
  );

  it('ELECTRON_OVERRIDE_DIST_PATH pointing at a folder without Electron is refused by name', async () => {
    const empty = mkdtempSync(join(checkout, 'no-electron-'));
    const { code, output } = await run(
      process.execPath,
      ['scripts/ensure-electron.ts'],
      userEnv({ ELECTRON_OVERRIDE_DIST_PATH: empty }),
    );
    expect(output).toContain("Electron's binary is missing");
    expect(output).toContain(`ELECTRON_OVERRIDE_DIST_PATH=${empty}`);
    expect(output).not.toContain('failed because');
    expect(code).not.toBe(0);
  });

  it.skipIf(process.platform === 'win32')(
    'an Electron given by ELECTRON_OVERRIDE_DIST_PATH is the one `npm start` runs: no download',
    async () => {
      // A stand-in executable that says it ran: the build and the launch are the real ones.
      const dist = mkdtempSync(join(checkout, 'own-electron-'));
      const exe = join(dist, EXECUTABLE[process.platform] ?? 'electron');
      mkdirSync(dirname(exe), { recursive: true });
      writeFileSync(exe, '#!/bin/sh\necho "stand-in Electron ran with: $*"\n');
      chmodSync(exe, 0o755);
      const { code, output } = await run(
        'npm',
        ['start'],
        userEnv({ ELECTRON_OVERRIDE_DIST_PATH: dist }),
      );
      expect(output).not.toContain('missing');
      expect(output).not.toContain('Electron uninstall');
      expect(output).toContain('stand-in Electron ran with: .');
      expect(code).toBe(0);
    },
    60_000,
  );
});
