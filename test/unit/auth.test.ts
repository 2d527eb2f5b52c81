import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METHOD_NAMES, contract } from '../../src/shared/contract.ts';
import { ROLE_RANK } from '../../src/shared/domain.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-desk.ts';
import { demoDesk, fingerprint, type TestDesk } from '../helpers/desk.ts';
import { hashCost, hashPassword } from '../../src/core/access/password.ts';
import { deskWithCost, TEST_COST, type CostedDesk } from '../helpers/desk-with-cost.ts';

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
    // At the desk's cost (tests open desks cheaper; password.test.ts pins production's).
    expect(row.password_hash.startsWith(`scrypt$${TEST_COST.N}$8$1$`)).toBe(true);
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
      expect(await t.ok(conn, 'session.get', {})).toEqual({
        user: null,
        language: 'en',
        region: null,
        needsSetup: true,
      });
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

describe('failed sign-ins are throttled per user name (every shell: the core keeps the count)', () => {
  const MIN = 60_000;
  let d: CostedDesk;
  beforeEach(async () => {
    d = await deskWithCost();
  });
  afterEach(() => d.close());
  const wrong = (username = 'analyst') => d.signIn(username, 'not-the-password');
  const throttledFor = (minutes: number) => ({
    ok: false,
    error: {
      code: 'THROTTLED',
      message: `Too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      issues: [{ path: '', rule: 'throttled', limit: minutes }],
    },
  });

  it('after five wrong passwords the right one waits a minute too; then it signs in and the count starts again', async () => {
    for (let i = 0; i < 5; i++)
      expect(await wrong()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const held = await d.signIn('analyst', DEMO_PASSWORD);
    expect(held).toMatchObject(throttledFor(1));
    expect(held.conn.user).toBeNull();
    // Only that user name waits.
    expect(await d.signIn('supervisor', DEMO_PASSWORD)).toMatchObject({ ok: true });
    d.clock.advance(MIN - 1000);
    expect(await d.signIn('analyst', DEMO_PASSWORD)).toMatchObject(throttledFor(1));
    d.clock.advance(1000);
    expect(await d.signIn('analyst', DEMO_PASSWORD)).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++)
      expect(await wrong()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await d.signIn('analyst', DEMO_PASSWORD)).toMatchObject({ ok: true });
  });

  it('each failure after the fifth doubles the wait, up to a quarter of an hour', async () => {
    for (let i = 0; i < 5; i++) await wrong();
    for (const minutes of [1, 2, 4, 8, 15, 15]) {
      expect(await wrong()).toMatchObject(throttledFor(minutes));
      d.clock.advance(minutes * MIN);
      expect(await wrong()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('fifteen quiet minutes forget earlier failures', async () => {
    for (let i = 0; i < 4; i++) await wrong();
    d.clock.advance(15 * MIN);
    for (let i = 0; i < 4; i++) await wrong();
    expect(await d.signIn('analyst', DEMO_PASSWORD)).toMatchObject({ ok: true });
  });

  it('a user name nobody has is throttled exactly like a real one, whatever its case', async () => {
    const answers = async (username: string) => {
      const out = [];
      for (let i = 0; i < 6; i++) {
        const r = await d.signIn(i % 2 ? username.toUpperCase() : username, 'not-the-password');
        out.push(r.ok ? 'ok' : r.error);
      }
      return out;
    };
    const real = await answers('analyst');
    expect(real.at(-1)).toMatchObject({ code: 'THROTTLED' });
    expect(await answers('nobody-here')).toEqual(real);
  });

  it('tries sent all at once cannot slip past the limit', async () => {
    const all = await Promise.all(Array.from({ length: 12 }, () => wrong()));
    const codes = all.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'THROTTLED')).toHaveLength(7);
  });
});

describe('password hashes are brought up to the desk’s cost at sign-in', () => {
  it('a stored hash with older parameters is redone at the next successful sign-in only', async () => {
    const older = { N: 2 ** 9, r: 8, p: 1 };
    const first = await deskWithCost({ passwordCost: older });
    await first.close({ keep: true });
    const d = await deskWithCost({ dir: first.dir, passwordCost: TEST_COST });
    try {
      const before = d.storedHash('analyst');
      expect(hashCost(before)).toEqual(older);
      expect(await d.signIn('analyst', 'not-the-password')).toMatchObject({ ok: false });
      expect(d.storedHash('analyst')).toBe(before);
      expect(await d.signIn('analyst', DEMO_PASSWORD)).toMatchObject({ ok: true });
      const after = d.storedHash('analyst');
      expect(hashCost(after)).toEqual(TEST_COST);
      expect(after.split('$')[4]).not.toBe(before.split('$')[4]); // a new salt with it
      expect(await d.signIn('analyst', DEMO_PASSWORD)).toMatchObject({ ok: true });
      expect(d.storedHash('analyst')).toBe(after); // nothing more to redo
      // Everyone else keeps the old hash until they sign in.
      expect(hashCost(d.storedHash('supervisor'))).toEqual(older);
      // New users get the desk's cost; so does the hash nobody can match.
      const admin = (await d.signIn('admin', DEMO_PASSWORD)).conn;
      await d.desk.call(admin, 'users.create', {
        username: 'newbie',
        displayName: 'New',
        password: 'correct horse battery',
        role: 'analyst',
        tier: 1,
      });
      expect(hashCost(d.storedHash('newbie'))).toEqual(TEST_COST);
    } finally {
      await d.close();
    }
  });

  it('a hash the desk cannot read refuses the sign-in and stays as it was', async () => {
    const d = await deskWithCost();
    try {
      const absurd = (await hashPassword(DEMO_PASSWORD, TEST_COST)).replace(
        /^scrypt\$1024\$/,
        `scrypt$${2 ** 30}$`,
      );
      d.desk.db.prepare("UPDATE users SET password_hash = ? WHERE username = 'tech2'").run(absurd);
      expect(await d.signIn('tech2', DEMO_PASSWORD)).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      });
      expect(d.storedHash('tech2')).toBe(absurd);
    } finally {
      await d.close();
    }
  });

  it('the demo desk hashes its shared, published password once, at the desk’s cost', async () => {
    const d = await deskWithCost();
    try {
      const hashes = new Set(
        d.desk.db
          .prepare("SELECT password_hash FROM users WHERE username <> 'system'")
          .pluck()
          .all() as string[],
      );
      expect(hashes.size).toBe(1);
      expect(hashCost([...hashes][0]!)).toEqual(TEST_COST);
    } finally {
      await d.close();
    }
  });
});
