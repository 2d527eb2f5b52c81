/**
 * Files staged for import on this workstation, held in memory while an admin maps and checks
 * them: nothing of an import reaches the store before it is written whole, so a restart simply
 * forgets a staged file (the admin picks it again). Each belongs to the admin who staged it.
 */
import { conflict, notFound } from '../kernel/failure.ts';
import type { ImportEncoding } from '../../shared/imports.ts';
import type { ImportPlan } from './plan.ts';
import type { Table } from './read-table.ts';

/** Staged files kept at once; the one left longest is forgotten to make room. */
const MAX_STAGED = 3;
/** A staged file nobody has touched for this long is forgotten. */
const IDLE_MS = 60 * 60 * 1000;

export interface Staged {
  readonly id: string;
  readonly fileName: string;
  readonly ownerId: string;
  readonly bytes: Buffer;
  received: number;
  touchedAt: number;
  /** The table as last read, and how it was read (reading a 50 MB file again costs seconds). */
  table: { encoding: ImportEncoding | null; sheet: string | null; value: Table } | null;
  /**
   * The last dry run, what it was asked and what the callers' tables held (callersMark) when it
   * ended: the import writes it as checked while both still hold.
   */
  checked: { key: string; mark: string; plan: ImportPlan } | null;
  /** What it is doing now: one check or run at a time. */
  busy: 'reading' | 'checking' | 'writing' | null;
  cancelled: boolean;
}

export class ImportStaging {
  private readonly staged = new Map<string, Staged>();

  begin(id: string, fileName: string, size: number, ownerId: string, now: number): Staged {
    this.forgetIdle(now);
    while (this.staged.size >= MAX_STAGED) {
      const oldest = [...this.staged.values()]
        .filter((s) => s.busy === null)
        .sort((a, b) => a.touchedAt - b.touchedAt)[0];
      if (!oldest)
        throw conflict(
          'import_busy',
          'Other imports are running on this workstation; wait for them',
        );
      this.staged.delete(oldest.id);
    }
    const s: Staged = {
      id,
      fileName,
      ownerId,
      bytes: Buffer.alloc(size),
      received: 0,
      touchedAt: now,
      table: null,
      checked: null,
      busy: null,
      cancelled: false,
    };
    this.staged.set(id, s);
    return s;
  }

  /** The staged file, for the admin who staged it only. */
  get(id: string, ownerId: string, now: number): Staged {
    this.forgetIdle(now);
    const s = this.staged.get(id);
    if (!s || s.ownerId !== ownerId) throw notFound('Import');
    s.touchedAt = now;
    return s;
  }

  /** The next piece, in order; a piece out of order (a retry, a lost one) changes nothing. */
  append(s: Staged, offset: number, piece: Buffer): number {
    if (offset !== s.received)
      throw conflict('import_offset', `Expected the piece at byte ${s.received}`, {
        expected: s.received,
      });
    if (offset + piece.length > s.bytes.length)
      throw conflict('import_size', 'More bytes than the file was said to have');
    piece.copy(s.bytes, offset);
    s.received += piece.length;
    return s.received;
  }

  /** Forgets it; a check or run under way stops at its next step and writes nothing. */
  cancel(s: Staged): boolean {
    if (s.busy === 'writing') return false;
    s.cancelled = true;
    this.staged.delete(s.id);
    return true;
  }

  /** Forgets it once written: a second run would need the file again. */
  done(s: Staged): void {
    this.staged.delete(s.id);
  }

  private forgetIdle(now: number): void {
    for (const s of this.staged.values())
      if (s.busy === null && now - s.touchedAt > IDLE_MS) this.staged.delete(s.id);
  }
}
