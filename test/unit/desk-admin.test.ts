import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/core/kernel/context.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-desk.ts';
import { localEndpoint } from '../../src/core/kernel/endpoint.ts';
import { SYSTEM_USER_ID } from '../../src/core/sla/clocks.ts';
import { migrate, openDatabase } from '../../src/core/store/database.ts';
import type { Input, MethodName } from '../../src/shared/contract.ts';
import type { ErrorCode } from '../../src/shared/errors.ts';
import type { AdminDirectory } from '../../src/shared/views.ts';
import { demoDesk, fingerprint, validIntake, type TestDesk } from '../helpers/desk.ts';

const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

let t: TestDesk;
let admin: Connection;
beforeEach(async () => {
  t = await demoDesk();
  admin = await t.as('admin');
});
afterEach(() => t.close());

const directory = (): Promise<AdminDirectory> => t.ok(admin, 'admin.directory', {});
const queue = async (code: string) => (await directory()).queues.find((q) => q.code === code)!;
const category = async (code: string) =>
  (await directory()).categories.find((c) => c.code === code)!;
const person = async (username: string) =>
  (await directory()).people.find((p) => p.username === username)!;
const deskEvents = () =>
  (
    t.desk.db.prepare('SELECT type, data, actor_id FROM desk_events ORDER BY rowid').all() as {
      type: string;
      data: string;
      actor_id: string;
    }[]
  ).map((e) => ({ type: e.type, data: JSON.parse(e.data) as unknown, by: e.actor_id }));

/** The call is refused with this code (and this rule on this path, when given); nothing is written. */
async function refused<M extends MethodName>(
  conn: Connection,
  method: M,
  input: Input<M>,
  code: ErrorCode,
  issue?: { path?: string; rule?: string },
): Promise<string> {
  const before = fingerprint(t.desk);
  const r = await t.desk.call(conn, method, input);
  expect(r.ok, `${method} should be refused`).toBe(false);
  if (r.ok) return '';
  expect(r.error.code).toBe(code);
  if (issue) expect(r.error.issues).toContainEqual(expect.objectContaining(issue));
  expect(fingerprint(t.desk)).toBe(before);
  return r.error.message;
}

/** A ticket in the given queue (and category), opened by `conn`. */
async function ticketIn(conn: Connection, queueId: string, categoryId?: string) {
  const input = await validIntake(t, conn, 1);
  input.accountNumber = '';
  input.problems[0] = {
    ...input.problems[0]!,
    queueId,
    ...(categoryId ? { categoryId } : {}),
  };
  return (await t.ok(conn, 'intake.submit', input)).tickets[0]!;
}

