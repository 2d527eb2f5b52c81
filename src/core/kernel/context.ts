import type { EventName, EventPayloads } from '../../shared/events.ts';
import type { UserInfo } from '../../shared/views.ts';
import type { Clock } from './clock.ts';
import { DomainError } from './failure.ts';
import type { ScryptCost } from '../access/password.ts';
import type { FailureLimiter } from '../access/throttle.ts';
import type { Db } from '../store/database.ts';
import type { DeskSync } from '../sync/desk-sync.ts';
import type { DeskBackups } from '../backups/backups.ts';
import type { ImportStaging } from '../imports/staging.ts';
import type { ExportFiles } from '../exports/files.ts';

/** One signed-in (or not yet) window or browser tab. The transport keeps it; core reads and sets `user`. */
export interface Connection {
  readonly id: string;
  user: UserInfo | null;
}

/** The desk's password handling: the cost hashes are made at, and failed sign-ins per user name. */
export interface Passwords {
  readonly cost: ScryptCost;
  readonly failures: FailureLimiter;
}

/** What a handler gets: the store, the clock, the caller, and a way to announce changes. */
export interface Ctx {
  readonly db: Db;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly passwords: Passwords;
  readonly conn: Connection;
  /** This workstation's sync with its desk's hub (absent for tools and tests without one). */
  readonly sync?: DeskSync;
  /** This workstation's backups (absent for an in-memory store). */
  readonly backups?: DeskBackups;
  /** Queued, and sent only once the handler has returned (its transaction committed). */
  emit<E extends EventName>(name: E, payload: EventPayloads[E]): void;
  /** Sent at once: how long work is getting on (it tells of no change to the store). */
  tell<E extends EventName>(name: E, payload: EventPayloads[E]): void;
  /** The files staged for import on this workstation. */
  readonly imports: ImportStaging;
  /** The exports written on this workstation, waiting to be fetched. */
  readonly exports: ExportFiles;
  /** This desk's release, shell and log folder (for the support bundle). */
  readonly about: { app: string; shell: string; logFolder: string | null; dataDir: string };
}

export function actor(ctx: Ctx): UserInfo {
  if (!ctx.conn.user) throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  return ctx.conn.user;
}
