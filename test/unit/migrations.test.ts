import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src/core/store/database.ts';

describe('migrations on a desk with data', () => {
  it('14 rebuilds the users table for the wall-board role and every reference still holds', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sb-mig-')), 'desk.sqlite');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.pragma('foreign_keys = ON');
    old.function('sb_fold', { deterministic: true }, (s: unknown) => String(s ?? ''));
    old.function('sb_facets', { varargs: true }, () => '');
    migrate(old, 13);
    old
      .prepare(
        `INSERT INTO users (id, username, display_name, password_hash, role, tier, created_at)
         VALUES ('u1', 'amira', 'Amira', 'x', 'analyst', 1, 0)`,
      )
      .run();
    old
      .prepare(
        "INSERT INTO queues (id, code, name, created_at, created_by) VALUES ('q1', 'SD', 'Desk', 0, 'u1')",
      )
      .run();
    expect(() =>
      old
        .prepare(
          `INSERT INTO users (id, username, display_name, password_hash, role, tier, created_at)
           VALUES ('w', 'wall', 'Wall', 'x', 'wallboard', 1, 0)`,
        )
        .run(),
    ).toThrow(/CHECK/);
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(14);
    db.prepare(
      `INSERT INTO users (id, username, display_name, password_hash, role, tier, created_at)
       VALUES ('w', 'wall', 'Wall', 'x', 'wallboard', 1, 0)`,
    ).run();
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare("SELECT created_by FROM queues WHERE id = 'q1'").pluck().get()).toBe('u1');
    // The rename kept every reference: a queue by an unknown user is still refused.
    expect(() =>
      db
        .prepare(
          "INSERT INTO queues (id, code, name, created_at, created_by) VALUES ('q2', 'X', 'X', 0, 'nobody')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
