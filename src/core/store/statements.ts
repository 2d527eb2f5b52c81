import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';

const caches = new WeakMap<Db, Map<string, Statement>>();

/**
 * A prepared statement, prepared once per connection, its rows typed where the SQL is read
 * (`stmt<{ id: string }>(db, 'SELECT id ...').get(x)`), so no reader retypes them with a cast. Preparing costs tens of microseconds a
 * time, which adds up to a millisecond on an intake; the set of distinct SQL texts is small
 * (filters combine into a few dozen shapes), so the cache stays small.
 */
export function stmt<Row = unknown>(db: Db, sql: string): Statement<unknown[], Row> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s as Statement<unknown[], Row>;
}
