import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo-desk.ts';
import { localEndpoint } from '../../src/core/kernel/endpoint.ts';
import { remoteEndpoint, serveEndpoint, type Port } from '../../src/core/kernel/rpc.ts';
import { count, demoDesk, fingerprint, validIntake, type TestDesk } from '../helpers/desk.ts';

const port = (p: MessagePort): Port => ({
  postMessage: (m) => p.postMessage(m),
  onMessage: (l) => void p.on('message', l),
});

/** The Electron shell reaches the desk across a process boundary; this is that protocol over a real MessageChannel. */
describe('the desk endpoint across a message port', () => {
  let t: TestDesk;
  let channel: MessageChannel;
  beforeEach(async () => {
    t = await demoDesk();
    channel = new MessageChannel();
    serveEndpoint(localEndpoint(t.desk), port(channel.port1));
  });
  afterEach(async () => {
    channel.port1.close();
    channel.port2.close();
    await t.close();
  });

  it('opens connections, signs in, takes a call, and routes events only to signed-in connections', async () => {
    const remote = remoteEndpoint(port(channel.port2));
    const events: [string, string[]][] = [];
    remote.onEvent((e, to) => events.push([e.name, to]));
    const a = await remote.open();
    const b = await remote.open();
    expect(a).not.toBe(b);
    expect(await remote.dispatch(a, 'desk.info', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(
      await remote.dispatch(a, 'auth.signIn', { username: 'analyst', password: DEMO_PASSWORD }),
    ).toMatchObject({ ok: true });
    const conn = t.desk.connect();
    await t.ok(conn, 'auth.signIn', { username: 'analyst', password: DEMO_PASSWORD });
    const r = await remote.dispatch(a, 'intake.submit', await validIntake(t, conn, 2));
    expect(r).toMatchObject({ ok: true });
    await expect.poll(() => events.some(([name]) => name === 'tickets.changed')).toBe(true);
    // b never signed in: every event goes to a alone.
    expect(events.find(([name]) => name === 'tickets.changed')).toEqual(['tickets.changed', [a]]);
    expect(events.every(([, to]) => to.length === 1 && to[0] === a)).toBe(true);
    remote.close(a);
    expect(await remote.dispatch(a, 'desk.info', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(count(t.desk, 'tickets')).toBe(2);
  });

  it('answers malformed messages with an error, or drops them, and changes nothing', async () => {
    const before = fingerprint(t.desk);
    const replies: unknown[] = [];
    channel.port2.on('message', (m) => replies.push(m));
    for (const m of [
      null,
      42,
      'x',
      { op: 'drop tables' },
      { op: 'dispatch', id: 7 },
      { op: 'dispatch', id: 8, conn: 5 },
      { id: 9, op: 'open', extra: 1 },
    ]) {
      channel.port2.postMessage(m);
    }
    await expect.poll(() => replies.length).toBe(3);
    for (const r of replies)
      expect(r).toMatchObject({ value: { ok: false, error: { code: 'VALIDATION' } } });
    expect(fingerprint(t.desk)).toBe(before);
  });

  it('a dead desk process fails waiting calls instead of leaving them hanging', async () => {
    const silent = new MessageChannel(); // nobody serves this one
    const remote = remoteEndpoint(port(silent.port2));
    const pending = remote.dispatch('c', 'desk.info', {});
    expect(remote.failAll('The desk process stopped')).toBe(1);
    expect(await pending).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: 'The desk process stopped' },
    });
    silent.port1.close();
    silent.port2.close();
  });
});
