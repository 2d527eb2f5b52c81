import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { isLocale, type Locale } from '../../shared/i18n/locales.ts';

export interface DeskSettings {
  name: string;
  prefix: string;
  /** Country calling code used to read national phone numbers ("44" for 020 ... in the UK). */
  countryCode: string;
}

export function readSettings(db: Db): DeskSettings {
  const rows = stmt<{
    key: string;
    value: string;
  }>(db, 'SELECT key, value FROM settings').all();
  const m = new Map(rows.map((r) => [r.key, r.value]));
  return {
    name: m.get('desk.name') ?? '',
    prefix: m.get('desk.prefix') ?? 'SB',
    countryCode: m.get('desk.countryCode') ?? '',
  };
}

/** The desk's language: its people's unless they chose their own, and the wall-board's. */
export function deskLanguage(db: Db): Locale {
  const v = stmt<string>(db, "SELECT value FROM settings WHERE key = 'desk.language'")
    .pluck()
    .get();
  return isLocale(v) ? v : 'en';
}

export function writeDeskLanguage(db: Db, language: Locale): void {
  stmt(
    db,
    "INSERT INTO settings (key, value) VALUES ('desk.language', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(language);
}

/** The desk's own update server (the shells' auto-update reads it); null: updates are off. */
export function updatesUrl(db: Db): string | null {
  const v = stmt<string>(db, "SELECT value FROM settings WHERE key = 'updates.url'").pluck().get();
  return v ? v : null;
}

export function writeUpdatesUrl(db: Db, url: string | null): void {
  stmt(
    db,
    "INSERT INTO settings (key, value) VALUES ('updates.url', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(url ?? '');
}

export function writeSettings(db: Db, s: DeskSettings): void {
  const put = stmt(
    db,
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  put.run('desk.name', s.name);
  put.run('desk.prefix', s.prefix);
  put.run('desk.countryCode', s.countryCode);
}

/** A counter moved up to `atLeast` (never down): numbers already issued are not issued again. */
export function raiseCounter(db: Db, name: string, atLeast: number): void {
  stmt(
    db,
    'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)',
  ).run(name, atLeast);
}

/** Next value of a named counter, inside the caller's transaction. */
export function nextCounter(db: Db, name: string): number {
  const row = stmt<{ value: number }>(
    db,
    'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value',
  ).get(name)!;
  return row.value;
}
