import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where this checkout's Electron executable is, read the way Electron's own index.js reads it
 * (path.txt, then dist/ or ELECTRON_OVERRIDE_DIST_PATH) but without requiring `electron`:
 * since Electron 40 that require downloads the binary, which must never happen by accident
 * (an offline test run, a type check). Shared by scripts/ensure-electron.ts, the electron-vite
 * config and the tests, so all of them agree on whether Electron is there.
 */

export interface ElectronPackage {
  dir: string;
  version: string;
}

/** The installed `electron` package, resolved from the project as electron-vite resolves it. */
export function electronPackage(): ElectronPackage {
  const manifest = createRequire(import.meta.url).resolve('electron/package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { dir: dirname(manifest), version };
}

/** The executable's place inside an Electron release zip (install.js writes it to path.txt). */
function executableInZip(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

function readIfThere(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

/** The folder ELECTRON_OVERRIDE_DIST_PATH names, if set: an Electron the user already has. */
export function electronOverride(env: NodeJS.ProcessEnv = process.env): string | null {
  return env['ELECTRON_OVERRIDE_DIST_PATH'] || null;
}

/** The executable Electron would run, whether or not it is there. */
export function expectedElectronBinary(
  pkg: ElectronPackage = electronPackage(),
  env: NodeJS.ProcessEnv = process.env,
): string {
  const inZip = readIfThere(join(pkg.dir, 'path.txt')) ?? executableInZip(process.platform);
  return join(electronOverride(env) ?? join(pkg.dir, 'dist'), inZip);
}

/** The Electron executable, or null while it has not been downloaded (or given) yet. */
export function electronBinary(
  pkg: ElectronPackage = electronPackage(),
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const binary = expectedElectronBinary(pkg, env);
  if (electronOverride(env)) return existsSync(binary) ? binary : null;
  // As Electron's install.js decides: path.txt written, and dist/ holds this very version.
  const installed =
    existsSync(join(pkg.dir, 'path.txt')) &&
    readIfThere(join(pkg.dir, 'dist', 'version'))?.replace(/^v/, '') === pkg.version;
  return installed && existsSync(binary) ? binary : null;
}
