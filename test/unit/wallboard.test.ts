import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/core/kernel/clock.ts';
import type { Connection } from '../../src/core/kernel/context.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-desk.ts';
import { openDesk, type Desk } from '../../src/core/kernel/desk.ts';
import { SEED_NOW, seedDesk } from '../../src/tools/seed/generate.ts';
import { HOUR } from '../../src/shared/business-time.ts';
import { contract, METHOD_NAMES } from '../../src/shared/contract.ts';
import type { WallboardView } from '../../src/shared/views.ts';
import { fingerprint } from '../helpers/desk.ts';

/** A seeded desk read through the wall-board, and again by plain SQL over the tickets themselves. */
describe('the wall-board on a seeded store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-wall-'));
  let desk: Desk;
  let wall: Connection;
  let view: WallboardView;
  // Mid-afternoon of the seed's last day, so "today" has calls and resolutions in it.
  const now = SEED_NOW + 6 * HOUR;

  beforeAll(async () => {
    await seedDesk({ dataDir: dir, tickets: 15_000, seed: 7 });
    desk = await openDesk({
      dataDir: dir,
      clock: manualClock(now),
      slaTicker: false,
      maintenance: false,
    });
    wall = desk.connect();
    const r = await desk.call(wall, 'auth.signIn', {
      username: 'wallboard',
      password: DEMO_PASSWORD,
    });
    expect(r.ok).toBe(true);
    const v = await desk.call(wall, 'wallboard.get', {});
    if (!v.ok) throw new Error(JSON.stringify(v.error));
    view = v.value;
  });
  afterAll(async () => {
    await desk.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sql = <T>(q: string, ...args: unknown[]): T => desk.db.prepare(q).get(...args) as T;
  const all = <T>(q: string, ...args: unknown[]): T[] => desk.db.prepare(q).all(...args) as T[];
  const n = (q: string, ...args: unknown[]) => sql<{ n: number }>(q, ...args).n;

  it('open tickets by priority, queue and tier', () => {
    const byPriority = all<{ priority: number; n: number }>(
      "SELECT priority, count(*) AS n FROM tickets WHERE status <> 'resolved' GROUP BY priority",
    );
    for (const p of view.openByPriority)
      expect(p.open, `P${p.priority}`).toBe(
        byPriority.find((x) => x.priority === p.priority)?.n ?? 0,
      );
    expect(view.openByPriority.reduce((s, p) => s + p.open, 0)).toBe(
      n("SELECT count(*) AS n FROM tickets WHERE status <> 'resolved'"),
    );
    for (const q of view.openByQueue)
      expect(q.open, q.name).toBe(
        n(
          "SELECT count(*) AS n FROM tickets WHERE status <> 'resolved' AND queue_id = ?",
          q.queueId,
        ),
      );
    expect(view.openByTier).toEqual(
      all(
        "SELECT tier, count(*) AS open FROM tickets WHERE status <> 'resolved' GROUP BY tier ORDER BY tier",
      ),
    );
  });

  it('SLA breached and at risk, escalations waiting, call-backs overdue, the oldest unanswered', () => {
    expect(view.breached).toBe(
      n("SELECT count(*) AS n FROM tickets WHERE status <> 'resolved' AND sla_state = 'breached'"),
    );
    expect(view.atRisk).toBe(
      n("SELECT count(*) AS n FROM tickets WHERE status <> 'resolved' AND sla_state = 'at_risk'"),
    );
    expect(view.awaitingAcceptance).toBe(
      n("SELECT count(*) AS n FROM tickets WHERE escalation_state = 'pending'"),
    );
    expect(view.callbacksOverdue).toBe(
      n('SELECT count(*) AS n FROM callbacks WHERE due_at <= ?', now),
    );
    expect(view.breached).toBeGreaterThan(0);
    expect(view.oldestWaiting).toEqual(
      sql(
        `SELECT key, title, priority, created_at AS createdAt FROM tickets
         WHERE responded_at IS NULL AND status <> 'resolved' ORDER BY created_at LIMIT 1`,
      ),
    );
  });

  it('calls and resolutions today against the daily average, and created vs resolved by hour', () => {
    const dayStart = Date.UTC(2026, 10, 23); // London is on UTC in November
    expect(view.dayStart).toBe(dayStart);
    expect(view.callsToday).toBe(
      n('SELECT count(*) AS n FROM calls WHERE created_at >= ? AND created_at <= ?', dayStart, now),
    );
    expect(view.callsToday).toBeGreaterThan(0);
    expect(view.callsDailyAverage).toBeCloseTo(
      n(
        'SELECT count(*) AS n FROM calls WHERE created_at >= ? AND created_at < ?',
        dayStart - 28 * 24 * HOUR,
        dayStart,
      ) / 28,
      10,
    );
    expect(view.resolvedToday).toBe(
      n(
        'SELECT count(*) AS n FROM tickets WHERE resolved_at >= ? AND resolved_at <= ?',
        dayStart,
        now,
      ),
    );
    expect(view.resolvedDailyAverage).toBeCloseTo(
      n(
        'SELECT count(*) AS n FROM tickets WHERE resolved_at >= ? AND resolved_at < ?',
        dayStart - 28 * 24 * HOUR,
        dayStart,
      ) / 28,
      10,
    );
    expect(view.hours).toHaveLength(16); // 00:00 … 15:00, the hour just begun
    for (const h of view.hours) {
      const from = dayStart + h.hour * HOUR;
      expect(h.created).toBe(
        n(
          'SELECT count(*) AS n FROM tickets WHERE created_at >= ? AND created_at < ?',
          from,
          from + HOUR,
        ),
      );
      expect(h.resolved).toBe(
        n(
          'SELECT count(*) AS n FROM tickets WHERE resolved_at >= ? AND resolved_at < ?',
          from,
          from + HOUR,
        ),
      );
    }
  });

  it('load per analyst, the busiest first', () => {
    const direct = all<{ id: string; n: number }>(
      `SELECT assignee_id AS id, count(*) AS n FROM tickets
       WHERE status <> 'resolved' AND assignee_id IS NOT NULL GROUP BY assignee_id`,
    );
    for (const a of view.analysts)
      expect(a.open, a.name).toBe(direct.find((d) => d.id === a.id)?.n ?? 0);
    const loads = view.analysts.map((a) => a.open);
    expect(loads).toEqual([...loads].sort((x, y) => y - x));
    expect(view.analysts.some((a) => a.name === 'Wall-board')).toBe(false);
  });

  it('the wall-board role may read the wall-board and nothing else: every other method is refused, and nothing changes', async () => {
    const before = fingerprint(desk);
    const guarded = METHOD_NAMES.filter(
      (m) => contract[m].access !== 'public' && contract[m].access !== 'wallboard',
    );
    expect(guarded.length).toBeGreaterThan(30);
    for (const m of guarded) {
      const r = await desk.dispatch(wall, m, {});
      expect(r, m).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(fingerprint(desk)).toBe(before);
  });

  it('thresholds come from the policy: a supervisor sets them, red never before amber', async () => {
    const sup = desk.connect();
    await desk.call(sup, 'auth.signIn', { username: 'supervisor', password: DEMO_PASSWORD });
    const policy = await desk.call(sup, 'policy.get', {});
    if (!policy.ok) throw new Error('policy.get');
    const body = policy.value.body;
    const refused = await desk.call(sup, 'policy.update', {
      expectedVersion: policy.value.version,
      body: { ...body, wallboard: { ...body.wallboard, breached: [10, 2] } },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'body.wallboard.breached' }] },
    });
    const saved = await desk.call(sup, 'policy.update', {
      expectedVersion: policy.value.version,
      body: { ...body, wallboard: { ...body.wallboard, breached: [10, 20] } },
    });
    expect(saved.ok).toBe(true);
    const v = await desk.call(wall, 'wallboard.get', {});
    expect(v.ok && v.value.thresholds.breached).toEqual([10, 20]);
  });
});
