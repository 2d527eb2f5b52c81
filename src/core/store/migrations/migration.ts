/**
 * One schema step. Its `sql` is fixed text, exactly what every desk that took the step ran: never
 * built from today's constants or code, and never edited once shipped (add the next migration;
 * test/unit/migrations.test.ts keeps a checksum of each).
 *
 * The SQL functions registered in database.ts (sb_fold, sb_facets, sb_phone_key, sb_account_key)
 * are part of the contract of the migrations that call them (4, 7, 24: sb_fold and sb_facets; 15:
 * sb_phone_key and sb_account_key): they compute derived values (search text, caller keys) that
 * the services keep recomputing the same way, so they follow today's code on purpose.
 * Two values were once interpolated from code: the FTS5 tokenizer clause (a constant that never
 * changed, now spelled out in 1, 4 and 7) and policy version 1 (see 005).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Rebuilds a table others refer to: runs with foreign keys off, checked before it commits. */
  rebuilds?: boolean;
}
