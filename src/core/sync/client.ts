/**
 * A workstation's side of sync: join a desk on a hub, then rounds of push (the outbox, oldest
 * first, in batches the hub acknowledges), pull (everything after the cursor, applied with the
 * merge rules in the same transaction as the cursor) and a top-up of leased ticket numbers. A
 * save never waits for any of it: it is acknowledged once it is on this workstation's disk.
 *
 * The hub is reached through a HubTransport: HTTP in the shells (http.ts), a model in the
 * convergence test. A round that fails part-way loses nothing: what was pushed and not
 * acknowledged is pushed again (the hub skips what it has), and what was pulled and not applied
 * is pulled again (the cursor moves only with an apply).
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  FIRST_CURSOR,
  type ImageInfo,
  type Change,
  type JoinCodeInfo,
  type JoinCodeRequest,
  type JoinReply,
  type KeysReply,
  type KeysRequest,
  type PullReply,
  type NewJoinCode,
  type PushReply,
  type RevokeJoinCodeRequest,
  type RevokeWorkstationRequest,
  type ScopeMoves,
  type SetScopeRequest,
  type WorkstationInfo,
  type SyncErrorCode,
} from '../../shared/sync.ts';
import type { Ctx } from '../kernel/context.ts';
import { DomainError } from '../kernel/failure.ts';
import { CATCH_UP_CACHE_KIB, STORE_CACHE_KIB, withLightCommits } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { applyPull, flushDerived, heldCount, type Applied } from './apply.ts';
import { ImageRefused, restoreImage } from './image.ts';
import { addKeyBlock, keysLeft, keysLow, keysWanted, nextOwnNumber } from './keys.ts';
import {
  markPushed,
  nextBatch,
  snapshotIntoOutbox,
  stampOutbox,
  trimOutbox,
  waiting,
} from './outbox.ts';
import { noteRefusals } from './refusals.ts';
import { finishRestore, isRestoring } from './restore.ts';
import { releaseLeft } from './scope.ts';
import { isJoined, setJoined, syncValue, writeSyncValue } from './state.ts';

/** A refusal from the hub, or the hub out of reach (`UNREACHABLE`). */
export class HubUnavailable extends Error {
  readonly code: SyncErrorCode | 'UNREACHABLE';
  constructor(code: SyncErrorCode | 'UNREACHABLE', message: string) {
    super(message);
    this.code = code;
  }
}

export interface HubTransport {
  join(code: string, name: string): Promise<JoinReply>;
  push(changes: Change[]): Promise<PushReply>;
  /**
   * own: this workstation's own changes too (restored from a backup, it takes back what it made
   * since); reset: a restored field desk's holdings start again.
   */
  pull(cursor: string, o?: { own?: boolean; reset?: boolean }): Promise<PullReply>;
  keys(request: KeysRequest): Promise<KeysReply>;
  /**
   * Resolves when the desk has changes after `cursor` (at once, or when a push commits), or
   * after `seconds` with nothing; a transport without it is polled.
   */
  wait?(cursor: string, seconds: number, signal?: AbortSignal): Promise<{ changed: boolean }>;
  /** An admin's join codes for the desk (the hub checks the author's role). */
  joinCodes?(author: string): Promise<JoinCodeInfo[]>;
  createJoinCode?(request: JoinCodeRequest): Promise<NewJoinCode>;
  revokeJoinCode?(request: RevokeJoinCodeRequest): Promise<JoinCodeInfo[]>;
  /**
   * The desk's latest image, downloaded and decompressed into `file`, checked against what the
   * hub says of it; null when the hub has none.
   */
  image?(file: string, progress?: (p: ImageProgress) => void): Promise<ImageInfo | null>;
  /** An admin's list of the desk's workstations, and revoking one (the hub checks the role). */
  workstations?(author: string): Promise<WorkstationInfo[]>;
  revokeWorkstation?(request: RevokeWorkstationRequest): Promise<WorkstationInfo[]>;
  /** An admin changes a field desk's queues (the hub checks the role). */
  setScope?(request: SetScopeRequest): Promise<WorkstationInfo[]>;
}

/** A download's progress, in compressed bytes. */
export interface ImageProgress {
  done: number;
  total: number;
}

