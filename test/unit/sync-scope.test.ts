/**
 * Field desks over a real hub and PostgreSQL: a laptop enrolled for one queue holds that queue's
 * tickets, the callers they are for and the desk's reference data, nothing else; a ticket moved
 * into the queue arrives whole, one moved out leaves; a change it made while away to a ticket
 * that left is refused with OUT_OF_SCOPE, shown on the ticket, which goes once it is seen; a
 * log written before field desks gets the owners a push gives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDesk, validIntake, type TestDesk } from '../helpers/desk.ts';
import { hubDatabase } from '../helpers/hub.ts';
import { startHubProcess, type HubProcess } from '../helpers/hub-process.ts';
import { replicatedRows, scopedRows } from '../helpers/sync-desks.ts';
import { createDesk, createJoinCode } from '../../src/hub/access.ts';
import { BACKFILL_OWNERS } from '../../src/hub/migrations.ts';
import { HubUnavailable, type HubTransport } from '../../src/core/sync/client.ts';
import { httpTransport } from '../../src/core/sync/http.ts';
import { ROW_OWNER } from '../../src/shared/sync.ts';
import { REPLICATED } from '../../src/core/sync/tables.ts';

let db: Awaited<ReturnType<typeof hubDatabase>>;
let hub: HubProcess;
const open: TestDesk[] = [];

beforeAll(async () => {
  db = await hubDatabase();
  hub = await startHubProcess(db.url);
});
afterAll(async () => {
  for (const t of open.splice(0)) await t.close();
  await hub?.stop();
  await db?.pool.end();
});

const settle = async (...ts: TestDesk[]) => {
  for (let pass = 0; pass < 2; pass++)
    for (const t of ts) {
      t.desk.sync.nudge();
      await t.desk.sync.settled();
    }
};

/** A laptop's connection that can be taken away (the field desk out of reach). */
function unplugged() {
  const link = { online: true };
  const transport = (...a: Parameters<typeof httpTransport>): HubTransport => {
    const real = httpTransport(...a);
    return new Proxy(real, {
      get(target, prop: keyof HubTransport) {
        const f = target[prop];
        if (typeof f !== 'function') return f;
        return (...args: unknown[]) =>
          link.online
            ? (f as (...x: unknown[]) => unknown).apply(target, args)
            : Promise.reject(new HubUnavailable('UNREACHABLE', 'no network'));
      },
    });
  };
  return { link, transport };
}

const withoutLinks = (rows: Record<string, unknown[]>) => ({ ...rows, ticket_links: [] });

