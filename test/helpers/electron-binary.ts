import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

/**
 * Where the Electron binary is, or null. Read from the package's path.txt without requiring
 * `electron`: since Electron 40 that require downloads the binary on first use, which an
 * offline machine cannot do.
 */
export function electronBinary(): string | null {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const rel = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const full = process.env['ELECTRON_OVERRIDE_DIST_PATH']
      ? join(process.env['ELECTRON_OVERRIDE_DIST_PATH'], rel)
      : join(dir, 'dist', rel);
    return existsSync(full) ? full : null;
  } catch {
    return null;
  }
}
