import { randomBytes, randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createDesk, createJoinCode, join, type Workstation } from '../../src/hub/access.ts';
import { migrate } from '../../src/hub/migrations.ts';
import { ensureDatabase, openPool } from '../../src/hub/postgres.ts';
import type { Change } from '../../src/shared/sync.ts';

/** A hub database of its own on the run's PostgreSQL, migrated. */
export async function hubDatabase(): Promise<{ url: string; pool: ReturnType<typeof openPool> }> {
  const url = await ensureDatabase(inject('pgUrl'), `hub_${randomBytes(6).toString('hex')}`);
  const pool = openPool(url);
  await migrate(pool);
  return { url, pool };
}

/** A desk with `n` joined workstations. */
export async function deskWith(
  pool: ReturnType<typeof openPool>,
  deskId: string,
  n: number,
): Promise<(Workstation & { token: string })[]> {
  await createDesk(pool, { id: deskId, name: `Desk ${deskId}` });
  const out = [];
  for (let i = 0; i < n; i++) {
    const { code } = await createJoinCode(pool, deskId);
    const j = await join(pool, code, `Workstation ${i + 1}`);
    out.push({ id: j.workstationId, deskId, name: `Workstation ${i + 1}`, token: j.token });
  }
  return out;
}

let counter = 0;
/** A change as a workstation makes it, its clock at `wall` (now by default). */
export function change(over: Partial<Change> = {}, wall = Date.now()): Change {
  counter++;
  return {
    id: randomUUID(),
    hlc: `${String(wall).padStart(15, '0')}-${(counter % 65536).toString(16).padStart(4, '0')}-00000000000000aa`,
    author: '0190a000-0000-7000-8000-0000000000aa',
    table: 'tickets',
    key: `t${counter}`,
    fields: { status: 'open' },
    ...over,
  };
}
