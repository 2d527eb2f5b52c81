/**
 * A workstation restored from a backup, through a real hub over real PostgreSQL: it takes back
 * from the hub what it had made after the backup, never issues a ticket key it had issued
 * before (leased or marked with its own number), and a field desk comes back to exactly its
 * scope, letting go of what left it after the backup.
 */
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, type ManualClock } from '../../src/core/kernel/clock.ts';
import type { Connection } from '../../src/core/kernel/context.ts';
import { openDesk, type Desk } from '../../src/core/kernel/desk.ts';
import {
  HubUnavailable,
  joinDesk,
  syncRound,
  type HubTransport,
} from '../../src/core/sync/client.ts';
import { httpTransport } from '../../src/core/sync/http.ts';
import { dropKeyBlocks } from '../../src/core/sync/keys.ts';
import { BackupRefused, restoreStore } from '../../src/core/store/restore.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-desk.ts';
import { createDesk, createJoinCode } from '../../src/hub/access.ts';
import type { Input, MethodName, Output } from '../../src/shared/contract.ts';
import { demoDesk, T0 } from '../helpers/desk.ts';
import { hubDatabase } from '../helpers/hub.ts';
import { startHubProcess, type HubProcess } from '../helpers/hub-process.ts';
import { TEST_COST } from '../helpers/password-cost.ts';
import { replicatedRows } from '../helpers/sync-desks.ts';

let db: Awaited<ReturnType<typeof hubDatabase>>;
let hub: HubProcess;
const dirs: string[] = [];

beforeAll(async () => {
  db = await hubDatabase();
  hub = await startHubProcess(db.url);
});
afterAll(async () => {
  await hub?.stop();
  await db?.pool.end();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Station {
  dir: string;
  clock: ManualClock;
  desk: Desk;
  conn: Connection;
  online: boolean;
  hub: HubTransport;
}

const ctxOf = (s: Station) => ({
  db: s.desk.db,
  clock: s.clock,
  newId: () => crypto.randomUUID(),
  emit: () => undefined,
});

const open = (dir: string, clock: ManualClock) =>
  openDesk({
    dataDir: dir,
    clock,
    slaTicker: false,
    maintenance: false,
    autoSync: false,
    passwordCost: TEST_COST,
    log: (m, e) => process.env['SB_TEST_LOG'] && console.error(m, e),
  });

async function station(deskId: string, dir: string, scope?: string[]): Promise<Station> {
  const clock = manualClock(T0 + 60_000);
  const desk = await open(dir, clock);
  const s = { dir, clock, desk, online: true } as Station;
  const real = httpTransport(
    hub.url,
    () =>
      s.desk.db.prepare("SELECT value FROM sync_state WHERE key = 'hub.token'").pluck().get() as
        string | undefined,
  );
  const guard =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    (...a: A): Promise<R> =>
      s.online ? f(...a) : Promise.reject(new HubUnavailable('UNREACHABLE', 'no network'));
  s.hub = {
    join: (c, n) => real.join(c, n),
    push: guard((c) => real.push(c)),
    pull: guard((c, o) => real.pull(c, o)),
    keys: guard((k) => real.keys(k)),
  };
  const code = (await createJoinCode(db.pool, deskId, 1, null, scope ? { queues: scope } : null))
    .code;
  await joinDesk(ctxOf(s), s.hub, { url: hub.url, code, name: dir });
  await round(s);
  s.conn = s.desk.connect();
  await signIn(s);
  return s;
}

async function signIn(s: Station) {
  const r = await s.desk.call(s.conn, 'auth.signIn', {
    username: 'supervisor',
    password: DEMO_PASSWORD,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
}

async function round(s: Station) {
  try {
    await syncRound(ctxOf(s), s.hub);
  } catch (e) {
    if (!(e instanceof HubUnavailable)) throw e;
  }
}

async function ok<M extends MethodName>(s: Station, m: M, input: Input<M>): Promise<Output<M>> {
  const r = await s.desk.call(s.conn, m, input);
  if (!r.ok) throw new Error(`${m}: ${JSON.stringify(r.error)}`);
  return r.value;
}

async function takeCall(s: Station, title: string, code = 'NETWORK') {
  const info = await ok(s, 'desk.info', {});
  const cat = info.categories.find((c) => c.code === code)!;
  const r = await ok(s, 'intake.submit', {
    caller: { kind: 'new', name: `Caller ${title}`, organisation: 'Litware' },
    contact: { phone: '020 7946 0991', email: '' },
    accountNumber: `AC-${title.replace(/\W/g, '')}`,
    problems: [
      {
        categoryId: cat.id,
        queueId: cat.defaultQueueId,
        impact: 2,
        urgency: 2,
        title,
        description: 'Taken in the restore test',
      },
    ],
  });
  return r.tickets[0]!;
}

/** The store as it stands now, through SQLite's backup API (the live store is left as it is). */
async function backUp(s: Station): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'sb-backup-')), 'desk.sqlite');
  dirs.push(file.slice(0, file.lastIndexOf('/')));
  await s.desk.db.backup(file);
  return file;
}

/** The disaster and the restore (as `npm run restore` does it), then the desk started again. */
async function restore(s: Station, backup: string): Promise<void> {
  await s.desk.close();
  const r = await restoreStore(s.dir, backup);
  expect(r).toMatchObject({ joined: true, kept: expect.stringContaining('desk.sqlite.replaced-') });
  expect(existsSync(r.kept!)).toBe(true);
  s.desk = await open(s.dir, s.clock);
  s.conn = s.desk.connect();
  await signIn(s);
}

const keysOf = (s: Station) =>
  s.desk.db.prepare('SELECT key FROM tickets ORDER BY key').pluck().all() as string[];

