/**
 * The supervisors' report: each ticket's outcomes as the desk keeps them (first response and
 * resolution against their targets, customer updates that came late, first-contact resolution,
 * call-backs kept), worked through the contract on a demo desk with its clock moved by hand; and
 * on a seeded desk, every figure of a year's report against an answer written here in plain SQL
 * (days put in the desk's time zone by Intl, not by the report's own arithmetic).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../src/shared/business-time.ts';
import type { Input, MethodName, Output } from '../../src/shared/contract.ts';
import type { Connection } from '../../src/core/kernel/context.ts';
import { openDesk, type Desk } from '../../src/core/kernel/desk.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-desk.ts';
import { seedDesk } from '../../src/tools/seed/generate.ts';
import { BACKLOG_AGE_HOURS, type CohortTally, type DeskReport } from '../../src/shared/reports.ts';
import { closingCall, demoDesk, resolve, T0, validIntake, type TestDesk } from '../helpers/desk.ts';

/** A group's figures without its name. */
const tallyPart = (x: CohortTally): CohortTally => ({
  tickets: x.tickets,
  resolved: x.resolved,
  response: x.response,
  update: x.update,
  resolution: x.resolution,
  firstContact: x.firstContact,
  callbacks: x.callbacks,
});

const open: TestDesk[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

describe('report outcomes, ticket by ticket', () => {
  const setup = async () => {
    const t = await demoDesk({ escalationRules: false });
    open.push(t);
    const a = await t.as('analyst');
    const input = await validIntake(t, a, 1);
    let n = 0;
    const ticket = async () =>
      (await t.ok(a, 'intake.submit', { ...input, accountNumber: `RPT-${n++}` })).tickets[0]!;
    const row = (id: string) =>
      t.desk.db
        .prepare(
          `SELECT response_target_at, resolution_target_at, update_misses, first_contact,
             callbacks_promised, callbacks_kept, callback_open_due, response_due, created_at
           FROM tickets WHERE id = ?`,
        )
        .get(id) as Record<string, number | null>;
    const log = (id: string, c: Partial<Input<'contacts.log'>> = {}) =>
      t.ok(a, 'contacts.log', {
        ticketId: id,
        direction: 'outbound',
        channel: 'phone',
        outcome: 'reached',
        durationSec: 60,
        summary: 'Update given to the customer',
        ...c,
      });
    return { t, a, ticket, row, log };
  };

  it('keeps the first response and resolution targets after the clocks stop', async () => {
    const { t, a, ticket, row } = await setup();
    const tk = await ticket();
    const before = row(tk.id);
    expect(before['response_target_at']).toBe(before['response_due']);
    expect(before['update_misses']).toBe(0);
    t.clock.advance(5 * MINUTE);
    const card = await t.ok(a, 'tickets.move', { id: tk.id, version: 1, to: 'in_progress' });
    const after = row(tk.id);
    expect(after['response_due']).toBeNull();
    expect(after['response_target_at']).toBe(before['response_target_at']);
    await resolve(t, a, tk.id, card.version);
    const done = row(tk.id);
    expect(done['resolution_target_at']).toBe(before['resolution_target_at']);
    expect(done['resolution_target_at']).toBeGreaterThan(done['created_at']!);
  });

  it('counts a customer update that came after its due, and only that one', async () => {
    const { t, a, ticket, row, log } = await setup();
    const tk = await ticket();
    t.clock.advance(MINUTE);
    await log(tk.id); // a minute after the call: on time under any policy
    expect(row(tk.id)['update_misses']).toBe(0);
    t.clock.advance(30 * DAY);
    await log(tk.id); // a month later: late under any policy, open days or not
    expect(row(tk.id)['update_misses']).toBe(1);
    t.clock.advance(MINUTE);
    await log(tk.id, { outcome: 'no_answer', durationSec: null }); // no update given: no gap
    expect(row(tk.id)['update_misses']).toBe(1);
    const { version } = await t.ok(a, 'tickets.get', { id: tk.id });
    await resolve(t, a, tk.id, version);
    expect(row(tk.id)['update_misses']).toBe(1);
  });

  it('resolved on first contact: none after the call but the closing one, never escalated or reopened', async () => {
    const { t, a, ticket, row, log } = await setup();
    const quick = await ticket();
    t.clock.advance(2 * MINUTE);
    await resolve(t, a, quick.id, 1);
    expect(row(quick.id)['first_contact']).toBe(1);

    const followed = await ticket();
    t.clock.advance(MINUTE);
    await log(followed.id);
    await resolve(t, a, followed.id, 1);
    expect(row(followed.id)['first_contact']).toBe(0);

    const escalated = await ticket();
    const up = await t.ok(a, 'tickets.escalate', {
      id: escalated.id,
      version: 1,
      reason: 'Needs the core switch config',
    });
    expect(up.status).toBe('escalated');
    await resolve(t, a, escalated.id, up.version);
    expect(row(escalated.id)['first_contact']).toBe(0);

    const reopened = await ticket();
    const res = await resolve(t, a, reopened.id, 1);
    expect(row(reopened.id)['first_contact']).toBe(1);
    await t.ok(a, 'tickets.reopen', {
      id: reopened.id,
      version: res.version,
      reason: 'It failed again',
    });
    expect(row(reopened.id)['first_contact']).toBe(0);
  });

  it('a call-back is kept by a contact at or before its time, missed after it, not needed once resolved', async () => {
    const { t, a, ticket, row, log } = await setup();
    const tk = await ticket();
    t.clock.advance(MINUTE);
    await log(tk.id, { next: { at: t.clock.now() + HOUR, reason: 'The customer asked' } });
    expect(row(tk.id)).toMatchObject({
      callbacks_promised: 0,
      callback_open_due: t.clock.now() + HOUR,
    });
    t.clock.advance(30 * MINUTE);
    await log(tk.id, { next: { at: t.clock.now() + HOUR, reason: 'The customer asked' } });
    expect(row(tk.id)).toMatchObject({ callbacks_promised: 1, callbacks_kept: 1 });
    t.clock.advance(2 * HOUR);
    await log(tk.id, { next: { at: t.clock.now() + HOUR, reason: 'The customer asked' } });
    expect(row(tk.id)).toMatchObject({ callbacks_promised: 2, callbacks_kept: 1 });
    // Solved before the last one's time: that call-back was not needed.
    t.clock.advance(10 * MINUTE);
    await closingCall(t, a, tk.id);
    expect(row(tk.id)).toMatchObject({ callbacks_promised: 3, callbacks_kept: 2 });
    const { version } = await t.ok(a, 'tickets.get', { id: tk.id });
    await resolve(t, a, tk.id, version);
    expect(row(tk.id)).toMatchObject({
      callbacks_promised: 3,
      callbacks_kept: 2,
      callback_open_due: null,
    });
  });

  it('the sums the reports read follow every change: each day’s sums are those of its tickets', async () => {
    const { t, a, ticket, log } = await setup();
    const info = await t.ok(a, 'desk.info', {});
    const other = info.queues.find((q) => q.id !== info.categories[0]!.defaultQueueId)!;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await ticket()).id);
    const version = async (id: string) => (await t.ok(a, 'tickets.get', { id })).version;
    t.clock.advance(HOUR);
    await t.ok(a, 'tickets.update', {
      id: ids[0]!,
      version: await version(ids[0]!),
      changes: { queueId: other.id },
    });
    await t.ok(a, 'tickets.setPriority', {
      id: ids[1]!,
      version: await version(ids[1]!),
      impact: 3,
      urgency: 3,
    });
    await log(ids[2]!);
    const res = await resolve(t, a, ids[2]!, await version(ids[2]!));
    t.clock.advance(DAY);
    await t.ok(a, 'tickets.reopen', { id: ids[2]!, version: res.version, reason: 'Back again' });
    await resolve(t, a, ids[3]!, await version(ids[3]!));
    const db = t.desk.db;
    const kept = db
      .prepare(
        `SELECT day, queue_id, priority, tickets, resolved, response_met, response_late, update_met,
           update_late, resolution_met, resolution_late, first_contact, callbacks_promised, callbacks_kept
         FROM report_days WHERE tickets <> 0 ORDER BY 1, 2, 3`,
      )
      .all();
    const fresh = db
      .prepare(
        `SELECT created_day AS day, queue_id, priority, count(*) AS tickets,
           count(*) FILTER (WHERE status = 'resolved') AS resolved,
           count(*) FILTER (WHERE responded_at <= response_target_at) AS response_met,
           count(*) FILTER (WHERE responded_at > response_target_at) AS response_late,
           count(*) FILTER (WHERE status = 'resolved' AND update_misses = 0) AS update_met,
           count(*) FILTER (WHERE update_misses > 0) AS update_late,
           count(*) FILTER (WHERE status = 'resolved' AND resolved_at <= resolution_target_at) AS resolution_met,
           count(*) FILTER (WHERE status = 'resolved' AND resolved_at > resolution_target_at) AS resolution_late,
           sum(first_contact) AS first_contact, sum(callbacks_promised) AS callbacks_promised,
           sum(callbacks_kept) AS callbacks_kept
         FROM tickets WHERE update_misses IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      )
      .all();
    expect(kept).toEqual(fresh);
    const rows = (sql: string) => db.prepare(sql).all();
    expect(rows('SELECT day, queue_id, n FROM report_resolved WHERE n <> 0 ORDER BY 1, 2')).toEqual(
      rows(`SELECT resolved_day AS day, queue_id, count(*) AS n FROM tickets
            WHERE resolved_day IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`),
    );
    expect(
      rows('SELECT day, resolved_by, n FROM report_resolvers WHERE n <> 0 ORDER BY 1, 2'),
    ).toEqual(
      rows(`SELECT resolved_day AS day, resolved_by, count(*) AS n FROM tickets
            WHERE resolved_day IS NOT NULL AND resolved_by IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`),
    );
    expect(rows('SELECT * FROM report_resolved').length).toBeGreaterThan(0);
    expect(
      db.prepare('SELECT count(*) FROM tickets WHERE update_misses IS NULL').pluck().get(),
    ).toBe(0);
  });

  it('a new time zone for the desk moves its tickets to their new days, a batch at a time', async () => {
    const { t, ticket } = await setup();
    for (let i = 0; i < 3; i++) {
      await ticket();
      t.clock.advance(7 * HOUR);
    }
    const sup = await t.as('supervisor');
    const zone = 'Pacific/Kiritimati';
    await t.ok(sup, 'calendar.update', {
      timeZone: zone,
      week: { '1': [[540, 1020]], '2': [[540, 1020]], '3': [[540, 1020]] },
      holidays: [],
    });
    const db = t.desk.db;
    const total = db.prepare('SELECT count(*) FROM tickets').pluck().get() as number;
    expect(
      db.prepare('SELECT count(*) FROM tickets WHERE update_misses IS NULL').pluck().get(),
    ).toBe(total);
    expect(db.prepare('SELECT coalesce(sum(tickets), 0) FROM report_days').pluck().get()).toBe(0);
    while (t.desk.fillOutcomes() > 0);
    const days = new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    for (const r of db.prepare('SELECT created_at, created_day FROM tickets').all() as {
      created_at: number;
      created_day: number;
    }[])
      expect(new Date(r.created_day * DAY).toISOString().slice(0, 10)).toBe(
        days.format(r.created_at),
      );
    expect(db.prepare('SELECT sum(tickets) FROM report_days').pluck().get()).toBe(total);
  });

  it('refuses a period it cannot report, and reports only to supervisors', async () => {
    const { t, a } = await setup();
    const sup = await t.as('supervisor');
    const bad: unknown[] = [
      { from: '2026-02-30', to: '2026-03-01' },
      { from: '2026-03-02', to: '2026-03-01' },
      { from: '2024-01-01', to: '2026-01-02' },
      { from: '1969-12-31', to: '1970-01-01' },
      { from: '2026-1-1', to: '2026-01-02' },
      { from: '2026-01-01', to: '2026-01-02', queueId: 'nope' },
      { from: '2026-01-01', to: '2026-01-02', extra: 1 },
    ];
    for (const input of bad) {
      const r = await t.desk.call(sup, 'reports.get', input as never);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('VALIDATION');
    }
    const r = await t.desk.call(a, 'reports.get', { from: '2026-01-01', to: '2026-01-31' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
    const day = new Date(T0).toISOString().slice(0, 10);
    const ok = await t.ok(sup, 'reports.get', { from: day, to: day });
    expect(ok.days).toHaveLength(1);
  });
});

describe('a seeded desk: the report against plain SQL', () => {
  let desk: Desk;
  let sup: Connection;
  let timeZone: string;
  const ok = async <M extends MethodName>(m: M, input: Input<M>): Promise<Output<M>> => {
    const r = await desk.call(sup, m, input);
    if (!r.ok) throw new Error(`${m} failed: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-report-'));
    await seedDesk({ dataDir: dir, tickets: 4000, seed: 9 });
    desk = await openDesk({ dataDir: dir, slaTicker: false, maintenance: false });
    sup = desk.connect();
    await ok('auth.signIn', { username: 'supervisor', password: DEMO_PASSWORD });
    timeZone = (await ok('desk.info', {})).timeZone;
  }, 120_000);
  afterAll(async () => {
    await desk?.close();
  });

  /** The desk's day of an instant, by Intl. */
  let format: Intl.DateTimeFormat | null = null;
  const dayOf = (ms: number) =>
    (format ??= new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })).format(ms);

  interface T {
    id: string;
    created_at: number;
    resolved_at: number | null;
    status: string;
    priority: number;
    queue_id: string;
  }
  const all = () =>
    desk.db
      .prepare('SELECT id, created_at, resolved_at, status, priority, queue_id FROM tickets')
      .all() as T[];

  /** The figures of the tickets `ids`, each target by its plain definition. */
  const tallyOf = (ids: string[], now: number): CohortTally => {
    desk.db.exec('DROP TABLE IF EXISTS temp.ids; CREATE TEMP TABLE ids (id TEXT PRIMARY KEY)');
    const ins = desk.db.prepare('INSERT INTO temp.ids VALUES (?)');
    for (const id of ids) ins.run(id);
    const r = desk.db
      .prepare(
        `SELECT count(*) AS tickets,
           count(*) FILTER (WHERE status = 'resolved') AS resolved,
           count(*) FILTER (WHERE responded_at IS NOT NULL AND responded_at <= response_target_at) AS rmet,
           count(*) FILTER (WHERE (responded_at IS NULL AND response_target_at < :now) OR responded_at > response_target_at) AS rmiss,
           count(*) FILTER (WHERE status = 'resolved' AND update_misses = 0) AS umet,
           count(*) FILTER (WHERE update_misses > 0 OR (status <> 'resolved' AND update_due <= :now)) AS umiss,
           count(*) FILTER (WHERE status = 'resolved' AND resolved_at <= resolution_target_at) AS smet,
           count(*) FILTER (WHERE (status = 'resolved' AND resolved_at > resolution_target_at)
             OR (status <> 'resolved' AND resolution_target_at < :now)) AS smiss
         FROM tickets WHERE id IN (SELECT id FROM temp.ids)`,
      )
      .get({ now }) as Record<string, number>;
    // First contact and call-backs from the raw log, not from the stored outcomes.
    const fcr = desk.db
      .prepare(
        `SELECT count(*) FROM tickets t WHERE t.id IN (SELECT id FROM temp.ids)
           AND t.status = 'resolved' AND t.reopen_count = 0
           AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.ticket_id = t.id)
           AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.ticket_id = t.id AND c.at > t.created_at AND c.closing = 0)`,
      )
      .pluck()
      .get() as number;
    const cb = desk.db
      .prepare(
        `WITH log AS (
           SELECT c.ticket_id, c.at, c.next_at,
             lead(c.at) OVER (PARTITION BY c.ticket_id ORDER BY c.at, c.id) AS next_contact
           FROM contacts c WHERE c.ticket_id IN (SELECT id FROM temp.ids))
         SELECT
           count(*) FILTER (WHERE next_contact IS NOT NULL OR (t.status = 'resolved' AND t.resolved_at > l.next_at)
             OR (t.status <> 'resolved' AND l.next_at <= :now)) AS due,
           count(*) FILTER (WHERE next_contact <= l.next_at) AS kept,
           count(*) FILTER (WHERE next_contact IS NULL AND t.status <> 'resolved' AND l.next_at > :now) AS outstanding
         FROM log l JOIN tickets t ON t.id = l.ticket_id WHERE l.next_at IS NOT NULL`,
      )
      .get({ now }) as Record<string, number>;
    return {
      tickets: r['tickets']!,
      resolved: r['resolved']!,
      response: { met: r['rmet']!, missed: r['rmiss']! },
      update: { met: r['umet']!, missed: r['umiss']! },
      resolution: { met: r['smet']!, missed: r['smiss']! },
      firstContact: fcr,
      callbacks: { due: cb['due']!, kept: cb['kept']!, outstanding: cb['outstanding']! },
    };
  };

  it('a year: SLA, first contact and call-backs by priority, queue and week; days; backlog; tiers; load', async () => {
    const to = '2026-11-23';
    const from = '2025-11-24';
    const report: DeskReport = await ok('reports.get', { from, to });
    const now = report.generatedAt;
    const tickets = all();
    const inPeriod = tickets.filter((t) => {
      const d = dayOf(t.created_at);
      return d >= from && d <= to;
    });
    expect(inPeriod.length).toBeGreaterThan(1000);
    expect(report.pending).toBe(0);
    expect(report.total).toEqual(
      tallyOf(
        inPeriod.map((t) => t.id),
        now,
      ),
    );
    expect(report.total.response.missed).toBeGreaterThan(0);
    expect(report.total.update.missed).toBeGreaterThan(0);
    expect(report.total.firstContact).toBeGreaterThan(0);
    expect(report.total.callbacks.kept).toBeGreaterThan(0);

    for (const p of report.byPriority) {
      const { priority, ...tally } = p;
      expect(tally, `priority ${priority}`).toEqual(
        tallyOf(
          inPeriod.filter((t) => t.priority === priority).map((t) => t.id),
          now,
        ),
      );
    }
    expect(report.byPriority.map((p) => p.priority)).toEqual([1, 2, 3, 4]);
    for (const q of report.byQueue) {
      const { queueId } = q;
      expect(tallyPart(q)).toEqual(
        tallyOf(
          inPeriod.filter((t) => t.queue_id === queueId).map((t) => t.id),
          now,
        ),
      );
    }
    // Weeks from Monday, by the desk's calendar day.
    const monday = (d: string) => {
      const ms = Date.parse(`${d}T00:00:00Z`);
      const dow = (new Date(ms).getUTCDay() + 6) % 7;
      return new Date(ms - dow * DAY).toISOString().slice(0, 10);
    };
    const weeks = new Map<string, string[]>();
    for (const t of inPeriod) {
      const w = monday(dayOf(t.created_at));
      weeks.set(w, [...(weeks.get(w) ?? []), t.id]);
    }
    expect(report.byWeek.map((w) => w.week)).toEqual([...weeks.keys()].sort());
    for (const w of report.byWeek.slice(0, 5)) {
      const { week, ...tally } = w;
      expect(tally, week).toEqual(tallyOf(weeks.get(week)!, now));
    }

    // Each day: created, resolved, and open at its end.
    const createdOn = tickets.map((t) => dayOf(t.created_at));
    const resolvedOn = tickets.flatMap((t) =>
      t.resolved_at === null ? [] : [dayOf(t.resolved_at)],
    );
    const countOf = (days: string[]) => {
      const m = new Map<string, number>();
      for (const d of days) m.set(d, (m.get(d) ?? 0) + 1);
      return m;
    };
    const created = countOf(createdOn);
    const resolved = countOf(resolvedOn);
    expect(report.days).toHaveLength(365);
    for (const d of report.days) {
      expect(d.created, d.day).toBe(created.get(d.day) ?? 0);
      expect(d.resolved, d.day).toBe(resolved.get(d.day) ?? 0);
    }
    for (const d of [report.days[0]!, report.days[180]!, report.days.at(-1)!]) {
      const expected =
        createdOn.filter((x) => x <= d.day).length - resolvedOn.filter((x) => x <= d.day).length;
      expect(d.backlog, d.day).toBe(expected);
    }

    // Open now, by age band and priority.
    const openNow = tickets.filter((t) => t.status !== 'resolved');
    const band = (t: T) => {
      const age = (now - t.created_at) / HOUR;
      const i = BACKLOG_AGE_HOURS.findIndex((h) => age < h);
      return i === -1 ? BACKLOG_AGE_HOURS.length : i;
    };
    report.backlogNow.forEach((b, i) => {
      for (let p = 1; p <= 4; p++)
        expect(b.open[p - 1], `${b.age} P${p}`).toBe(
          openNow.filter((t) => band(t) === i && t.priority === p).length,
        );
    });
    expect(report.backlogNow.flatMap((b) => b.open).reduce((x, y) => x + y)).toBe(openNow.length);

    // Time in each tier: the ladder's steps entered in the period (the desk's days, by Intl).
    const spans = (
      desk.db.prepare('SELECT domain_id, tier, from_at, to_at FROM tier_spans').all() as {
        domain_id: string;
        tier: number;
        from_at: number;
        to_at: number | null;
      }[]
    ).filter((x) => dayOf(x.from_at) >= from && dayOf(x.from_at) <= to);
    const byTier = new Map<string, { open: number; entries: number; ms: number }>();
    for (const x of spans) {
      const k = `${x.domain_id}|${x.tier}`;
      const e = byTier.get(k) ?? { open: 0, entries: 0, ms: 0 };
      e.entries++;
      if (x.to_at === null) e.open++;
      e.ms += (x.to_at ?? now) - x.from_at;
      byTier.set(k, e);
    }
    expect(report.tiers.length).toBeGreaterThan(0);
    expect(
      report.tiers.map((x) => [`${x.domainId}|${x.tier}`, x.entries, x.open, x.hours]).sort(),
    ).toEqual(
      [...byTier]
        .map(([k, e]) => [k, e.entries, e.open, Math.round(e.ms / e.entries / 360_000) / 10])
        .sort(),
    );

    // Each analyst: open work assigned now by priority, and what they resolved in the period.
    for (const l of report.load) {
      const assigned = desk.db
        .prepare(
          "SELECT priority, count(*) AS n FROM tickets WHERE assignee_id = ? AND status <> 'resolved' GROUP BY 1",
        )
        .all(l.userId) as { priority: number; n: number }[];
      const byP = [0, 0, 0, 0];
      for (const x of assigned) byP[x.priority - 1] = x.n;
      expect(l.open, l.name).toEqual(byP);
      const resolvedIds = desk.db
        .prepare(
          'SELECT resolved_at FROM tickets WHERE resolved_by = ? AND resolved_at IS NOT NULL',
        )
        .pluck()
        .all(l.userId) as number[];
      expect(l.resolved, l.name).toBe(
        resolvedIds.filter((ms) => dayOf(ms) >= from && dayOf(ms) <= to).length,
      );
    }
    expect(report.load.reduce((n, l) => n + l.resolved, 0)).toBeGreaterThan(0);
  }, 120_000);

  it('one queue: the same figures as the whole desk filtered to it', async () => {
    const queueId = desk.db
      .prepare('SELECT queue_id FROM tickets GROUP BY 1 ORDER BY count(*) DESC LIMIT 1')
      .pluck()
      .get() as string;
    const whole = await ok('reports.get', { from: '2025-06-01', to: '2026-05-31' });
    const one = await ok('reports.get', { from: '2025-06-01', to: '2026-05-31', queueId });
    expect(one.total).toEqual(tallyPart(whole.byQueue.find((q) => q.queueId === queueId)!));
    expect(one.byQueue.map((q) => q.queueId)).toEqual([queueId]);
    const tickets = all().filter((t) => t.queue_id === queueId);
    for (const d of one.days.slice(0, 60))
      expect(d.created, d.day).toBe(tickets.filter((t) => dayOf(t.created_at) === d.day).length);
    // Each analyst's resolutions in that queue, and open work in it.
    for (const l of one.load) {
      const theirs = desk.db
        .prepare(
          'SELECT resolved_at FROM tickets WHERE resolved_by = ? AND queue_id = ? AND resolved_at IS NOT NULL',
        )
        .pluck()
        .all(l.userId, queueId) as number[];
      expect(l.resolved, l.name).toBe(
        theirs.filter((ms) => dayOf(ms) >= '2025-06-01' && dayOf(ms) <= '2026-05-31').length,
      );
      const open = desk.db
        .prepare(
          "SELECT count(*) FROM tickets WHERE assignee_id = ? AND queue_id = ? AND status <> 'resolved'",
        )
        .pluck()
        .get(l.userId, queueId) as number;
      expect(
        l.open.reduce((x, y) => x + y, 0),
        l.name,
      ).toBe(open);
    }
    expect(one.load.reduce((n, l) => n + l.resolved, 0)).toBeGreaterThan(0);
  });
});