describe('queues: edit, disable, enable', () => {
  it('renames and re-codes a queue (trimmed), versioned, recorded, announced; tickets keep it', async () => {
    const net = await queue('NET');
    const analyst = await t.as('analyst');
    const ticket = await ticketIn(analyst, net.id);
    t.events.length = 0;
    const saved = await t.ok(admin, 'queues.update', {
      id: net.id,
      expectedVersion: net.version,
      code: 'NETOPS',
      name: '  Network Operations Centre  ',
    });
    expect(saved).toMatchObject({
      id: net.id,
      code: 'NETOPS',
      name: 'Network Operations Centre',
      version: net.version + 1,
      active: true,
    });
    expect((await t.ok(analyst, 'desk.info', {})).queues).toContainEqual({
      id: net.id,
      code: 'NETOPS',
      name: 'Network Operations Centre',
      active: true,
    });
    expect((await t.ok(analyst, 'tickets.get', { id: ticket.id })).queueId).toBe(net.id);
    expect(deskEvents()).toEqual([
      {
        type: 'queue_changed',
        by: admin.user!.id,
        data: {
          id: net.id,
          changes: {
            code: { from: 'NET', to: 'NETOPS' },
            name: { from: 'Network Operations', to: 'Network Operations Centre' },
          },
        },
      },
    ]);
    expect(t.events).toContainEqual({ name: 'desk.changed', payload: { type: 'queue_changed' } });
    // Saving what is already there changes nothing, not even the version.
    const before = fingerprint(t.desk);
    await t.ok(admin, 'queues.update', {
      id: net.id,
      expectedVersion: saved.version,
      code: 'NETOPS',
      name: 'Network Operations Centre',
    });
    expect(fingerprint(t.desk)).toBe(before);
  });

  it('refuses a stale edit, a taken code, an empty name and an unknown queue; writes nothing', async () => {
    const net = await queue('NET');
    const ok = { id: net.id, expectedVersion: net.version, code: 'NET', name: 'Network' };
    await refused(admin, 'queues.update', { ...ok, expectedVersion: net.version + 1 }, 'CONFLICT', {
      path: '',
      rule: 'stale',
    });
    await refused(admin, 'queues.update', { ...ok, code: 'DSK' }, 'VALIDATION', {
      path: 'code',
      rule: 'taken',
    });
    await refused(admin, 'queues.update', { ...ok, name: '   ' }, 'VALIDATION', { path: 'name' });
    await refused(admin, 'queues.update', { ...ok, code: 'net ops' }, 'VALIDATION', {
      path: 'code',
    });
    await refused(admin, 'queues.update', { ...ok, id: UNKNOWN_ID }, 'NOT_FOUND');
    await refused(
      admin,
      'queues.setActive',
      { id: net.id, expectedVersion: 99, active: false },
      'CONFLICT',
      { rule: 'stale' },
    );
  });

  it('refuses to disable a queue new work is routed to, naming each use, until they are moved', async () => {
    const net = await queue('NET');
    const message = await refused(
      admin,
      'queues.setActive',
      { id: net.id, expectedVersion: net.version, active: false },
      'CONFLICT',
      { path: 'active', rule: 'in_use' },
    );
    expect(message).toContain('Network outage, VPN or remote access');
    expect(message).toContain('tier 1 of Network');
    expect(net.usedBy).toEqual({
      categories: ['Network outage', 'VPN or remote access'],
      tiers: [{ domain: 'Network', level: 1 }],
    });

    // Route both categories and the tier elsewhere: then it may go.
    const sd = await queue('SD');
    for (const code of ['NETWORK', 'VPN']) {
      const c = await category(code);
      await t.ok(admin, 'categories.update', {
        id: c.id,
        expectedVersion: c.version,
        code: c.code,
        name: c.name,
        domain: c.domain,
        defaultQueueId: sd.id,
      });
    }
    const info = await t.ok(admin, 'desk.info', {});
    const network = info.domains.find((d) => d.name === 'Network')!;
    await t.ok(admin, 'tiers.set', { domainId: network.id, level: 1, queueId: sd.id });
    const free = await queue('NET');
    expect(free.usedBy).toEqual({ categories: [], tiers: [] });
    const off = await t.ok(admin, 'queues.setActive', {
      id: net.id,
      expectedVersion: free.version,
      active: false,
    });
    expect(off).toMatchObject({ active: false, version: free.version + 1 });
    expect(deskEvents().map((e) => e.type)).toEqual([
      'category_changed',
      'category_changed',
      'tier_set',
      'queue_disabled',
    ]);
  });

  it('a disabled queue is offered for no new work but still names the tickets in it; enabled, it is offered again', async () => {
    const analyst = await t.as('analyst');
    const supervisor = await t.as('supervisor');
    const tmp = await t.ok(admin, 'queues.create', { code: 'TMP', name: 'Temporary desk' });
    const ticket = await ticketIn(analyst, tmp.id);
    const off = await t.ok(admin, 'queues.setActive', {
      id: tmp.id,
      expectedVersion: 1,
      active: false,
    });
    expect(off).toMatchObject({ active: false, openTickets: 1 });

    // Still named: desk info, the ticket, the wall-board (it still holds open work).
    expect((await t.ok(analyst, 'desk.info', {})).queues).toContainEqual({
      id: tmp.id,
      code: 'TMP',
      name: 'Temporary desk',
      active: false,
    });
    expect((await t.ok(analyst, 'tickets.get', { id: ticket.id })).queueId).toBe(tmp.id);
    const wall = await t.ok(supervisor, 'wallboard.get', {});
    expect(wall.openByQueue).toContainEqual({ queueId: tmp.id, name: 'Temporary desk', open: 1 });

    // Not offered: intake, moving a ticket there, a split, a category's route, a tier.
    const intake = await validIntake(t, analyst, 1);
    intake.accountNumber = '';
    intake.problems[0] = { ...intake.problems[0]!, queueId: tmp.id };
    await refused(analyst, 'intake.submit', intake, 'VALIDATION', {
      path: 'problems.0.queueId',
    });
    const other = await ticketIn(analyst, (await queue('NET')).id);
    await refused(
      analyst,
      'tickets.update',
      { id: other.id, version: 1, changes: { queueId: tmp.id } },
      'VALIDATION',
      { path: 'changes.queueId', rule: 'unknown' },
    );
    const network = await category('NETWORK');
    await refused(
      admin,
      'categories.create',
      { code: 'NEWCAT', name: 'New', domain: 'Network', defaultQueueId: tmp.id },
      'VALIDATION',
      { path: 'defaultQueueId', rule: 'unknown' },
    );
    await refused(
      admin,
      'categories.update',
      {
        id: network.id,
        expectedVersion: network.version,
        code: network.code,
        name: network.name,
        domain: network.domain,
        defaultQueueId: tmp.id,
      },
      'VALIDATION',
      { path: 'defaultQueueId', rule: 'unknown' },
    );
    const domainId = (await t.ok(admin, 'desk.info', {})).domains[0]!.id;
    await refused(admin, 'tiers.set', { domainId, level: 1, queueId: tmp.id }, 'VALIDATION', {
      path: 'queueId',
    });

    // Its own open ticket is still worked: it can be moved out.
    const net = await queue('NET');
    await t.ok(analyst, 'tickets.update', {
      id: ticket.id,
      version: 1,
      changes: { queueId: net.id },
    });
    const drained = await t.ok(supervisor, 'wallboard.get', {});
    expect(drained.openByQueue.map((q) => q.queueId)).not.toContain(tmp.id);

    // Enabled again, it is offered again.
    await t.ok(admin, 'queues.setActive', { id: tmp.id, expectedVersion: 2, active: true });
    await t.ok(analyst, 'intake.submit', intake);
    expect(deskEvents().map((e) => e.type)).toEqual([
      'queue_created',
      'queue_disabled',
      'queue_enabled',
    ]);
  });
});

