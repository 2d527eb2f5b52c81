/**
 * Change capture: while the desk is joined to a hub, the store's triggers (migration 18) append
 * every write to a replicated table to the outbox, in the same transaction, with its clock
 * reading and its author. No write escapes it: the triggers see every statement, whichever
 * module made it. Changes pulled from the hub are applied with capture off, so they are not sent
 * back. What the triggers call is registered here.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from '../store/database.ts';
import type { HlcClock } from './hlc.ts';

/** The person a call is made by, for the changes it writes (the desk itself when none). */
const authorScope = new AsyncLocalStorage<string>();

export function asAuthor<T>(author: string, run: () => T): T {
  return authorScope.run(author, run);
}

interface CaptureState {
  hlc: HlcClock;
  joined: boolean;
  /** Inside an apply of pulled changes: they are the hub's, not this workstation's. */
  applying: number;
  /** Removing what left a field desk's scope: the history's rows may go (see sync/scope.ts). */
  lettingGo: number;
}
const states = new WeakMap<Db, CaptureState>();

/** The SQL functions the capture triggers call, for this desk's connection. */
export function registerCapture(
  db: Db,
  o: { hlc: HlcClock; newId: () => string; deskAuthor: string; joined: boolean },
): void {
  const state: CaptureState = { hlc: o.hlc, joined: o.joined, applying: 0, lettingGo: 0 };
  states.set(db, state);
  db.function('sb_capture_on', { deterministic: false }, () =>
    state.joined && state.applying === 0 ? 1 : 0,
  );
  db.function('sb_letting_go', { deterministic: false }, () => (state.lettingGo > 0 ? 1 : 0));
  db.function('sb_hlc', { deterministic: false }, () => o.hlc.now());
  db.function('sb_change_id', { deterministic: false }, () => o.newId());
  db.function('sb_author', { deterministic: false }, () => authorScope.getStore() ?? o.deskAuthor);
}

/** Capture follows the desk's joined state from now on (see sync/state.ts). */
export function setCapturing(db: Db, joined: boolean): void {
  const s = states.get(db);
  if (s) s.joined = joined;
}

/** True while the desk is one of a hub's: what it notices, other workstations notice too. */
export const isShared = (db: Db): boolean => states.get(db)?.joined === true;

/** Runs `apply` with capture off: what it writes came from the hub. */
export function applyingRemote<T>(db: Db, apply: () => T): T {
  const s = states.get(db);
  if (!s) return apply();
  s.applying++;
  try {
    return apply();
  } finally {
    s.applying--;
  }
}

/** Runs `remove` with capture off and the history's rows removable: a field desk letting go. */
export function lettingGo<T>(db: Db, remove: () => T): T {
  const s = states.get(db);
  if (!s) throw new Error('letting go needs a desk connection');
  s.lettingGo++;
  try {
    return applyingRemote(db, remove);
  } finally {
    s.lettingGo--;
  }
}

/**
 * Inside an apply, runs `write` captured again: what the apply itself concludes (a conflict it
 * found) is this workstation's to send, like any of its writes.
 */
export function capturingOwn<T>(db: Db, write: () => T): T {
  const s = states.get(db);
  if (!s || s.applying === 0) return write();
  const depth = s.applying;
  s.applying = 0;
  try {
    return write();
  } finally {
    s.applying = depth;
  }
}

/** Takes in a pulled change's clock reading (refused when far ahead: see hlc.ts). */
export function receiveClock(db: Db, hlc: string): void {
  states.get(db)?.hlc.receive(hlc);
}

/** A connection with no desk behind it (migrations, tools, a copy) never captures. */
export function noCapture(db: Db): void {
  db.function('sb_capture_on', { deterministic: false }, () => 0);
  db.function('sb_letting_go', { deterministic: false }, () => 0);
  for (const name of ['sb_hlc', 'sb_change_id', 'sb_author'])
    db.function(name, { deterministic: false }, () => {
      throw new Error('capture is off on this connection');
    });
}