async function founder(deskId: string): Promise<Station> {
  await createDesk(db.pool, { id: deskId, name: deskId });
  const t = await demoDesk({ escalationRules: false });
  await t.desk.close();
  const dir = mkdtempSync(join(tmpdir(), 'sb-office-'));
  dirs.push(dir, t.dir);
  copyFileSync(join(t.dir, 'desk.sqlite'), join(dir, 'desk.sqlite'));
  return station(deskId, dir);
}

describe('a workstation restored from a backup', () => {
  it('refuses a backup that is damaged or not a store, and changes nothing', async () => {
    const office = await founder('RSB');
    const good = await backUp(office);
    await office.desk.close();
    const before = readFileSync(join(office.dir, 'desk.sqlite'));
    const damaged = `${good}.damaged`;
    const bytes = readFileSync(good);
    // A page in the middle overwritten: the file opens, integrity_check finds it.
    bytes.fill(0x5a, 8192, 8192 + 4096);
    writeFileSync(damaged, bytes);
    const notOne = `${good}.txt`;
    writeFileSync(notOne, 'a spreadsheet, not a store');
    for (const file of [damaged, notOne, `${good}.missing`])
      await expect(restoreStore(office.dir, file)).rejects.toThrow(BackupRefused);
    expect(readFileSync(join(office.dir, 'desk.sqlite')).equals(before)).toBe(true);
  });

  it('takes back what it made since, and never issues a key twice', async () => {
    const office = await founder('RST');
    const dir = mkdtempSync(join(tmpdir(), 'sb-laptop-'));
    dirs.push(dir);
    const laptop = await station('RST', dir);
    await takeCall(laptop, 'Before the backup');
    await round(laptop);
    const backup = await backUp(laptop);

    // After the backup: two calls with leased numbers, an edit, and, out of numbers and away from
    // the hub, a call with a key marked with its own number; all of it reaches the hub.
    const after = [
      await takeCall(laptop, 'After the backup 1'),
      await takeCall(laptop, 'After the backup 2'),
    ];
    const t = await ok(laptop, 'tickets.get', { id: after[0]!.id });
    await ok(laptop, 'tickets.update', {
      id: t.id,
      version: t.version,
      changes: { title: 'Edited after the backup' },
    });
    dropKeyBlocks(laptop.desk.db);
    laptop.online = false;
    const marked = await takeCall(laptop, 'Away, out of numbers');
    expect(marked.key).toMatch(/^LON-W2-0001$/);
    laptop.online = true;
    await round(laptop);
    await round(office);
    const issued = keysOf(office);

    await restore(laptop, backup);
    // Before it reaches the hub, a key it issues itself carries the restore's mark.
    laptop.online = false;
    const early = await takeCall(laptop, 'Restored, not caught up');
    expect(early.key).toMatch(/^LON-W2R[0-9A-Z]{5}-0001$/);
    expect(issued).not.toContain(early.key);
    laptop.online = true;
    await round(laptop);
    await round(office);
    await round(laptop);

    // What it made after the backup is back, as the hub has it; both hold the same desk.
    const back = await ok(laptop, 'tickets.get', { id: after[0]!.id });
    expect(back.title).toBe('Edited after the backup');
    expect(keysOf(laptop)).toContain(marked.key);
    expect(replicatedRows(laptop.desk.db)).toEqual(replicatedRows(office.desk.db));

    // New keys are new: leased ones, and marked ones past the mark it had used.
    const fresh = await takeCall(laptop, 'After the restore');
    expect(issued).not.toContain(fresh.key);
    dropKeyBlocks(laptop.desk.db);
    laptop.online = false;
    const markedAgain = await takeCall(laptop, 'Away again');
    expect(markedAgain.key).toBe('LON-W2-0002');
    laptop.online = true;
    await round(laptop);
    await round(office);
    const all = keysOf(office);
    expect(new Set(all).size).toBe(all.length);
    for (const s of [office, laptop]) await s.desk.close();
  });

  it('a field desk comes back to exactly its scope', async () => {
    const office = await founder('RSF');
    const info = await ok(office, 'desk.info', {});
    const field = info.queues.find((q) => q.code === 'FLD')!;
    const net = info.queues.find((q) => q.code === 'NET')!;
    const stays = await takeCall(office, 'Stays in the field', 'ONSITE');
    const leaves = await takeCall(office, 'Leaves the field', 'ONSITE');
    await round(office);
    const dir = mkdtempSync(join(tmpdir(), 'sb-field-'));
    dirs.push(dir);
    const laptop = await station('RSF', dir, [field.id]);
    expect(keysOf(laptop)).toEqual([stays.key, leaves.key].sort());
    const backup = await backUp(laptop);

    const own = await takeCall(laptop, 'Taken in the field', 'ONSITE');
    await round(laptop);
    const l = await ok(office, 'tickets.get', { id: leaves.id });
    await ok(office, 'tickets.update', {
      id: l.id,
      version: l.version,
      changes: { queueId: net.id },
    });
    await round(office);
    await round(laptop);
    expect(keysOf(laptop)).toEqual([stays.key, own.key].sort());

    await restore(laptop, backup);
    expect(keysOf(laptop)).toContain(leaves.key);
    await round(laptop);
    expect(keysOf(laptop)).toEqual([stays.key, own.key].sort());
    const inField = office.desk.db
      .prepare('SELECT key FROM tickets WHERE queue_id = ? ORDER BY key')
      .pluck()
      .all(field.id) as string[];
    expect(keysOf(laptop)).toEqual(inField);
    for (const s of [office, laptop]) await s.desk.close();
  });
});
