import { z } from 'zod';
import type { Result } from '../../shared/errors.ts';
import type { PushEvent } from '../../shared/events.ts';
import { INTERNAL_MESSAGE } from './failure.ts';
import type { DeskEndpoint } from './endpoint.ts';

/**
 * A DeskEndpoint across a message port (Electron's utilityProcess parentPort, a worker's
 * MessagePort). The desk's process serves; the shell's process calls. Messages from the other
 * side are validated like any other input: a malformed one is answered with an error or dropped,
 * never trusted.
 */
export interface Port {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

const request = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('open'), id: z.number().int() }),
  z.strictObject({
    op: z.literal('dispatch'),
    id: z.number().int(),
    conn: z.string().max(100),
    method: z.unknown(),
    input: z.unknown(),
  }),
  z.strictObject({ op: z.literal('close'), id: z.number().int(), conn: z.string().max(100) }),
]);

type Reply = { id: number; value: unknown } | { event: PushEvent; to: string[] };

export function serveEndpoint(endpoint: DeskEndpoint, port: Port): () => void {
  const off = endpoint.onEvent((event, to) => port.postMessage({ event, to } satisfies Reply));
  const log = endpoint.log ?? ((m: string, e?: unknown) => console.error(`[switchboard] ${m}`, e));
  /**
   * Sends the answer to request `id`. The desk answers every call with a value, but a fault of
   * this side (an answer the port cannot carry, an endpoint that throws) must still answer, or
   * the caller waits for ever: it gets INTERNAL and the fault goes to the desk's log.
   */
  const answer = (id: number, what: string, value: Promise<unknown>) =>
    value
      .then((v) => port.postMessage({ id, value: v } satisfies Reply))
      .catch((e: unknown) => {
        log(`INTERNAL: ${what} failed in the desk endpoint`, e);
        port.postMessage({
          id,
          value: {
            ok: false,
            error: { code: 'INTERNAL', message: INTERNAL_MESSAGE, issues: [] },
          },
        } satisfies Reply);
      });
  port.onMessage((raw) => {
    const m = request.safeParse(raw);
    if (!m.success) {
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'number') {
        port.postMessage({
          id,
          value: {
            ok: false,
            error: { code: 'VALIDATION', message: 'Malformed request', issues: [] },
          },
        });
      }
      return;
    }
    const r = m.data;
    if (r.op === 'open') void answer(r.id, 'open', endpoint.open());
    else if (r.op === 'close') {
      endpoint.close(r.conn);
      port.postMessage({ id: r.id, value: null } satisfies Reply);
    } else
      void answer(
        r.id,
        typeof r.method === 'string' ? r.method.slice(0, 80) : 'dispatch',
        Promise.resolve().then(() => endpoint.dispatch(r.conn, r.method, r.input)),
      );
  });
  return off;
}

const reply = z.union([
  z.object({ id: z.number().int(), value: z.unknown() }),
  z.object({
    event: z.object({ name: z.string(), payload: z.unknown() }),
    to: z.array(z.string()),
  }),
]);

export function remoteEndpoint(port: Port): DeskEndpoint & {
  /** Answers every call still waiting INTERNAL with `message`; returns how many there were. */
  failAll(message: string): number;
} {
  let next = 1;
  const pending = new Map<number, (value: unknown) => void>();
  const listeners = new Set<(event: PushEvent, to: string[]) => void>();
  port.onMessage((raw) => {
    const m = reply.safeParse(raw);
    if (!m.success) return;
    if ('id' in m.data) {
      pending.get(m.data.id)?.(m.data.value);
      pending.delete(m.data.id);
    } else {
      for (const l of listeners) l(m.data.event as PushEvent, m.data.to);
    }
  });
  const ask = (message: Record<string, unknown>) =>
    new Promise<unknown>((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      port.postMessage({ ...message, id });
    });
  return {
    open: async () => String(await ask({ op: 'open' })),
    dispatch: async (conn, method, input) =>
      (await ask({ op: 'dispatch', conn, method, input })) as Result<unknown>,
    close: (conn) => void ask({ op: 'close', conn }),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** The desk's process died: answer every waiting call with an error, never leave one hanging. */
    failAll(message) {
      const waiting = pending.size;
      for (const [id, resolve] of pending) {
        resolve({ ok: false, error: { code: 'INTERNAL', message, issues: [] } });
        pending.delete(id);
      }
      return waiting;
    },
  };
}
