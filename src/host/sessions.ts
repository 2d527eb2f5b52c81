import { randomBytes } from 'node:crypto';
import type { Connection } from '../core/context.ts';

const COOKIE = 'sb_sid';
const IDLE_MS = 12 * 60 * 60 * 1000;

interface Entry {
  conn: Connection;
  seen: number;
}

/** Browser sessions: an HttpOnly cookie names a core Connection that lives here, never in the page. */
export class Sessions {
  readonly #byId = new Map<string, Entry>();
  readonly #connect: () => Connection;

  constructor(connect: () => Connection) {
    this.#connect = connect;
  }

  /** The caller's connection; `created` carries a cookie to set when the caller had none. */
  resolve(
    cookieHeader: string | undefined,
    now = Date.now(),
  ): { conn: Connection; setCookie?: string } {
    const sid = readCookie(cookieHeader, COOKIE);
    const found = sid ? this.#byId.get(sid) : undefined;
    if (found && now - found.seen < IDLE_MS) {
      found.seen = now;
      return { conn: found.conn };
    }
    if (sid) this.#byId.delete(sid);
    const id = randomBytes(32).toString('base64url');
    const conn = this.#connect();
    this.#byId.set(id, { conn, seen: now });
    return { conn, setCookie: `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict` };
  }

  /** Only an existing session: WebSocket upgrades never create one. */
  existing(cookieHeader: string | undefined): Connection | null {
    const sid = readCookie(cookieHeader, COOKIE);
    return (sid && this.#byId.get(sid)?.conn) || null;
  }

  sweep(now = Date.now()): void {
    for (const [id, e] of this.#byId) if (now - e.seen >= IDLE_MS) this.#byId.delete(id);
  }
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=') || null;
  }
  return null;
}
