import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/core/kernel/context.ts';
import { HOUR, MINUTE } from '../../src/shared/business-time.ts';
import type { DeskInfo } from '../../src/shared/views.ts';
import {
  closingCall,
  demoDesk,
  fingerprint,
  T0,
  validIntake,
  type TestDesk,
} from '../helpers/desk.ts';

/** T0 is Monday 23 November 2026, 09:00 in London; the desk opens Mon–Fri 08:00–18:00. */
describe('escalation', () => {
  let t: TestDesk;
  let a: Connection; // tier 1
  let tech2: Connection; // tier 2
  let s: Connection; // supervisor
  let info: DeskInfo;
  beforeEach(async () => {
    t = await demoDesk();
    a = await t.as('analyst');
    tech2 = await t.as('tech2');
    s = await t.as('supervisor');
    info = await t.ok(a, 'desk.info', {});
  });
  afterEach(() => t.close());

  const network = () => info.domains.find((d) => d.name === 'Network')!;
  const queue = (code: string) => info.queues.find((q) => q.code === code)!.id;

  /** A network ticket; impact × urgency give its priority (1 × 2 → Critical, 2 × 2 → Routine). */
  async function ticket(impact: 1 | 2 | 3 = 2, urgency: 1 | 2 | 3 = 2) {
    const input = await validIntake(t, a, 1);
    input.accountNumber = '';
    input.problems[0] = { ...input.problems[0]!, impact, urgency };
    return (await t.ok(a, 'intake.submit', input)).tickets[0]!;
  }
  const row = (id: string) =>
    t.desk.db
      .prepare(
        `SELECT status, tier, queue_id, assignee_id, escalation_state, response_due, update_due, resolution_due,
                created_at, version FROM tickets WHERE id = ?`,
      )
      .get(id) as Record<string, unknown> & { version: number };
  const clocks = (id: string) => {
    const { response_due, update_due, resolution_due, created_at } = row(id);
    return { response_due, update_due, resolution_due, created_at };
  };
  const escalations = (id: string) =>
    t.desk.db
      .prepare(
        "SELECT data, actor_id FROM ticket_events WHERE ticket_id = ? AND type = 'escalated'",
      )
      .all(id) as { data: string; actor_id: string }[];

  it('every domain has two or three tiers, each a queue with its members', () => {
    expect(info.domains.map((d) => [d.name, d.tiers.length]).sort()).toEqual([
      ['Applications', 3],
      ['End-user computing', 2],
      ['Facilities', 2],
      ['Identity', 2],
      ['Network', 3],
    ]);
    const net = network();
    expect(net.tiers.map((x) => x.queueId)).toEqual([queue('NET'), queue('NET2'), queue('NET3')]);
    expect(net.tiers[1]!.memberIds).toEqual([tech2.user!.id]);
    expect(net.tiers[0]!.memberIds).toContain(a.user!.id);
  });

  it('admins name tier queues in order and the domains a user serves; membership follows', async () => {
    const admin = await t.as('admin');
    const identity = info.domains.find((d) => d.name === 'Identity')!;
    // A category in a new domain brings the domain, with its tier 1.
    await t.ok(admin, 'categories.create', {
      code: 'PHONE',
      name: 'Desk phone',
      domain: 'Telephony',
      defaultQueueId: queue('FLD'),
    });
    const telephony = (await t.ok(a, 'desk.info', {})).domains.find((d) => d.name === 'Telephony')!;
    expect(telephony.tiers.map((x) => [x.level, x.queueId])).toEqual([[1, queue('FLD')]]);
    const before = fingerprint(t.desk);
    const gap = await t.desk.call(admin, 'tiers.set', {
      domainId: telephony.id,
      level: 3,
      queueId: queue('SD'),
    });
    expect(gap).toMatchObject({ ok: false, error: { issues: [{ path: 'level', rule: 'gap' }] } });
    expect(
      await t.desk.call(a, 'tiers.set', { domainId: identity.id, level: 3, queueId: queue('SD') }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(fingerprint(t.desk)).toBe(before);
    await t.ok(admin, 'tiers.set', { domainId: identity.id, level: 3, queueId: queue('FLD') });
    const netOnly = await t.ok(admin, 'users.create', {
      username: 'neteng',
      displayName: 'Net Engineer',
      password: 'a long password',
      role: 'analyst',
      tier: 3,
      domainIds: [network().id],
    });
    const now = await t.ok(a, 'desk.info', {});
    const tier3 = (name: string) =>
      now.domains.find((d) => d.name === name)!.tiers.find((x) => x.level === 3)!;
    expect(tier3('Identity').queueId).toBe(queue('FLD'));
    expect(tier3('Network').memberIds).toContain(netOnly.id);
    expect(tier3('Identity').memberIds).not.toContain(netOnly.id);
  });

  it('escalating hands the ticket to the next tier with a reason and a note; its SLA clocks carry on', async () => {
    const tk = await ticket();
    const before = clocks(tk.id);
    t.clock.set(T0 + 10 * MINUTE);
    const card = await t.ok(a, 'tickets.escalate', {
      id: tk.id,
      version: 1,
      reason: 'Needs the core switch config',
      note: 'Rebooted the site router twice; port 3 flaps.',
    });
    expect(card).toMatchObject({ status: 'escalated', queueId: queue('NET2'), assigneeId: null });
    expect(row(tk.id)).toMatchObject({ tier: 2, escalation_state: 'pending' });
    expect(clocks(tk.id)).toEqual(before);
    const d = await t.ok(tech2, 'tickets.get', { id: tk.id });
    expect(d.escalation).toMatchObject({
      state: 'pending',
      from: { domainId: network().id, tier: 1 },
      to: { domainId: network().id, tier: 2 },
      reason: 'Needs the core switch config',
      note: 'Rebooted the site router twice; port 3 flaps.',
      by: { displayName: 'Amira Haddad' },
    });
    expect(d.events.at(-1)).toMatchObject({ type: 'escalated', actor: { id: a.user!.id } });

    // Only the receiving tier (or a supervisor) answers, and only with one of its members.
    const snapshot = fingerprint(t.desk);
    for (const [conn, assigneeId] of [
      [a, a.user!.id],
      [tech2, a.user!.id],
    ] as const) {
      const r = await t.desk.call(conn, 'tickets.acceptEscalation', {
        id: tk.id,
        version: card.version,
        assigneeId,
      });
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(fingerprint(t.desk)).toBe(snapshot);

    t.clock.set(T0 + 40 * MINUTE);
    const accepted = await t.ok(tech2, 'tickets.acceptEscalation', {
      id: tk.id,
      version: card.version,
      assigneeId: tech2.user!.id,
    });
    expect(accepted).toMatchObject({ status: 'in_progress', assigneeId: tech2.user!.id });
    expect(clocks(tk.id)).toEqual(before);
    const after = await t.ok(a, 'tickets.get', { id: tk.id });
    expect(after.escalation).toBeNull();
    expect(after.ladder).toEqual([
      { domainId: network().id, tier: 1, assignee: null, from: T0, to: T0 + 10 * MINUTE },
      {
        domainId: network().id,
        tier: 2,
        assignee: { id: tech2.user!.id, displayName: 'Tomás Ortega' },
        from: T0 + 10 * MINUTE,
        to: null,
      },
    ]);
    expect(after.events.slice(-2).map((e) => [e.type, e.actor.displayName])).toEqual([
      ['escalated', 'Amira Haddad'],
      ['escalation_accepted', 'Tomás Ortega'],
    ]);
  });

  it('a return goes back to the sending tier and the one who sent it, with the reason', async () => {
    const tk = await ticket();
    const assigned = await t.ok(a, 'tickets.assign', {
      id: tk.id,
      version: 1,
      assigneeId: a.user!.id,
    });
    const before = clocks(tk.id);
    const up = await t.ok(a, 'tickets.escalate', {
      id: tk.id,
      version: assigned.version,
      reason: 'Looks like a routing fault',
    });
    t.clock.advance(5 * MINUTE);
    const back = await t.ok(tech2, 'tickets.returnEscalation', {
      id: tk.id,
      version: up.version,
      reason: 'Cable first: the patch lead is loose',
    });
    expect(back).toMatchObject({
      status: 'in_progress',
      queueId: queue('NET'),
      assigneeId: a.user!.id,
    });
    expect(row(tk.id)).toMatchObject({ tier: 1, escalation_state: 'returned' });
    expect(clocks(tk.id)).toEqual(before);
    const d = await t.ok(a, 'tickets.get', { id: tk.id });
    expect(d.escalation).toMatchObject({
      state: 'returned',
      decision: {
        by: { displayName: 'Tomás Ortega' },
        reason: 'Cable first: the patch lead is loose',
      },
    });
    expect(d.ladder.map((x) => x.tier)).toEqual([1, 2, 1]);
    // Working on it again picks it up: no longer "returned".
    await t.ok(a, 'tickets.move', { id: tk.id, to: 'waiting_customer', version: back.version });
    expect(row(tk.id).escalation_state).toBeNull();
  });

  it('escalates to another domain, or down a tier, the same way; refuses what cannot be', async () => {
    const tk = await ticket();
    const apps = info.domains.find((d) => d.name === 'Applications')!;
    const snapshot = fingerprint(t.desk);
    // The status alone is not an escalation: it needs a tier and a reason.
    expect(
      await t.desk.call(a, 'tickets.move', { id: tk.id, to: 'escalated', version: 1 }),
    ).toMatchObject({ ok: false, error: { issues: [{ path: 'to', rule: 'use_escalate' }] } });
    for (const input of [
      { toTier: 1 as const }, // where it is
      { toDomainId: info.domains.find((d) => d.name === 'Identity')!.id, toTier: 3 as const },
    ]) {
      const r = await t.desk.call(a, 'tickets.escalate', {
        id: tk.id,
        version: 1,
        reason: 'Try it',
        ...input,
      });
      expect(r).toMatchObject({ ok: false, error: { issues: [{ path: 'toTier' }] } });
    }
    expect(fingerprint(t.desk)).toBe(snapshot);
    const across = await t.ok(a, 'tickets.escalate', {
      id: tk.id,
      version: 1,
      toDomainId: apps.id,
      reason: 'It is the VPN client, not the network',
    });
    expect(across).toMatchObject({ queueId: queue('APP') });
    const accepted = await t.ok(s, 'tickets.acceptEscalation', {
      id: tk.id,
      version: across.version,
      assigneeId: a.user!.id,
    });
    const up = await t.ok(a, 'tickets.escalate', {
      id: tk.id,
      version: accepted.version,
      toTier: 3,
      reason: 'Vendor defect',
    });
    expect(up.queueId).toBe(queue('APP3'));
    expect(JSON.parse(escalations(tk.id).at(-1)!.data)).toMatchObject({ direction: 'up' });
  });

  describe('automatic rules, with an injected clock', () => {
    const firings = (id: string) =>
      t.desk.db
        .prepare(
          'SELECT rule, condition FROM rule_firings WHERE ticket_id = ? ORDER BY rule, condition',
        )
        .all(id);

    it('a missed first response moves the ticket up at that second, once', async () => {
      const tk = await ticket(1, 2); // Critical: first response within 30 business minutes
      t.clock.set(T0 + 30 * MINUTE - 1000);
      t.desk.tickSla();
      expect(escalations(tk.id)).toHaveLength(0);
      t.clock.set(T0 + 30 * MINUTE);
      t.desk.tickSla();
      expect(escalations(tk.id)).toHaveLength(1);
      expect(escalations(tk.id)[0]!.actor_id).toBe('00000000-0000-7000-8000-000000000000');
      expect(JSON.parse(escalations(tk.id)[0]!.data)).toMatchObject({
        rule: 'breach',
        to: { tier: 2 },
        reason: 'The response target was missed',
      });
      t.clock.advance(HOUR);
      t.desk.tickSla();
      t.desk.tickSla();
      expect(escalations(tk.id)).toHaveLength(1);
    });

    it('a clock jump past several thresholds fires each rule once, and moves the ticket once', async () => {
      const tk = await ticket(1, 2);
      const before = clocks(tk.id);
      t.clock.set(T0 + 10 * HOUR); // past response (09:30), tier-1 time (13:00) and resolution (17:00)
      t.desk.tickSla();
      t.desk.tickSla();
      expect(escalations(tk.id)).toHaveLength(1);
      expect(firings(tk.id)).toEqual([
        { rule: 'breach', condition: 'resolution' },
        { rule: 'breach', condition: 'response' },
      ]);
      expect(clocks(tk.id)).toEqual(before);
      // Accepted at tier 2, then left there past its 960 business minutes: up to tier 3, once.
      const v = row(tk.id).version;
      await t.ok(tech2, 'tickets.acceptEscalation', {
        id: tk.id,
        version: v,
        assigneeId: tech2.user!.id,
      });
      t.clock.set(T0 + 4 * 24 * HOUR); // Friday 09:00
      t.desk.tickSla();
      t.desk.tickSla();
      expect(escalations(tk.id)).toHaveLength(2);
      expect(JSON.parse(escalations(tk.id)[1]!.data)).toMatchObject({
        rule: 'tier_time',
        to: { tier: 3 },
      });
      t.clock.set(T0 + 30 * 24 * HOUR);
      t.desk.tickSla();
      expect(escalations(tk.id)).toHaveLength(2); // tier 3 is the top of Network
    });

    it('too long in tier 1 moves a ticket up when its time is up, by the scanner alone', async () => {
      const tk = await ticket(2, 2); // Routine: responded in time below, so only the tier time runs
      await t.ok(a, 'tickets.move', { id: tk.id, to: 'in_progress', version: 1 });
      t.clock.set(T0 + 4 * HOUR - 1000); // 240 business minutes from 09:00 is 13:00
      t.desk.tickSla();
      expect(escalations(tk.id)).toHaveLength(0);
      t.clock.set(T0 + 4 * HOUR);
      t.desk.tickSla();
      expect(escalations(tk.id).map((e) => JSON.parse(e.data).rule)).toEqual(['tier_time']);
    });

    it('a ticket reopened twice goes to tier 2', async () => {
      const tk = await ticket(2, 2);
      let v = (await t.ok(a, 'tickets.move', { id: tk.id, to: 'in_progress', version: 1 })).version;
      const answerAll = async () => {
        const d = await t.ok(a, 'tickets.get', { id: tk.id });
        const answers = d.script.questions
          .filter((q) => q.required)
          .map((q) => ({ questionId: q.id, answer: q.kind === 'yes_no' ? 'yes' : 'As reported' }));
        if (answers.length) await t.ok(a, 'tickets.answer', { id: tk.id, answers });
      };
      await answerAll();
      for (let i = 0; i < 2; i++) {
        await closingCall(t, a, tk.id);
        v = (
          await t.ok(a, 'tickets.resolve', {
            id: tk.id,
            version: v,
            solution: 'Reset the port',
            rootCause: 'network',
          })
        ).version;
        t.clock.advance(10 * MINUTE);
        v = (await t.ok(a, 'tickets.reopen', { id: tk.id, version: v, reason: 'Down again' }))
          .version;
      }
      expect(escalations(tk.id).map((e) => JSON.parse(e.data).rule)).toEqual(['reopened']);
      expect(row(tk.id)).toMatchObject({ tier: 2, escalation_state: 'pending' });
    });

    it('a Business failure alerts the supervisors at once, once', async () => {
      t.events.length = 0;
      const tk = await ticket(1, 1);
      expect(t.events.filter((e) => e.name === 'supervisors.alerted')).toEqual([
        {
          name: 'supervisors.alerted',
          payload: {
            ticketId: tk.id,
            key: tk.key,
            title: 'Site link down, symptom 1',
            rule: 'priority1',
          },
        },
      ]);
      // Re-rated down and up again: the same condition, no second alert.
      const { version } = await t.ok(a, 'tickets.setPriority', {
        id: tk.id,
        version: 1,
        impact: 2,
        urgency: 2,
      });
      await t.ok(a, 'tickets.setPriority', { id: tk.id, version, impact: 1, urgency: 1 });
      expect(t.events.filter((e) => e.name === 'supervisors.alerted')).toHaveLength(1);
      const alerts = t.desk.db
        .prepare(
          "SELECT count(*) FROM ticket_events WHERE ticket_id = ? AND type = 'supervisors_alerted'",
        )
        .pluck()
        .get(tk.id);
      expect(alerts).toBe(1);
    });
  });

  it('the panel lists what needs someone now, most urgent first, by domain and tier; the report times each tier', async () => {
    const waiting = await ticket();
    const up = await t.ok(a, 'tickets.escalate', {
      id: waiting.id,
      version: 1,
      reason: 'Beyond me',
    });
    const quiet = await ticket(3, 3);
    t.clock.set(T0 + 45 * MINUTE); // the Critical one is past its first response
    const late = await ticket(1, 2);
    t.clock.set(T0 + 80 * MINUTE);
    t.desk.tickSla();
    const panel = await t.ok(tech2, 'escalations.panel', {});
    const keys = panel.items.map((i) => i.key);
    expect(keys).toContain(waiting.key);
    expect(keys).not.toContain(quiet.key);
    expect(panel.items.find((i) => i.id === waiting.id)!.escalation).toMatchObject({
      state: 'pending',
    });
    const dues = panel.items.map((i) => i.nextDueAt ?? Infinity);
    expect(dues).toEqual([...dues].sort((x, y) => x - y));
    expect(panel.counts.pending).toBe(2); // the late one was escalated by the breach rule
    const tier2 = await t.ok(tech2, 'escalations.panel', { domainId: network().id, tier: 2 });
    expect(tier2.items.every((i) => i.tier === 2 && i.domainId === network().id)).toBe(true);
    expect(tier2.items.map((i) => i.id).sort()).toEqual([waiting.id, late.id].sort());
    expect(up.status).toBe('escalated');

    const report = await t.ok(s, 'escalations.report', { days: 7 });
    const t1 = report.find((r) => r.domainId === network().id && r.tier === 1)!;
    // Three arrived in tier 1; the quiet one is still there; one left by hand at once, the late
    // one by the breach rule when its first response was missed, 35 minutes in.
    expect(t1).toMatchObject({ entered: 3, open: 1, medianMs: 35 * MINUTE, p90Ms: 35 * MINUTE });
    expect(report.find((r) => r.domainId === network().id && r.tier === 2)).toMatchObject({
      entered: 2,
      open: 2,
    });
    expect(await t.desk.call(a, 'escalations.report', { days: 7 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
