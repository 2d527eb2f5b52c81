import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/core/kernel/context.ts';
import { STATUSES } from '../../src/shared/domain.ts';
import { demoDesk, fingerprint, resolve, validIntake, type TestDesk } from '../helpers/desk.ts';

describe('the ticket board', () => {
  let t: TestDesk;
  let a: Connection;
  beforeEach(async () => {
    t = await demoDesk({ escalationRules: false });
    a = await t.as('analyst');
  });
  afterEach(() => t.close());

  it('moving a ticket is a history event; a stale version is a CONFLICT that changes nothing', async () => {
    const r = await t.ok(a, 'intake.submit', await validIntake(t, a, 1));
    const id = r.tickets[0]!.id;
    t.clock.advance(60_000);
    const moved = await t.ok(a, 'tickets.move', { id, to: 'in_progress', version: 1 });
    expect(moved).toMatchObject({ status: 'in_progress', version: 2 });
    const before = fingerprint(t.desk);
    expect(await t.desk.call(a, 'tickets.move', { id, to: 'open', version: 1 })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(fingerprint(t.desk)).toBe(before);
    const detail = await t.ok(a, 'tickets.get', { id });
    expect(detail.events.map((e) => [e.type, e.data])).toEqual([
      ['created', expect.objectContaining({ status: 'new' })],
      ['status_changed', { from: 'new', to: 'in_progress' }],
    ]);
    expect(detail.events[1]!.at - detail.events[0]!.at).toBe(60_000);
    expect(detail.events[1]!.actor.id).toBe(a.user!.id);
  });

  it('moving to an unknown status or an unknown ticket changes nothing', async () => {
    const r = await t.ok(a, 'intake.submit', await validIntake(t, a, 1));
    const before = fingerprint(t.desk);
    expect(
      await t.desk.dispatch(a, 'tickets.move', { id: r.tickets[0]!.id, to: 'deleted', version: 1 }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(
      await t.desk.call(a, 'tickets.move', {
        id: '01900000-0000-7000-8000-000000000000',
        to: 'open',
        version: 1,
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(fingerprint(t.desk)).toBe(before);
  });

  it('assigning is a history event; filters by queue, priority, assignee and text', async () => {
    const info = await t.ok(a, 'desk.info', {});
    const printer = info.categories.find((c) => c.code === 'PRINTER')!;
    const net = await t.ok(a, 'intake.submit', await validIntake(t, a, 3));
    const input = await validIntake(t, a, 1);
    input.accountNumber = 'LW-9002';
    input.problems[0] = {
      ...input.problems[0]!,
      categoryId: printer.id,
      queueId: printer.defaultQueueId,
      impact: 3,
      urgency: 3,
      title: 'Toner smudges on every page',
    };
    const prn = await t.ok(a, 'intake.submit', input);
    const tech = info.users.find((u) => u.username === 'tech2')!;
    await t.ok(a, 'tickets.assign', { id: net.tickets[0]!.id, assigneeId: tech.id, version: 1 });

    const keys = async (filters: object) =>
      (await t.ok(a, 'tickets.board', { filters })).columns
        .flatMap((c) => c.items.map((i) => i.key))
        .sort();
    expect(await keys({})).toHaveLength(4);
    expect(await keys({ queueId: printer.defaultQueueId })).toEqual([prn.tickets[0]!.key]);
    expect(await keys({ priority: 4 })).toEqual([prn.tickets[0]!.key]);
    expect(await keys({ priority: 1 })).toEqual([net.tickets[0]!.key]);
    expect(await keys({ assigneeId: tech.id })).toEqual([net.tickets[0]!.key]);
    expect(await keys({ assigneeId: 'none' })).toHaveLength(3);
    expect(await keys({ text: 'toner' })).toEqual([prn.tickets[0]!.key]);
    expect(await keys({ text: 'kofi' })).toHaveLength(4);
    expect(await keys({ text: net.tickets[1]!.key })).toEqual([net.tickets[1]!.key]);
    expect(await keys({ text: '"*' })).toEqual([]);
    const board = await t.ok(a, 'tickets.board', { filters: { priority: 1 } });
    expect(board.columns.map((c) => c.status)).toEqual([...STATUSES]);
    expect(board.columns.find((c) => c.status === 'new')!.count).toBe(1);
  });

  it('pages through a column by cursor: every ticket once, soonest to breach first', async () => {
    for (let i = 0; i < 7; i++) {
      t.clock.advance(1000);
      const input = await validIntake(t, a, 3);
      input.accountNumber = `LW-${i}`;
      await t.ok(a, 'intake.submit', input);
    }
    const seen: string[] = [];
    const dues: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { key: string; nextDueAt: number | null }[]; next: string | null } =
        await t.ok(a, 'tickets.page', { status: 'new', cursor, limit: 4 });
      seen.push(...page.items.map((i) => i.key));
      dues.push(...page.items.map((i) => i.nextDueAt ?? Infinity));
      cursor = page.next;
    } while (cursor);
    expect(seen).toHaveLength(21);
    expect(new Set(seen).size).toBe(21);
    expect(dues).toEqual([...dues].sort((x, y) => x - y));
    expect(dues.every((d) => Number.isFinite(d))).toBe(true);
    expect(
      await t.desk.call(a, 'tickets.page', { status: 'new', cursor: 'not-a-cursor' }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'cursor' }] } });
  });

  it('the counter table always equals a recount, through intakes, moves and assignments', async () => {
    const info = await t.ok(a, 'desk.info', {});
    const recount = () =>
      t.desk.db
        .prepare(
          `SELECT status, queue_id, priority, coalesce(assignee_id, '') AS assignee_id, count(*) AS n
           FROM tickets GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
        )
        .all();
    const counters = () =>
      t.desk.db
        .prepare(
          'SELECT status, queue_id, priority, assignee_id, n FROM ticket_counts WHERE n > 0 ORDER BY 1, 2, 3, 4',
        )
        .all();
    const ids: { id: string; version: number }[] = [];
    for (let i = 0; i < 6; i++) {
      const input = await validIntake(t, a, 2);
      input.accountNumber = `LW-C${i}`;
      const r = await t.ok(a, 'intake.submit', input);
      ids.push(...r.tickets.map((x) => ({ id: x.id, version: 1 })));
    }
    let step = 0;
    for (const x of ids) {
      const to = STATUSES[step++ % STATUSES.length]!;
      const moved =
        to === 'resolved'
          ? await resolve(t, a, x.id, x.version)
          : to === 'escalated'
            ? await t.ok(a, 'tickets.escalate', {
                id: x.id,
                version: x.version,
                reason: 'Beyond tier 1',
              })
            : await t.ok(a, 'tickets.move', { id: x.id, to, version: x.version });
      x.version = moved.version;
      if (step % 3 === 0) {
        const assigned = await t.ok(a, 'tickets.assign', {
          id: x.id,
          assigneeId: info.users[step % info.users.length]!.id,
          version: x.version,
        });
        x.version = assigned.version;
      }
    }
    expect(counters()).toEqual(recount());
    const board = await t.ok(a, 'tickets.board', {});
    for (const col of board.columns) expect(col.count).toBe(col.items.length);
    const c = await t.ok(a, 'tickets.counts', {});
    expect(Object.values(c.byStatus).reduce((x, y) => x + y, 0)).toBe(12);
  });

  it('tickets.search finds newest first, with filters, and says when there is more', async () => {
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1000);
      const input = await validIntake(t, a, 2);
      input.accountNumber = `LW-S${i}`;
      await t.ok(a, 'intake.submit', input);
    }
    const all = await t.ok(a, 'tickets.search', { text: 'site link', limit: 4 });
    expect(all.items.map((x) => x.key)).toEqual([
      'LON-000006',
      'LON-000005',
      'LON-000004',
      'LON-000003',
    ]);
    expect(all.more).toBe(true);
    const p1 = await t.ok(a, 'tickets.search', { text: 'site link', priority: 1 });
    expect(p1.items.map((x) => x.key)).toEqual(['LON-000005', 'LON-000003', 'LON-000001']);
    expect(p1.more).toBe(false);
    expect((await t.ok(a, 'tickets.search', { text: 'site', status: 'resolved' })).items).toEqual(
      [],
    );
  });
});
