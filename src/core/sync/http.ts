/**
 * The hub over HTTP(S), as a HubTransport: JSON in, JSON out, the workstation's token as a bearer.
 * A refusal comes back as the hub's typed error; a hub out of reach (refused, reset, timed out)
 * as UNREACHABLE. Every answer is checked before it is used: the hub is outside this process.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebStream } from 'node:stream/web';
import { createZstdDecompress } from 'node:zlib';
import { z } from 'zod';
import {
  changeSchema,
  cursorSchema,
  scopeSchema,
  IMAGE_HEADERS,
  type ImageInfo,
  SYNC_ERROR_CODES,
  type Change,
  type JoinReply,
  type KeysReply,
  type KeysRequest,
  type PullReply,
  type PushReply,
  REPORT_HEADERS,
  type WorkstationReport,
} from '../../shared/sync.ts';
import { HubUnavailable, type HubTransport } from './client.ts';

const TIMEOUT_MS = 15_000;
/** A download that receives nothing for this long is given up (a slow one goes on). */
const IMAGE_IDLE_MS = 30_000;

const imageInfo = z.object({
  cursor: cursorSchema,
  schema: z.coerce.number().int().positive(),
  bytes: z.coerce.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  changes: z.coerce.number().int().min(0),
  builtAt: z.string(),
});

const errorReply = z.object({
  error: z.object({ code: z.enum(SYNC_ERROR_CODES), message: z.string() }),
});
const joinReply = z.object({
  deskId: z.string(),
  workstationId: z.uuid(),
  number: z.number().int().positive(),
  token: z.string().min(20),
  scope: scopeSchema.optional(),
});
const pushReply = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  refused: z
    .array(
      z.object({
        id: z.uuid(),
        code: z.enum(['FORBIDDEN', 'OUT_OF_SCOPE']),
        message: z.string().max(500),
      }),
    )
    .default([]),
});
const joinCodeInfo = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  expiresAt: z.string(),
  scope: scopeSchema.nullable(),
  usedBy: z.string().nullable(),
  usedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const joinCodesReply = z.object({ codes: z.array(joinCodeInfo) });
const newJoinCodeReply = z.object({
  id: z.uuid(),
  code: z.string().min(10),
  expiresAt: z.string(),
});
const pullReply = z.object({
  changes: z.array(changeSchema.extend({ workstation: z.uuid() })),
  cursor: z.string(),
  more: z.boolean(),
  scope: z
    .object({
      entered: z
        .object({ tickets: z.array(z.string()), customers: z.array(z.string()) })
        .optional(),
      left: z.object({ tickets: z.array(z.string()), customers: z.array(z.string()) }).optional(),
    })
    .optional(),
});
const waitReply = z.object({ changed: z.boolean() });
const keysReply = z
  .object({ from: z.number().int().positive(), to: z.number().int().positive() })
  .refine((k) => k.to > k.from);

const workstationsReply = z.object({
  workstations: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      number: z.number().int(),
      scope: scopeSchema.nullable(),
      joinedAt: z.string(),
      lastSeen: z.string().nullable(),
      waiting: z.number().int().nullable(),
      release: z.string().nullable(),
      revokedAt: z.string().nullable(),
    }),
  ),
});

