/**
 * Sync as the desk process runs it: a round soon after every save and every few seconds while
 * joined, one at a time; its state for the header's indicator (in sync · N changes waiting · hub
 * unreachable, still working · catching up, with progress), announced when it changes. Saves
 * never wait for it. The Electron app and the host both run it from their desk process.
 */
import type { PushEvent } from '../../shared/events.ts';
import type { JoinCodeList, SyncStatus, WorkstationList } from '../../shared/views.ts';
import type { Clock } from '../kernel/clock.ts';
import type { ParsedInput } from '../../shared/contract.ts';
import type { Ctx } from '../kernel/context.ts';
import { conflict, DomainError, invalid, issue } from '../kernel/failure.ts';
import { hasUsers } from '../access/users.ts';
import { isActiveQueue } from '../admin/reference.ts';
import type { Db } from '../store/database.ts';
import { HubUnavailable, joinDesk, syncCounts, syncRound, type HubTransport } from './client.ts';
import { httpTransport } from './http.ts';
import { dismissRefusals, refusedChanges } from './refusals.ts';
import { releaseLeft } from './scope.ts';
import { isJoined, syncValue } from './state.ts';
import {
  FIRST_CURSOR,
  RELEASE,
  type NewJoinCode,
  type WorkstationReport,
} from '../../shared/sync.ts';
import { waiting } from './outbox.ts';

export interface DeskSync {
  status(): SyncStatus;
  /** Joins the desk whose code this is, on the hub at `url`, then syncs at once. */
  join(o: { url: string; code: string; name: string }): Promise<SyncStatus>;
  /** A round now (or, when one is running, right after it). */
  nudge(): void;
  /** Resolves when no round is running or due. */
  settled(): Promise<void>;
  /** A call to this desk's hub outside the rounds (an admin's); its refusals as DomainErrors. */
  viaHub<T>(call: (hub: HubTransport) => Promise<T> | undefined): Promise<T>;
  stop(): void;
}

export interface DeskSyncEnv {
  db: Db;
  clock: Clock;
  newId: () => string;
  publish(event: PushEvent): void;
  log(message: string, error?: unknown): void;
}

/**
 * How often a joined workstation syncs with nothing to push: it also syncs after each save, and
 * at once when the hub's long-poll says another workstation pushed.
 */
export const SYNC_EVERY_MS = 5000;
/** One long-poll's length, and the pause after one that failed (the hub away). */
const WAIT_S = 25;
const RETRY_WAIT_MS = 2000;

