import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_PASSWORD } from '../../src/demo/demo-desk.ts';
import { localEndpoint } from '../../src/core/kernel/endpoint.ts';
import { startHost, type RunningHost } from '../../src/host/server.ts';
import { manualClock } from '../../src/core/kernel/clock.ts';
import { count, demoDesk, fingerprint, T0, validIntake, type TestDesk } from '../helpers/desk.ts';
import { allowedHostSet, parseAllowedHost } from '../../src/host/allowed-hosts.ts';
import { rawApi, rawRequest, rawSocket, upgradeStatus } from '../helpers/raw-http.ts';

describe('the host: HTTP + WebSocket over the dispatcher', () => {
  let t: TestDesk;
  let host: RunningHost;
  const staticRoot = mkdtempSync(join(tmpdir(), 'sb-ui-'));
  writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>ui</title>');

  beforeAll(async () => {
    t = await demoDesk();
    host = await startHost({ desk: localEndpoint(t.desk), staticRoot, port: 0 });
  });
  afterAll(async () => {
    await host.close();
    await t.close();
  });

  const post = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${host.url}api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  async function signIn(username: string): Promise<string> {
    const res = await post('auth.signIn', { username, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    return cookie.split(';')[0]!;
  }

  it('binds to 127.0.0.1 by default', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('answers no method before sign-in', async () => {
    const res = await post('tickets.board', {});
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('bad requests get a clear error and change nothing', async () => {
    const cookie = await signIn('analyst');
    const before = fingerprint(t.desk);
    const cases: [Response, number][] = [
      [await post('intake.submit', '{"caller": ', { cookie }), 400],
      [await post('intake.submit', { caller: 1 }, { cookie }), 400],
      [await post('intake.submit', {}, { cookie, 'content-type': 'text/plain' }), 415],
      [await post('intake.submit', {}, { cookie, origin: 'https://evil.example' }), 403],
      [await post('no.such.method', {}, { cookie }), 404],
      [
        await post('intake.submit', JSON.stringify({ pad: 'x'.repeat(1_100_000) }), { cookie }),
        413,
      ],
      [await fetch(`${host.url}api/tickets.board`, { headers: { cookie } }), 405],
    ];
    for (const [res, status] of cases) {
      expect(res.status).toBe(status);
      const body = (await res.json()) as { ok: boolean; error: { message: string } };
      expect(body.ok).toBe(false);
      expect(body.error.message.length).toBeGreaterThan(3);
    }
    expect(fingerprint(t.desk)).toBe(before);
  });

  it('serves the UI with a strict CSP and refuses paths outside it', async () => {
    const res = await fetch(host.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(
      /default-src 'none'; script-src 'self'/,
    );
    expect((await fetch(`${host.url}..%2f..%2fetc%2fpasswd.txt`)).status).toBe(404);
    expect((await fetch(`${host.url}board`)).status).toBe(200); // client route → app shell
  });

  it('pushes tickets.changed to every signed-in browser, and to no one else', async () => {
    const watcher = await signIn('supervisor');
    const writer = await signIn('analyst');
    const received: unknown[] = [];
    const ws = new WebSocket(`${host.url.replace('http', 'ws')}events`, {
      headers: { cookie: watcher },
    });
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    ws.on('message', (m) => received.push(JSON.parse(String(m))));

    const anon = new WebSocket(`${host.url.replace('http', 'ws')}events`);
    const refused = await new Promise((resolve) => {
      anon.on('open', () => resolve(false));
      anon.on('error', () => resolve(true));
    });
    expect(refused).toBe(true);

    const conn = t.desk.connect();
    await t.ok(conn, 'auth.signIn', { username: 'analyst', password: DEMO_PASSWORD });
    const res = await post('intake.submit', await validIntake(t, conn, 2), { cookie: writer });
    expect(res.status).toBe(200);
    const receipt = (await res.json()) as { value: { tickets: { id: string }[] } };
    const changed = () =>
      received.filter((e) => (e as { name: string }).name === 'tickets.changed');
    await expect.poll(() => changed().length).toBe(1);
    expect(changed()[0]).toEqual({
      name: 'tickets.changed',
      payload: { ids: receipt.value.tickets.map((x) => x.id), reason: 'created' },
    });
    expect(count(t.desk, 'tickets')).toBe(2);
    ws.close();
  });

  it('sign-out over HTTP ends that browser session', async () => {
    const cookie = await signIn('analyst');
    expect((await post('desk.info', {}, { cookie })).status).toBe(200);
    expect((await post('auth.signOut', {}, { cookie })).status).toBe(200);
    expect((await post('desk.info', {}, { cookie })).status).toBe(401);
  });

  it('has no clock control unless started with a test clock', async () => {
    const res = await fetch(`${host.url}test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 60_000 }),
    });
    expect(res.status).toBe(405); // only the app shell's GET is there
    expect(t.clock.now()).toBe(T0);
  });

  it('with a test clock, moves the desk forward on request and refuses anything else', async () => {
    const clock = manualClock(T0);
    const clocked = await startHost({
      desk: localEndpoint(t.desk),
      staticRoot,
      port: 0,
      testClock: clock,
    });
    try {
      const move = (body: string, headers: Record<string, string> = {}) =>
        fetch(`${clocked.url}test/clock`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
        });
      for (const bad of [
        '{',
        '{}',
        '{"advanceMs": -1}',
        '{"advanceMs": 1.5}',
        '{"advanceMs": "60"}',
      ])
        expect((await move(bad)).status, bad).toBe(400);
      expect((await move('{"advanceMs": 1}', { origin: 'https://evil.example' })).status).toBe(403);
      expect(clock.now()).toBe(T0);
      const res = await move(JSON.stringify({ advanceMs: 25 * 60_000 }));
      expect(await res.json()).toEqual({ ok: true, value: { now: T0 + 25 * 60_000 } });
      expect(clock.now()).toBe(T0 + 25 * 60_000);
    } finally {
      await clocked.close();
    }
  });
});

describe("the host's own faults", () => {
  const staticRoot = mkdtempSync(join(tmpdir(), 'sb-ui-'));
  writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>ui</title>');

  it('an INTERNAL answer of the host itself is logged with its cause on the desk, and the answer says none of it', async () => {
    const t = await demoDesk();
    const endpoint = localEndpoint(t.desk);
    const logged: { message: string; error: unknown }[] = [];
    const cause = new Error('the desk process is gone');
    const host = await startHost({
      // The desk behind the host fails under it (as a desk process that died does).
      desk: {
        ...endpoint,
        open: () => Promise.reject(cause),
        log: (message, error) => void logged.push({ message, error }),
      },
      staticRoot,
      port: 0,
    });
    try {
      const res = await rawApi(host.url, 'session.get', {});
      expect(res.status).toBe(500);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect(res.body).not.toContain('desk process');
      expect(logged).toHaveLength(1);
      expect(logged[0]!.message).toContain('POST /api/session.get');
      expect(logged[0]!.error).toBe(cause);
    } finally {
      await host.close();
      await t.close();
    }
  });
});

describe('malformed request targets are typed refusals, never INTERNAL', () => {
  const staticRoot = mkdtempSync(join(tmpdir(), 'sb-ui-'));
  writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>ui</title>');

  it('a bad percent-encoding in the method, the path or the target is a 400 and changes nothing', async () => {
    const t = await demoDesk();
    const endpoint = localEndpoint(t.desk);
    const answers: string[] = [];
    const host = await startHost({
      desk: {
        ...endpoint,
        dispatch: async (conn, method, input) => {
          const r = await endpoint.dispatch(conn, method, input);
          answers.push(r.ok ? 'ok' : r.error.code);
          return r;
        },
      },
      staticRoot,
      port: 0,
    });
    try {
      const before = fingerprint(t.desk);
      for (const method of ['%E0%A4%A', '%zz', 'auth.sign%In', '%C0%AF', 'tickets.board%']) {
        const res = await rawApi(host.url, method, {});
        expect(res.status, method).toBe(400);
        expect(JSON.parse(res.body), method).toMatchObject({
          ok: false,
          error: {
            code: 'VALIDATION',
            issues: [{ path: 'method', rule: 'invalid_format' }],
          },
        });
      }
      // A well-formed encoding of a method name is that method.
      expect((await rawApi(host.url, 'session%2Eget', {})).status).toBe(200);
      // The UI's paths and the request target itself.
      for (const [target, method] of [
        ['/%zz', 'GET'],
        ['/assets/%E0%A4%A.js', 'GET'],
        ['http://[bad/api/session.get', 'POST'],
        ['*', 'OPTIONS'],
      ] as const) {
        const res = await rawRequest(host.url, target, {
          method,
          headers: { 'content-type': 'application/json' },
          body: method === 'POST' ? '{}' : undefined,
        });
        expect(res.status, target).toBe(400);
        expect(res.body, target).not.toMatch(/INTERNAL/);
      }
      // The push channel too, and the host is still there afterwards.
      expect(
        await rawSocket(
          host.url,
          `GET http://[bad/events HTTP/1.1\r\nHost: ${new URL(host.url).host}\r\n` +
            'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n' +
            'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
        ),
      ).toMatch(/^HTTP\/1\.1 400 /);
      expect((await rawApi(host.url, 'session.get', {})).status).toBe(200);
      expect(answers).not.toContain('INTERNAL');
      expect(fingerprint(t.desk)).toBe(before);
    } finally {
      await host.close();
      await t.close();
    }
  });
});

describe('the host answers only to the host names it was started for (DNS rebinding)', () => {
  const staticRoot = mkdtempSync(join(tmpdir(), 'sb-ui-'));
  writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>ui</title>');

  it('refuses a foreign Host on the API, the UI, the push channel and the clock route', async () => {
    const t = await demoDesk();
    const clock = manualClock(T0);
    const host = await startHost({
      desk: localEndpoint(t.desk),
      staticRoot,
      port: 0,
      testClock: clock,
    });
    try {
      const port = new URL(host.url).port;
      const evil = { host: `evil.example:${port}` };
      const signedIn = await rawApi(host.url, 'auth.signIn', {
        username: 'analyst',
        password: DEMO_PASSWORD,
      });
      expect(signedIn.status).toBe(200);
      const cookie = String(signedIn.headers['set-cookie']).split(';')[0]!;
      const before = fingerprint(t.desk);

      const refused = [
        await rawApi(
          host.url,
          'auth.signIn',
          { username: 'analyst', password: DEMO_PASSWORD },
          evil,
        ),
        await rawApi(host.url, 'desk.info', {}, { ...evil, cookie }),
        await rawApi(host.url, 'intake.submit', {}, { ...evil, cookie }),
        await rawRequest(host.url, '/', { headers: evil }),
        await rawRequest(host.url, '/assets/app.js', { headers: evil }),
        await rawRequest(host.url, '/test/clock', {
          method: 'POST',
          headers: { ...evil, 'content-type': 'application/json' },
          body: JSON.stringify({ advanceMs: 60_000 }),
        }),
        // An attacker's page that rebinds without the port, and a port that is not ours.
        await rawApi(host.url, 'desk.info', {}, { host: 'evil.example', cookie }),
        await rawApi(host.url, 'desk.info', {}, { host: `127.0.0.1:${Number(port) + 1}`, cookie }),
      ];
      for (const res of refused) {
        expect(res.status).toBe(421);
        expect(res.headers['content-type']).toMatch(/^text\/plain/);
        expect(res.body).toMatch(/host name/i);
        expect(res.headers['set-cookie']).toBeUndefined();
      }
      expect(await upgradeStatus(host.url, { ...evil, cookie })).toBe(421);
      // The same requests with the host's own name are answered.
      expect(await upgradeStatus(host.url, { cookie })).toBe(101);
      expect((await rawApi(host.url, 'desk.info', {}, { cookie })).status).toBe(200);
      expect(clock.now()).toBe(T0);
      expect(fingerprint(t.desk)).toBe(before);
    } finally {
      await host.close();
      await t.close();
    }
  });

  it('a rebinding page cannot set up a fresh real desk (create its first administrator)', async () => {
    const t = await demoDesk({ empty: true });
    const host = await startHost({ desk: localEndpoint(t.desk), staticRoot, port: 0 });
    try {
      const port = new URL(host.url).port;
      const before = fingerprint(t.desk);
      const setup = {
        deskName: 'Evil Desk',
        prefix: 'EVL',
        countryCode: '44',
        admin: { username: 'mallory', displayName: 'Mallory', password: 'a-long-password' },
      };
      for (const origin of [undefined, `http://evil.example:${port}`]) {
        const res = await rawApi(host.url, 'desk.setup', setup, {
          host: `evil.example:${port}`,
          ...(origin ? { origin } : {}),
        });
        expect(res.status).toBe(421);
      }
      expect(fingerprint(t.desk)).toBe(before);
      const conn = t.desk.connect();
      expect(await t.ok(conn, 'session.get', {})).toEqual({
        user: null,
        language: 'en',
        region: null,
        needsSetup: true,
      });
    } finally {
      await host.close();
      await t.close();
    }
  });

  it('answers to the loopback names for its port and to the names it is given', async () => {
    const t = await demoDesk();
    const host = await startHost({
      desk: localEndpoint(t.desk),
      staticRoot,
      port: 0,
      allowedHosts: ['desk.example.org', 'Board.Example.org:8443'],
    });
    try {
      const port = new URL(host.url).port;
      for (const name of [
        `127.0.0.1:${port}`,
        `localhost:${port}`,
        `LOCALHOST:${port}`,
        `[::1]:${port}`,
        'desk.example.org',
        `desk.example.org:${port}`,
        'board.example.org:8443',
      ]) {
        const res = await rawApi(host.url, 'session.get', {}, { host: name });
        expect(res.status, name).toBe(200);
      }
      for (const name of ['board.example.org', 'desk.example.org:8443', 'example.org']) {
        const res = await rawApi(host.url, 'session.get', {}, { host: name });
        expect(res.status, name).toBe(421);
      }
      // HTTP/1.0 may leave Host out: a request that names no host is not ours either.
      expect(await rawSocket(host.url, 'GET / HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 421 /);
      // Origin must name an allowed host too, whatever Host says (a proxy may rewrite Host).
      const via = (origin: string) =>
        rawApi(host.url, 'session.get', {}, { host: 'desk.example.org', origin });
      expect((await via('https://desk.example.org')).status).toBe(200);
      expect((await via(`http://127.0.0.1:${port}`)).status).toBe(200);
      expect((await via(`http://evil.example:${port}`)).status).toBe(403);
      expect((await via('null')).status).toBe(403);
    } finally {
      await host.close();
      await t.close();
    }
  });
});

describe('allowed host names', () => {
  it('takes a name as a Host header carries it, and nothing else', () => {
    expect(parseAllowedHost('Desk.Example.org')).toEqual({ host: 'desk.example.org', port: null });
    expect(parseAllowedHost('desk.example.org:8443')).toEqual({
      host: 'desk.example.org',
      port: '8443',
    });
    expect(parseAllowedHost('desk.example.org:80')).toEqual({
      host: 'desk.example.org',
      port: '80',
    });
    expect(parseAllowedHost('[2001:db8::1]:4870')).toEqual({ host: '[2001:db8::1]', port: '4870' });
    for (const bad of [
      '',
      'http://desk.example.org',
      'desk.example.org/path',
      'user@desk.example.org',
      '*',
      '*.example.org',
      '2001:db8::1',
      'desk example',
      'desk.example.org:99999',
    ])
      expect(parseAllowedHost(bad), bad).toBeNull();
  });

  it('bound beyond loopback, still only the loopback names and the names given', () => {
    const wild = allowedHostSet({ address: '0.0.0.0', port: 4870 }, ['desk.example.org']);
    expect([...wild].sort()).toEqual([
      '127.0.0.1:4870',
      '[::1]:4870',
      'desk.example.org',
      'desk.example.org:4870',
      'localhost:4870',
    ]);
    const lan = allowedHostSet({ address: '192.168.1.20', port: 80 }, []);
    expect(lan.has('192.168.1.20')).toBe(true);
    expect(lan.has('localhost')).toBe(true);
    expect(lan.has('0.0.0.0:80')).toBe(false);
  });
});
