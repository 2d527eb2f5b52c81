/**
 * Exports written and waiting to be fetched, on this workstation's disk: each belongs to the
 * person who asked for it, is deleted once discarded or an hour after it was written, and the
 * folder is emptied when the desk starts (a file from before a restart is nobody's any more).
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { notFound } from '../kernel/failure.ts';

const KEEP_MS = 60 * 60 * 1000;

/** The folder beside the store that exports are written in. */
export const EXPORT_FOLDER = 'exports';

export interface ExportFile {
  readonly id: string;
  readonly path: string;
  readonly fileName: string;
  readonly ownerId: string;
  readonly at: number;
  rows: number;
  /** Discarded (while it was being written, that cancels it). */
  discarded: boolean;
}

export class ExportFiles {
  private readonly files = new Map<string, ExportFile>();

  readonly folder: string;

  constructor(folder: string) {
    this.folder = folder;
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
  }

  create(id: string, fileName: string, ext: string, ownerId: string, now: number): ExportFile {
    this.expire(now);
    const f: ExportFile = {
      id,
      path: join(this.folder, `${id}.${ext}`),
      fileName,
      ownerId,
      at: now,
      rows: 0,
      discarded: false,
    };
    this.files.set(id, f);
    return f;
  }

  get(id: string, ownerId: string, now: number): ExportFile {
    this.expire(now);
    const f = this.files.get(id);
    if (!f || f.ownerId !== ownerId) throw notFound('Export');
    return f;
  }

  bytes(f: ExportFile): number {
    return statSync(f.path).size;
  }

  discard(f: ExportFile): void {
    f.discarded = true;
    this.files.delete(f.id);
    rmSync(f.path, { force: true });
  }

  private expire(now: number): void {
    for (const f of this.files.values()) if (now - f.at > KEEP_MS) this.discard(f);
  }

  /** Files of this folder no export names (a write cut short): for tests and tidiness. */
  strays(): string[] {
    const known = new Set([...this.files.values()].map((f) => f.path));
    return readdirSync(this.folder)
      .map((n) => join(this.folder, n))
      .filter((p) => !known.has(p));
  }
}