describe('field desks', () => {
  it('every owned table is a ticket’s or a caller’s as the replica sees it', () => {
    for (const [tbl, t] of Object.entries(REPLICATED)) {
      const rule = ROW_OWNER[tbl];
      if (t.ticket) expect(rule?.kind, tbl).toBe(tbl === 'ticket_links' ? 'office' : 'ticket');
      if (['customers', 'accounts', 'assets', 'calls'].includes(tbl))
        expect(rule?.kind, tbl).toBe('customer');
    }
  });

  it('a laptop for one queue holds its tickets and callers; tickets move in and out; a change it made away to one that left is refused on the ticket', async () => {
    await createDesk(db.pool, { id: 'FLD', name: 'Field desk test' });
    const office = await demoDesk({ escalationRules: false });
    const plug = unplugged();
    const laptop = await demoDesk({ empty: true, hubTransport: plug.transport });
    open.push(office, laptop);
    const admin = await office.as('admin');
    await office.ok(admin, 'sync.join', {
      url: hub.url,
      code: (await createJoinCode(db.pool, 'FLD')).code,
      name: 'Front desk',
    });
    const info = await office.ok(admin, 'desk.info', {});
    const field = info.queues.find((q) => q.code === 'FLD')!;
    const net = info.queues.find((q) => q.code === 'NET')!;
    // Calls at the office: two callers for the field team, two for the network team.
    const desk = await office.as('analyst');
    const takeCall = async (name: string, phone: string, code: string, problems: number) => {
      const cat = info.categories.find((c) => c.code === code)!;
      const base = await validIntake(office, desk, 1);
      await office.ok(desk, 'intake.submit', {
        ...base,
        caller: { kind: 'new', name, organisation: 'Litware' },
        contact: { phone, email: '' },
        accountNumber: `AC-${phone.slice(-4)}`,
        problems: Array.from({ length: problems }, (_, i) => ({
          ...base.problems[0]!,
          categoryId: cat.id,
          queueId: cat.defaultQueueId,
          title: `${name}: problem ${i + 1}`,
        })),
      });
    };
    await takeCall('Ada Field', '020 7946 0101', 'ONSITE', 2);
    await takeCall('Bo Field', '020 7946 0102', 'PRINTER', 1);
    await takeCall('Cy Network', '020 7946 0103', 'NETWORK', 2);
    await takeCall('Di Network', '020 7946 0104', 'VPN', 1);
    await settle(office);
    const made = await office.ok(admin, 'sync.createJoinCode', { hours: 1, queues: [field.id] });
    const bad = await office.desk.call(admin, 'sync.createJoinCode', {
      hours: 1,
      queues: ['00000000-0000-7000-8000-00000000beef'],
    });
    expect(bad.ok || bad.error).toMatchObject({ code: 'VALIDATION' });
    await laptop.ok(laptop.desk.connect(), 'sync.join', {
      url: hub.url,
      code: made.code,
      name: 'Field laptop 3',
    });
    await settle(office, laptop);
    expect(laptop.desk.sync.status()).toMatchObject({ scope: { queues: [field.id] } });

    const ticketsIn = (t: TestDesk, q: string) =>
      t.desk.db.prepare('SELECT count(*) FROM tickets WHERE queue_id = ?').pluck().get(q) as number;
    expect(ticketsIn(office, field.id)).toBeGreaterThan(0);
    expect(ticketsIn(office, net.id)).toBeGreaterThan(0);
    const expectScope = () =>
      expect(withoutLinks(replicatedRows(laptop.desk.db))).toEqual(
        withoutLinks(scopedRows(office.desk.db, [field.id])),
      );
    expectScope();
    expect(ticketsIn(laptop, net.id)).toBe(0);
    // The image is the whole desk: a field desk is not given it.
    const onHub = await db.pool.query(
      "SELECT count(*)::int AS n FROM holdings h JOIN workstations w ON w.id = h.workstation_id WHERE w.name = 'Field laptop 3' AND h.kind = 't'",
    );
    expect(onHub.rows[0].n).toBe(ticketsIn(office, field.id));

    // A network ticket moved to the field queue arrives with its history and its caller.
    const sup = await office.as('supervisor');
    const net1 = office.desk.db
      .prepare('SELECT id, version FROM tickets WHERE queue_id = ? ORDER BY key LIMIT 1')
      .get(net.id) as { id: string; version: number };
    await office.ok(sup, 'tickets.update', {
      id: net1.id,
      version: net1.version,
      changes: { queueId: field.id },
    });
    await office.ok(sup, 'tickets.addNote', { id: net1.id, text: 'Sent to the field team' });
    await settle(office, laptop);
    expectScope();
    const analyst = await laptop.as('analyst');
    const there = await laptop.ok(analyst, 'tickets.get', { id: net1.id });
    expect(there.events.some((e) => e.type === 'note_added')).toBe(true);
    expect(there.customer.name).not.toBe('');

    // Taken offline: the laptop edits a field ticket while the office moves it back to network.
    const f1 = laptop.desk.db
      .prepare('SELECT id, version FROM tickets WHERE queue_id = ? ORDER BY key LIMIT 1')
      .get(field.id) as { id: string; version: number };
    plug.link.online = false;
    const call = await laptop.ok(analyst, 'intake.submit', {
      ...(await validIntake(laptop, analyst, 1)),
      problems: [
        {
          categoryId: info.categories.find((c) => c.code === 'ONSITE')!.id,
          queueId: field.id,
          impact: 2,
          urgency: 2,
          title: 'Desk move, floor 3',
          description: 'Taken in the field',
        },
      ],
    });
    await laptop.ok(analyst, 'tickets.update', {
      id: f1.id,
      version: f1.version,
      changes: { title: 'Edited in the field' },
    });
    await settle(laptop);
    const o1 = office.desk.db
      .prepare('SELECT version FROM tickets WHERE id = ?')
      .pluck()
      .get(f1.id) as number;
    await office.ok(sup, 'tickets.update', {
      id: f1.id,
      version: o1,
      changes: { queueId: net.id },
    });
    await settle(office);
    plug.link.online = true;
    await settle(laptop, office);

    // The new call reached the office; the edit to the ticket that left did not, and says so.
    const atOffice = await office.ok(sup, 'tickets.get', { id: call.tickets[0]!.id });
    expect(atOffice.title).toBe('Desk move, floor 3');
    expect(
      office.desk.db.prepare('SELECT title FROM tickets WHERE id = ?').pluck().get(f1.id),
    ).not.toBe('Edited in the field');
    const kept = await laptop.ok(analyst, 'tickets.get', { id: f1.id });
    expect(kept.leftScope).toBe(true);
    expect(kept.refused).toEqual([
      expect.objectContaining({ code: 'OUT_OF_SCOPE', table: 'tickets', fields: ['title'] }),
    ]);
    expect(laptop.desk.sync.status().refused?.count).toBe(1);
    await laptop.ok(analyst, 'sync.dismissRefused', { ticketId: f1.id });
    const goneNow = await laptop.desk.call(analyst, 'tickets.get', { id: f1.id });
    expect(goneNow.ok || goneNow.error.code).toBe('NOT_FOUND');
    expect(laptop.desk.sync.status().refused).toBeUndefined();
    await settle(office, laptop);
    expectScope();

    // The admin widens the scope: the network queue's tickets arrive; narrowed again, they go.
    const list = await office.ok(admin, 'sync.workstations', {});
    const fieldWs = list.workstations.find((w) => w.name === 'Field laptop 3')!;
    expect(fieldWs.scope).toEqual({ queues: [field.id] });
    await office.ok(admin, 'sync.setScope', { id: fieldWs.id, queues: [field.id, net.id] });
    await settle(laptop);
    expect(withoutLinks(replicatedRows(laptop.desk.db))).toEqual(
      withoutLinks(scopedRows(office.desk.db, [field.id, net.id])),
    );
    await office.ok(admin, 'sync.setScope', { id: fieldWs.id, queues: [field.id] });
    await settle(laptop);
    expectScope();
    const self = await office.desk.call(admin, 'sync.setScope', {
      id: list.self,
      queues: [net.id],
    });
    expect(self.ok || self.error.code).toBe('NOT_FOUND');
  });

  it('a log written before field desks is given the owners a push gives', async () => {
    const before = await db.pool.query(
      "SELECT id, owner_kind, owner FROM changes WHERE desk_id = 'FLD' ORDER BY id",
    );
    const places = await db.pool.query(
      "SELECT id, queue_id, customer_id FROM hub_tickets WHERE desk_id = 'FLD' ORDER BY id",
    );
    expect(before.rows.length).toBeGreaterThan(100);
    await db.pool.query("UPDATE changes SET owner_kind = NULL, owner = NULL WHERE desk_id = 'FLD'");
    await db.pool.query("DELETE FROM row_owners WHERE desk_id = 'FLD'");
    await db.pool.query("DELETE FROM hub_tickets WHERE desk_id = 'FLD'");
    await db.pool.query(BACKFILL_OWNERS);
    const after = await db.pool.query(
      "SELECT id, owner_kind, owner FROM changes WHERE desk_id = 'FLD' ORDER BY id",
    );
    expect(after.rows).toEqual(before.rows);
    const placesAfter = await db.pool.query(
      "SELECT id, queue_id, customer_id FROM hub_tickets WHERE desk_id = 'FLD' ORDER BY id",
    );
    expect(placesAfter.rows).toEqual(places.rows);
  });
});
