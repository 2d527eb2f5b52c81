import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/core/kernel/clock.ts';
import { idGenerator } from '../../src/core/kernel/ids.ts';
import { resolveStaticPath } from '../../src/core/kernel/static-files.ts';
import { MigrationError, openDatabase } from '../../src/core/store/database.ts';
import { MIGRATIONS } from '../../src/core/store/migrations/index.ts';
import { priorityFor, DEFAULT_PRIORITY_MATRIX, LEVELS } from '../../src/shared/domain.ts';
import { createTranslator } from '../../src/shared/i18n/index.ts';
import { phoneKey } from '../../src/core/callers/caller-keys.ts';
import { foldDigits, looksLikePhone } from '../../src/shared/phone.ts';

describe('UUIDv7 ids', () => {
  it('are version 7, variant 10, carry the clock’s time and strictly increase within one millisecond', () => {
    const clock = manualClock(Date.UTC(2026, 10, 23, 12));
    const next = idGenerator(clock);
    const ids = Array.from({ length: 5000 }, next);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16)).toBe(clock.now());
  });

  it('never go backwards when the clock does', () => {
    const clock = manualClock(Date.UTC(2026, 10, 23, 12));
    const next = idGenerator(clock);
    const a = next();
    clock.advance(-5000);
    expect(next() > a).toBe(true);
  });
});

describe('the store', () => {
  it('runs with WAL, synchronous=FULL and foreign keys, at the latest schema', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'sb-db-')), 'x.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    db.close();
  });

  it('refuses a file from a newer Switchboard rather than damage it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sb-db-')), 'x.sqlite');
    const db = openDatabase(file);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openDatabase(file)).toThrow(MigrationError);
  });
});

describe('static files', () => {
  const root = mkdtempSync(join(tmpdir(), 'sb-static-'));
  writeFileSync(join(root, 'index.html'), 'app');
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'assets', 'a.js'), 'js');
  const outside = mkdtempSync(join(tmpdir(), 'sb-outside-'));
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  symlinkSync(join(outside, 'secret.txt'), join(root, 'assets', 'link.txt'));

  it('serves what is inside the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/a.js')).toBe(join(root, 'assets', 'a.js'));
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2fetc%2fpasswd',
    '/assets\\..\\..\\x',
    '/a%00.js',
    '/%E0%A4%A',
    '/assets/link.txt',
    '/assets',
    '/missing.js',
  ])('refuses %s', (p) => {
    expect(resolveStaticPath(root, p)).toBeNull();
  });
});

describe('phone numbers', () => {
  // Keys are E.164 since issue 13 (they were the digits without "+").
  it.each([
    ['+44 20 7946 0018', '44', '+442079460018'],
    ['0044 20 7946 0018', '44', '+442079460018'],
    ['020 7946 0018', '44', '+442079460018'],
    ['(020) 7946-0018', '44', '+442079460018'],
    ['020 7946 0018', '', '02079460018'],
    ['+30 21 0323 4567', '44', '+302103234567'],
  ])('%s (desk code %s) → %s', (raw, cc, want) => {
    expect(phoneKey(raw, cc)).toBe(want);
  });
  it('tells numbers from names', () => {
    expect(looksLikePhone('+44 20')).toBe(true);
    expect(looksLikePhone('020/7946')).toBe(true);
    expect(looksLikePhone('+44 (0)20 79')).toBe(true);
    expect(looksLikePhone('٠٢٠ ٧٩٤٦')).toBe(true);
    expect(looksLikePhone('०२० ७९४६')).toBe(true);
    expect(looksLikePhone('NW-10442')).toBe(false);
    expect(looksLikePhone('Okafor')).toBe(false);
    expect(looksLikePhone('12')).toBe(false);
  });
  it('reads the digits of every script as ASCII digits', () => {
    expect(foldDigits('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ ०१२३४५६७८९ ০১২৩৪৫৬৭৮৯ ０１２３４５６７８９')).toBe(
      '0123456789 0123456789 0123456789 0123456789 0123456789',
    );
    // The mathematical digits are five runs of ten that touch: each still starts at zero.
    expect(foldDigits('\u{1D7CE}\u{1D7D7}\u{1D7D8}\u{1D7FF}')).toBe('0909');
    expect(foldDigits('AB-12 ½')).toBe('AB-12 ½');
  });
});

describe('the default priority matrix', () => {
  it('gives P1 only to high impact and high urgency, P4 only to low and low', () => {
    const cells = LEVELS.flatMap((i) => LEVELS.map((u) => [i, u, priorityFor(i, u)] as const));
    expect(cells.filter(([, , p]) => p === 1)).toEqual([[1, 1, 1]]);
    expect(cells.filter(([, , p]) => p === 4)).toEqual([[3, 3, 4]]);
    expect(DEFAULT_PRIORITY_MATRIX.flat()).toHaveLength(9);
  });
  it('never ranks a more severe call lower', () => {
    for (const i of LEVELS)
      for (const u of LEVELS) {
        if (i > 1) expect(priorityFor((i - 1) as 1 | 2, u)).toBeLessThanOrEqual(priorityFor(i, u));
        if (u > 1) expect(priorityFor(i, (u - 1) as 1 | 2)).toBeLessThanOrEqual(priorityFor(i, u));
      }
  });
});

describe('i18n', () => {
  it('fills variables and picks plural forms', () => {
    const tr = createTranslator('en');
    expect(tr.plural('intake.saved', 1, { keys: 'LON-000001' })).toBe(
      'Call saved: ticket LON-000001',
    );
    expect(tr.plural('intake.saved', 2, { keys: 'A, B' })).toBe('Call saved: tickets A, B');
    expect(tr.t('status.waiting_customer')).toBe('Waiting on customer');
    expect(tr.dir).toBe('ltr');
  });
});
