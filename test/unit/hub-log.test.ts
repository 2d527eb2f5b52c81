/**
 * The hub's change log against a real PostgreSQL (embedded, started by the run's global set-up):
 * pushes applied once, pulls that never skip a change committing late, desks kept apart, clocks
 * far ahead refused, join codes spent once.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate, createJoinCode, join, revokeJoinCode } from '../../src/hub/access.ts';
import { appendChanges, leaseKeys, pull, push } from '../../src/hub/changes.ts';
import { HubError } from '../../src/hub/failure.ts';
import { migrate } from '../../src/hub/migrations.ts';
import { MAX_CLOCK_AHEAD_MS } from '../../src/shared/sync.ts';
import { change, deskWith, hubDatabase } from '../helpers/hub.ts';

let db: Awaited<ReturnType<typeof hubDatabase>>;
beforeAll(async () => {
  db = await hubDatabase();
});
afterAll(async () => {
  await db.pool.end();
});

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof HubError) return { code: e.code, path: e.path };
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('the hub change log', () => {
  it('migrates once, however many instances start together', async () => {
    const again = await Promise.all([migrate(db.pool), migrate(db.pool), migrate(db.pool)]);
    expect(again).toEqual([0, 0, 0]);
  });

  it('applies a change pushed twice once, and serves it once', async () => {
    const [a, b] = await deskWith(db.pool, 'DUP', 2);
    const c = change();
    expect(await push(db.pool, a!, [c])).toEqual({ accepted: 1, duplicates: 0, refused: [] });
    // The reply was lost; the workstation pushes the same batch again, with a new change.
    const d = change();
    expect(await push(db.pool, a!, [c, d])).toEqual({ accepted: 1, duplicates: 1, refused: [] });
    const got = await pull(db.pool, b!);
    expect(got.changes.map((x) => x.id)).toEqual([c.id, d.id]);
    expect(got.changes[0]).toMatchObject({ ...c, workstation: a!.id });
    expect((await pull(db.pool, b!, got.cursor)).changes).toEqual([]);
  });

  it('serves back what each change had seen of its fields, as pushed', async () => {
    const [a, b] = await deskWith(db.pool, 'BAS', 2);
    const seen = [crypto.randomUUID(), crypto.randomUUID()];
    const c = change({ bases: { title: seen } });
    await push(db.pool, a!, [c, change()]);
    const got = await pull(db.pool, b!);
    expect(got.changes[0]!.bases).toEqual({ title: seen });
    expect(got.changes[1]).not.toHaveProperty('bases');
  });

  it('leases ticket numbers in blocks that never overlap, above what the desk issued', async () => {
    const [a, b, c] = await deskWith(db.pool, 'KEY', 3);
    expect(await leaseKeys(db.pool, a!, 100, 41)).toEqual({ from: 41, to: 141 });
    // Asked at once by two workstations: two different blocks.
    const [x, y] = await Promise.all([
      leaseKeys(db.pool, b!, 50, 1),
      leaseKeys(db.pool, c!, 50, 1),
    ]);
    const ranges = [x, y].sort((p, q) => p.from - q.from);
    expect(ranges[0]).toEqual({ from: 141, to: 191 });
    expect(ranges[1]).toEqual({ from: 191, to: 241 });
    // A workstation that issued numbers of its own before it joined is never given them again.
    expect(await leaseKeys(db.pool, a!, 10, 1000)).toEqual({ from: 1000, to: 1010 });
    const [other] = await deskWith(db.pool, 'KY2', 1);
    expect(await leaseKeys(db.pool, other!, 10, 1)).toEqual({ from: 1, to: 11 });
  });

  it('never skips a change that commits after a later one', async () => {
    const [a, b, reader] = await deskWith(db.pool, 'LATE', 3);
    const early = change();
    const late = change();
    // The first push takes its transaction id and sequence, then stalls before committing...
    const slow = new pg.Client({ connectionString: db.url });
    await slow.connect();
    await slow.query('BEGIN');
    await appendChanges(slow, a!, [early], [{ kind: null, owner: null }]);
    // ...while a second one commits.
    await push(db.pool, b!, [late]);
    const first = await pull(db.pool, reader!);
    // A cursor past `late` would skip `early` for good: nothing is served yet.
    expect(first.changes).toEqual([]);
    await slow.query('COMMIT');
    await slow.end();
    const second = await pull(db.pool, reader!, first.cursor);
    expect(second.changes.map((x) => x.id)).toEqual([early.id, late.id]);
  });

  it('pages through many changes in order, with more', async () => {
    const [a, b] = await deskWith(db.pool, 'PAGE', 2);
    const all = Array.from({ length: 25 }, () => change());
    await push(db.pool, a!, all.slice(0, 10));
    await push(db.pool, a!, all.slice(10));
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const r = await pull(db.pool, b!, cursor, 7);
      seen.push(...r.changes.map((x) => x.id));
      cursor = r.cursor;
      if (!r.more) break;
    }
    expect(seen).toEqual(all.map((x) => x.id));
  });

  it('keeps desks apart', async () => {
    const [a] = await deskWith(db.pool, 'APART', 1);
    const [other] = await deskWith(db.pool, 'OTHER', 1);
    await push(db.pool, a!, [change(), change()]);
    expect((await pull(db.pool, other!)).changes).toEqual([]);
    // The same change id on two desks is two changes.
    const c = change();
    await push(db.pool, a!, [c]);
    expect(await push(db.pool, other!, [c])).toEqual({ accepted: 1, duplicates: 0, refused: [] });
  });

  it('refuses a clock far ahead and stores nothing of that push', async () => {
    const [a, b] = await deskWith(db.pool, 'SKEW', 2);
    const now = Date.now();
    const ok = change({}, now);
    const ahead = change({}, now + MAX_CLOCK_AHEAD_MS + 60_000);
    expect(await refusal(push(db.pool, a!, [ok, ahead], now))).toEqual({
      code: 'CLOCK_SKEW',
      path: 'changes.1.hlc',
    });
    expect((await pull(db.pool, b!)).changes).toEqual([]);
    // A little ahead is a clock's ordinary drift.
    expect(await push(db.pool, a!, [change({}, now + 60_000)], now)).toMatchObject({ accepted: 1 });
  });

  it('spends a join code once; a revoked, unknown or wrong code joins nothing', async () => {
    const [admin] = await deskWith(db.pool, 'JOIN', 1);
    const { code, id } = await createJoinCode(db.pool, 'JOIN');
    // Typed from the screen: lower case, no dashes.
    const joined = await join(db.pool, code.toLowerCase().replaceAll('-', ''), 'Front desk');
    expect(joined.deskId).toBe('JOIN');
    expect((await authenticate(db.pool, joined.token)).deskId).toBe('JOIN');
    expect(await refusal(join(db.pool, code, 'Again'))).toEqual({
      code: 'UNAUTHENTICATED',
      path: 'code',
    });
    const second = await createJoinCode(db.pool, 'JOIN');
    expect(await revokeJoinCode(db.pool, second.id)).toBe(true);
    expect((await refusal(join(db.pool, second.code, 'Revoked'))).code).toBe('UNAUTHENTICATED');
    expect(await revokeJoinCode(db.pool, id)).toBe(false);
    expect((await refusal(authenticate(db.pool, 'not-a-token-at-all-xxxx'))).code).toBe(
      'UNAUTHENTICATED',
    );
    // The hub keeps hashes, never a code or a token.
    const stored = await db.pool.query(
      "SELECT encode(code_hash, 'escape') AS h FROM join_codes UNION ALL SELECT encode(token_hash, 'escape') FROM workstations",
    );
    for (const r of stored.rows as { h: string }[]) {
      expect(r.h).not.toContain(code.replaceAll('-', ''));
      expect(r.h).not.toContain(joined.token);
    }
    // A workstation removed by an admin is refused from its next call.
    await db.pool.query('UPDATE workstations SET revoked_at = now() WHERE id = $1', [admin!.id]);
    expect((await refusal(authenticate(db.pool, admin!.token))).code).toBe('FORBIDDEN');
  });
});