export function createDeskSync(
  env: DeskSyncEnv,
  o: {
    transport?: (
      url: string,
      token: () => string | undefined,
      report?: () => WorkstationReport,
    ) => HubTransport;
    every?: number;
    /** False: no rounds of its own (a tool that runs its rounds itself). */
    auto?: boolean;
  } = {},
): DeskSync {
  const { db } = env;
  const connect = o.transport ?? httpTransport;
  const token = () => syncValue(db, 'hub.token');
  // Said on every call: the admin's list of workstations shows it.
  const report = (): WorkstationReport => ({ release: RELEASE, waiting: waiting(db) });
  let hub: HubTransport | null = null;
  const hubFor = () => {
    const url = syncValue(db, 'hub.url');
    if (!url) return null;
    return (hub ??= connect(url, token, report));
  };
  let state: SyncStatus['state'] = isJoined(db) ? 'waiting' : 'off';
  let error: { code: NonNullable<SyncStatus['errorCode']>; message: string } | undefined;
  let lastContactAt: number | null = null;
  let progress: SyncStatus['progress'];
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let last = '';

  const status = (): SyncStatus => {
    const joined = isJoined(db);
    const counts = joined
      ? syncCounts({ db, clock: env.clock, newId: env.newId, emit: () => {} })
      : null;
    const number = syncValue(db, 'workstation.number');
    const refused = joined ? refusedChanges(db) : undefined;
    const scopeText = joined ? syncValue(db, 'scope') : undefined;
    const scope = scopeText ? (JSON.parse(scopeText) as { queues: string[] }) : undefined;
    return {
      joined,
      state: joined ? (state === 'off' ? 'waiting' : state) : 'off',
      waiting: counts?.waiting ?? 0,
      held: counts?.held ?? 0,
      keysLeft: counts?.keysLeft ?? 0,
      keysLow: counts?.keysLow ?? false,
      lastContactAt,
      ...(joined ? { hub: syncValue(db, 'hub.url') ?? '', workstation: Number(number ?? 0) } : {}),
      ...(progress ? { progress } : {}),
      ...(error ? { error: error.message, errorCode: error.code } : {}),
      ...(joined && refused ? { refused } : {}),
      ...(joined && scope ? { scope } : {}),
    };
  };
  const announce = () => {
    const s = status();
    const text = JSON.stringify({ ...s, lastContactAt: null });
    if (text === last) return;
    last = text;
    env.publish({ name: 'sync.changed', payload: s });
  };

  const round = async () => {
    const h = hubFor();
    if (!h || !isJoined(db)) return;
    const emitted: PushEvent[] = [];
    const ctx = {
      db,
      clock: env.clock,
      newId: env.newId,
      emit: (name: PushEvent['name'], payload: PushEvent['payload']) =>
        emitted.push({ name, payload } as PushEvent),
    };
    try {
      await syncRound(ctx as never, h, (p) => {
        if (p.phase === 'pull' && p.done >= 1000) {
          state = 'catching_up';
          progress = { done: p.done, total: null, of: 'changes' };
          announce();
        }
      });
      state = 'in_sync';
      error = undefined;
      progress = undefined;
      lastContactAt = env.clock.now();
    } catch (e) {
      if (e instanceof HubUnavailable) {
        state = e.code === 'UNREACHABLE' ? 'unreachable' : 'refused';
        error = { code: e.code, message: e.message };
      } else {
        state = 'unreachable';
        error = { code: 'INTERNAL', message: 'Sync failed on this workstation; it will try again' };
        env.log('sync round failed', e);
      }
      progress = undefined;
    } finally {
      for (const e of emitted) env.publish(e);
      announce();
    }
  };

  const nudge = () => {
    if (stopped || o.auto === false || !isJoined(db)) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await round();
      } while (again && !stopped);
    })().finally(() => {
      running = null;
      // A nudge that came after the last round's end but before this: its round, now.
      if (again) nudge();
    });
  };

  const timer = o.auto === false ? undefined : setInterval(nudge, o.every ?? SYNC_EVERY_MS);
  timer?.unref();

  // A long-poll beside the rounds: a push anywhere on the desk starts a round here at once.
  const abort = new AbortController();
  let watching = false;
  const watch = async () => {
    if (watching) return;
    watching = true;
    try {
      while (!stopped && o.auto !== false && isJoined(db)) {
        const h = hubFor();
        if (!h?.wait) return;
        try {
          const { changed } = await h.wait(
            syncValue(db, 'cursor') ?? FIRST_CURSOR,
            WAIT_S,
            abort.signal,
          );
          if (stopped) return;
          if (changed) {
            nudge();
            // The round moves the cursor; waiting again before it would answer at once.
            while (running) await running;
          }
        } catch {
          if (stopped) return;
          await new Promise((r) => setTimeout(r, RETRY_WAIT_MS).unref());
        }
      }
    } finally {
      watching = false;
    }
  };
  if (isJoined(db)) {
    nudge();
    void watch();
  }

  return {
    status,
    async join(j) {
      if (isJoined(db))
        throw conflict('joined_already', 'This workstation has joined a desk already');
      const h = connect(j.url, token, report);
      try {
        let shown = 0;
        await joinDesk({ db, clock: env.clock, newId: env.newId, emit: () => {} }, h, {
          ...j,
          // The desk's image as it downloads, announced a few hundred times at most.
          progress: (p) => {
            if (p.done < p.total && p.done - shown < p.total / 200) return;
            shown = p.done;
            state = 'catching_up';
            progress = { done: p.done, total: p.total, of: 'bytes' };
            announce();
          },
        });
      } catch (e) {
        // Said next to the field it is about: the address, or the code; an outdated release
        // is about neither.
        if (e instanceof HubUnavailable && e.code === 'OUTDATED')
          throw conflict('outdated', e.message);
        if (e instanceof HubUnavailable)
          throw invalid([
            e.code === 'UNREACHABLE'
              ? issue('url', 'hub_unreachable', e.message)
              : issue('code', 'join_refused', e.message),
          ]);
        throw e;
      }
      hub = h;
      state = 'catching_up';
      announce();
      nudge();
      await running;
      void watch();
      return status();
    },
    nudge,
    async viaHub(call) {
      const h = isJoined(db) ? hubFor() : null;
      if (!h) throw new DomainError('CONFLICT', 'This workstation has not joined a hub');
      try {
        const pending = call(h);
        if (!pending) throw new DomainError('CONFLICT', 'This hub connection cannot do that');
        return await pending;
      } catch (e) {
        if (!(e instanceof HubUnavailable)) throw e;
        throw new DomainError(
          e.code === 'FORBIDDEN' || e.code === 'UNAUTHENTICATED'
            ? 'FORBIDDEN'
            : e.code === 'NOT_FOUND' || e.code === 'VALIDATION'
              ? e.code
              : 'CONFLICT',
          e.message,
        );
      }
    },
    async settled() {
      while (running) await running;
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      abort.abort();
    },
  };
}

