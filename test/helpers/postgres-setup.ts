import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbedded } from '../../src/hub/postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A real PostgreSQL server (embedded, started once per run) for the hub's tests. */
    pgUrl: string;
  }
}

/** One embedded PostgreSQL for the run (fsync off: a test's cluster is thrown away). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-pg-'));
  const pg = await startEmbedded(dir, { fsync: false });
  project.provide('pgUrl', pg.url);
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
