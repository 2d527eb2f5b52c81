import type { Result } from '../../shared/errors.ts';
import type { PushEvent } from '../../shared/events.ts';
import type { Connection } from './context.ts';
import type { Desk } from './desk.ts';
import { sessionUser } from '../access/users.ts';

/**
 * Whether a connection hears push events: signed in as someone still enabled, with no password
 * change due. A disabled person's session ends here too, not only at their next call.
 */
function hears(desk: Desk, c: Connection): boolean {
  if (!c.user) return false;
  const found = sessionUser(desk.db, c.user.id);
  if (!found) c.user = null;
  return !!found && !found.mustChangePassword;
}

/**
 * What a shell needs from a desk, by connection id: open a connection, call through it, close
 * it, and hear events along with which connections may see them (the signed-in ones). The same
 * interface whether the desk runs in this process (the host) or in another one (Electron's
 * utility process, see rpc.ts), so the shells never know the difference.
 */
export interface DeskEndpoint {
  open(): Promise<string>;
  dispatch(conn: string, method: unknown, input: unknown): Promise<Result<unknown>>;
  close(conn: string): void;
  onEvent(listener: (event: PushEvent, to: string[]) => void): () => void;
  /** The desk's log, where a transport's own faults go (see serveEndpoint). */
  log?(message: string, error?: unknown): void;
}

export function localEndpoint(desk: Desk): DeskEndpoint {
  const conns = new Map<string, Connection>();
  return {
    log: desk.log,
    async open() {
      const c = desk.connect();
      conns.set(c.id, c);
      return c.id;
    },
    async dispatch(id, method, input) {
      const c = conns.get(id);
      if (!c)
        return {
          ok: false,
          error: { code: 'UNAUTHENTICATED', message: 'Connection closed; reload', issues: [] },
        };
      return desk.dispatch(c, method, input);
    },
    close(id) {
      conns.delete(id);
    },
    onEvent(listener) {
      return desk.subscribe((event) => {
        const to = [...conns.values()].filter((c) => hears(desk, c)).map((c) => c.id);
        if (to.length) listener(event, to);
      });
    },
  };
}
