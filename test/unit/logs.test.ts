/**
 * The desk's structured log on a real desk folder: each call a JSON line with its request id,
 * method, user, time and outcome, every INTERNAL with its cause, never an input (no caller's
 * name, number or password), rotated by size; and the support bundle an admin sends to IT.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DESK_FILE, openDesk, type Desk } from '../../src/core/kernel/desk.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-desk.ts';
import { LOG_FILE, LOG_FOLDER } from '../../src/core/logging/desk-log.ts';
import { TEST_COST } from '../helpers/password-cost.ts';
import { demoDesk, validIntake, type TestDesk } from '../helpers/desk.ts';

const dirs: string[] = [];
const desks: Desk[] = [];
afterEach(async () => {
  for (const d of desks.splice(0)) await d.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function loggedDesk(rotateAt?: string) {
  const template = await demoDesk();
  const dir = mkdtempSync(join(tmpdir(), 'sb-logs-'));
  dirs.push(dir);
  copyFileSync(template.desk.file, join(dir, DESK_FILE));
  await template.close();
  const faults: string[] = [];
  const desk = await openDesk({
    dataDir: dir,
    slaTicker: false,
    passwordCost: TEST_COST,
    logFile: { shell: 'test', ...(rotateAt ? { rotateAt } : {}) },
    about: { app: '9.9.9', shell: 'test' },
    log: (m) => faults.push(m),
  });
  desks.push(desk);
  return { desk, dir, faults };
}

const records = (dir: string) =>
  readFileSync(join(dir, LOG_FOLDER, LOG_FILE), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the desk log', () => {
  it('a line per call with request id, method, user, time and outcome; no input in it', async () => {
    const { desk, dir } = await loggedDesk();
    const conn = desk.connect();
    await desk.call(conn, 'auth.signIn', { username: 'analyst', password: DEMO_PASSWORD });
    await desk.call(desk.connect(), 'auth.signIn', {
      username: 'analyst',
      password: 'wrong-password-123',
    });
    const t = {
      desk,
      ok: async (c: typeof conn, m: never, i: never) =>
        ((await desk.call(c, m, i)) as { value: never }).value,
    } as unknown as TestDesk;
    const input = await validIntake(t, conn, 1);
    const intake = {
      ...input,
      caller: { kind: 'new' as const, name: 'Zenobia Quartermaine', organisation: 'Hushhush Ltd' },
      contact: { phone: '020 7946 0777', email: 'zenobia@example.org' },
      accountNumber: 'SECRET-ACC-42',
    };
    const r = await desk.call(conn, 'intake.submit', intake as never);
    expect(r.ok).toBe(true);
    await desk.close();
    desks.length = 0;
    const text = readFileSync(join(dir, LOG_FOLDER, LOG_FILE), 'utf8');
    for (const secret of [
      DEMO_PASSWORD,
      'wrong-password-123',
      'Zenobia',
      'Hushhush',
      '7946 0777',
      'zenobia@',
      'SECRET-ACC',
    ])
      expect(text, secret).not.toContain(secret);
    const calls = records(dir)
      .filter((r) => r['msg'] === 'call')
      .map((r) => r['call'] as Record<string, unknown>);
    expect(calls.map((c) => [c['method'], c['outcome']])).toEqual(
      expect.arrayContaining([
        ['auth.signIn', 'ok'],
        ['auth.signIn', 'UNAUTHENTICATED'],
        ['intake.submit', 'ok'],
      ]),
    );
    const submit = calls.find((c) => c['method'] === 'intake.submit')!;
    expect(submit['req']).toMatch(/^[0-9a-f]{12}$/);
    expect(submit['user']).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof submit['ms']).toBe('number');
    expect(new Set(calls.map((c) => c['req'])).size).toBe(calls.length);
  });

  it('an INTERNAL is logged with its cause and request id; the answer says nothing of it', async () => {
    const { desk, dir, faults } = await loggedDesk();
    const conn = desk.connect();
    await desk.call(conn, 'auth.signIn', { username: 'analyst', password: DEMO_PASSWORD });
    desk.db.close();
    const r = await desk.call(conn, 'desk.info', {});
    expect(!r.ok && r.error.code).toBe('INTERNAL');
    expect(faults[0]).toMatch(
      /^INTERNAL: desk\.info failed for analyst .*\(request [0-9a-f]{12}\)$/,
    );
    // Written once the log is closed (the desk flushes it as it stops).
    await desk.close();
    desks.length = 0;
    const fault = records(dir).find((x) => x['level'] === 50)!;
    expect(fault['msg']).toBe(faults[0]);
    expect((fault['err'] as { stack: string }).stack).toMatch(/not open/);
    expect(fault['shell']).toBe('test');
  });

  it('rotates by size and keeps ten', async () => {
    const { desk, dir } = await loggedDesk('16K');
    const conn = desk.connect();
    for (let i = 0; i < 1500; i++) await desk.call(conn, 'session.get', {});
    await desk.close();
    desks.length = 0;
    const files = readdirSync(join(dir, LOG_FOLDER));
    expect(files).toContain(LOG_FILE);
    expect(files.length).toBeGreaterThan(2);
    // The current file, ten rotated ones, and the rotation's own history file.
    expect(files.filter((f) => f.endsWith('.log')).length).toBeLessThanOrEqual(11);
  });
});

describe('the support bundle', () => {
  it('admins only: the release, store counts, the log’s end, and no customer data', async () => {
    const { desk } = await loggedDesk();
    const analyst = desk.connect();
    await desk.call(analyst, 'auth.signIn', { username: 'analyst', password: DEMO_PASSWORD });
    const refused = await desk.call(analyst, 'support.bundle', {});
    expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
    const admin = desk.connect();
    await desk.call(admin, 'auth.signIn', { username: 'admin', password: DEMO_PASSWORD });
    const r = await desk.call(admin, 'support.bundle', {});
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const b = r.value;
    expect(b.release).toMatchObject({ app: '9.9.9', shell: 'test', node: process.versions.node });
    expect(b.release.schema).toBeGreaterThanOrEqual(26);
    expect(b.store.rows['customers']).toBe(
      desk.db.prepare('SELECT count(*) FROM customers').pluck().get(),
    );
    expect(b.store.rows['tickets']).toBe(
      desk.db.prepare('SELECT count(*) FROM tickets').pluck().get(),
    );
    expect(b.logs.map((l) => l.name)).toContain(LOG_FILE);
    expect(b.logTail).toContain('"method":"auth.signIn"');
    const json = JSON.stringify(b);
    for (const name of desk.db.prepare('SELECT name FROM customers').pluck().all() as string[])
      expect(json).not.toContain(name);
  });

  it('a desk without a log file still gives one (its log is elsewhere)', async () => {
    expect(existsSync).toBeDefined();
    const t = await demoDesk();
    try {
      const admin = await t.as('admin');
      const b = await t.ok(admin, 'support.bundle', {});
      expect(b.logs).toEqual([]);
      expect(b.logTail).toBe('');
    } finally {
      await t.close();
    }
  });
});
