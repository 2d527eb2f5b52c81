/**
 * The hub's HTTP face: parses, authenticates, calls access.ts or changes.ts, answers JSON. No
 * state of its own: several instances behind a load balancer share PostgreSQL and nothing else.
 * TLS with a key and certificate, or plain HTTP behind a proxy that terminates it.
 */
import { createServer as createHttp, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type pg from 'pg';
import type { z } from 'zod';
import {
  cursorSchema,
  IMAGE_HEADERS,
  joinCodeRequestSchema,
  compareReleases,
  OLDEST_RELEASE,
  REPORT_HEADERS,
  revokeWorkstationSchema,
  setScopeSchema,
  joinSchema,
  keysSchema,
  revokeJoinCodeSchema,
  MAX_PULL,
  pushSchema,
  SYNC_HTTP_STATUS,
  type SyncError,
} from '../shared/sync.ts';
import {
  authenticate,
  createJoinCode,
  join,
  listJoinCodes,
  listWorkstations,
  revokeJoinCode,
  revokeWorkstation,
  setScope,
} from './access.ts';
import { leaseKeys, pull, pullText, push } from './changes.ts';
import { HubError } from './failure.ts';
import { imageChunks, imageInfo } from './images.ts';
import type { Nudges } from './nudges.ts';
import { requireRole } from './roles.ts';

/** The longest a long-poll waits. */
const MAX_WAIT_S = 55;

/** 500 changes of a few KiB each fit; anything bigger is not a push this protocol makes. */
const MAX_BODY = 8 * 1024 * 1024;

export interface HubOptions {
  pool: pg.Pool;
  /** Wakes long-polls when a push commits (fed by the instance's LISTEN); without it, waits time out. */
  nudges?: Nudges;
  tls?: { key: Buffer; cert: Buffer };
  log?: (line: string) => void;
  /** The oldest workstation release served (OLDEST_RELEASE by default). */
  oldestRelease?: string;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
    throw new HubError('VALIDATION', 'Send JSON (Content-Type: application/json)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HubError('VALIDATION', 'The request is too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HubError('VALIDATION', 'The body is not valid JSON');
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown, name = 'body'): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const first = r.error.issues[0]!;
  const path = first.path.map(String).join('.') || name;
  throw new HubError('VALIDATION', `${path}: ${first.message}`, path);
}

/** The release a workstation says it runs; refused when older than this hub serves. */
function releaseOf(o: HubOptions, req: IncomingMessage): string | undefined {
  const release = req.headers[REPORT_HEADERS.release];
  if (typeof release !== 'string' || !/^[0-9A-Za-z.+-]{1,40}$/.test(release)) return undefined;
  const oldest = o.oldestRelease ?? OLDEST_RELEASE;
  if (compareReleases(release, oldest) < 0)
    throw new HubError(
      'OUTDATED',
      `This workstation runs Switchboard ${release}; this hub serves ${oldest} and later: update Switchboard on it, and it syncs again with nothing lost`,
    );
  return release;
}

/** The workstation calling, from its token, with what it says of itself (see REPORT_HEADERS). */
function who(o: HubOptions, req: IncomingMessage) {
  const release = releaseOf(o, req);
  const waiting = Number(req.headers[REPORT_HEADERS.waiting]);
  return authenticate(o.pool, bearer(req), {
    ...(release ? { release } : {}),
    ...(Number.isInteger(waiting) && waiting >= 0 && waiting <= 2 ** 31 - 1 ? { waiting } : {}),
  });
}

const bearer = (req: IncomingMessage): string | undefined =>
  /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(req.headers.authorization ?? '')?.[1];

/** An answer already written as JSON (by PostgreSQL): sent as it is. */
class JsonText {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** An answer streamed as it is read (a desk image), with its own headers. */
class Streamed {
  readonly headers: Record<string, string | number>;
  readonly body: AsyncIterable<Buffer>;
  constructor(headers: Record<string, string | number>, body: AsyncIterable<Buffer>) {
    this.headers = headers;
    this.body = body;
  }
}

async function stream(res: ServerResponse, s: Streamed): Promise<void> {
  res.writeHead(200, { ...s.headers, 'Cache-Control': 'no-store' });
  try {
    for await (const chunk of s.body) {
      if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
    }
    res.end();
  } catch {
    // Cut short: the workstation sees an image that did not arrive whole, and joins by the log.
    res.destroy();
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (body instanceof Streamed) {
    void stream(res, body);
    return;
  }
  const text = body instanceof JsonText ? body.text : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

async function route(o: HubOptions, req: IncomingMessage): Promise<unknown> {
  const url = new URL(req.url ?? '/', 'http://hub.invalid');
  const at = `${req.method} ${url.pathname}`;
  switch (at) {
    case 'GET /v1/health':
      await o.pool.query('SELECT 1');
      return { ok: true };
    case 'POST /v1/join': {
      releaseOf(o, req);
      const body = parse(joinSchema, await readJson(req));
      return join(o.pool, body.code, body.name);
    }
    case 'POST /v1/push': {
      const ws = await who(o, req);
      const body = parse(pushSchema, await readJson(req));
      return push(o.pool, ws, body.changes);
    }
    case 'GET /v1/pull': {
      const ws = await who(o, req);
      const cursor = url.searchParams.has('cursor')
        ? parse(cursorSchema, url.searchParams.get('cursor'), 'cursor')
        : undefined;
      const limit = Number(url.searchParams.get('limit') ?? MAX_PULL);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PULL)
        throw new HubError('VALIDATION', `limit: a whole number from 1 to ${MAX_PULL}`, 'limit');
      const flag = (name: string) => {
        const v = url.searchParams.get(name);
        if (v !== null && v !== '1')
          throw new HubError('VALIDATION', `${name}: 1, or leave it out`, name);
        return v === '1';
      };
      return new JsonText(
        await pullText(o.pool, ws, cursor, limit, { own: flag('own'), reset: flag('reset') }),
      );
    }
    case 'GET /v1/image': {
      const ws = await who(o, req);
      // The image is the whole desk: a field desk is given its scope from the log.
      if (ws.scope)
        throw new HubError('NOT_FOUND', 'A field desk takes its scope from the log, not the image');
      const info = await imageInfo(o.pool, ws.deskId);
      if (!info) throw new HubError('NOT_FOUND', 'This desk has no image yet: take the log');
      return new Streamed(
        {
          'Content-Type': 'application/zstd',
          'Content-Length': info.bytes,
          [IMAGE_HEADERS.cursor]: info.cursor,
          [IMAGE_HEADERS.schema]: info.schema,
          [IMAGE_HEADERS.sha256]: info.sha256,
          [IMAGE_HEADERS.bytes]: info.bytes,
          [IMAGE_HEADERS.changes]: info.changes,
          [IMAGE_HEADERS.builtAt]: info.builtAt,
        },
        imageChunks(o.pool, ws.deskId, info.sha256),
      );
    }
    case 'POST /v1/keys': {
      const ws = await who(o, req);
      const body = parse(keysSchema, await readJson(req));
      return leaseKeys(o.pool, ws, body.count, body.atLeast);
    }
    // An admin of the desk, on a workstation that has joined, manages the desk's join codes.
    case 'POST /v1/join-codes': {
      const ws = await who(o, req);
      const body = parse(joinCodeRequestSchema, await readJson(req));
      await requireRole(o.pool, ws, body.author, 'admin');
      const c = await createJoinCode(
        o.pool,
        ws.deskId,
        body.hours,
        body.author,
        body.scope ?? null,
      );
      return { id: c.id, code: c.code, expiresAt: c.expiresAt.toISOString() };
    }
    case 'GET /v1/join-codes': {
      const ws = await who(o, req);
      const author = parse(
        joinCodeRequestSchema.shape.author,
        url.searchParams.get('author'),
        'author',
      );
      await requireRole(o.pool, ws, author, 'admin');
      return { codes: await listJoinCodes(o.pool, ws.deskId) };
    }
    case 'POST /v1/join-codes/revoke': {
      const ws = await who(o, req);
      const body = parse(revokeJoinCodeSchema, await readJson(req));
      await requireRole(o.pool, ws, body.author, 'admin');
      if (!(await revokeJoinCode(o.pool, body.id, ws.deskId)))
        throw new HubError('NOT_FOUND', 'No join code of this desk that is still unused', 'id');
      return { codes: await listJoinCodes(o.pool, ws.deskId) };
    }
    // An admin of the desk sees its workstations and revokes one (a lost laptop, in one step).
    case 'GET /v1/workstations': {
      const ws = await who(o, req);
      const author = parse(
        revokeWorkstationSchema.shape.author,
        url.searchParams.get('author'),
        'author',
      );
      await requireRole(o.pool, ws, author, 'admin');
      return { workstations: await listWorkstations(o.pool, ws.deskId) };
    }
    case 'POST /v1/workstations/revoke': {
      const ws = await who(o, req);
      const body = parse(revokeWorkstationSchema, await readJson(req));
      await requireRole(o.pool, ws, body.author, 'admin');
      if (body.id === ws.id)
        throw new HubError(
          'VALIDATION',
          'This is the workstation you are on: revoke it from another',
          'id',
        );
      if (!(await revokeWorkstation(o.pool, ws.deskId, body.id, body.author)))
        throw new HubError('NOT_FOUND', 'No workstation of this desk that is still enrolled', 'id');
      return { workstations: await listWorkstations(o.pool, ws.deskId) };
    }
    case 'POST /v1/workstations/scope': {
      const ws = await who(o, req);
      const body = parse(setScopeSchema, await readJson(req));
      await requireRole(o.pool, ws, body.author, 'admin');
      if (!(await setScope(o.pool, ws.deskId, body.id, body.scope)))
        throw new HubError(
          'NOT_FOUND',
          'No field desk of this desk that is still enrolled (a workstation given the whole desk is enrolled again to become one)',
          'id',
        );
      return { workstations: await listWorkstations(o.pool, ws.deskId) };
    }
    case 'GET /v1/wait': {
      // A long-poll: answers at once when changes are ready after the cursor, else when a push
      // to the desk commits, else after `seconds`.
      const ws = await who(o, req);
      const cursor = parse(cursorSchema, url.searchParams.get('cursor'), 'cursor');
      const seconds = Number(url.searchParams.get('seconds') ?? 25);
      if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_WAIT_S)
        throw new HubError(
          'VALIDATION',
          `seconds: a whole number from 1 to ${MAX_WAIT_S}`,
          'seconds',
        );
      const woken = o.nudges?.waiter(ws.deskId, seconds * 1000) ?? Promise.resolve(false);
      // Its own changes past the cursor count too: pulling moves the cursor over them.
      const ready = await pull(o.pool, ws, cursor, 1);
      if (ready.changes.length || ready.cursor !== cursor) return { changed: true };
      return { changed: await woken };
    }
    default:
      throw new HubError('NOT_FOUND', `No such call: ${at}`);
  }
}

export function createHub(o: HubOptions) {
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    route(o, req).then(
      (value) => send(res, 200, value),
      (e: unknown) => {
        if (e instanceof HubError) {
          const error: SyncError = {
            code: e.code,
            message: e.message,
            ...(e.path ? { path: e.path } : {}),
          };
          send(res, SYNC_HTTP_STATUS[e.code], { error });
          return;
        }
        // The hub's own fault: logged with its cause, answered without it.
        o.log?.(
          `INTERNAL ${req.method} ${req.url}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
        );
        send(res, 500, { error: { code: 'INTERNAL', message: 'The hub failed; try again' } });
      },
    );
  };
  const server = o.tls
    ? createHttps({ key: o.tls.key, cert: o.tls.cert }, handler)
    : createHttp(handler);
  // Idle connections are kept longer than a workstation's pause between calls (and than the
  // usual load balancer's), so a call rarely meets a socket the hub is just closing.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}