export function httpTransport(
  base: string,
  token?: () => string | undefined,
  /** What this workstation says of itself on every call (see REPORT_HEADERS). */
  report?: () => WorkstationReport,
): HubTransport {
  const reported = (): Record<string, string> => {
    const r = report?.();
    return r
      ? { [REPORT_HEADERS.release]: r.release, [REPORT_HEADERS.waiting]: String(r.waiting) }
      : {};
  };
  const url = (path: string) => new URL(path, base.endsWith('/') ? base : `${base}/`).toString();
  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
    signal: AbortSignal = AbortSignal.timeout(TIMEOUT_MS),
  ) {
    let res: Response;
    const send = () => {
      const bearer = token?.();
      return fetch(url(path), {
        method,
        headers: {
          ...reported(),
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal,
      });
    };
    try {
      try {
        res = await send();
      } catch (e) {
        // A kept-alive socket the hub closed as this call went out: every call of the protocol
        // is safe to repeat (a push by its change ids), so it is sent once more.
        if ((e as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw e;
        res = await send();
      }
    } catch (e) {
      // fetch says "fetch failed"; the reason (refused, reset, a timeout) is its cause.
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
      throw new HubUnavailable('UNREACHABLE', `The hub at ${base} cannot be reached (${why})`);
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new HubUnavailable(
        'UNREACHABLE',
        `The hub at ${base} answered with something not JSON`,
      );
    }
    if (!res.ok) {
      const e = errorReply.safeParse(json);
      if (e.success) throw new HubUnavailable(e.data.error.code, e.data.error.message);
      throw new HubUnavailable('UNREACHABLE', `The hub at ${base} answered ${res.status}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new HubUnavailable(
        'UNREACHABLE',
        `The hub at ${base} answered in a shape this release does not know`,
      );
    return parsed.data;
  }
  /** GET v1/image: the compressed file streamed through its check into `file`. */
  async function image(
    file: string,
    progress?: (p: { done: number; total: number }) => void,
  ): Promise<ImageInfo | null> {
    const idle = new AbortController();
    let timer = setTimeout(() => idle.abort(), IMAGE_IDLE_MS);
    const alive = () => {
      clearTimeout(timer);
      timer = setTimeout(() => idle.abort(), IMAGE_IDLE_MS);
    };
    const bearer = token?.();
    let res: Response;
    try {
      res = await fetch(url('v1/image'), {
        headers: bearer ? { Authorization: `Bearer ${bearer}` } : {},
        signal: idle.signal,
      });
    } catch (e) {
      clearTimeout(timer);
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new HubUnavailable(
        'UNREACHABLE',
        `The hub at ${base} cannot be reached (${cause?.code ?? cause?.message ?? String(e)})`,
      );
    }
    try {
      if (res.status === 404) return null;
      if (!res.ok || !res.body) {
        const e = errorReply.safeParse(await res.json().catch(() => null));
        if (e.success) throw new HubUnavailable(e.data.error.code, e.data.error.message);
        throw new HubUnavailable('UNREACHABLE', `The hub at ${base} answered ${res.status}`);
      }
      const parsed = imageInfo.safeParse(
        Object.fromEntries(
          Object.entries(IMAGE_HEADERS).map(([k, h]) => [k, res.headers.get(h) ?? undefined]),
        ),
      );
      if (!parsed.success)
        throw new HubUnavailable(
          'UNREACHABLE',
          `The hub at ${base} sent an image it did not describe`,
        );
      const info = parsed.data;
      const hash = createHash('sha256');
      let done = 0;
      const check = new Transform({
        transform(chunk: Buffer, _enc, next) {
          alive();
          hash.update(chunk);
          done += chunk.length;
          progress?.({ done, total: info.bytes });
          next(null, chunk);
        },
      });
      try {
        await pipeline(
          Readable.fromWeb(res.body as unknown as WebStream<Uint8Array>),
          check,
          createZstdDecompress(),
          createWriteStream(file),
        );
      } catch (e) {
        throw new HubUnavailable(
          'UNREACHABLE',
          `The desk's image did not arrive whole (${e instanceof Error ? e.message : String(e)})`,
        );
      }
      if (done !== info.bytes || hash.digest('hex') !== info.sha256)
        throw new HubUnavailable('UNREACHABLE', "The desk's image did not arrive whole");
      return info;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    image,
    join: (code, name): Promise<JoinReply> => call('POST', 'v1/join', joinReply, { code, name }),
    push: (changes: Change[]): Promise<PushReply> =>
      call('POST', 'v1/push', pushReply, { changes }),
    pull: (cursor: string, o?: { own?: boolean; reset?: boolean }): Promise<PullReply> =>
      call(
        'GET',
        `v1/pull?cursor=${encodeURIComponent(cursor)}${o?.own ? '&own=1' : ''}${o?.reset ? '&reset=1' : ''}`,
        pullReply,
      ),
    keys: (request: KeysRequest): Promise<KeysReply> => call('POST', 'v1/keys', keysReply, request),
    joinCodes: async (author) =>
      (await call('GET', `v1/join-codes?author=${encodeURIComponent(author)}`, joinCodesReply))
        .codes,
    createJoinCode: (request) => call('POST', 'v1/join-codes', newJoinCodeReply, request),
    revokeJoinCode: async (request) =>
      (await call('POST', 'v1/join-codes/revoke', joinCodesReply, request)).codes,
    workstations: async (author) =>
      (await call('GET', `v1/workstations?author=${encodeURIComponent(author)}`, workstationsReply))
        .workstations,
    revokeWorkstation: async (request) =>
      (await call('POST', 'v1/workstations/revoke', workstationsReply, request)).workstations,
    setScope: async (request) =>
      (await call('POST', 'v1/workstations/scope', workstationsReply, request)).workstations,
    wait: (cursor, seconds, signal) =>
      call(
        'GET',
        `v1/wait?cursor=${encodeURIComponent(cursor)}&seconds=${seconds}`,
        waitReply,
        undefined,
        AbortSignal.any([AbortSignal.timeout((seconds + 10) * 1000), ...(signal ? [signal] : [])]),
      ),
  };
}
