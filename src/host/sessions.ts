import { randomBytes } from 'node:crypto';

const COOKIE = 'sb_sid';
const IDLE_MS = 12 * 60 * 60 * 1000;

interface Entry {
  /** The desk endpoint's connection id. */
  conn: string;
  seen: number;
}

/** Browser sessions: an HttpOnly cookie names a desk connection that lives here, never in the page. */
export class Sessions {
  readonly #byId = new Map<string, Entry>();
  readonly #open: () => Promise<string>;
  readonly #close: (conn: string) => void;

  constructor(open: () => Promise<string>, close: (conn: string) => void) {
    this.#open = open;
    this.#close = close;
  }

  /** The caller's connection; `setCookie` is there when the caller had none (or an expired one). */
  async resolve(
    cookieHeader: string | undefined,
    now = Date.now(),
  ): Promise<{ conn: string; setCookie?: string }> {
    const sid = readCookie(cookieHeader, COOKIE);
    const found = sid ? this.#byId.get(sid) : undefined;
    if (sid && found && now - found.seen < IDLE_MS) {
      found.seen = now;
      return { conn: found.conn };
    }
    if (sid && found) this.#forget(sid, found);
    const id = randomBytes(32).toString('base64url');
    const conn = await this.#open();
    this.#byId.set(id, { conn, seen: now });
    return { conn, setCookie: `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict` };
  }

  /** Only an existing session: WebSocket upgrades never create one. */
  existing(cookieHeader: string | undefined): string | null {
    const sid = readCookie(cookieHeader, COOKIE);
    return (sid && this.#byId.get(sid)?.conn) || null;
  }

  sweep(now = Date.now()): void {
    for (const [id, e] of this.#byId) if (now - e.seen >= IDLE_MS) this.#forget(id, e);
  }

  #forget(id: string, e: Entry): void {
    this.#byId.delete(id);
    this.#close(e.conn);
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
