import type { Api } from '../../../shared/api.ts';
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
  let socket: WebSocket | null = null;
  let retry = 500;

  function connect(): void {
    if (socket) return;
    const url = new URL(`${base}/events`, location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retry = 500;
      setLink(true);
      // Anything may have changed while we were away: tell listeners to refresh.
      emitLocal({ name: 'tickets.changed', payload: { ids: [], reason: 'created' } });
    };
    ws.onmessage = (m) => {
      try {
        const e = JSON.parse(String(m.data)) as PushEvent;
        if (isEventName(e.name)) emitLocal(e);
      } catch {
        // a malformed frame is dropped; the next refresh catches up
      }
    };
    ws.onclose = () => {
      socket = null;
      if (listenerCount() > 0) setLink(false);
      if (listenerCount() > 0) setTimeout(connect, (retry = Math.min(retry * 2, 10_000)));
    };
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
      try {
        const result = (await res.json()) as Result<unknown>;
        // A (re)signed-in session may now open the event channel.
        if (
          result.ok &&
          (method === 'auth.signIn' || method === 'desk.setup' || method === 'session.get')
        ) {
          socket?.close();
          socket = null;
          if (listenerCount() > 0) connect();
        }
        return result as never;
      } catch {
        return {
          ok: false,
          error: { code: 'INTERNAL', message: `HTTP ${res.status}`, issues: [] },
        } as never;
      }
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
        if (listenerCount() === 0) socket?.close();
      };
    },
  };
}
