import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { HTTP_STATUS, type Issue, type Result } from '../shared/errors.ts';
import type { ManualClock } from '../core/clock.ts';
import type { DeskEndpoint } from '../core/endpoint.ts';
import { contentSecurityPolicy, contentType, resolveStaticPath } from '../core/static-files.ts';
import { allowedHostSet, isAllowedHost, isAllowedOrigin } from './allowed-hosts.ts';
import { Sessions } from './sessions.ts';

export interface HostOptions {
  desk: DeskEndpoint;
  /** The built renderer (out/renderer). */
  staticRoot: string;
  host?: string;
  port?: number;
  /**
   * Names the host is reached by beyond its loopback names and bound address (`--allowed-host`),
   * as a Host header carries them: `desk.example.org` (any port) or `desk.example.org:8443`.
   */
  allowedHosts?: readonly string[];
  /** Tests only (`--test-clock`): the desk's clock, moved forward by POST /test/clock. */
  testClock?: ManualClock;
}

export interface RunningHost {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

/**
 * The headless shell: the same core and the same UI over HTTP + WebSocket. It only moves bytes:
 * a POST to /api/<method> becomes one dispatcher call, a core event becomes one WebSocket message.
 */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const { desk } = opts;
  const sessions = new Sessions(desk.open, desk.close);
  const sockets = new Map<WebSocket, string>();
  // Known once the port is: nothing is answered before listen() calls back.
  let allowed: ReadonlySet<string> = new Set();
  const sameOrigin = (req: IncomingMessage): boolean =>
    // Browsers send Origin on cross-site POSTs and WebSocket upgrades; non-browser clients none.
    req.headers.origin === undefined || isAllowedOrigin(allowed, req.headers.origin);

