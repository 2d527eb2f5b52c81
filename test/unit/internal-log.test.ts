/**
 * Every INTERNAL answer is the desk's own fault: it is logged on the desk's side, once, with the
 * method, who called and the error itself (with its stack), and the answer tells the caller
 * nothing of the cause. The faults here are real ones: a corrupt row in the store, a closed
 * store, a listener that throws; no test hook in the code.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo-desk.ts';
import { localEndpoint } from '../../src/core/kernel/endpoint.ts';
import { remoteEndpoint, serveEndpoint, type Port } from '../../src/core/kernel/rpc.ts';
import { count, fingerprint } from '../helpers/desk.ts';
import { freshDesk, type FreshDesk } from '../helpers/fresh-desk.ts';

const INTERNAL = {
  ok: false,
  error: {
    code: 'INTERNAL',
    message: 'Something went wrong on this desk; nothing was saved',
    issues: [],
  },
};

/** An intake the demo desk accepts. */
function intake(t: FreshDesk) {
  const cat = t.desk.db
    .prepare("SELECT id, default_queue_id AS queueId FROM categories WHERE code = 'NETWORK'")
    .get() as { id: string; queueId: string };
  return {
    caller: { kind: 'new' as const, name: 'Kofi Mensah' },
    contact: { phone: '020 7946 0991' },
    problems: [
      {
        categoryId: cat.id,
        queueId: cat.queueId,
        impact: 2 as const,
        urgency: 2 as const,
        title: 'Site link down',
      },
    ],
  };
}

/** A policy version the schema cannot read: what a damaged or hand-edited store holds. */
function corruptPolicy(t: FreshDesk): void {
  t.desk.db
    .prepare(
      'INSERT INTO policies (version, body, created_at) SELECT max(version) + 1, \'{"priorities":"broken"}\', 0 FROM policies',
    )
    .run();
}

describe('an INTERNAL answer is logged with its cause on the desk, and only there', () => {
  let t: FreshDesk;
  beforeEach(async () => {
    t = await freshDesk();
  });
  afterEach(() => t.close());

  it('a handler failing on a corrupt row: the log has the method, the user and the error with its stack', async () => {
    const analyst = t.as('analyst');
    corruptPolicy(t);
    const before = fingerprint(t.desk);
    const r = await t.desk.call(analyst, 'intake.submit', intake(t));
    expect(r).toEqual(INTERNAL);
    expect(fingerprint(t.desk)).toBe(before);
    expect(t.logged).toHaveLength(1);
    const [entry] = t.logged;
    expect(entry!.message).toContain('intake.submit');
    expect(entry!.message).toContain('analyst');
    expect(entry!.message).toContain(analyst.user!.id);
    expect(entry!.error).toBeInstanceOf(Error);
    // The stack leads to the code that failed: the policy read inside the intake.
    expect((entry!.error as Error).stack).toMatch(/policyVersion[\s\S]*submitIntake/);
    // Nothing of the cause reaches the caller.
    expect(JSON.stringify(r)).not.toMatch(/priorities|Zod|policy|at /);
  });

  it('a closed store: each call is answered INTERNAL (never a rejected promise) and logged once', async () => {
    const analyst = t.as('analyst');
    t.desk.db.close();
    for (const method of ['desk.info', 'tickets.board'] as const) {
      await expect(t.desk.call(analyst, method, {})).resolves.toEqual(INTERNAL);
    }
    // A public method, by a connection nobody signed in on.
    await expect(t.desk.dispatch(t.desk.connect(), 'session.get', {})).resolves.toEqual(INTERNAL);
    expect(t.logged.map((l) => l.message)).toEqual([
      expect.stringMatching(
        /^INTERNAL: desk\.info failed for analyst \(user .+, connection .+\) \(request [0-9a-f]{12}\)$/,
      ),
      expect.stringMatching(/^INTERNAL: tickets\.board failed for analyst/),
      expect.stringMatching(/^INTERNAL: session\.get failed for connection /),
    ]);
    for (const l of t.logged) expect((l.error as Error).message).toMatch(/not open/);
  });

  it('across the message port the closed store is answered, not left hanging, and logged on the desk side', async () => {
    const channel = new MessageChannel();
    const port = (p: MessagePort): Port => ({
      postMessage: (m) => p.postMessage(m),
      onMessage: (l) => void p.on('message', l),
    });
    serveEndpoint(localEndpoint(t.desk), port(channel.port1));
    const remote = remoteEndpoint(port(channel.port2));
    const conn = await remote.open();
    const signedIn = await remote.dispatch(conn, 'auth.signIn', {
      username: 'analyst',
      password: DEMO_PASSWORD,
    });
    expect(signedIn.ok).toBe(true);
    t.desk.db.close();
    expect(await remote.dispatch(conn, 'desk.info', {})).toEqual(INTERNAL);
    expect(t.logged).toHaveLength(1);
    expect(t.logged[0]!.message).toMatch(/^INTERNAL: desk\.info failed for analyst/);
    channel.port1.close();
    channel.port2.close();
  });

  it('an endpoint that fails under the port is answered INTERNAL and logged on the desk, not left hanging', async () => {
    const channel = new MessageChannel();
    const port = (p: MessagePort): Port => ({
      postMessage: (m) => p.postMessage(m),
      onMessage: (l) => void p.on('message', l),
    });
    const bug = new Error('a shell bug');
    // The desk's own endpoint, with a dispatch that throws before it reaches the desk.
    const local = localEndpoint(t.desk);
    serveEndpoint(
      {
        ...local,
        dispatch: () => {
          throw bug;
        },
      },
      port(channel.port1),
    );
    const remote = remoteEndpoint(port(channel.port2));
    const conn = await remote.open();
    expect(await remote.dispatch(conn, 'desk.info', {})).toEqual(INTERNAL);
    expect(t.logged).toEqual([
      { message: 'INTERNAL: desk.info failed in the desk endpoint', error: bug },
    ]);
    channel.port1.close();
    channel.port2.close();
  });

  it('a push listener that throws is logged with its event; the saved call stays saved', async () => {
    const analyst = t.as('analyst');
    const boom = new Error('the window went away');
    t.desk.subscribe((e) => {
      if (e.name === 'tickets.changed') throw boom;
    });
    const r = await t.desk.call(analyst, 'intake.submit', intake(t));
    expect(r.ok).toBe(true);
    expect(count(t.desk, 'tickets')).toBe(1);
    expect(t.logged).toEqual([{ message: 'a listener of tickets.changed failed', error: boom }]);
  });
});

describe('the scanner logs its faults once, and one failing scan does not stop the other', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a ticket whose policy version is missing fails the SLA scan; the call-back alarm still rings', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const t = await freshDesk({ slaTicker: true });
    try {
      const analyst = t.as('analyst');
      const r = await t.desk.call(analyst, 'intake.submit', intake(t));
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      t.desk.db
        .prepare('UPDATE tickets SET policy_version = 99 WHERE id = ?')
        .run(r.value.tickets[0]!.id);
      // Past the first-response threshold and the call-back's due time.
      t.clock.advance(3 * 24 * 3_600_000);
      vi.advanceTimersByTime(5_000);
      expect(t.logged).toHaveLength(1);
      expect(t.logged[0]!.message).toBe('SLA scan failed');
      expect((t.logged[0]!.error as Error).message).toBe('policy version 99 is missing');
      expect(t.events.map((e) => e.name)).toContain('callbacks.due');
    } finally {
      await t.close();
    }
  });
});