const OFF: SyncStatus = {
  joined: false,
  state: 'off',
  waiting: 0,
  held: 0,
  keysLeft: 0,
  keysLow: false,
  lastContactAt: null,
};

export const syncStatus = (ctx: Ctx): SyncStatus => ctx.sync?.status() ?? OFF;

/**
 * `sync.join`: on a workstation's first start anyone may join it to a desk (it has nothing of
 * its own yet); once it has people, only an admin.
 */
export async function joinHub(ctx: Ctx, input: ParsedInput<'sync.join'>): Promise<SyncStatus> {
  if (hasUsers(ctx.db) && ctx.conn.user?.role !== 'admin')
    throw new DomainError('FORBIDDEN', 'Only an admin joins this desk to a hub');
  if (!ctx.sync) throw new DomainError('CONFLICT', 'This desk cannot sync');
  return ctx.sync.join(input);
}

const signedIn = (ctx: Ctx): string => {
  if (!ctx.conn.user) throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  return ctx.conn.user.id;
};
const viaHub = <T>(ctx: Ctx, call: (hub: HubTransport) => Promise<T> | undefined): Promise<T> => {
  if (!ctx.sync) throw new DomainError('CONFLICT', 'This desk cannot sync');
  return ctx.sync.viaHub(call);
};

/** `sync.joinCodes`: the desk's join codes as its hub has them. */
export async function joinCodes(ctx: Ctx): Promise<JoinCodeList> {
  const author = signedIn(ctx);
  return { codes: await viaHub(ctx, (h) => h.joinCodes?.(author)) };
}

/** `sync.createJoinCode`: made on the hub, which checks that the author is the desk's admin. */
export async function createJoinCode(
  ctx: Ctx,
  input: ParsedInput<'sync.createJoinCode'>,
): Promise<NewJoinCode> {
  const author = signedIn(ctx);
  const queues = input.queues?.length ? knownQueues(ctx, input.queues) : null;
  return viaHub(ctx, (h) =>
    h.createJoinCode?.({ author, hours: input.hours, ...(queues ? { scope: { queues } } : {}) }),
  );
}

/** A field desk's queues, each one of this desk's, each once. */
function knownQueues(ctx: Ctx, queues: readonly string[]): string[] {
  const missing = queues.findIndex((q) => !isActiveQueue(ctx.db, q));
  if (missing >= 0)
    throw invalid([issue(`queues.${missing}`, 'unknown_queue', 'No such queue on this desk')]);
  return [...new Set(queues)];
}

/** `sync.setScope`: the hub changes a field desk's queues (an admin's). */
export async function setScope(
  ctx: Ctx,
  input: ParsedInput<'sync.setScope'>,
): Promise<WorkstationList> {
  const author = signedIn(ctx);
  const queues = knownQueues(ctx, input.queues);
  return {
    workstations: await viaHub(ctx, (h) =>
      h.setScope?.({ author, id: input.id, scope: { queues } }),
    ),
    self: syncValue(ctx.db, 'workstation.id') ?? '',
  };
}

/** `sync.dismissRefused`: what was refused on the ticket has been seen; a ticket let go goes. */
export function dismissRefused(ctx: Ctx, input: ParsedInput<'sync.dismissRefused'>): SyncStatus {
  ctx.db.transaction(() => dismissRefusals(ctx.db, input.ticketId))();
  releaseLeft(ctx);
  ctx.emit('tickets.changed', { ids: [input.ticketId], reason: 'synced' });
  return syncStatus(ctx);
}

export async function revokeJoinCode(
  ctx: Ctx,
  input: ParsedInput<'sync.revokeJoinCode'>,
): Promise<JoinCodeList> {
  const author = signedIn(ctx);
  return { codes: await viaHub(ctx, (h) => h.revokeJoinCode?.({ author, id: input.id })) };
}

/** `sync.workstations`: the desk's workstations as its hub knows them (an admin's). */
export async function workstations(ctx: Ctx): Promise<WorkstationList> {
  const author = signedIn(ctx);
  return {
    workstations: await viaHub(ctx, (h) => h.workstations?.(author)),
    self: syncValue(ctx.db, 'workstation.id') ?? '',
  };
}

/** `sync.revokeWorkstation`: the hub stops it at its next call (never this one). */
export async function revokeWorkstation(
  ctx: Ctx,
  input: ParsedInput<'sync.revokeWorkstation'>,
): Promise<WorkstationList> {
  const author = signedIn(ctx);
  return {
    workstations: await viaHub(ctx, (h) => h.revokeWorkstation?.({ author, id: input.id })),
    self: syncValue(ctx.db, 'workstation.id') ?? '',
  };
}
