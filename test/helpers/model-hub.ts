/**
 * The hub's contract as a model in memory, for the convergence test: pushes appended once each
 * by change id, pulls served in log order after a cursor, ticket numbers leased in blocks that
 * never overlap. Faults are injected per call: the hub out of reach (nothing happens), or a push
 * stored but its answer lost (the instance killed after the commit). The real hub is tested
 * against PostgreSQL in hub-log.test.ts and hub-http.test.ts; this model is what lets a hundred
 * random histories run in seconds against the workstations' real code and real SQLite files.
 */
import { randomUUID } from 'node:crypto';
import { HubUnavailable, type HubTransport } from '../../src/core/sync/client.ts';
import {
  MAX_PULL,
  type Change,
  type JoinReply,
  type KeysReply,
  type KeysRequest,
  type PullReply,
  type PulledChange,
  type PushReply,
} from '../../src/shared/sync.ts';

export type Fault = 'none' | 'unreachable' | 'answer-lost';

export class ModelHub {
  readonly log: PulledChange[] = [];
  private readonly ids = new Set<string>();
  private nextKey = 1;
  private workstations = 0;
  /** Every hub instance down (a restart): every call fails, nothing changes. */
  down = false;
  /** The hub's reason to refuse a change (its author's role), or null to take it. */
  refuse: (c: Change) => string | null = () => null;
  /** Pull pages smaller than the real limit exercise `more`. */
  pageSize = MAX_PULL;
  /** Long-polls waiting for the next push. */
  private readonly waiters = new Set<() => void>();

  /** The hub as it stands, to start many histories from. */
  clone(): ModelHub {
    const h = new ModelHub();
    h.log.push(...structuredClone(this.log));
    for (const id of this.ids) h.ids.add(id);
    h.nextKey = this.nextKey;
    h.workstations = this.workstations;
    return h;
  }

  /**
   * A workstation's connection to the hub (`me`: a workstation that joined earlier); `fault` is
   * asked before each call.
   */
  transport(
    fault: (call: 'join' | 'push' | 'pull' | 'keys') => Fault = () => 'none',
    me: string | null = null,
  ): HubTransport {
    const guard = <T>(call: 'join' | 'push' | 'pull' | 'keys', run: () => T): Promise<T> => {
      const f = this.down ? 'unreachable' : fault(call);
      if (f === 'unreachable') return Promise.reject(new HubUnavailable('UNREACHABLE', 'no hub'));
      const value = run();
      if (f === 'answer-lost')
        return Promise.reject(new HubUnavailable('UNREACHABLE', 'the answer was lost'));
      return Promise.resolve(value);
    };
    return {
      join: (_code: string, _name: string) =>
        guard('join', (): JoinReply => {
          me = randomUUID();
          return { deskId: 'LON', workstationId: me, number: ++this.workstations, token: 'x' };
        }),
      push: (changes: Change[]) =>
        guard('push', (): PushReply => {
          let accepted = 0;
          const refused: PushReply['refused'] = [];
          for (const c of changes) {
            if (this.ids.has(c.id)) continue;
            const why = this.refuse(c);
            if (why) {
              refused.push({ id: c.id, code: 'FORBIDDEN', message: why });
              continue;
            }
            this.ids.add(c.id);
            this.log.push(structuredClone({ ...c, workstation: me! }));
            accepted++;
          }
          if (accepted) for (const wake of [...this.waiters]) wake();
          return { accepted, duplicates: changes.length - accepted - refused.length, refused };
        }),
      pull: (cursor: string) =>
        guard('pull', (): PullReply => {
          const from = Number(cursor.split(':')[1]);
          const page = this.log.slice(from, from + this.pageSize);
          const to = from + page.length;
          return {
            changes: structuredClone(page),
            cursor: `0:${to}`,
            more: to < this.log.length,
          };
        }),
      wait: (cursor: string, seconds: number, signal?: AbortSignal) => {
        if (this.down) return Promise.reject(new HubUnavailable('UNREACHABLE', 'no hub'));
        if (Number(cursor.split(':')[1]) < this.log.length)
          return Promise.resolve({ changed: true });
        return new Promise<{ changed: boolean }>((resolve) => {
          const done = (changed: boolean) => {
            this.waiters.delete(wake);
            clearTimeout(timer);
            resolve({ changed });
          };
          const wake = () => done(true);
          const timer = setTimeout(() => done(false), seconds * 1000);
          timer.unref();
          signal?.addEventListener('abort', () => done(false));
          this.waiters.add(wake);
        });
      },
      keys: (r: KeysRequest) =>
        guard('keys', (): KeysReply => {
          const from = Math.max(this.nextKey, r.atLeast);
          this.nextKey = from + r.count;
          return { from, to: from + r.count };
        }),
    };
  }
}
