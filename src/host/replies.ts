import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTP_STATUS, type ErrorCode, type Issue, type Result } from '../shared/errors.ts';

export const MAX_BODY = 1024 * 1024;

export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

export function failure(code: ErrorCode, message: string, issues: Issue[] = []): Result<never> {
  return { ok: false, error: { code, message, issues } };
}

export const issue = (path: string, rule: string, message: string): Issue => ({
  path,
  rule,
  message,
});

export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  res
    .writeHead(status, {
      ...SECURITY_HEADERS,
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...extra,
    })
    .end(JSON.stringify(body));
}

/** A dispatcher's answer as HTTP: its status, and when to try again if it was throttled. */
export function sendResult(res: ServerResponse, result: Result<unknown>, setCookie?: string): void {
  const extra: Record<string, string> = setCookie ? { 'set-cookie': setCookie } : {};
  if (!result.ok && result.error.code === 'THROTTLED')
    extra['retry-after'] = String((result.error.issues[0]?.limit ?? 1) * 60);
  send(res, result.ok ? 200 : (HTTP_STATUS[result.error.code] ?? 500), result, extra);
}

export function plain(res: ServerResponse, status: number, message: string): void {
  res
    .writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' })
    .end(message);
}

export const MISDIRECTED =
  'This host does not answer to that host name. Reach it by the name it was started for ' +
  '(127.0.0.1, localhost or one given with --allowed-host).';

/**
 * The path of an origin-form request target (`/api/x?y`), or null for any other form (absolute
 * `http://…`, authority, `*`): the host is not a proxy, and a target URL cannot parse is no path.
 */
export function targetPath(target: string | undefined): string | null {
  if (!target?.startsWith('/')) return null;
  try {
    return new URL(`http://host.invalid${target}`).pathname;
  } catch {
    return null;
  }
}

/** Percent-decoded, or null when the encoding is malformed (`%zz`, a cut-off UTF-8 sequence). */
export function decoded(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/** The body as text, or null when it is over MAX_BODY. */
export function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
