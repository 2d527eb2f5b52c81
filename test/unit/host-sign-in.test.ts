import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { manualClock, type ManualClock } from '../../src/core/kernel/clock.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-desk.ts';
import { localEndpoint, type DeskEndpoint } from '../../src/core/kernel/endpoint.ts';
import { hashCost, hashPassword } from '../../src/core/access/password.ts';
import { clientKey } from '../../src/host/client-address.ts';
import { startHost, type HostOptions, type RunningHost } from '../../src/host/server.ts';
import { fingerprint } from '../helpers/desk.ts';
import { deskWithCost, TEST_COST, type CostedDesk } from '../helpers/desk-with-cost.ts';
import { rawApi, type RawResponse } from '../helpers/raw-http.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const staticRoot = mkdtempSync(join(tmpdir(), 'sb-ui-'));
writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>ui</title>');

/** The desk's real endpoint, counting the connections the host holds open on it. */
function counted(endpoint: DeskEndpoint): DeskEndpoint & { live: Set<string> } {
  const live = new Set<string>();
  return {
    ...endpoint,
    live,
    async open() {
      const id = await endpoint.open();
      live.add(id);
      return id;
    },
    close(id) {
      live.delete(id);
      endpoint.close(id);
    },
  };
}

const cookieOf = (res: RawResponse): string | null => {
  const set = res.headers['set-cookie'];
  return set?.length ? set[0]!.split(';')[0]! : null;
};

