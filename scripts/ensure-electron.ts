/**
 * Run before `electron-vite` and `electron-builder` by `npm start`, `npm run dev` and
 * `npm run package`. Electron 45 no longer fetches its binary at `npm ci`: it does so on first
 * `require('electron')`, or through its `install-electron` command. electron-vite reads
 * node_modules/electron/path.txt itself and stops at "Electron uninstall" when it is missing.
 * So fetch the binary here, with Electron's own installer (the script behind
 * `install-electron`), and when that fails say in one message what failed, why, and what to do.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  electronBinary,
  electronOverride,
  electronPackage,
  expectedElectronBinary,
} from './electron-binary.ts';

const pkg = electronPackage();
const script = process.env['npm_lifecycle_event'];
const command = !script || script === 'start' ? 'npm start' : `npm run ${script}`;
const fixes = [
  'To fix it, do one of:',
  '  • run the command again on a network that reaches that address (behind a proxy: set',
  '    ELECTRON_GET_USE_PROXY=1 and HTTPS_PROXY);',
  `  • set ELECTRON_MIRROR to a mirror that has Electron ${pkg.version}, e.g.`,
  `    ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ ${command}`,
  `  • or set ELECTRON_OVERRIDE_DIST_PATH to a folder holding an unpacked Electron ${pkg.version}.`,
];

function fail(lines: string[]): never {
  console.error(
    ['', "✖ Electron's binary is missing.", ...lines.map((l) => `  ${l}`), ''].join('\n'),
  );
  process.exit(1);
}

/**
 * What Electron's installer tried and why it failed, from its own diagnostics: @electron/get's
 * debug log names the URL, Node's fetch debug log the network error (the installer itself
 * prints only "fetch failed"), and its stack trace's first line any other error.
 */
function downloadFailure(stderr: string): { url: string | null; cause: string } {
  const last = (re: RegExp) => [...stderr.matchAll(re)].at(-1);
  const network = last(/^FETCH \d+: request to \S+ (\S+) errored - (.+)$/gm);
  const http = last(/^HTTPError: (Response code .+?) for (\S+)$/gm);
  const downloading = last(/@electron\/get:index Downloading (\S+) to /g);
  const error = stderr
    .split('\n')
    .find((l) => /^\w*Error\b/.test(l) && !/^TypeError: fetch failed$/.test(l.trim()));
  return {
    url: network?.[1] ?? http?.[2] ?? downloading?.[1] ?? null,
    cause: network?.[2] ?? http?.[1] ?? error?.trim() ?? 'the installer gave no reason',
  };
}

function ensureElectron(): void {
  if (electronBinary(pkg)) return;

  const override = electronOverride();
  if (override)
    fail([
      `ELECTRON_OVERRIDE_DIST_PATH=${override} has no Electron executable: expected ${expectedElectronBinary(pkg)}.`,
      `Point it at the folder of an unpacked Electron ${pkg.version}, or unset it to download one.`,
    ]);

  console.log(
    `Electron ${pkg.version} is not downloaded yet (npm ci no longer does it): fetching it now with` +
      " Electron's installer, once (about 100 MB).",
  );
  const env = { ...process.env };
  env['DEBUG'] = [env['DEBUG'], '@electron/get:index'].filter(Boolean).join(',');
  env['NODE_DEBUG'] = [env['NODE_DEBUG'], 'fetch'].filter(Boolean).join(',');
  const installer = spawnSync(process.execPath, [join(pkg.dir, 'install.js')], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  const binary = electronBinary(pkg);
  if (installer.status === 0 && binary) {
    console.log(`Electron ${pkg.version} is installed: ${binary}`);
    return;
  }
  const { url, cause } = downloadFailure(installer.stderr ?? String(installer.error));
  fail([
    `Electron ${pkg.version} is fetched on first use, and that download failed.`,
    `The download from ${url ?? "Electron's release server (or ELECTRON_MIRROR)"} failed because ${cause}.`,
    ...fixes,
  ]);
}

ensureElectron();
