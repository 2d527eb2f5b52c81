import type { Api } from '../../../shared/api.ts';
import type { MethodName, Output } from '../../../shared/contract.ts';
import type { Result } from '../../../shared/errors.ts';
import { isEventName, type EventName, type PushEvent } from '../../../shared/events.ts';

type Listener = (payload: unknown) => void;

/**
 * The browser implementation: a POST per call to the host, push events over one WebSocket
 * that reconnects by itself. Network failures come back as values, like every other error.
 */
export function browserApi(base = ''): Api {
  const listeners = new Map<EventName, Set<Listener>>();
  const links = new Set<(up: boolean) => void>();
  let up = true;
  const setLink = (now: boolean) => {
    if (now === up) return;
    up = now;
    for (const l of links) l(up);
  };
  /**
   * The one socket whose events count. A socket we replace or close is forgotten at once: it may
   * still deliver a late message, close or error, and each of its handlers first checks it is
   * still this one, so nothing it does can reach the listeners or touch its successor.
   */
  let current: WebSocket | null = null;
  let reconnect: ReturnType<typeof setTimeout> | null = null;
  let retry = 500;
  /** Signed out: no socket until a sign-in (or a session read that finds a user) says otherwise. */
  let signedOut = false;

  function connect(): void {
    if (current || signedOut || listenerCount() === 0) return;
    cancelReconnect();
    const url = new URL(`${base}/events`, location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url);
    current = ws;
    const mine = () => current === ws;
    ws.onopen = () => {
      if (!mine()) return;
      retry = 500;
      setLink(true);
      // Anything may have changed while we were away: tell listeners to refresh.
      emitLocal({ name: 'tickets.changed', payload: { ids: [], reason: 'created' } });
    };
    ws.onmessage = (m) => {
      if (!mine()) return;
      try {
        const e = JSON.parse(String(m.data)) as PushEvent;
        if (isEventName(e.name)) emitLocal(e);
      } catch {
        // a malformed frame is dropped; the next refresh catches up
      }
    };
    // The host went away, or ended the session (1008): the link is down, and we knock again
    // later (a session that ended is refused until someone signs in, which reconnects at once).
    ws.onclose = () => {
      if (!mine()) return;
      current = null;
      if (listenerCount() === 0) return;
      setLink(false);
      retry = Math.min(retry * 2, 10_000);
      reconnect = setTimeout(() => {
        reconnect = null;
        connect();
      }, retry);
    };
  }

  function cancelReconnect(): void {
    if (reconnect) clearTimeout(reconnect);
    reconnect = null;
  }

  /** Closes the current socket (if any) and forgets it before its close event comes. */
  function disconnect(): void {
    cancelReconnect();
    const ws = current;
    current = null;
    ws?.close();
  }

  /** A session began or was read again: a fresh socket carries its events, the old one none. */
  function sessionStarted(): void {
    signedOut = false;
    disconnect();
    connect();
  }

  function sessionGone(): void {
    signedOut = true;
    disconnect();
  }

  /** What a call that succeeded says about the session; the socket follows it. */
  function sessionChanged(method: MethodName, value: unknown): void {
    if (method === 'auth.signOut') sessionGone();
    else if (method === 'auth.signIn' || method === 'desk.setup') sessionStarted();
    else if (method === 'session.get')
      if ((value as Output<'session.get'>).user) sessionStarted();
      else sessionGone();
  }

  const listenerCount = () => [...listeners.values()].reduce((n, s) => n + s.size, 0);
  function emitLocal(e: PushEvent): void {
    for (const l of listeners.get(e.name) ?? []) l(e.payload);
  }

  return {
    shell: 'browser',
    async invoke(method, input) {
      let res: Response;
      try {
        res = await fetch(`${base}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        setLink(false);
        return { ok: false, error: { code: 'INTERNAL', message: 'network', issues: [] } } as never;
      }
      let result: Result<unknown>;
      try {
        result = (await res.json()) as Result<unknown>;
      } catch {
        return {
          ok: false,
          error: { code: 'INTERNAL', message: `HTTP ${res.status}`, issues: [] },
        } as never;
      }
      if (result.ok) sessionChanged(method, result.value);
      return result as never;
    },
    onLink(listener) {
      links.add(listener);
      listener(up);
      return () => links.delete(listener);
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as Listener);
      connect();
      return () => {
        set.delete(listener as Listener);
        if (listenerCount() === 0) disconnect();
      };
    },
  };
}