describe('browser sessions on the host', () => {
  let d: CostedDesk;
  let endpoint: ReturnType<typeof counted>;
  let clock: ManualClock;
  let host: RunningHost;
  const start = async (opts: Partial<HostOptions> = {}) => {
    host = await startHost({ desk: endpoint, staticRoot, port: 0, clock, ...opts });
  };
  beforeEach(async () => {
    d = await deskWithCost();
    endpoint = counted(localEndpoint(d.desk));
    clock = manualClock(Date.UTC(2026, 0, 5, 8, 0, 0));
  });
  afterEach(async () => {
    await host?.close();
    await d.close();
  });
  const api = (method: string, body: unknown = {}, headers: Record<string, string> = {}) =>
    rawApi(host.url, method, body, headers);
  const signIn = async (username = 'analyst', headers: Record<string, string> = {}) => {
    const res = await api('auth.signIn', { username, password: DEMO_PASSWORD }, headers);
    expect(res.status, res.body).toBe(200);
    return cookieOf(res)!;
  };

  it('keeps no session before sign-in: no cookie, no connection left open', async () => {
    await start();
    for (const method of ['session.get', 'desk.info', 'tickets.board', 'auth.signOut']) {
      const res = await api(method);
      expect(res.status, method).toBe(
        method === 'desk.info' || method === 'tickets.board' ? 401 : 200,
      );
      expect(res.headers['set-cookie'], method).toBeUndefined();
    }
    expect(JSON.parse((await api('session.get')).body)).toEqual({
      ok: true,
      value: { user: null, language: 'en', region: 'GB', needsSetup: false },
    });
    const failed = await api('auth.signIn', { username: 'analyst', password: 'wrong-password' });
    expect(failed.status).toBe(401);
    expect(failed.headers['set-cookie']).toBeUndefined();
    expect(endpoint.live.size).toBe(0);
    // Only a sign-in makes one.
    const cookie = await signIn();
    expect(endpoint.live.size).toBe(1);
    expect((await api('desk.info', {}, { cookie })).status).toBe(200);
  });

  it('issues a new session id at sign-in: none chosen before it (fixation) survives', async () => {
    await start();
    const planted = 'sb_sid=attacker-chosen-id';
    const first = await signIn('analyst', { cookie: planted });
    expect(first).not.toBe(planted);
    expect((await api('desk.info', {}, { cookie: planted })).status).toBe(401);
    // Signing in again, even as the same user, replaces the session: the old id ends.
    const second = await signIn('supervisor', { cookie: first });
    expect(second).not.toBe(first);
    expect((await api('desk.info', {}, { cookie: first })).status).toBe(401);
    const who = JSON.parse((await api('session.get', {}, { cookie: second })).body);
    expect(who.value.user.username).toBe('supervisor');
    expect(endpoint.live.size).toBe(1);
  });

  it('sign-out ends the session on the host: its id, its connection and its push channel', async () => {
    await start();
    const cookie = await signIn();
    const ws = new WebSocket(`${host.url.replace('http', 'ws')}events`, { headers: { cookie } });
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    const closed = new Promise((resolve) => ws.on('close', resolve));
    const out = await api('auth.signOut', {}, { cookie });
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/^sb_sid=; .*Max-Age=0/);
    await closed;
    expect(endpoint.live.size).toBe(0);
    expect((await api('desk.info', {}, { cookie })).status).toBe(401);
  });

  it('a session ends after two idle hours, and after twelve hours however busy', async () => {
    await start();
    const idle = await signIn();
    const busy = await signIn('supervisor');
    clock.advance(2 * HOUR - 1000);
    expect((await api('desk.info', {}, { cookie: busy })).status).toBe(200);
    clock.advance(1000);
    expect((await api('desk.info', {}, { cookie: idle })).status).toBe(401);
    // Busy all day: a call every hour keeps it from idling, not from ending.
    for (let h = 3; h < 12; h++) {
      clock.set(Date.UTC(2026, 0, 5, 8 + h, 0, 0) - 1000);
      expect((await api('desk.info', {}, { cookie: busy })).status, `hour ${h}`).toBe(200);
    }
    clock.set(Date.UTC(2026, 0, 5, 20, 0, 0));
    const ended = await api('desk.info', {}, { cookie: busy });
    expect(ended.status).toBe(401);
    expect(String(ended.headers['set-cookie'])).toMatch(/Max-Age=0/); // the browser forgets it
    expect(endpoint.live.size).toBe(0);
  });

  it('a wall-board display stays signed in for weeks: it is read-only and nobody sits at it', async () => {
    await start();
    const cookie = await signIn('wallboard');
    for (let day = 1; day < 30; day++) {
      clock.advance(24 * HOUR);
      expect((await api('wallboard.get', {}, { cookie })).status, `day ${day}`).toBe(200);
    }
    clock.advance(24 * HOUR);
    expect((await api('wallboard.get', {}, { cookie })).status).toBe(401);
  });

  it('the cookie is HttpOnly and SameSite=Strict, and Secure when served beyond loopback', async () => {
    await start();
    const local = await api('auth.signIn', { username: 'analyst', password: DEMO_PASSWORD });
    expect(String(local.headers['set-cookie'])).toMatch(/; HttpOnly; SameSite=Strict$/);
    await host.close();
    await start({ host: '0.0.0.0' });
    const served = await api('auth.signIn', { username: 'analyst', password: DEMO_PASSWORD });
    expect(served.status).toBe(200);
    expect(String(served.headers['set-cookie'])).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
  });

  it('the 21st wrong password from one address is throttled, and the refusal says so', async () => {
    await start();
    const before = fingerprint(d.desk);
    // Spread over user names (four each), so no one user name reaches its own limit.
    const names = ['analyst', 'tech2', 'tech3', 'supervisor', 'nobody'];
    for (let i = 0; i < 20; i++) {
      const res = await api('auth.signIn', { username: names[i % 5], password: `guess-${i}` });
      expect(res.status, `try ${i + 1}`).toBe(401);
    }
    // The 21st is refused before any password is looked at: the right one too.
    const res = await api('auth.signIn', { username: 'admin', password: DEMO_PASSWORD });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('900');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: {
        code: 'THROTTLED',
        message: 'Too many failed sign-ins; try again in 15 minutes',
        issues: [
          {
            path: '',
            rule: 'throttled',
            message: 'Too many failed sign-ins; try again in 15 minutes',
            limit: 15,
          },
        ],
      },
    });
    expect(endpoint.live.size).toBe(0);
    expect(fingerprint(d.desk)).toBe(before);
    // Other methods are not held up; after the wait the address may try again.
    expect((await api('session.get')).status).toBe(200);
    clock.advance(15 * MIN);
    await signIn('admin');
  });

  it('a user name that failed five times waits, whichever address it comes from', async () => {
    await start();
    for (let i = 0; i < 5; i++)
      expect((await api('auth.signIn', { username: 'tech3', password: 'nope-nope' })).status).toBe(
        401,
      );
    const res = await api('auth.signIn', { username: 'tech3', password: DEMO_PASSWORD });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('60');
    expect(JSON.parse(res.body).error.message).toBe(
      'Too many failed sign-ins; try again in 1 minute',
    );
  });

  it('a sign-in over HTTP brings an older password hash up to the desk’s cost', async () => {
    await start();
    const older = await hashPassword(DEMO_PASSWORD, { N: 2 ** 9, r: 8, p: 1 });
    d.desk.db.prepare("UPDATE users SET password_hash = ? WHERE username = 'tech2'").run(older);
    await signIn('tech2');
    expect(hashCost(d.storedHash('tech2'))).toEqual(TEST_COST);
    expect(hashCost(d.storedHash('tech2'))!.N).not.toBe(2 ** 9);
    await signIn('tech2');
  });
});

describe('the address failed sign-ins are counted under', () => {
  it('is the IPv4 address, or the IPv6 /64 (one subscriber’s network)', () => {
    expect(clientKey('198.51.100.7')).toBe('198.51.100.7');
    expect(clientKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(clientKey('2001:db8:aa:bb:1:2:3:4')).toBe('2001:db8:aa:bb::/64');
    expect(clientKey('2001:db8:aa:bb::9')).toBe('2001:db8:aa:bb::/64');
    expect(clientKey('2001:0DB8:00aa:00bb:ffff::1')).toBe('2001:db8:aa:bb::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('64:ff9b::198.51.100.7')).toBe('64:ff9b:0:0::/64');
    expect(clientKey(undefined)).toBe('unknown');
  });
});