type SyncCtx = Pick<Ctx, 'db' | 'clock' | 'newId' | 'emit'>;

/** Where an image is downloaded to, beside the store it will replace. */
const IMAGE_FILE = 'desk.image';

export interface RoundReport {
  pushed: number;
  pulled: number;
  applied: Applied[];
}

/**
 * Joins the desk whose join code this is. The first workstation of a desk sends it whole; a
 * later one receives it, and must hold no tickets of its own (they would be a second desk).
 */
export interface Joined extends JoinReply {
  /** How the desk came: in one image, or change by change from the start of the log. */
  via: 'image' | 'log';
  /** Why an image the hub had was not taken (the log was, instead). */
  imageRefused?: string;
}

/**
 * Joins the desk whose join code this is. The first workstation of a desk sends it whole; a
 * later one receives it, from the hub's latest image when there is one (then the changes since),
 * else from the log; it must hold no tickets of its own (they would be a second desk).
 */
export async function joinDesk(
  ctx: SyncCtx,
  hub: HubTransport,
  o: { url: string; code: string; name: string; progress?: (p: ImageProgress) => void },
): Promise<Joined> {
  const { db } = ctx;
  if (isJoined(db)) throw new DomainError('CONFLICT', 'This workstation has joined a desk already');
  const reply = await hub.join(o.code, o.name);
  // The token first: the pull that follows, and every call after, is made with it.
  db.transaction(() => {
    writeSyncValue(db, 'hub.url', o.url);
    writeSyncValue(db, 'hub.token', reply.token);
  })();
  const hasTickets = () =>
    stmt<number>(db, 'SELECT count(*) FROM (SELECT 1 FROM tickets LIMIT 1)').pluck().get();
  let imageRefused: string | undefined;
  if (hub.image && db.name !== ':memory:' && !hasTickets()) {
    const file = join(dirname(db.name), IMAGE_FILE);
    try {
      const info = await hub.image(file, o.progress);
      if (info) {
        await restoreImage(db, file, {
          deskId: reply.deskId,
          workstationId: reply.workstationId,
          number: reply.number,
          cursor: info.cursor,
        });
        return { ...reply, via: 'image' };
      }
    } catch (e) {
      // An image this release cannot take, or one damaged on the way: the log has it all too.
      if (!(e instanceof ImageRefused || e instanceof HubUnavailable)) throw e;
      imageRefused = e.message;
    } finally {
      for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`])
        rmSync(f, { force: true });
    }
  }
  const first = await hub.pull(FIRST_CURSOR);
  if (first.changes.length > 0 && hasTickets())
    throw new DomainError(
      'CONFLICT',
      'The desk on this hub has its tickets already, and so has this workstation: join from a new workstation (an empty store)',
    );
  db.transaction(() => {
    writeSyncValue(db, 'desk.id', reply.deskId);
    writeSyncValue(db, 'workstation.id', reply.workstationId);
    writeSyncValue(db, 'workstation.number', String(reply.number));
    writeSyncValue(db, 'cursor', FIRST_CURSOR);
    if (reply.scope) writeSyncValue(db, 'scope', JSON.stringify(reply.scope));
    setJoined(db, true);
    if (first.changes.length === 0) snapshotIntoOutbox(db);
  })();
  return { ...reply, via: 'log', ...(imageRefused ? { imageRefused } : {}) };
}

/** One round: push everything waiting, pull everything new, top up the ticket numbers. */
export async function syncRound(
  ctx: SyncCtx,
  hub: HubTransport,
  progress?: (p: { phase: 'push' | 'pull'; done: number; waiting?: number }) => void,
): Promise<RoundReport> {
  const { db } = ctx;
  const workstation = syncValue(db, 'workstation.id');
  if (!isJoined(db) || !workstation)
    throw new DomainError('CONFLICT', 'This workstation has not joined a desk');
  const report: RoundReport = { pushed: 0, pulled: 0, applied: [] };

  for (;;) {
    const batch = db.transaction(() => {
      stampOutbox(db);
      return nextBatch(db);
    })();
    if (batch.changes.length === 0) break;
    const reply = await hub.push(batch.changes);
    db.transaction(() => {
      markPushed(db, batch.lastSeq, ctx.clock.now());
      // Refused changes stay here, not on the desk: said on their ticket and in the header until
      // someone has seen them.
      if (reply.refused.length) noteRefusals(db, reply.refused, batch.changes, ctx.clock.now());
    })();
    report.pushed += batch.changes.length;
    progress?.({ phase: 'push', done: report.pushed, waiting: waiting(db) });
  }
  db.transaction(() => trimOutbox(db, ctx.clock.now()))();
  // Tickets that left a field desk's scope while changes on them waited go once those are sent.
  releaseLeft(ctx);

  // Restored from a backup: its own changes since the backup come back too, and a field desk's
  // scope is given again whole (see restore.ts).
  const restoring = isRestoring(db);
  let first = true;
  const pulled = await pullAll(
    ctx,
    (cursor) => {
      const reset = restoring && first && syncValue(db, 'scope') !== undefined;
      first = false;
      return hub.pull(cursor, restoring ? { own: true, ...(reset ? { reset } : {}) } : undefined);
    },
    restoring ? '' : workstation,
    (done) => progress?.({ phase: 'pull', done }),
  );
  report.pulled = pulled.pulled;
  report.applied = pulled.applied;
  if (restoring) finishRestore(ctx, pulled.entered);

  const wanted = keysWanted(db, ctx.clock.now());
  if (wanted > 0) {
    const block = await hub.keys({ count: wanted, atLeast: nextOwnNumber(db) + 1 });
    db.transaction(() => addKeyBlock(db, block))();
  }
  return report;
}

/**
 * Pulls and applies everything after the store's cursor, page by page, then recomputes what the
 * pages left for the end: a workstation's rounds, and the hub's imager keeping its replicas.
 */
export async function pullAll(
  ctx: SyncCtx,
  pull: (cursor: string) => Promise<PullReply>,
  workstation: string,
  progress?: (done: number) => void,
): Promise<{
  pulled: number;
  applied: Applied[];
  entered: NonNullable<ScopeMoves['entered']>;
}> {
  const { db } = ctx;
  const out = {
    pulled: 0,
    applied: [] as Applied[],
    entered: { tickets: [] as string[], customers: [] as string[] },
  };
  // A catch-up reads and writes far more of the store than a save: more of it is kept in memory.
  db.pragma(`cache_size = -${CATCH_UP_CACHE_KIB}`);
  try {
    // The next page is asked for while this one is applied: the hub's time and this store's
    // overlap. The cursor is saved only with the page it ends, in the same transaction.
    let next: Promise<PullReply> | null = pull(syncValue(db, 'cursor') ?? FIRST_CURSOR);
    while (next) {
      const reply: PullReply = await next;
      // A page that moves a field desk's scope is applied before the next is asked for: the
      // next one's cursor tells the hub it was.
      next = reply.more && !reply.scope ? pull(reply.cursor) : null;
      // A page asked for ahead is not left unawaited if this one fails to apply.
      next?.catch(() => undefined);
      out.applied.push(
        withLightCommits(db, () =>
          applyPull(ctx, reply.changes, {
            workstation,
            cursor: reply.cursor,
            defer: reply.more,
            ...(reply.scope ? { scope: reply.scope } : {}),
          }),
        ),
      );
      out.pulled += reply.changes.length;
      out.entered.tickets.push(...(reply.scope?.entered?.tickets ?? []));
      out.entered.customers.push(...(reply.scope?.entered?.customers ?? []));
      progress?.(out.pulled);
      if (reply.more && reply.scope) next = pull(reply.cursor);
    }
    // What the pages left for the end (and what a round cut short left before): once each.
    withLightCommits(db, () => flushDerived(ctx));
  } finally {
    db.pragma(`cache_size = -${STORE_CACHE_KIB}`);
  }
  return out;
}

export interface SyncCounts {
  /** Saved here, not yet acknowledged by the hub. */
  waiting: number;
  /** Pulled, kept aside until this release (or a later change) can apply them. */
  held: number;
  keysLeft: number;
  /** Less than a day of this workstation's usual work left (see keys.ts). */
  keysLow: boolean;
}

export const syncCounts = (ctx: SyncCtx): SyncCounts => ({
  waiting: waiting(ctx.db),
  held: heldCount(ctx.db),
  keysLeft: keysLeft(ctx.db),
  keysLow: keysLow(ctx.db, ctx.clock.now()),
});
