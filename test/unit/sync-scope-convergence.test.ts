/**
 * Randomised convergence with field desks, through a real hub process over real PostgreSQL (the
 * scope rules live in its SQL, so no model stands in for it). Each seed makes a desk of one or two
 * office workstations and one or two field desks, each scoped to some of three queues, and takes
 * them through a random history: calls taken everywhere, tickets worked on and moved between
 * queues (into and out of the field desks' scopes), partitions, pushes whose answer is lost, a
 * field desk's queues changed by the admin while it is away, one field desk revoked, an office
 * workstation one release behind that holds the changes of a newer release (a field it does not
 * have) until it is updated, and workstations restarted from their files.
 *
 * After healing (and every field desk's analyst reading what was refused on its tickets): the
 * office workstations hold the same rows; every field desk still enrolled holds exactly its scope
 * of them (its queues' tickets with all that is theirs, their callers with theirs, all reference
 * data); every acknowledged save is at the office, or, for a field desk's change to a ticket that
 * had left it, was refused to its face (OUT_OF_SCOPE), or was made on the revoked desk after its
 * revocation and is still on it; nothing is held; no ticket key twice.
 *
 * SB_SCOPE_SEEDS sets how many seeds run (20 by default); SB_SCOPE_SEED=N replays one.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, type ManualClock } from '../../src/core/kernel/clock.ts';
import type { Connection } from '../../src/core/kernel/context.ts';
import { openDesk, type Desk } from '../../src/core/kernel/desk.ts';
import {
  HubUnavailable,
  joinDesk,
  syncRound,
  type HubTransport,
} from '../../src/core/sync/client.ts';
import { httpTransport } from '../../src/core/sync/http.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-desk.ts';
import { createDesk, createJoinCode, revokeWorkstation, setScope } from '../../src/hub/access.ts';
import type { Input, MethodName, Output } from '../../src/shared/contract.ts';
import { RELEASE, type Scope } from '../../src/shared/sync.ts';
import { demoDesk, T0 } from '../helpers/desk.ts';
import { hubDatabase } from '../helpers/hub.ts';
import { startHubProcess, type HubProcess } from '../helpers/hub-process.ts';
import { TEST_COST } from '../helpers/password-cost.ts';
import { replicatedRows, scopedRows } from '../helpers/sync-desks.ts';
import { rng } from '../../src/tools/seed/rng.ts';

const SEEDS = process.env['SB_SCOPE_SEED']
  ? [Number(process.env['SB_SCOPE_SEED'])]
  : Array.from({ length: Number(process.env['SB_SCOPE_SEEDS'] ?? 20) }, (_, i) => i + 1);
const STEPS = 60;
/** The release before this one, which the hub in this test still serves. */
const BEHIND = '0.0.9';

type Fault = 'none' | 'unreachable' | 'answer-lost';

interface Station {
  name: string;
  dir: string;
  desk: Desk;
  clock: ManualClock;
  conn: Connection;
  hub: HubTransport;
  online: boolean;
  faults: Fault[];
  /** A field desk's queues (null: an office workstation). */
  scope: string[] | null;
  id: string;
  revokedAt: number | null;
}

/** The real hub over HTTP, with the network and lost answers under the test's control. */
function faulty(url: string, s: () => Station | undefined, release: string): HubTransport {
  let token: string | undefined;
  const real = httpTransport(
    url,
    () =>
      token ??
      (s()
        ?.desk.db.prepare("SELECT value FROM sync_state WHERE key = 'hub.token'")
        .pluck()
        .get() as string | undefined),
    () => ({ release, waiting: 0 }),
  );
  const guard =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const st = s();
      const fault = st && !st.online ? 'unreachable' : (st?.faults.shift() ?? 'none');
      if (fault === 'unreachable') throw new HubUnavailable('UNREACHABLE', 'no network');
      const value = await f(...a);
      if (fault === 'answer-lost') throw new HubUnavailable('UNREACHABLE', 'the answer was lost');
      return value;
    };
  return {
    join: async (code, name) => {
      const r = await real.join(code, name);
      token = r.token;
      return r;
    },
    push: guard((c) => real.push(c)),
    pull: guard((c) => real.pull(c)),
    keys: guard((k) => real.keys(k)),
  };
}

async function open(dir: string, clock: ManualClock): Promise<Desk> {
  return openDesk({
    dataDir: dir,
    clock,
    slaTicker: false,
    maintenance: false,
    autoSync: false,
    passwordCost: TEST_COST,
    log: (m, e) => process.env['SB_TEST_LOG'] && console.error(m, e),
  });
}

