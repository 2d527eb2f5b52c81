/**
 * The hub as it runs (`src/hub/cli.ts` in its own process, over a real PostgreSQL): bad input
 * answered with a typed error that changes nothing, two instances sharing one database, and an
 * instance killed (SIGKILL) in the middle of a push: nothing lost, nothing doubled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REPORT_HEADERS,
  type Change,
  type PullReply,
  type PushReply,
} from '../../src/shared/sync.ts';
import { change, deskWith, hubDatabase } from '../helpers/hub.ts';
import { startHubProcess, type HubProcess } from '../helpers/hub-process.ts';

let db: Awaited<ReturnType<typeof hubDatabase>>;
const hubs: HubProcess[] = [];
beforeAll(async () => {
  db = await hubDatabase();
});
afterAll(async () => {
  await Promise.all(hubs.map((h) => h.stop()));
  await db.pool.end();
});
async function hub(): Promise<HubProcess> {
  const h = await startHubProcess(db.url);
  hubs.push(h);
  return h;
}

const post = (url: string, token: string | null, body: unknown, type = 'application/json') =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const pullAll = async (base: string, token: string): Promise<PullReply['changes']> => {
  const all: PullReply['changes'] = [];
  let cursor = '0:0';
  for (;;) {
    const r = (await (
      await fetch(`${base}/v1/pull?cursor=${cursor}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as PullReply;
    all.push(...r.changes);
    cursor = r.cursor;
    if (!r.more) return all;
  }
};
const stored = async (deskId: string) =>
  Number(
    (await db.pool.query('SELECT count(*) AS n FROM changes WHERE desk_id = $1', [deskId])).rows[0]
      .n,
  );

describe('the hub over HTTP', () => {
  it('answers a long-poll when a push to its desk commits on another instance, not before', async () => {
    const [h1, h2] = await Promise.all([hub(), hub()]);
    const [a, b] = await deskWith(db.pool, 'WAI', 2);
    const [other] = await deskWith(db.pool, 'WA2', 1);
    const wait = (base: string, token: string, cursor = '0:0', seconds = 20) =>
      fetch(`${base}/v1/wait?cursor=${cursor}&seconds=${seconds}`, {
        headers: { authorization: `Bearer ${token}` },
      }).then((r) => r.json() as Promise<{ changed: boolean }>);
    let answered = false;
    const waiting = wait(h2!.url, b!.token).then((r) => ((answered = true), r));
    // Another desk's push does not wake it.
    await post(`${h1!.url}/v1/push`, other!.token, { changes: [change()] });
    await new Promise((r) => setTimeout(r, 300));
    expect(answered).toBe(false);
    await post(`${h1!.url}/v1/push`, a!.token, { changes: [change()] });
    expect(await waiting).toEqual({ changed: true });
    // With changes already after the cursor it answers at once; with none, after its time.
    expect(await wait(h1!.url, b!.token)).toEqual({ changed: true });
    const cursor = (
      (await (
        await fetch(`${h1!.url}/v1/pull?cursor=0:0`, {
          headers: { authorization: `Bearer ${b!.token}` },
        })
      ).json()) as PullReply
    ).cursor;
    expect(await wait(h1!.url, b!.token, cursor, 1)).toEqual({ changed: false });
    const bad = await fetch(`${h1!.url}/v1/wait?cursor=${cursor}&seconds=900`, {
      headers: { authorization: `Bearer ${b!.token}` },
    });
    expect(bad.status).toBe(400);
  });

  it('answers every bad request with a typed error and stores nothing', async () => {
    const h = await hub();
    const [ws] = await deskWith(db.pool, 'BAD', 1);
    const cases: [Promise<Response>, number, string, string?][] = [
      [post(`${h.url}/v1/push`, ws!.token, '{"changes": [', 'application/json'), 400, 'VALIDATION'],
      [post(`${h.url}/v1/push`, ws!.token, { changes: [] }, 'text/plain'), 400, 'VALIDATION'],
      [post(`${h.url}/v1/push`, ws!.token, { changes: [] }), 400, 'VALIDATION', 'changes'],
      [
        post(`${h.url}/v1/push`, ws!.token, {
          changes: [change(), { ...change(), hlc: 'yesterday' }],
        }),
        400,
        'VALIDATION',
        'changes.1.hlc',
      ],
      [
        post(`${h.url}/v1/push`, ws!.token, { changes: [{ ...change(), extra: 1 }] }),
        400,
        'VALIDATION',
      ],
      [post(`${h.url}/v1/push`, null, { changes: [change()] }), 401, 'UNAUTHENTICATED'],
      [post(`${h.url}/v1/push`, 'x'.repeat(43), { changes: [change()] }), 401, 'UNAUTHENTICATED'],
      [
        fetch(`${h.url}/v1/pull?cursor=nine`, {
          headers: { authorization: `Bearer ${ws!.token}` },
        }),
        400,
        'VALIDATION',
        'cursor',
      ],
      [
        fetch(`${h.url}/v1/pull?limit=0`, { headers: { authorization: `Bearer ${ws!.token}` } }),
        400,
        'VALIDATION',
        'limit',
      ],
      [
        post(`${h.url}/v1/join`, null, { code: 'AAAAA-BBBBB-CCCCC-DDDDD', name: 'X' }),
        401,
        'UNAUTHENTICATED',
        'code',
      ],
      [fetch(`${h.url}/v1/nothing`), 404, 'NOT_FOUND'],
      // A release older than the hub serves is told to update, before anything else is read.
      [
        fetch(`${h.url}/v1/pull`, {
          headers: { authorization: `Bearer ${ws!.token}`, [REPORT_HEADERS.release]: '0.0.9' },
        }),
        426,
        'OUTDATED',
      ],
      [
        fetch(`${h.url}/v1/push`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${ws!.token}`,
            'content-type': 'application/json',
            [REPORT_HEADERS.release]: '0.0.9',
          },
          body: JSON.stringify({ changes: [change()] }),
        }),
        426,
        'OUTDATED',
      ],
    ];
    for (const [res, status, code, path] of cases) {
      const r = await res;
      const body = (await r.json()) as { error: { code: string; path?: string } };
      expect({ status: r.status, code: body.error.code }).toEqual({ status, code });
      if (path) expect(body.error.path).toBe(path);
    }
    expect(await stored('BAD')).toBe(0);
  });

  it('keeps join codes an admin’s, and answers bad join-code calls with a typed error', async () => {
    const h = await hub();
    const [ws] = await deskWith(db.pool, 'JC', 1);
    const admin = '0190a000-0000-7000-8000-0000000000ad';
    const analyst = '0190a000-0000-7000-8000-0000000000a1';
    const person = (id: string, role: string) =>
      change({
        author: '00000000-0000-7000-8000-000000000000',
        table: 'users',
        key: JSON.stringify([id]),
        fields: { id, role, active: 1 },
      });
    await post(`${h.url}/v1/push`, ws!.token, {
      changes: [person(admin, 'admin'), person(analyst, 'analyst')],
    });
    const codes = async () =>
      Number(
        (await db.pool.query("SELECT count(*) AS n FROM join_codes WHERE desk_id = 'JC'")).rows[0]
          .n,
      );
    const before = await codes();
    const get = (q: string, token: string | null = ws!.token) =>
      fetch(`${h.url}/v1/join-codes${q}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    const cases: [Promise<Response>, number, string, string?][] = [
      [
        post(`${h.url}/v1/join-codes`, ws!.token, { author: admin, hours: 0 }),
        400,
        'VALIDATION',
        'hours',
      ],
      [
        post(`${h.url}/v1/join-codes`, ws!.token, { author: admin, hours: 8, x: 1 }),
        400,
        'VALIDATION',
      ],
      [
        post(`${h.url}/v1/join-codes`, ws!.token, { author: 'me', hours: 8 }),
        400,
        'VALIDATION',
        'author',
      ],
      [post(`${h.url}/v1/join-codes`, ws!.token, { author: analyst, hours: 8 }), 403, 'FORBIDDEN'],
      [post(`${h.url}/v1/join-codes`, null, { author: admin, hours: 8 }), 401, 'UNAUTHENTICATED'],
      [get(''), 400, 'VALIDATION', 'author'],
      [get(`?author=${analyst}`), 403, 'FORBIDDEN'],
      [get(`?author=${admin}`, null), 401, 'UNAUTHENTICATED'],
      [
        post(`${h.url}/v1/join-codes/revoke`, ws!.token, {
          author: admin,
          id: crypto.randomUUID(),
        }),
        404,
        'NOT_FOUND',
        'id',
      ],
      [
        post(`${h.url}/v1/join-codes/revoke`, ws!.token, { author: admin }),
        400,
        'VALIDATION',
        'id',
      ],
    ];
    for (const [res, status, code, path] of cases) {
      const r = await res;
      const body = (await r.json()) as { error: { code: string; path?: string } };
      expect({ status: r.status, code: body.error.code }).toEqual({ status, code });
      if (path) expect(body.error.path).toBe(path);
    }
    expect(await codes()).toBe(before);

    // The admin makes one, sees it listed without its text, revokes it.
    const made = (await (
      await post(`${h.url}/v1/join-codes`, ws!.token, { author: admin, hours: 8 })
    ).json()) as { id: string; code: string };
    const listed = await (await get(`?author=${admin}`)).text();
    expect(listed).toContain(made.id);
    expect(listed).not.toContain(made.code);
    const revoked = await post(`${h.url}/v1/join-codes/revoke`, ws!.token, {
      author: admin,
      id: made.id,
    });
    expect(revoked.status).toBe(200);
    const joined = await post(`${h.url}/v1/join`, null, { code: made.code, name: 'Too late' });
    expect(joined.status).toBe(401);
  });

  it('serves one desk from two instances: pushed to one, pulled from the other', async () => {
    const [a, b] = [await hub(), await hub()];
    const [w1, w2] = await deskWith(db.pool, 'TWO', 2);
    const sent = [change(), change(), change()];
    const r = (await (
      await post(`${a.url}/v1/push`, w1!.token, { changes: sent })
    ).json()) as PushReply;
    expect(r).toEqual({ accepted: 3, duplicates: 0, refused: [] });
    expect((await pullAll(b.url, w2!.token)).map((c) => c.id)).toEqual(sent.map((c) => c.id));
  });

  it('loses nothing and doubles nothing when an instance is killed mid-push', async () => {
    const [w1, reader] = await deskWith(db.pool, 'KILL', 2);
    const batches: Change[][] = [];
    for (let round = 0; round < 6; round++) {
      const batch = Array.from({ length: 500 }, () =>
        change({ fields: { status: 'open', note: 'x'.repeat(200) } }),
      );
      batches.push(batch);
      const h = await hub();
      const sending = post(`${h.url}/v1/push`, w1!.token, { changes: batch }).then(
        (r) => r.status,
        () => 'cut' as const,
      );
      // Killed at a different moment each round: before, during or after the commit.
      await new Promise((r) => setTimeout(r, round * 15));
      await h.kill9();
      const outcome = await sending;
      expect([200, 'cut']).toContain(outcome);
      // The workstation does not know whether it landed: it pushes the batch again, elsewhere.
      const again = await hub();
      const r = (await (
        await post(`${again.url}/v1/push`, w1!.token, { changes: batch })
      ).json()) as PushReply;
      expect(r.accepted + r.duplicates).toBe(500);
    }
    const pulled = await pullAll(hubs.at(-1)!.url, reader!.token);
    const sent = batches.flat().map((c) => c.id);
    expect(pulled).toHaveLength(sent.length);
    expect(new Set(pulled.map((c) => c.id))).toEqual(new Set(sent));
    expect(await stored('KILL')).toBe(sent.length);
  });
});