describe('categories: edit, disable, enable', () => {
  it('renames, re-routes and moves a category to a new domain; old tickets keep theirs', async () => {
    const analyst = await t.as('analyst');
    const vpn = await category('VPN');
    const before = await ticketIn(analyst, vpn.defaultQueueId, vpn.id);
    const app = await queue('APP');
    const saved = await t.ok(admin, 'categories.update', {
      id: vpn.id,
      expectedVersion: vpn.version,
      code: 'REMOTE',
      name: ' Remote access ',
      domain: 'Remote work',
      defaultQueueId: app.id,
    });
    expect(saved).toMatchObject({
      code: 'REMOTE',
      name: 'Remote access',
      domain: 'Remote work',
      defaultQueueId: app.id,
      version: vpn.version + 1,
      active: true,
    });
    // A new domain starts with the category's queue as its tier 1.
    const info = await t.ok(analyst, 'desk.info', {});
    const remote = info.domains.find((d) => d.name === 'Remote work')!;
    expect(remote.tiers.map((x) => [x.level, x.queueId])).toEqual([[1, app.id]]);
    const network = info.domains.find((d) => d.name === 'Network')!;
    const old = await t.ok(analyst, 'tickets.get', { id: before.id });
    expect([old.queueId, old.domainId]).toEqual([vpn.defaultQueueId, network.id]);
    const after = await ticketIn(analyst, app.id, vpn.id);
    expect((await t.ok(analyst, 'tickets.get', { id: after.id })).domainId).toBe(remote.id);
    expect(deskEvents()).toEqual([
      {
        type: 'category_changed',
        by: admin.user!.id,
        data: {
          id: vpn.id,
          changes: {
            code: { from: 'VPN', to: 'REMOTE' },
            name: { from: 'VPN or remote access', to: 'Remote access' },
            domain: { from: 'Network', to: 'Remote work' },
            defaultQueueId: { from: vpn.defaultQueueId, to: app.id },
          },
        },
      },
    ]);
  });

  it('refuses a stale edit, a taken code, an empty name or domain, an unknown queue or category', async () => {
    const vpn = await category('VPN');
    const ok = {
      id: vpn.id,
      expectedVersion: vpn.version,
      code: vpn.code,
      name: vpn.name,
      domain: vpn.domain,
      defaultQueueId: vpn.defaultQueueId,
    };
    await refused(admin, 'categories.update', { ...ok, expectedVersion: 7 }, 'CONFLICT', {
      rule: 'stale',
    });
    await refused(admin, 'categories.update', { ...ok, code: 'NETWORK' }, 'VALIDATION', {
      path: 'code',
      rule: 'taken',
    });
    await refused(admin, 'categories.update', { ...ok, name: ' ' }, 'VALIDATION', {
      path: 'name',
    });
    await refused(admin, 'categories.update', { ...ok, domain: '' }, 'VALIDATION', {
      path: 'domain',
    });
    await refused(admin, 'categories.update', { ...ok, defaultQueueId: UNKNOWN_ID }, 'VALIDATION', {
      path: 'defaultQueueId',
      rule: 'unknown',
    });
    await refused(admin, 'categories.update', { ...ok, id: UNKNOWN_ID }, 'NOT_FOUND');
    await refused(
      admin,
      'categories.setActive',
      { id: UNKNOWN_ID, expectedVersion: 1, active: false },
      'NOT_FOUND',
    );
  });

  it('a disabled category is offered for no new work, still names its tickets; enabled again it is', async () => {
    const analyst = await t.as('analyst');
    const vpn = await category('VPN');
    const ticket = await ticketIn(analyst, vpn.defaultQueueId, vpn.id);
    const off = await t.ok(admin, 'categories.setActive', {
      id: vpn.id,
      expectedVersion: vpn.version,
      active: false,
    });
    expect(off).toMatchObject({ active: false, version: vpn.version + 1 });
    expect((await t.ok(analyst, 'desk.info', {})).categories).toContainEqual(
      expect.objectContaining({ id: vpn.id, name: 'VPN or remote access', active: false }),
    );
    expect((await t.ok(analyst, 'tickets.get', { id: ticket.id })).categoryId).toBe(vpn.id);

    const intake = await validIntake(t, analyst, 1);
    intake.accountNumber = '';
    intake.problems[0] = { ...intake.problems[0]!, categoryId: vpn.id };
    await refused(analyst, 'intake.submit', intake, 'VALIDATION', {
      path: 'problems.0.categoryId',
    });
    const other = await ticketIn(analyst, vpn.defaultQueueId);
    await refused(
      analyst,
      'tickets.update',
      { id: other.id, version: 1, changes: { categoryId: vpn.id } },
      'VALIDATION',
      { path: 'changes.categoryId', rule: 'unknown' },
    );
    // No longer a route that holds its queue back: NET is still VPN's queue, but only NETWORK counts.
    expect((await queue('NET')).usedBy.categories).toEqual(['Network outage']);

    await t.ok(admin, 'categories.setActive', {
      id: vpn.id,
      expectedVersion: off.version,
      active: true,
    });
    await t.ok(analyst, 'intake.submit', intake);
    expect(deskEvents().map((e) => e.type)).toEqual(['category_disabled', 'category_enabled']);
  });

  it('refuses to enable a category routed to a disabled queue, naming the queue', async () => {
    const tmp = await t.ok(admin, 'queues.create', { code: 'TMP', name: 'Temporary' });
    const cat = await t.ok(admin, 'categories.create', {
      code: 'TMPCAT',
      name: 'Temporary work',
      domain: 'Network',
      defaultQueueId: tmp.id,
    });
    await t.ok(admin, 'categories.setActive', { id: cat.id, expectedVersion: 1, active: false });
    await t.ok(admin, 'queues.setActive', { id: tmp.id, expectedVersion: 1, active: false });
    const message = await refused(
      admin,
      'categories.setActive',
      { id: cat.id, expectedVersion: 2, active: true },
      'CONFLICT',
      { path: 'defaultQueueId', rule: 'queue_disabled' },
    );
    expect(message).toContain('TMP');
  });
});