const ctxOf = (s: Station) => ({
  db: s.desk.db,
  clock: s.clock,
  newId: () => crypto.randomUUID(),
  emit: () => undefined,
});

async function call<M extends MethodName>(
  s: Station,
  method: M,
  input: Input<M>,
): Promise<Output<M> | null> {
  const r = await s.desk.call(s.conn, method, input);
  if (r.ok) return r.value;
  if (r.error.code === 'INTERNAL') throw new Error(`${s.name} ${method}: INTERNAL`);
  return null;
}

/** For a failing seed (SB_DEBUG=1): where a field desk's tickets part from the office's. */
async function explain(
  f: Station,
  held: Record<string, unknown[]>,
  owed: Record<string, unknown[]>,
) {
  const ids = (rows: unknown[] | undefined) =>
    new Set((rows ?? []).map((r) => String((r as unknown[])[0])));
  const [h, o] = [ids(held['tickets']), ids(owed['tickets'])];
  console.log(
    f.name,
    'extra',
    [...h].filter((x) => !o.has(x)),
    'missing',
    [...o].filter((x) => !h.has(x)),
  );
  for (const id of [...o].filter((x) => !h.has(x))) {
    console.log(
      'missing',
      id,
      (
        await db.pool.query('SELECT * FROM holdings WHERE id = $1 AND workstation_id = $2', [
          id,
          f.id,
        ])
      ).rows,
    );
    console.log((await db.pool.query('SELECT * FROM hub_tickets WHERE id = $1', [id])).rows);
    console.log(
      (
        await db.pool.query(
          "SELECT c.hlc, w.name, c.tbl, c.fields->>'queue_id' AS q, c.xid::text, c.seq FROM changes c JOIN workstations w ON w.id = c.workstation_id WHERE c.owner = $1 ORDER BY xid, seq",
          [id],
        )
      ).rows,
    );
    console.log(
      f.desk.db.prepare('SELECT * FROM sync_left').all(),
      f.desk.db.prepare('SELECT change_id, ticket_id, code FROM sync_refused').all(),
      f.desk.db.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").get(),
      f.scope,
    );
  }
  for (const row of held['tickets'] ?? []) {
    const id = String((row as unknown[])[0]);
    const other = (owed['tickets'] ?? []).find((x) => String((x as unknown[])[0]) === id);
    if (JSON.stringify(other) === JSON.stringify(row)) continue;
    console.log('differs', id);
    console.log(
      f.desk.db
        .prepare(
          "SELECT seq, hlc, pushed_at, fields FROM outbox WHERE key = json_array(?) AND tbl = 'tickets'",
        )
        .all(id),
    );
    console.log(
      (
        await db.pool.query(
          'SELECT c.hlc, w.name, c.fields FROM changes c JOIN workstations w ON w.id = c.workstation_id WHERE c.key = $1 ORDER BY xid, seq',
          [JSON.stringify([id])],
        )
      ).rows,
    );
    console.log(
      f.desk.db
        .prepare('SELECT field, hlc, change_id FROM field_clocks WHERE key = json_array(?)')
        .all(id),
    );
    console.log(
      f.desk.db.prepare('SELECT * FROM sync_left').all(),
      f.desk.db.prepare('SELECT * FROM sync_refused').all(),
    );
  }
}

let db: Awaited<ReturnType<typeof hubDatabase>>;
let hub: HubProcess;

beforeAll(async () => {
  db = await hubDatabase();
  hub = await startHubProcess(db.url, 0, undefined, ['--oldest-release', BEHIND]);
});
afterAll(async () => {
  await hub?.stop();
  await db?.pool.end();
});

describe('sync convergence with field desks', () => {
  it(
    `holds every replica to its scope over ${SEEDS.length} random histories`,
    { timeout: 900_000 },
    async () => {
      for (const seed of SEEDS) {
        try {
          await history(seed);
        } catch (e) {
          throw new Error(
            `seed ${seed} failed (replay: SB_SCOPE_SEED=${seed} npx vitest run test/unit/sync-scope-convergence.test.ts): ${e instanceof Error ? e.message : String(e)}`,
            { cause: e },
          );
        }
      }
    },
  );
});

