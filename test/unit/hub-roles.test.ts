/**
 * The hub refuses a change its author's role may not make (policy, people, tiers, desk settings),
 * with a typed refusal, and stores the rest of the push; it learns roles from the desk's own
 * changes to its users; the desk's own reference data comes only from the workstation that
 * founded it. Join codes made through the hub are an admin's. Real PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pull, push } from '../../src/hub/changes.ts';
import { createJoinCode, join, listJoinCodes, revokeJoinCode } from '../../src/hub/access.ts';
import { requireRole } from '../../src/hub/roles.ts';
import { HubError } from '../../src/hub/failure.ts';
import { DESK_AUTHOR, type Change } from '../../src/shared/sync.ts';
import { change, deskWith, hubDatabase } from '../helpers/hub.ts';

let db: Awaited<ReturnType<typeof hubDatabase>>;
beforeAll(async () => {
  db = await hubDatabase();
});
afterAll(async () => {
  await db.pool.end();
});

const ada = '0190a000-0000-7000-8000-00000000ada0';
const bob = '0190a000-0000-7000-8000-00000000b0b0';
let wall = Date.now() - 60_000;
/** A change a second later than the one before: clocks order them as written. */
const next = (over: Partial<Change>) => change(over, (wall += 1000));
const person = (id: string, role: string, author = DESK_AUTHOR) =>
  next({
    author,
    table: 'users',
    key: JSON.stringify([id]),
    fields: { id, username: id.slice(-4), role, active: 1, password_hash: 'h', tier: 1 },
  });
const policy = (author: string) =>
  next({
    author,
    table: 'policies',
    key: JSON.stringify([Math.floor(wall)]),
    fields: { body: '{}' },
  });