describe('people: edit, disable, enable, reset a password', () => {
  it('edits display name, role, tier and domains; versioned and recorded', async () => {
    const analyst = await person('analyst');
    const info = await t.ok(admin, 'desk.info', {});
    const [network, identity] = ['Network', 'Identity'].map(
      (n) => info.domains.find((d) => d.name === n)!.id,
    );
    const saved = await t.ok(admin, 'users.update', {
      id: analyst.id,
      expectedVersion: analyst.version,
      displayName: '  Amira H.  ',
      role: 'supervisor',
      tier: 2,
      domainIds: [network!, identity!, network!],
    });
    expect(saved).toMatchObject({
      displayName: 'Amira H.',
      role: 'supervisor',
      tier: 2,
      domainIds: [network!, identity!].sort(),
      version: analyst.version + 1,
      active: true,
    });
    // The new role counts at once: the supervisor may now read the tier report.
    const conn = await t.as('analyst');
    await t.ok(conn, 'escalations.report', {});
    expect(deskEvents()).toEqual([
      {
        type: 'user_changed',
        by: admin.user!.id,
        data: {
          id: analyst.id,
          changes: {
            displayName: { from: 'Amira Haddad', to: 'Amira H.' },
            role: { from: 'analyst', to: 'supervisor' },
            tier: { from: 1, to: 2 },
            domainIds: { from: [], to: [network!, identity!].sort() },
          },
        },
      },
    ]);
  });

  it('refuses a stale edit, an empty name, an unknown domain, an unknown person or the system user', async () => {
    const p = await person('tech2');
    const ok = {
      id: p.id,
      expectedVersion: p.version,
      displayName: p.displayName,
      role: p.role,
      tier: p.tier,
      domainIds: p.domainIds,
    };
    await refused(admin, 'users.update', { ...ok, expectedVersion: 5 }, 'CONFLICT', {
      rule: 'stale',
    });
    await refused(admin, 'users.update', { ...ok, displayName: '  ' }, 'VALIDATION', {
      path: 'displayName',
    });
    await refused(admin, 'users.update', { ...ok, domainIds: [UNKNOWN_ID] }, 'VALIDATION', {
      path: 'domainIds.0',
      rule: 'unknown',
    });
    await refused(admin, 'users.update', { ...ok, id: UNKNOWN_ID }, 'NOT_FOUND');
    await refused(admin, 'users.update', { ...ok, id: SYSTEM_USER_ID }, 'NOT_FOUND');
    await refused(
      admin,
      'users.setActive',
      { id: SYSTEM_USER_ID, expectedVersion: 1, active: true },
      'NOT_FOUND',
    );
    await refused(
      admin,
      'users.resetPassword',
      { id: SYSTEM_USER_ID, password: 'a-new-password' },
      'NOT_FOUND',
    );
    expect((await directory()).people.map((x) => x.username)).not.toContain('system');
  });

  it('an admin cannot disable themselves nor demote the last admin', async () => {
    const me = await person('admin');
    await refused(
      admin,
      'users.setActive',
      { id: me.id, expectedVersion: me.version, active: false },
      'CONFLICT',
      { path: 'active', rule: 'self_disable' },
    );
    await refused(
      admin,
      'users.update',
      {
        id: me.id,
        expectedVersion: me.version,
        displayName: me.displayName,
        role: 'supervisor',
        tier: me.tier,
        domainIds: [],
      },
      'CONFLICT',
      { path: 'role', rule: 'last_admin' },
    );
    // With a second admin, the first may step down (and then loses the admin methods at once).
    await t.ok(admin, 'users.create', {
      username: 'second',
      displayName: 'Second Admin',
      password: 'second-admin-password',
      role: 'admin',
      tier: 3,
    });
    await t.ok(admin, 'users.update', {
      id: me.id,
      expectedVersion: me.version,
      displayName: me.displayName,
      role: 'supervisor',
      tier: me.tier,
      domainIds: [],
    });
    await refused(admin, 'admin.directory', {}, 'FORBIDDEN');
    expect(deskEvents().map((e) => e.type)).toEqual(['user_created', 'user_changed']);
    // The history of a new user never holds the password.
    expect(JSON.stringify(deskEvents())).not.toContain('second-admin-password');
  });

  it('a disabled person cannot sign in, their sessions end, they are offered as nobody’s assignee; their work stays', async () => {
    const endpoint = localEndpoint(t.desk);
    const heard: string[][] = [];
    endpoint.onEvent((_e, to) => heard.push(to));
    const session = await endpoint.open();
    await endpoint.dispatch(session, 'auth.signIn', {
      username: 'tech2',
      password: DEMO_PASSWORD,
    });
    const colleague = await endpoint.open();
    await endpoint.dispatch(colleague, 'auth.signIn', {
      username: 'tech3',
      password: DEMO_PASSWORD,
    });
    const analyst = await t.as('analyst');
    const tech2 = await person('tech2');
    const ticket = await ticketIn(analyst, (await queue('NET')).id);
    await t.ok(analyst, 'tickets.assign', { id: ticket.id, assigneeId: tech2.id, version: 1 });
    expect(heard.at(-1)).toContain(session);

    const off = await t.ok(admin, 'users.setActive', {
      id: tech2.id,
      expectedVersion: tech2.version,
      active: false,
    });
    // Their ticket, and its call-back (the assignee owes it), stay theirs and are counted.
    expect(off).toMatchObject({ active: false, openTickets: 1, callbacks: 1 });
    // The live session hears nothing more and its next call is refused.
    heard.length = 0;
    await t.ok(analyst, 'tickets.addNote', { id: ticket.id, text: 'still here' });
    expect(heard.length).toBeGreaterThan(0);
    for (const to of heard) expect(to).toEqual([colleague]);
    expect(await endpoint.dispatch(session, 'desk.info', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await endpoint.dispatch(session, 'session.get', {})).toMatchObject({
      ok: true,
      value: { user: null },
    });

    // Signing in is refused in plain words, but only to whoever knows the password.
    const conn = t.desk.connect();
    await refused(
      conn,
      'auth.signIn',
      { username: 'tech2', password: DEMO_PASSWORD },
      'UNAUTHENTICATED',
      { path: 'username', rule: 'account_disabled' },
    );
    const wrong = await t.desk.call(conn, 'auth.signIn', { username: 'tech2', password: 'nope' });
    const unknown = await t.desk.call(conn, 'auth.signIn', { username: 'nobody', password: 'x' });
    expect(wrong).toEqual(unknown);
    expect(conn.user).toBeNull();

    // Not an assignee, not an escalation's receiver; still named, and the ticket is still theirs.
    const second = await ticketIn(analyst, (await queue('NET')).id);
    await refused(
      analyst,
      'tickets.assign',
      { id: second.id, assigneeId: tech2.id, version: 1 },
      'VALIDATION',
    );
    const info = await t.ok(analyst, 'desk.info', {});
    expect(info.users).toContainEqual(expect.objectContaining({ id: tech2.id, active: false }));
    expect(info.domains.flatMap((d) => d.tiers.flatMap((x) => x.memberIds))).not.toContain(
      tech2.id,
    );
    expect((await t.ok(analyst, 'tickets.get', { id: ticket.id })).assigneeId).toBe(tech2.id);
    // Supervisors find their open work on the board, by assignee.
    const supervisor = await t.as('supervisor');
    const board = await t.ok(supervisor, 'tickets.board', { filters: { assigneeId: tech2.id } });
    expect(board.columns.flatMap((c) => c.items.map((i) => i.id))).toEqual([ticket.id]);

    // Enabled again: they sign in.
    await t.ok(admin, 'users.setActive', {
      id: tech2.id,
      expectedVersion: off.version,
      active: true,
    });
    await t.as('tech2');
    expect(deskEvents().map((e) => [e.type, e.data])).toEqual([
      ['user_disabled', { id: tech2.id, openTickets: 1, callbacks: 1 }],
      ['user_enabled', { id: tech2.id }],
    ]);
  });

  it('a reset password is temporary: its owner signs in with it and must choose their own first', async () => {
    const before = await t.as('tech3'); // a session from before the reset
    const p = await person('tech3');
    const saved = await t.ok(admin, 'users.resetPassword', {
      id: p.id,
      password: 'temporary-pass-1',
    });
    expect(saved).toMatchObject({ mustChangePassword: true, version: p.version });
    // The session from before ends: it may do nothing but choose a new password.
    expect(await t.desk.call(before, 'desk.info', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', issues: [{ rule: 'password_change_required' }] },
    });
    const conn = t.desk.connect();
    await refused(
      conn,
      'auth.signIn',
      { username: 'tech3', password: DEMO_PASSWORD },
      'UNAUTHENTICATED',
    );
    await t.ok(conn, 'auth.signIn', { username: 'tech3', password: 'temporary-pass-1' });
    expect(await t.ok(conn, 'session.get', {})).toMatchObject({
      user: { username: 'tech3' },
      mustChangePassword: true,
    });
    await refused(conn, 'tickets.counts', {}, 'UNAUTHENTICATED', {
      rule: 'password_change_required',
    });
    // Wrong current password, or the same one again: refused by field, nothing written.
    await refused(
      conn,
      'auth.changePassword',
      { currentPassword: 'not-it-at-all', newPassword: 'my-own-password' },
      'VALIDATION',
      { path: 'currentPassword', rule: 'wrong_password' },
    );
    await refused(
      conn,
      'auth.changePassword',
      { currentPassword: 'temporary-pass-1', newPassword: 'temporary-pass-1' },
      'VALIDATION',
      { path: 'newPassword', rule: 'same_password' },
    );
    await refused(
      conn,
      'auth.changePassword',
      { currentPassword: 'temporary-pass-1', newPassword: 'short' },
      'VALIDATION',
      { path: 'newPassword' },
    );
    await t.ok(conn, 'auth.changePassword', {
      currentPassword: 'temporary-pass-1',
      newPassword: 'my-own-password',
    });
    expect(await t.ok(conn, 'session.get', {})).not.toHaveProperty('mustChangePassword');
    await t.ok(conn, 'tickets.counts', {});
    expect((await person('tech3')).mustChangePassword).toBe(false);
    const again = t.desk.connect();
    await refused(
      again,
      'auth.signIn',
      { username: 'tech3', password: 'temporary-pass-1' },
      'UNAUTHENTICATED',
    );
    await t.ok(again, 'auth.signIn', { username: 'tech3', password: 'my-own-password' });
    const history = deskEvents();
    expect(history.map((e) => [e.type, e.data, e.by])).toEqual([
      ['password_reset', { id: p.id }, admin.user!.id],
      ['password_changed', { id: p.id }, p.id],
    ]);
    expect(JSON.stringify(history)).not.toMatch(/temporary-pass|my-own-password/);
  });

  it('a person with a password change due hears no push events until it is done', async () => {
    const endpoint = localEndpoint(t.desk);
    const heard: string[][] = [];
    endpoint.onEvent((_e, to) => heard.push(to));
    const session = await endpoint.open();
    const colleague = await endpoint.open();
    await endpoint.dispatch(colleague, 'auth.signIn', {
      username: 'tech2',
      password: DEMO_PASSWORD,
    });
    const p = await person('tech3');
    await t.ok(admin, 'users.resetPassword', { id: p.id, password: 'temporary-pass-1' });
    await endpoint.dispatch(session, 'auth.signIn', {
      username: 'tech3',
      password: 'temporary-pass-1',
    });
    const analyst = await t.as('analyst');
    await ticketIn(analyst, (await queue('NET')).id);
    expect(heard.length).toBeGreaterThan(0);
    for (const to of heard) expect(to).toEqual([colleague]);
    // Once the new password is chosen, the session hears again.
    await endpoint.dispatch(session, 'auth.changePassword', {
      currentPassword: 'temporary-pass-1',
      newPassword: 'my-own-password',
    });
    heard.length = 0;
    await ticketIn(analyst, (await queue('NET')).id);
    expect(heard.at(-1)?.sort()).toEqual([colleague, session].sort());
  });
});

describe('only admins administer the desk', () => {
  it('analysts and supervisors get FORBIDDEN from every admin method; nothing is written', async () => {
    const net = await queue('NET');
    const vpn = await category('VPN');
    const tech2 = await person('tech2');
    const calls: { [M in MethodName]?: Input<M> } = {
      'admin.directory': {},
      'queues.update': { id: net.id, expectedVersion: net.version, code: 'X1', name: 'X' },
      'queues.setActive': { id: net.id, expectedVersion: net.version, active: false },
      'categories.update': {
        id: vpn.id,
        expectedVersion: vpn.version,
        code: 'X1',
        name: 'X',
        domain: 'X',
        defaultQueueId: net.id,
      },
      'categories.setActive': { id: vpn.id, expectedVersion: vpn.version, active: false },
      'users.update': {
        id: tech2.id,
        expectedVersion: tech2.version,
        displayName: 'X',
        role: 'admin',
        tier: 3,
      },
      'users.setActive': { id: tech2.id, expectedVersion: tech2.version, active: false },
      'users.resetPassword': { id: tech2.id, password: 'mallory-was-here' },
    };
    for (const username of ['analyst', 'supervisor']) {
      const conn = await t.as(username);
      for (const [method, input] of Object.entries(calls))
        await refused(conn, method as MethodName, input as never, 'FORBIDDEN');
    }
  });
});

describe('migration 16 on a desk with data', () => {
  it('gives existing queues, categories and people version 1 and no password change due', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sb-mig16-')), 'desk.sqlite');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.pragma('foreign_keys = ON');
    old.function('sb_fold', { deterministic: true }, (v: unknown) => String(v ?? ''));
    old.function('sb_facets', { varargs: true }, () => '');
    migrate(old, 14);
    old
      .prepare(
        `INSERT INTO users (id, username, display_name, password_hash, role, tier, created_at)
         VALUES ('u1', 'amira', 'Amira', 'x', 'analyst', 1, 0)`,
      )
      .run();
    old
      .prepare("INSERT INTO queues (id, code, name, created_at) VALUES ('q1', 'SD', 'Desk', 0)")
      .run();
    old
      .prepare(
        `INSERT INTO categories (id, code, name, domain, default_queue_id, created_at)
         VALUES ('c1', 'ACC', 'Account', 'Identity', 'q1', 0)`,
      )
      .run();
    old.close();

    const db = openDatabase(file);
    expect(
      db.prepare("SELECT version, must_change_password FROM users WHERE id = 'u1'").get(),
    ).toEqual({ version: 1, must_change_password: 0 });
    expect(db.prepare("SELECT version FROM queues WHERE id = 'q1'").pluck().get()).toBe(1);
    expect(db.prepare("SELECT version FROM categories WHERE id = 'c1'").pluck().get()).toBe(1);
    expect(() =>
      db.prepare("UPDATE users SET must_change_password = 2 WHERE id = 'u1'").run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
