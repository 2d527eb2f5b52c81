import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METHOD_NAMES, contract } from '../../src/shared/contract.ts';
import { ROLE_RANK } from '../../src/shared/domain.ts';
import { DEMO_PASSWORD } from '../../src/core/demo.ts';
import { demoDesk, fingerprint, type TestDesk } from '../helpers/desk.ts';

describe('sign-in and roles', () => {
  let t: TestDesk;
  beforeEach(async () => {
    t = await demoDesk();
  });
  afterEach(() => t.close());

  it('answers no protected method before sign-in', async () => {
    const conn = t.desk.connect();
    for (const m of METHOD_NAMES.filter((m) => contract[m].access !== 'public')) {
      const r = await t.desk.dispatch(conn, m, {});
      expect(r, m).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const conn = t.desk.connect();
    const a = await t.desk.call(conn, 'auth.signIn', {
      username: 'analyst',
      password: 'wrong-password',
    });
    const b = await t.desk.call(conn, 'auth.signIn', {
      username: 'nobody',
      password: DEMO_PASSWORD,
    });
    expect(a).toEqual(b);
    expect(a).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(conn.user).toBeNull();
  });

  it('a method above the caller’s role is FORBIDDEN and changes nothing', async () => {
    const analyst = await t.as('analyst');
    const supervisor = await t.as('supervisor');
    const before = fingerprint(t.desk);
    for (const [conn, role] of [
      [analyst, 'analyst'],
      [supervisor, 'supervisor'],
    ] as const) {
      for (const m of METHOD_NAMES) {
        const access = contract[m].access;
        if (access === 'public' || ROLE_RANK[access] <= ROLE_RANK[role]) continue;
        const r = await t.desk.dispatch(conn, m, {
          username: 'mallory',
          displayName: 'M',
          password: 'long-enough-pw',
          role: 'admin',
          tier: 3,
          code: 'EVIL',
          name: 'Evil',
        });
        expect(r, `${role} → ${m}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
    expect(fingerprint(t.desk)).toBe(before);
  });

  it('an admin creates a user who can then sign in; the creator is recorded', async () => {
    const admin = await t.as('admin');
    const u = await t.ok(admin, 'users.create', {
      username: 'newbie',
      displayName: 'New Analyst',
      password: 'correct horse battery',
      role: 'analyst',
      tier: 1,
    });
    const row = t.desk.db
      .prepare('SELECT created_by, password_hash FROM users WHERE id = ?')
      .get(u.id) as { created_by: string; password_hash: string };
    expect(row.created_by).toBe(admin.user!.id);
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    const conn = t.desk.connect();
    expect(
      await t.desk.call(conn, 'auth.signIn', {
        username: 'NEWBIE',
        password: 'correct horse battery',
      }),
    ).toMatchObject({ ok: true });
    expect(
      await t.desk.call(admin, 'users.create', {
        username: 'newbie',
        displayName: 'Again',
        password: 'correct horse battery',
        role: 'analyst',
        tier: 1,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'username', rule: 'taken' }] },
    });
  });

  it('a deactivated user loses access on the next call', async () => {
    const analyst = await t.as('analyst');
    t.desk.db.prepare("UPDATE users SET active = 0 WHERE username = 'analyst'").run();
    expect(await t.desk.call(analyst, 'desk.info', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(analyst.user).toBeNull();
  });

  it('sign-out ends the session', async () => {
    const analyst = await t.as('analyst');
    await t.ok(analyst, 'auth.signOut', {});
    expect(await t.desk.call(analyst, 'desk.info', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('a real desk starts empty and is set up once', () => {
  it('needs setup, then refuses a second setup', async () => {
    const t = await demoDesk({ empty: true });
    try {
      const conn = t.desk.connect();
      expect(await t.ok(conn, 'session.get', {})).toEqual({ user: null, needsSetup: true });
      expect(await t.desk.call(conn, 'desk.info', {})).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      });
      const setup = {
        deskName: 'Athens Desk',
        prefix: 'ATH',
        countryCode: '30',
        admin: { username: 'root', displayName: 'Root', password: 'a-long-password' },
      };
      const { user } = await t.ok(conn, 'desk.setup', setup);
      expect(user.role).toBe('admin');
      const info = await t.ok(conn, 'desk.info', {});
      expect(info).toMatchObject({
        name: 'Athens Desk',
        prefix: 'ATH',
        queues: [],
        categories: [],
      });
      const other = t.desk.connect();
      expect(
        await t.desk.call(other, 'desk.setup', {
          ...setup,
          admin: { ...setup.admin, username: 'root2' },
        }),
      ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect(other.user).toBeNull();
      // The admin builds the desk: a queue, a category routed to it.
      const q = await t.ok(conn, 'queues.create', { code: 'SD', name: 'Service Desk' });
      const c = await t.ok(conn, 'categories.create', {
        code: 'ACCOUNT',
        name: 'Account',
        domain: 'Identity',
        defaultQueueId: q.id,
      });
      expect((await t.ok(conn, 'desk.info', {})).categories).toEqual([c]);
    } finally {
      await t.close();
    }
  });
});
