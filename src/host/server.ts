import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { systemClock, type Clock, type ManualClock } from '../core/kernel/clock.ts';
import type { DeskEndpoint } from '../core/kernel/endpoint.ts';
import {
  contentSecurityPolicy,
  contentType,
  resolveStaticPath,
} from '../core/kernel/static-files.ts';
import { allowedHostSet, isAllowedHost, isAllowedOrigin, isLoopback } from './allowed-hosts.ts';
import { apiRoute } from './api.ts';
import {
  decoded,
  failure,
  issue,
  MISDIRECTED,
  plain,
  readBody,
  SECURITY_HEADERS,
  send,
  targetPath,
} from './replies.ts';
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
  /**
   * Time for sessions and the per-address sign-in limit (default the system's). Not the desk's
   * test clock: e2e tests move that by days, and browser sessions must not end for it.
   */
  clock?: Clock;
  /** Tests only (`--test-clock`): the desk's clock, moved forward by POST /test/clock. */
  testClock?: ManualClock;
}

export interface RunningHost {
  url: string;
  /** Bound to an address other machines can reach: the session cookie is then Secure. */
  beyondLoopback: boolean;
  close(): Promise<void>;
}

/**
 * The headless shell: the same core and the same UI over HTTP + WebSocket. It only moves bytes:
 * a POST to /api/<method> becomes one dispatcher call, a core event becomes one WebSocket message.
 */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const { desk } = opts;
  const clock = opts.clock ?? systemClock;
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  // Requests are only heard from here on: the names, the port and the cookie's scope are known.
  const addr = server.address() as AddressInfo;
  const allowed = allowedHostSet(addr, opts.allowedHosts ?? []);
  const sameOrigin = (req: IncomingMessage): boolean =>
    // Browsers send Origin on cross-site POSTs and WebSocket upgrades; non-browser clients none.
    req.headers.origin === undefined || isAllowedOrigin(allowed, req.headers.origin);

  const beyondLoopback = !isLoopback(addr.address);
  const sockets = new Map<WebSocket, string>();
  const sessions = new Sessions({
    clock,
    secure: beyondLoopback,
    ended(conn) {
      desk.close(conn);
      for (const [ws, c] of sockets) if (c === conn) ws.close(1008, 'Session ended');
    },
  });
  const api = apiRoute({ desk, sessions, clock, sameOrigin });
  // The host's own faults go where the desk's do: an INTERNAL answer is never left unexplained.
  const log = (message: string, error: unknown): void =>
    desk.log ? desk.log(message, error) : console.error(`[switchboard] ${message}`, error);

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!isAllowedHost(allowed, req.headers.host)) return plain(res, 421, MISDIRECTED);
    handle(req, res).catch((e: unknown) => {
      log(`INTERNAL: the host failed answering ${req.method} ${req.url}`, e);
      if (!res.headersSent) send(res, 500, failure('INTERNAL', 'Host error'));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = targetPath(req.url);
    if (path === null) return plain(res, 400, 'The request target is not a path on this host');
    if (path.startsWith('/api/')) {
      const method = decoded(path.slice(5));
      // No name at all rather than the name of no method: a malformed request, not NOT_FOUND.
      if (method === null)
        return send(
          res,
          400,
          failure('VALIDATION', 'The method name is not valid percent-encoding', [
            issue('method', 'invalid_format', 'Not valid percent-encoding'),
          ]),
        );
      return api(req, res, method);
    }
    if (path === '/test/clock' && opts.testClock) return moveClock(req, res, opts.testClock);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return void res.writeHead(405, SECURITY_HEADERS).end();
    if (decoded(path) === null) return plain(res, 400, 'The path is not valid percent-encoding');
    serveStatic(req, res, path);
  }

  /** Tests move the desk's time forward, never back: ids and history stay in order. */
  async function moveClock(req: IncomingMessage, res: ServerResponse, deskClock: ManualClock) {
    if (req.method !== 'POST') return send(res, 405, failure('VALIDATION', 'Use POST'));
    if (!sameOrigin(req))
      return send(res, 403, failure('FORBIDDEN', 'Cross-origin request refused'));
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
        failure(
          'VALIDATION',
          'Send {"advanceMs": N}, a whole number of milliseconds from 0 to 400 days',
        ),
      );
    deskClock.advance(advance);
    send(res, 200, { ok: true, value: { now: deskClock.now() } });
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
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Nothing thrown here may become an unhandled rejection: that would end the whole host.
    upgrade(req, socket, head).catch((e: unknown) => {
      log(`the host failed opening the push channel for ${req.url}`, e);
      socket.destroy();
    });
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
    // Only a session opens the channel: an upgrade never makes one.
    const conn =
      path === '/events' && sameOrigin(req) ? sessions.find(req.headers.cookie)?.conn : null;
    const session = conn ? await desk.dispatch(conn, 'session.get', {}) : null;
    const signedIn = !!session?.ok && !!(session.value as { user: unknown }).user;
    if (!conn || !signedIn) {
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

  // A wildcard bind is reached by its loopback name here; other machines use an allowed name.
  const hostName =
    addr.address === '0.0.0.0'
      ? '127.0.0.1'
      : addr.address === '::'
        ? '[::1]'
        : addr.family === 'IPv6'
          ? `[${addr.address}]`
          : addr.address;

  return {
    url: `http://${hostName}:${addr.port}/`,
    beyondLoopback,
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
