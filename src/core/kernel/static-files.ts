import { realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, posix, relative } from 'node:path';

/**
 * Maps a URL path to a file under `root`, or null. Used by both shells (the host's static
 * server and Electron's app:// protocol), so the path-traversal check is written and tested once:
 * encoded dots, NUL bytes, backslashes and symlinks pointing outside `root` are all refused.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const normal = posix.normalize(`/${decoded}`);
  if (normal.split('/').includes('..')) return null;
  const candidate = join(root, normal === '/' ? 'index.html' : normal);
  try {
    if (!statSync(candidate, { throwIfNoEntry: false })?.isFile()) return null;
    const rel = relative(realpathSync(root), realpathSync(candidate));
    if (rel.startsWith('..') || isAbsolute(rel)) return null;
  } catch {
    // Removed or replaced between two looks (a rebuild under a running host): not there.
    return null;
  }
  return candidate;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export const contentType = (file: string): string =>
  TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';

/** The UI's content security policy, the same in both shells. */
export function contentSecurityPolicy(extraConnect = ''): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${extraConnect ? ` ${extraConnect}` : ''}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