  const server = createServer((req, res) => {
    if (!isAllowedHost(allowed, req.headers.host)) return misdirected(res);
    handle(req, res).catch(() => {
      if (!res.headersSent)
        send(res, 500, {
          ok: false,
          error: { code: 'INTERNAL', message: 'Host error', issues: [] },
        });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = targetPath(req.url);
    if (path === null) return badRequest(res, 'The request target is not a path on this host');
    if (path.startsWith('/api/')) {
      const method = decoded(path.slice(5));
      // No name at all rather than the name of no method: a malformed request, not NOT_FOUND.
      if (method === null)
        return send(
          res,
          400,
          error('VALIDATION', 'The method name is not valid percent-encoding', [
            issue('method', 'invalid_format', 'Not valid percent-encoding'),
          ]),
        );
      return api(req, res, method);
    }
    if (path === '/test/clock' && opts.testClock) return moveClock(req, res, opts.testClock);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return void res.writeHead(405, SECURITY_HEADERS).end();
    if (decoded(path) === null) return badRequest(res, 'The path is not valid percent-encoding');
    serveStatic(req, res, path);
  }

  async function api(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, error('VALIDATION', 'Use POST'));
    // Cross-site requests can't set this content type without a preflight we never answer.
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(res, 415, error('VALIDATION', 'Send application/json'));
    }
    if (!sameOrigin(req)) return send(res, 403, error('FORBIDDEN', 'Cross-origin request refused'));
    const body = await readBody(req);
    if (body === null)
      return send(res, 413, error('VALIDATION', `Request body over ${MAX_BODY} bytes`));
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body) : {};
    } catch {
      return send(res, 400, error('VALIDATION', 'The request body is not valid JSON'));
    }
    const { conn, setCookie } = await sessions.resolve(req.headers.cookie);
    const result = await desk.dispatch(conn, method, input);
    send(res, result.ok ? 200 : (HTTP_STATUS[result.error.code] ?? 500), result, setCookie);
  }

  /** Tests move the desk's time forward, never back: ids and history stay in order. */
  async function moveClock(req: IncomingMessage, res: ServerResponse, clock: ManualClock) {
    if (req.method !== 'POST') return send(res, 405, error('VALIDATION', 'Use POST'));
    if (!sameOrigin(req)) return send(res, 403, error('FORBIDDEN', 'Cross-origin request refused'));
    let advance: unknown;
    try {
      advance = (JSON.parse((await readBody(req)) ?? '') as { advanceMs?: unknown }).advanceMs;
    } catch {
      advance = undefined;
    }
    if (
      typeof advance !== 'number' ||
      !Number.isInteger(advance) ||
      advance < 0 ||
      advance > 400 * 86_400_000
    )
      return send(
        res,
        400,
        error(
          'VALIDATION',
          'Send {"advanceMs": N}, a whole number of milliseconds from 0 to 400 days',
        ),
      );
    clock.advance(advance);
    send(res, 200, { ok: true, value: { now: clock.now() } });
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, path: string): void {
    // Client-side routes fall back to the app shell; anything with an extension must exist.
    const file =
      resolveStaticPath(opts.staticRoot, path) ??
      (/\.[a-z0-9]+$/i.test(path) ? null : resolveStaticPath(opts.staticRoot, '/'));
    if (!file)
      return void res
        .writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain' })
        .end('Not found');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': contentType(file),
      // Host is one of ours (checked above); behind a TLS proxy the page's socket is wss://.
      'content-security-policy': contentSecurityPolicy(
        `ws://${req.headers.host ?? ''} wss://${req.headers.host ?? ''}`,
      ),
      'cache-control': path.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    // A file that goes between the check and the read ends this response, not the host.
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  // ---- push events ---------------------------------------------------------------------------
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  server.on('upgrade', (req, socket, head) => {
    // Nothing thrown here may become an unhandled rejection: that would end the whole host.
    upgrade(req, socket, head).catch(() => socket.destroy());
  });
  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (!isAllowedHost(allowed, req.headers.host)) {
      socket.end(`HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\n\r\n${MISDIRECTED}`);
      return;
    }
    const path = targetPath(req.url);
    if (path === null) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    const conn = sessions.existing(req.headers.cookie);
    const session = conn ? await desk.dispatch(conn, 'session.get', {}) : null;
    const signedIn = !!session?.ok && !!(session.value as { user: unknown }).user;
    if (path !== '/events' || !sameOrigin(req) || !conn || !signedIn) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.set(ws, conn);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => sockets.delete(ws));
      ws.on('message', () => undefined); // the channel is one-way; client messages are ignored
    });
  }
  const unsubscribe = desk.onEvent((event, to) => {
    const data = JSON.stringify(event);
    const recipients = new Set(to);
    for (const [ws, conn] of sockets)
      if (recipients.has(conn) && ws.readyState === ws.OPEN) ws.send(data);
  });
  const sweep = setInterval(() => sessions.sweep(), 60_000).unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  allowed = allowedHostSet(addr, opts.allowedHosts ?? []);
  const hostName = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;

  return {
    url: `http://${hostName}:${addr.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        unsubscribe();
        for (const ws of sockets.keys()) ws.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function error(
  code: 'VALIDATION' | 'FORBIDDEN',
  message: string,
  issues: Issue[] = [],
): Result<never> {
  return { ok: false, error: { code, message, issues } };
}

const issue = (path: string, rule: string, message: string): Issue => ({ path, rule, message });

/**
 * The path of an origin-form request target (`/api/x?y`), or null for any other form (absolute
 * `http://…`, authority, `*`): the host is not a proxy, and a target URL cannot parse is no path.
 */
function targetPath(target: string | undefined): string | null {
  if (!target?.startsWith('/')) return null;
  try {
    return new URL(`http://host.invalid${target}`).pathname;
  } catch {
    return null;
  }
}

/** Percent-decoded, or null when the encoding is malformed (`%zz`, a cut-off UTF-8 sequence). */
function decoded(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

function badRequest(res: ServerResponse, message: string): void {
  res
    .writeHead(400, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' })
    .end(message);
}

function send(res: ServerResponse, status: number, body: unknown, setCookie?: string): void {
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  };
  if (setCookie) headers['set-cookie'] = setCookie;
  res.writeHead(status, headers).end(JSON.stringify(body));
}

const MISDIRECTED =
  'This host does not answer to that host name. Reach it by the name it was started for ' +
  '(127.0.0.1, localhost or one given with --allowed-host).';

/** A Host this host was not started for (a DNS-rebinding page, a misrouted proxy): nothing runs. */
function misdirected(res: ServerResponse): void {
  res
    .writeHead(421, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' })
    .end(MISDIRECTED);
}

function readBody(req: IncomingMessage): Promise<string | null> {
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
