import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { accountKey, phoneKey } from '../../src/core/caller-keys.ts';
import { ACCOUNT_OWNER_SQL, PHONE_OWNERS_SQL } from '../../src/core/services/customers.ts';
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

  it('15 keys stored phones in E.164 and account numbers without case or punctuation', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sb-mig-')), 'desk.sqlite');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.pragma('foreign_keys = ON');
    old.function('sb_fold', { deterministic: true }, (s: unknown) => String(s ?? ''));
    old.function('sb_facets', { varargs: true }, () => '');
    migrate(old, 14);
    old.exec(`
      INSERT INTO settings (key, value) VALUES ('desk.countryCode', '44');
      INSERT INTO users (id, username, display_name, password_hash, role, tier, created_at)
        VALUES ('u1', 'amira', 'Amira', 'x', 'analyst', 1, 0);
    `);
    // As the hand-written normaliser of schema 14 keyed them (digits, no "+").
    const callers = [
      ['c1', 'International', '+44 20 7946 0018', '442079460018'],
      ['c2', 'National', '020 7946 0018', '442079460018'],
      ['c3', 'Slash', '020/7946 0018', '442079460018'],
      ['c4', 'Trunk in brackets', '+44 (0)20 7946 0018', '4402079460018'],
      ['c5', 'Greek caller', '+30 21 0323 4567', '302103234567'],
      ['c6', 'Too short to dial', '12345', '12345'],
      ['c7', 'Email only', '', ''],
    ];
    const addCustomer = old.prepare(
      `INSERT INTO customers (id, name, phone, phone_norm, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, 0, 'u1', 0, 'u1')`,
    );
    for (const c of callers) addCustomer.run(...c);
    const addAccount = old.prepare(
      "INSERT INTO accounts (id, customer_id, number, created_at, created_by) VALUES (?, ?, ?, 0, 'u1')",
    );
    addAccount.run('a1', 'c1', 'ab-1234');
    addAccount.run('a2', 'c5', 'NW 10442');
    // Two numbers schema 14 kept apart that share a key now: the migration must still run.
    addAccount.run('a3', 'c2', 'XY-1');
    addAccount.run('a4', 'c3', 'xy 1');
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(15);
    const rows = db.prepare('SELECT id, phone, phone_norm FROM customers ORDER BY id').all();
    expect(rows).toEqual([
      { id: 'c1', phone: '+44 20 7946 0018', phone_norm: '+442079460018' },
      { id: 'c2', phone: '020 7946 0018', phone_norm: '+442079460018' },
      { id: 'c3', phone: '020/7946 0018', phone_norm: '+442079460018' },
      { id: 'c4', phone: '+44 (0)20 7946 0018', phone_norm: '+442079460018' },
      { id: 'c5', phone: '+30 21 0323 4567', phone_norm: '+302103234567' },
      // Not a number this desk can dial: keyed as typed so far, so it is still found as typed.
      { id: 'c6', phone: '12345', phone_norm: phoneKey('12345', '44') },
      { id: 'c7', phone: '', phone_norm: '' },
    ]);
    expect(db.prepare('SELECT id, number, number_norm FROM accounts ORDER BY id').all()).toEqual([
      { id: 'a1', number: 'ab-1234', number_norm: 'AB1234' },
      { id: 'a2', number: 'NW 10442', number_norm: 'NW10442' },
      { id: 'a3', number: 'XY-1', number_norm: 'XY1' },
      { id: 'a4', number: 'xy 1', number_norm: 'XY1' },
    ]);
    // The look-ups' own queries find the migrated callers by every form, on their indexes.
    const owners = (q: string) =>
      (db.prepare(PHONE_OWNERS_SQL).all(phoneKey(q, '44'), 10) as { id: string }[]).map(
        (r) => r.id,
      );
    for (const q of ['020 7946 0018', '+44 (0)20 7946 0018', '٠٢٠ ٧٩٤٦ ٠٠١٨', '020/7946 0018'])
      expect(owners(q).sort(), q).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(owners('12345')).toEqual(['c6']);
    expect(db.prepare(ACCOUNT_OWNER_SQL).get(accountKey('AB 1234'))).toMatchObject({ id: 'c1' });
    expect(db.prepare(ACCOUNT_OWNER_SQL).get(accountKey('nw10442'))).toMatchObject({ id: 'c5' });
    db.close();
  });
});
