import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/kernel/clock.ts';

const COOKIE = 'sb_sid';
const HOUR = 60 * 60 * 1000;

/** How long a session may sit unused, and how long it may last at all. */
export interface SessionPolicy {
  idleMs: number;
  lifetimeMs: number;
}

/** A person at a browser: a working day at most, and not left signed in at an empty desk. */
export const PERSON_SESSION: SessionPolicy = { idleMs: 2 * HOUR, lifetimeMs: 12 * HOUR };

/**
 * A wall-board display (a role that reads the wall-board and nothing else): nobody sits at it and
 * it is meant to be signed in once, so it never idles out, and it lasts a month.
 */
export const DISPLAY_SESSION: SessionPolicy = { idleMs: Infinity, lifetimeMs: 30 * 24 * HOUR };

interface Entry {
  /** The desk endpoint's connection id: signed in, for as long as the session lasts. */
  conn: string;
  created: number;
  seen: number;
  policy: SessionPolicy;
}

export interface Session {
  readonly sid: string;
  readonly conn: string;
}

/**
 * Browser sessions: an HttpOnly cookie names a signed-in desk connection that lives here, never
 * in the page. Only a sign-in makes one (with an id nobody chose before it), so a browser that
 * has not signed in holds nothing on the host.
 */
export class Sessions {
  readonly #byId = new Map<string, Entry>();
  readonly #clock: Clock;
  readonly #secure: boolean;
  readonly #ended: (conn: string) => void;

  /**
   * `secure`: the host is served beyond loopback, so the cookie is sent over HTTPS only (a
   * browser drops a Secure cookie from plain http://127.0.0.1, so not there). `ended` hears of
   * each session's end, to close its connection and its push channel.
   */
  constructor(opts: { clock: Clock; secure: boolean; ended: (conn: string) => void }) {
    this.#clock = opts.clock;
    this.#secure = opts.secure;
    this.#ended = opts.ended;
  }

  /** The live session a request's cookie names, or null; one past its time ends here. */
  find(cookieHeader: string | undefined): Session | null {
    const sid = readCookie(cookieHeader, COOKIE);
    const e = sid ? this.#byId.get(sid) : undefined;
    if (!sid || !e) return null;
    const now = this.#clock.now();
    if (this.#expired(e, now)) {
      this.end(sid);
      return null;
    }
    e.seen = now;
    return { sid, conn: e.conn };
  }

  /** Whether the request carries a session cookie at all (a stale one is cleared in the reply). */
  hasCookie(cookieHeader: string | undefined): boolean {
    return readCookie(cookieHeader, COOKIE) !== null;
  }

  /** A new session for a connection that has just signed in; returns its Set-Cookie value. */
  create(conn: string, policy: SessionPolicy): string {
    const sid = randomBytes(32).toString('base64url');
    const now = this.#clock.now();
    this.#byId.set(sid, { conn, created: now, seen: now, policy });
    return `${COOKIE}=${sid}; ${this.#attributes()}`;
  }

  /** Tells the browser to forget its cookie. */
  clearCookie(): string {
    return `${COOKIE}=; Max-Age=0; ${this.#attributes()}`;
  }

  end(sid: string): void {
    const e = this.#byId.get(sid);
    if (!e) return;
    this.#byId.delete(sid);
    this.#ended(e.conn);
  }

  sweep(): void {
    const now = this.#clock.now();
    for (const [sid, e] of this.#byId) if (this.#expired(e, now)) this.end(sid);
  }

  #expired(e: Entry, now: number): boolean {
    return now - e.seen >= e.policy.idleMs || now - e.created >= e.policy.lifetimeMs;
  }

  #attributes(): string {
    return `Path=/; HttpOnly; SameSite=Strict${this.#secure ? '; Secure' : ''}`;
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