describe('who may change what, on the hub', () => {
  it('takes the founding desk whole, then refuses what an analyst may not change and keeps the rest', async () => {
    const [a, b] = await deskWith(db.pool, 'ROLE', 2);
    // The founder's desk as it was before it joined: written by the desk itself.
    const founding = await push(db.pool, a!, [
      person(ada, 'admin'),
      person(bob, 'analyst'),
      policy(DESK_AUTHOR),
    ]);
    expect(founding).toEqual({ accepted: 3, duplicates: 0, refused: [] });

    const ticket = next({ author: bob });
    const bobsPolicy = policy(bob);
    const bobPromotesHimself = next({
      author: bob,
      table: 'users',
      key: JSON.stringify([bob]),
      fields: { role: 'admin' },
    });
    const r = await push(db.pool, b!, [bobsPolicy, ticket, bobPromotesHimself]);
    expect(r.accepted).toBe(1);
    expect(r.refused.map((x) => [x.id, x.code])).toEqual([
      [bobsPolicy.id, 'FORBIDDEN'],
      [bobPromotesHimself.id, 'FORBIDDEN'],
    ]);
    expect(r.refused[0]!.message).toMatch(
      /policies: changing it needs the supervisor role.*is analyst/,
    );
    // No other workstation receives what was refused.
    const seen = (await pull(db.pool, a!)).changes.map((c) => c.id);
    expect(seen).toContain(ticket.id);
    expect(seen).not.toContain(bobsPolicy.id);
    expect(seen).not.toContain(bobPromotesHimself.id);

    // The desk's own reference data from any other workstation is refused.
    const notFounder = await push(db.pool, b!, [policy(DESK_AUTHOR)]);
    expect(notFounder.refused[0]!.message).toMatch(/Only the workstation that brought this desk/);
  });

  it('learns roles from the desk’s own changes, the latest clock winning, within one push too', async () => {
    const [a, b] = await deskWith(db.pool, 'LEARN', 2);
    await push(db.pool, a!, [person(ada, 'admin'), person(bob, 'analyst')]);
    const promote = next({
      author: ada,
      table: 'users',
      key: JSON.stringify([bob]),
      fields: { role: 'supervisor' },
    });
    const bobsPolicy = policy(bob);
    // Promoted and acting in one push, in that order.
    expect(await push(db.pool, a!, [promote, bobsPolicy])).toMatchObject({
      accepted: 2,
      refused: [],
    });

    // A demotion read later but clocked earlier than the promotion does not win.
    const stale = change(
      { author: ada, table: 'users', key: JSON.stringify([bob]), fields: { role: 'analyst' } },
      Number(promote.hlc.slice(0, 15)) - 500,
    );
    await push(db.pool, b!, [stale]);
    expect(await push(db.pool, b!, [policy(bob)])).toMatchObject({ accepted: 1, refused: [] });

    // Their own password, anyone: a sign-in's rehash or a new password.
    const own = next({
      author: bob,
      table: 'users',
      key: JSON.stringify([bob]),
      fields: { password_hash: 'new', must_change_password: 0 },
    });
    expect(await push(db.pool, b!, [own])).toMatchObject({ accepted: 1, refused: [] });
    // Someone else's is an admin's.
    const others = next({
      author: bob,
      table: 'users',
      key: JSON.stringify([ada]),
      fields: { password_hash: 'mine now' },
    });
    expect((await push(db.pool, b!, [others])).refused).toHaveLength(1);

    // Disabled: refused from then on, whatever the role.
    await push(db.pool, a!, [
      next({ author: ada, table: 'users', key: JSON.stringify([bob]), fields: { active: 0 } }),
    ]);
    const after = await push(db.pool, b!, [policy(bob)]);
    expect(after.refused[0]!.message).toMatch(/disabled/);
  });

  it('counts a retry of a change it took as a duplicate, even after its author lost the role', async () => {
    const [a] = await deskWith(db.pool, 'RETRY', 1);
    await push(db.pool, a!, [person(ada, 'admin'), person(bob, 'supervisor')]);
    const p = policy(bob);
    await push(db.pool, a!, [p]);
    await push(db.pool, a!, [
      next({
        author: ada,
        table: 'users',
        key: JSON.stringify([bob]),
        fields: { role: 'analyst' },
      }),
    ]);
    expect(await push(db.pool, a!, [p])).toEqual({ accepted: 0, duplicates: 1, refused: [] });
  });

  it('makes, lists and revokes join codes for an admin of the desk only', async () => {
    const [a] = await deskWith(db.pool, 'CODES', 1);
    const [other] = await deskWith(db.pool, 'ELSE', 1);
    await push(db.pool, a!, [person(ada, 'admin'), person(bob, 'analyst')]);
    await expect(requireRole(db.pool, a!, ada, 'admin')).resolves.toBeUndefined();
    for (const who of [bob, randomUUID()]) {
      const e = await requireRole(db.pool, a!, who, 'admin').catch((x: unknown) => x);
      expect(e).toBeInstanceOf(HubError);
      expect((e as HubError).code).toBe('FORBIDDEN');
    }
    // Ada is an admin of CODES, not of ELSE.
    await expect(requireRole(db.pool, other!, ada, 'admin')).rejects.toThrow(HubError);

    const spent = await createJoinCode(db.pool, 'CODES', 8, ada);
    await join(db.pool, spent.code, 'Field laptop 7');
    const made = await createJoinCode(db.pool, 'CODES', 8, ada);
    const listed = await listJoinCodes(db.pool, 'CODES');
    expect(listed.find((c) => c.id === made.id)).toMatchObject({ usedAt: null, revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(made.code);
    expect(listed.find((c) => c.id === spent.id)).toMatchObject({ usedBy: 'Field laptop 7' });
    // Another desk's code is not this desk's to revoke.
    expect(await revokeJoinCode(db.pool, made.id, 'ELSE')).toBe(false);
    expect(await revokeJoinCode(db.pool, made.id, 'CODES')).toBe(true);
    expect(
      (await listJoinCodes(db.pool, 'CODES')).find((c) => c.id === made.id)!.revokedAt,
    ).not.toBeNull();
    const e = await createJoinCode(db.pool, 'CODES', 500, ada).catch((x: unknown) => x);
    expect((e as HubError).code).toBe('VALIDATION');
  });
});