async function history(seed: number): Promise<void> {
  const r = rng(seed);
  const deskId = `S${seed}`;
  await createDesk(db.pool, { id: deskId, name: `Seed ${seed}` });
  const run = mkdtempSync(join(tmpdir(), `sb-scope-${seed}-`));
  const stations: Station[] = [];
  let now = T0 + 60_000;
  const refusedIds = new Set<string>();
  const acknowledged: {
    by: Station;
    at: number;
    kind: 'ticket' | 'note';
    text: string;
    id?: string;
  }[] = [];
  try {
    // The founding office workstation brings the demo desk; the others join it empty.
    const founder = await demoDesk({ escalationRules: false });
    const founderDir = join(run, 'office1');
    await founder.desk.close();
    const { cpSync } = await import('node:fs');
    cpSync(founder.dir, founderDir, { recursive: true });
    rmSync(founder.dir, { recursive: true, force: true });

    const add = async (name: string, dir: string, scope: string[] | null, release = RELEASE) => {
      const clock = manualClock(now + r.int(60_001) - 30_000);
      const desk = await open(dir, clock);
      const holder: { s?: Station } = {};
      const hubT = faulty(hub.url, () => holder.s, release);
      const code = (
        await createJoinCode(
          db.pool,
          deskId,
          1,
          null,
          scope ? ({ queues: scope } satisfies Scope) : null,
        )
      ).code;
      const ctx = { db: desk.db, clock, newId: () => crypto.randomUUID(), emit: () => undefined };
      const joined = await joinDesk(ctx, hubT, { url: hub.url, code, name });
      await syncRound(ctx, hubT);
      const s: Station = {
        name,
        dir,
        desk,
        clock,
        conn: desk.connect(),
        hub: hubT,
        online: true,
        faults: [],
        scope,
        id: joined.workstationId,
        revokedAt: null,
      };
      holder.s = s;
      stations.push(s);
      return s;
    };
    const office1 = await add('office1', founderDir, null);
    const signIn = async (s: Station, who: string) => {
      const ok = await s.desk.call(s.conn, 'auth.signIn', {
        username: who,
        password: DEMO_PASSWORD,
      });
      if (!ok.ok) throw new Error(`${s.name}: sign-in ${who}: ${JSON.stringify(ok.error)}`);
    };
    await signIn(office1, 'supervisor');
    const info = (await call(office1, 'desk.info', {}))!;
    const queues = ['FLD', 'NET', 'SD'].map((c) => info.queues.find((q) => q.code === c)!.id);
    const categories = ['ONSITE', 'NETWORK', 'ACCOUNT'].map((c) =>
      info.categories.find((x) => x.code === c)!,
    );
    const someQueues = () => {
      const picked = queues.filter(() => r.chance(0.5));
      return picked.length ? picked : [r.pick(queues)];
    };
    // The office's calls before the others join: two for each queue.
    for (let i = 0; i < 6; i++) {
      const got = await call(office1, 'intake.submit', {
        caller: { kind: 'new', name: `First caller ${i}`, organisation: 'Litware' },
        contact: { phone: `020 7946 ${String(2000 + i)}`, email: '' },
        accountNumber: `AC-first-${seed}-${i}`,
        problems: [
          {
            categoryId: categories[i % 3]!.id,
            queueId: queues[i % 3]!,
            impact: 2,
            urgency: 2,
            title: `First problem ${i}`,
            description: 'Taken before the field desks joined',
          },
        ],
      });
      for (const x of got!.tickets)
        acknowledged.push({ by: office1, at: 0, kind: 'ticket', text: x.key, id: x.id });
    }
    const behind = r.chance(0.7)
      ? await add('office2', mkdtempSync(join(run, 'office2-')), null, BEHIND)
      : null;
    await add('field1', mkdtempSync(join(run, 'field1-')), someQueues());
    if (r.chance(0.6)) await add('field2', mkdtempSync(join(run, 'field2-')), someQueues());
    for (const s of stations.slice(1)) await signIn(s, r.pick(['analyst', 'supervisor']));
    // A workstation of the next release, seen only by what it pushes: changes to a field this
    // release's tickets do not have.
    let newerToken = '';
    const newerWs = httpTransport(
      hub.url,
      () => newerToken,
      () => ({ release: '0.2.0', waiting: 0 }),
    );
    newerToken = (await newerWs.join((await createJoinCode(db.pool, deskId)).code, 'next release'))
      .token;
    const fields = stations.filter((s) => s.scope);
    const offices = stations.filter((s) => !s.scope);

    const roundOn = async (s: Station) => {
      try {
        await syncRound(ctxOf(s), s.hub);
      } catch (e) {
        if (!(e instanceof HubUnavailable)) throw e;
      }
    };
    const someTicket = (s: Station) => {
      const rows = s.desk.db
        .prepare("SELECT id, version FROM tickets WHERE status <> 'resolved' ORDER BY id")
        .all() as { id: string; version: number }[];
      return rows.length ? r.pick(rows) : null;
    };
    let newer = 0;

    for (let step = 0; step < STEPS; step++) {
      const s = r.pick(stations);
      const roll = r.next();
      const tag = `s${seed}-${step}`;
      if (roll < 0.45) {
        const t = someTicket(s);
        // The office sends tickets between teams more than anything: scopes move under the laptops.
        const what = t ? (!s.scope && r.chance(0.35) ? 2 : r.int(6)) : 0;
        if (what === 0) {
          // A field desk takes calls for its own queues mostly, now and then for another team's.
          const qi = s.scope && r.chance(0.8) ? queues.indexOf(r.pick(s.scope)) : r.int(3);
          const cat = categories[qi]!;
          const got = await call(s, 'intake.submit', {
            caller: { kind: 'new', name: `Caller ${tag}`, organisation: 'Litware' },
            contact: { phone: `020 7946 ${String(1000 + r.int(9000))}`, email: '' },
            accountNumber: `AC-${tag}`,
            problems: [
              {
                categoryId: cat.id,
                queueId: queues[qi]!,
                impact: 2,
                urgency: 2,
                title: `Problem ${tag}`,
                description: 'Reported by the random history',
              },
            ],
          });
          if (got)
            for (const x of got.tickets)
              acknowledged.push({
                by: s,
                at: s.clock.now(),
                kind: 'ticket',
                text: x.key,
                id: x.id,
              });
        } else if (what === 1) {
          await call(s, 'tickets.update', {
            id: t!.id,
            version: t!.version,
            changes: { title: `Title ${tag}` },
          });
        } else if (what === 2 && !s.scope) {
          // The office sends a ticket to another team: into or out of a field desk's scope.
          await call(s, 'tickets.update', {
            id: t!.id,
            version: t!.version,
            changes: { queueId: r.pick(queues) },
          });
        } else if (what === 3) {
          if (await call(s, 'tickets.addNote', { id: t!.id, text: `Note ${tag}` }))
            acknowledged.push({
              by: s,
              at: s.clock.now(),
              kind: 'note',
              text: `Note ${tag}`,
              id: t!.id,
            });
        } else if (what === 4) {
          await call(s, 'tickets.move', {
            id: t!.id,
            version: t!.version,
            to: r.pick(['in_progress', 'new'] as const),
          });
        } else {
          await call(s, 'contacts.log', {
            ticketId: t!.id,
            direction: 'outbound',
            channel: 'phone',
            outcome: 'reached',
            durationSec: 30,
            summary: `Contact ${tag}`,
          });
        }
      } else if (roll < 0.72) {
        if (r.chance(0.25)) s.faults.push(r.chance(0.6) ? 'answer-lost' : 'unreachable');
        await roundOn(s);
        s.faults.length = 0;
      } else if (roll < 0.8) {
        s.online = !s.online;
      } else if (roll < 0.85) {
        // The admin changes a field desk's queues, usually while it is away.
        const f = r.pick(fields);
        if (f.revokedAt === null) {
          f.scope = someQueues();
          await setScope(db.pool, deskId, f.id, { queues: f.scope });
        }
      } else if (roll < 0.88 && fields.length > 1 && fields.every((f) => f.revokedAt === null)) {
        // A laptop lost: revoked in one step.
        const f = r.pick(fields);
        await revokeWorkstation(db.pool, deskId, f.id, info.users[0]!.id);
        f.revokedAt = f.clock.now();
      } else if (roll < 0.92) {
        // A newer release's change: a field this release does not have, on a ticket the office has.
        const t = someTicket(office1);
        if (t) {
          newer++;
          const wall = String(office1.clock.now()).padStart(15, '0');
          await newerWs.push([
            {
              id: crypto.randomUUID(),
              hlc: `${wall}-${newer.toString(16).padStart(4, '0')}-00000000000000aa`,
              author: info.users.find((u) => u.role === 'supervisor')!.id,
              table: 'tickets',
              key: JSON.stringify([t.id]),
              fields: { sentiment: `calm ${newer}` },
            },
          ]);
        }
      } else if (roll < 0.96) {
        // Killed and started again: only what is on its disk survives.
        await s.desk.close();
        s.desk = await open(s.dir, s.clock);
        s.conn = s.desk.connect();
        await signIn(s, 'analyst');
      } else {
        now += r.int(60_000);
        for (const x of stations) x.clock.set(Math.max(x.clock.now(), now + r.int(30_000)));
      }
    }

    // Healing: everyone back, then each release updated to one that knows the newer field, then
    // rounds until nothing moves; the field desks' analysts read what was refused on their tickets.
    for (const s of stations) {
      s.online = true;
      s.faults.length = 0;
    }
    for (const s of stations) await roundOn(s);
    // The release behind went on syncing: what it could not apply it kept.
    if (behind && newer > 0)
      expect(
        behind.desk.db
          .prepare("SELECT count(*) FROM sync_held WHERE reason LIKE '%sentiment%'")
          .pluck()
          .get(),
      ).toBeGreaterThan(0);
    for (const s of stations) {
      await s.desk.close();
      const raw = new Database(join(s.dir, 'desk.sqlite'));
      raw.exec('ALTER TABLE tickets ADD COLUMN sentiment TEXT');
      raw.close();
      s.desk = await open(s.dir, s.clock);
      s.conn = s.desk.connect();
      await signIn(s, 'analyst');
    }
    for (let pass = 0; pass < 4; pass++) {
      for (const s of stations) await roundOn(s);
      for (const f of fields) {
        const refusedOn = f.desk.db
          .prepare('SELECT DISTINCT ticket_id FROM sync_refused WHERE ticket_id IS NOT NULL')
          .pluck()
          .all() as string[];
        for (const c of f.desk.db
          .prepare('SELECT change_id FROM sync_refused')
          .pluck()
          .all() as string[])
          refusedIds.add(c);
        for (const id of refusedOn) await call(f, 'sync.dismissRefused', { ticketId: id });
      }
    }

    const office = replicatedRows(office1.desk.db);
    if (process.env['SB_TEST_LOG'])
      console.log(
        `seed ${seed}: ${stations.length} workstations, ${office['tickets']!.length} tickets, ${acknowledged.length} saves, ${refusedIds.size} refused, ${newer} of a newer release; ` +
          fields
            .map(
              (f) =>
                `${f.name} ${f.revokedAt ? 'revoked' : `${f.scope!.length} queues, ${f.desk.db.prepare('SELECT count(*) FROM tickets').pluck().get() as number} tickets`}`,
            )
            .join(', '),
      );
    expect(office['tickets']!.length).toBeGreaterThan(0);
    for (const s of offices.slice(1)) expect(replicatedRows(s.desk.db), s.name).toEqual(office);
    for (const f of fields.filter((x) => x.revokedAt === null)) {
      const held = replicatedRows(f.desk.db);
      const owed = scopedRows(office1.desk.db, f.scope!);
      if (process.env['SB_DEBUG']) await explain(f, held, owed);
      for (const tbl of Object.keys(owed))
        if (tbl !== 'ticket_links')
          expect(held[tbl], `${f.name} holds its scope of ${tbl}`).toEqual(owed[tbl]);
    }
    for (const s of stations) {
      // A revoked laptop is stopped: what it held before stays held on it.
      if (s.revokedAt === null)
        expect(
          s.desk.db.prepare('SELECT count(*) FROM sync_held').pluck().get(),
          `${s.name} held`,
        ).toBe(0);
      const keys = s.desk.db
        .prepare('SELECT count(*) AS n, count(DISTINCT key) AS k FROM tickets')
        .get() as {
        n: number;
        k: number;
      };
      expect(keys.k).toBe(keys.n);
    }
    // Nothing acknowledged is lost: at the office, refused to the face of who made it, or made on
    // the revoked laptop after it was revoked and still on it.
    const atOffice = (sql: string, ...args: unknown[]) =>
      office1.desk.db
        .prepare(sql)
        .pluck()
        .get(...args) !== undefined;
    for (const a of acknowledged) {
      const there =
        a.kind === 'ticket'
          ? atOffice('SELECT 1 FROM tickets WHERE id = ?', a.id)
          : atOffice(
              "SELECT 1 FROM ticket_events WHERE type = 'note_added' AND json_extract(data, '$.text') = ?",
              a.text,
            );
      if (there) continue;
      const own = a.by.desk.db;
      const change = own
        .prepare("SELECT id FROM outbox WHERE tbl = 'ticket_events' AND fields LIKE ?")
        .pluck()
        .get(`%${a.text}%`) as string | undefined;
      const refused = a.by.scope !== null && change !== undefined && refusedIds.has(change);
      const keptOnRevoked =
        a.by.revokedAt !== null &&
        own
          .prepare('SELECT 1 FROM outbox WHERE pushed_at IS NULL AND (key LIKE ? OR fields LIKE ?)')
          .pluck()
          .get(`%${a.id ?? ''}%`, `%${a.text}%`) !== undefined;
      expect(refused || keptOnRevoked, `${a.by.name}: ${a.kind} ${a.text} is lost`).toBe(true);
    }
  } finally {
    for (const s of stations) await s.desk.close().catch(() => undefined);
    rmSync(run, { recursive: true, force: true });
  }
}
