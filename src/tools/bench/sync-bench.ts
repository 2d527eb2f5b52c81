/**
 * The sync table of `npm run bench`: real hub processes over an embedded PostgreSQL (fsync on, as
 * a hub runs), workstations in this process over HTTP. Measures a change made on one workstation
 * becoming visible on another (the hub's long-poll wakes it), the first sync of a seeded desk onto
 * a new workstation (the first sends it whole, the second receives it), push and pull throughput
 * with one hub instance and with two, and the hub's PostgreSQL size per 100,000 tickets.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEMO_PASSWORD } from '../../demo/demo-desk.ts';
import { DESK_FILE, openDesk, type Desk } from '../../core/kernel/desk.ts';
import type { Connection } from '../../core/kernel/context.ts';
import { joinDesk, syncRound, type HubTransport } from '../../core/sync/client.ts';
import { markPushed, nextBatch, stampOutbox } from '../../core/sync/outbox.ts';
import { syncValue, writeSyncValue } from '../../core/sync/state.ts';
import { httpTransport } from '../../core/sync/http.ts';
import { createDesk, createJoinCode } from '../../hub/access.ts';
import { ensureDatabase, openPool, startEmbedded } from '../../hub/postgres.ts';
import type { Input } from '../../shared/contract.ts';
import { imageDesk } from '../../imager/imager.ts';
import { startHubProcess, type HubProcess } from '../hub/hub-process.ts';

export interface SyncRow {
  op: string;
  value: string;
  target?: string;
  ok?: boolean;
  figures: Record<string, number>;
}

/** Changes each reader takes from the log in the pull measurement. */
const PULL_SAMPLE = 200_000;
/** Notes each workstation saves for the push measurement (each a few changes). */
const NOTES = 500;
/** A week of a field desk's work apart from the hub, and of the office's meanwhile. */
const WEEK = { officeNotes: 600, fieldNotes: 300, edits: 100 };

/** The push half of a round: the outbox, in acknowledged batches. */
async function pushOnly(ctx: Parameters<typeof syncRound>[0], hub: HubTransport): Promise<void> {
  for (;;) {
    const batch = ctx.db.transaction(() => {
      stampOutbox(ctx.db);
      return nextBatch(ctx.db);
    })();
    if (batch.changes.length === 0) return;
    await hub.push(batch.changes);
    markPushed(ctx.db, batch.lastSeq, Date.now());
  }
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

export async function benchSync(o: {
  /** A seeded desk to send whole (copied, never changed). */
  seededDesk: string;
  tickets: number;
  samples?: number;
  /** Stop after the first sync (steps 1 and 2). */
  firstSyncOnly?: boolean;
  log?: (line: string) => void;
}): Promise<SyncRow[]> {
  const log = o.log ?? (() => undefined);
  const work = mkdtempSync(join(tmpdir(), 'sb-bench-sync-'));
  // The embedded server runs as its own user, which must be able to reach its folder inside.
  chmodSync(work, 0o711);
  const pgServer = await startEmbedded(join(work, 'pg'));
  const url = await ensureDatabase(pgServer.url, 'bench_sync');
  const hubs: HubProcess[] = [];
  const desks: Desk[] = [];
  const pool = openPool(url, 2);
  const rows: SyncRow[] = [];
  try {
    hubs.push(await startHubProcess(url), await startHubProcess(url));
    const [h1, h2] = hubs as [HubProcess, HubProcess];
    await createDesk(pool, { id: 'LON', name: 'Bench desk' });
    const code = async () => (await createJoinCode(pool, 'LON')).code;
    const station = async (name: string, seeded: boolean, hubUrl: string) => {
      const dir = join(work, name);
      mkdirSync(dir, { recursive: true });
      if (seeded) copyFileSync(o.seededDesk, join(dir, DESK_FILE));
      // The bench runs each round itself, and times it.
      const desk = await openDesk({
        dataDir: dir,
        maintenance: false,
        slaTicker: false,
        autoSync: false,
      });
      desks.push(desk);
      const transport = httpTransport(hubUrl, () => syncValue(desk.db, 'hub.token'));
      const ctx = {
        db: desk.db,
        clock: { now: () => Date.now() },
        newId: () => crypto.randomUUID(),
        emit: () => {},
      };
      return { desk, transport, ctx };
    };

    // 1. The desk's first workstation sends its seeded desk whole: push throughput, one instance.
    log(`sync: sending a ${o.tickets.toLocaleString('en')}-ticket desk to the hub…`);
    const first = await station('first', true, h1.url);
    await joinDesk(first.ctx, first.transport, { url: h1.url, code: await code(), name: 'first' });
    const changes = first.desk.db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
    let t0 = performance.now();
    await syncRound(first.ctx, first.transport);
    const pushS = (performance.now() - t0) / 1000;
    rows.push({
      op: `push: the first workstation sends its desk (${changes.toLocaleString('en')} changes), one instance`,
      value: `${Math.round(changes / pushS).toLocaleString('en')} changes/s (${pushS.toFixed(1)} s)`,
      figures: { changes, seconds: pushS, perSecond: changes / pushS },
    });
    const size = Number(
      (await pool.query("SELECT pg_total_relation_size('changes') AS n")).rows[0].n,
    );
    const per100k = (size / o.tickets) * 100_000;
    rows.push({
      op: 'hub PostgreSQL size (the change log, with its indexes)',
      value: `${(per100k / 2 ** 20).toFixed(0)} MB per 100,000 tickets`,
      figures: { bytes: size, bytesPer100k: per100k },
    });

    // 2. The hub's imager replays the log into its replica, as a workstation with no image would,
    // and stores the desk's image: background work on the hub, once, then every so many changes.
    log("sync: the hub's imager makes the desk's image…");
    const imaged = await imageDesk({ pool, dir: join(work, 'imager') }, 'LON');
    if (!imaged?.built || !imaged.image) throw new Error('the imager made no image');
    rows.push({
      op: "first sync by the log alone (the imager's catch-up, as a workstation's)",
      value: `${imaged.seconds.catchUp.toFixed(1)} s`,
      figures: { seconds: imaged.seconds.catchUp, changes },
    });
    rows.push({
      op: "hub imager: the desk's image written, compressed and stored",
      value: `${imaged.seconds.image.toFixed(1)} s (${(imaged.image.bytes / 2 ** 20).toFixed(0)} MB)`,
      figures: { seconds: imaged.seconds.image, bytes: imaged.image.bytes },
    });

    // 3. A new workstation receives it: the image, then the log after it, progress as it goes.
    log('sync: a new workstation receives the desk…');
    const second = await station('second', false, h1.url);
    t0 = performance.now();
    const joined = await joinDesk(second.ctx, second.transport, {
      url: h1.url,
      code: await code(),
      name: 'second',
    });
    if (joined.via !== 'image') throw new Error(`joined by the log: ${joined.imageRefused}`);
    const after = await syncRound(second.ctx, second.transport);
    const firstSyncS = (performance.now() - t0) / 1000;
    rows.push({
      op: 'first sync onto a new workstation (the image, then the log after it)',
      value: `${firstSyncS.toFixed(1)} s (${(imaged.image.bytes / 2 ** 20).toFixed(0)} MB, then ${after.pulled.toLocaleString('en')} changes)`,
      target: '≤ 30 s',
      ok: firstSyncS <= 30,
      figures: { seconds: firstSyncS, changes, pulledAfter: after.pulled },
    });
    if (o.firstSyncOnly) return rows;

    // 4. Pull throughput with one instance and with two: two workstations reading the log at
    // once (what the hub serves, without applying), the first PULL_SAMPLE changes each.
    for (const split of [false, true]) {
      const readers = await Promise.all(
        [0, 1].map(async (i) => {
          const hubUrl = split && i === 1 ? h2.url : h1.url;
          const s = await station(`pull-${i}-${split}`, false, hubUrl);
          const joined = await s.transport.join(await code(), `reader ${i}`);
          writeSyncValue(s.desk.db, 'hub.token', joined.token);
          return s;
        }),
      );
      t0 = performance.now();
      const served = await Promise.all(
        readers.map(async (s) => {
          let cursor = '0:0';
          let n = 0;
          while (n < PULL_SAMPLE) {
            const r = await s.transport.pull(cursor);
            n += r.changes.length;
            cursor = r.cursor;
            if (!r.more) break;
          }
          return n;
        }),
      );
      const s = (performance.now() - t0) / 1000;
      const total = served.reduce((x, y) => x + y, 0);
      rows.push({
        op: `pull: two workstations at once, ${split ? 'two instances' : 'one instance'}`,
        value: `${Math.round(total / s).toLocaleString('en')} changes/s served`,
        figures: { changes: total, seconds: s, perSecond: total / s },
      });
    }

    // 5. Push throughput with one instance and with two: the two workstations that hold the
    // desk each save notes, then push at once (the same token works on any instance).
    const conns = await Promise.all(
      [first, second].map(async (p) => {
        const conn = p.desk.connect();
        const r = await p.desk.call(conn, 'auth.signIn', {
          username: 'analyst',
          password: DEMO_PASSWORD,
        });
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        return conn;
      }),
    );
    const viaH2 = httpTransport(
      h2.url,
      () =>
        second.desk.db
          .prepare("SELECT value FROM sync_state WHERE key = 'hub.token'")
          .pluck()
          .get() as string | undefined,
    );
    for (const split of [false, true]) {
      for (const [i, p] of [first, second].entries()) await addNotes(p.desk, conns[i]!, NOTES);
      const waiting = [first, second].map(
        (p) =>
          p.desk.db
            .prepare('SELECT count(*) FROM outbox WHERE pushed_at IS NULL')
            .pluck()
            .get() as number,
      );
      t0 = performance.now();
      await Promise.all([
        pushOnly(first.ctx, first.transport),
        pushOnly(second.ctx, split ? viaH2 : second.transport),
      ]);
      const s = (performance.now() - t0) / 1000;
      const total = waiting.reduce((x, y) => x + y, 0);
      rows.push({
        op: `push: two workstations at once, ${split ? 'two instances' : 'one instance'}`,
        value: `${Math.round(total / s).toLocaleString('en')} changes/s (${total.toLocaleString('en')} changes)`,
        figures: { changes: total, seconds: s, perSecond: total / s },
      });
    }

    // 6. A week apart: the office workstation and a field desk each work without the hub (notes,
    // and titles changed, some on the same tickets on both sides), then each catches up.
    log('sync: a week apart, then catching up…');
    const shared = first.desk.db
      .prepare("SELECT id FROM tickets WHERE status <> 'resolved' ORDER BY rowid LIMIT ?")
      .pluck()
      .all(WEEK.edits * 2) as string[];
    const aWeek = async (p: typeof first, conn: Connection, notes: number, ids: string[]) => {
      await addNotes(p.desk, conn, notes);
      for (const [i, id] of ids.entries()) {
        const got = await p.desk.call(conn, 'tickets.get', { id });
        if (!got.ok) throw new Error(JSON.stringify(got.error));
        const r = await p.desk.call(conn, 'tickets.update', {
          id,
          version: got.value.version,
          changes: { title: `${p === first ? 'Office' : 'Field'} week, change ${i}` },
        });
        if (!r.ok) throw new Error(JSON.stringify(r.error));
      }
    };
    // Half of each side's edits are to tickets the other side edits too: conflicts to record.
    await aWeek(first, conns[0]!, WEEK.officeNotes, shared.slice(0, WEEK.edits));
    await aWeek(second, conns[1]!, WEEK.fieldNotes, shared.slice(WEEK.edits / 2, WEEK.edits * 1.5));
    const apart = [first, second].map(
      (p) =>
        p.desk.db
          .prepare('SELECT count(*) FROM outbox WHERE pushed_at IS NULL')
          .pluck()
          .get() as number,
    ) as [number, number];
    t0 = performance.now();
    await syncRound(first.ctx, first.transport);
    const fieldRound = performance.now();
    const caught = await syncRound(second.ctx, second.transport);
    const fieldS = (performance.now() - fieldRound) / 1000;
    const back = await syncRound(first.ctx, first.transport);
    const weekS = (performance.now() - t0) / 1000;
    // Tickets whose history shows the clash (one event each, whichever side found it first).
    const conflicts = first.desk.db
      .prepare("SELECT count(DISTINCT ticket_id) FROM ticket_events WHERE type = 'conflict'")
      .pluck()
      .get() as number;
    rows.push({
      op: `catch-up after a week apart: the field desk sends ${apart[1].toLocaleString('en')}, receives ${caught.pulled.toLocaleString('en')} changes`,
      value: `${fieldS.toFixed(1)} s (both sides: ${weekS.toFixed(1)} s; ${conflicts} tickets show a conflict)`,
      figures: {
        officeChanges: apart[0],
        fieldChanges: apart[1],
        fieldPulled: caught.pulled,
        officePulled: back.pulled,
        officeSent: apart[0],
        fieldSeconds: fieldS,
        bothSeconds: weekS,
        conflicts,
      },
    });

    // 7. A change on one workstation visible on another, as the desk process syncs: the save
    // starts a round, the push wakes the other's long-poll, its round pulls and tells its board.
    log('sync: a change made on one workstation, seen on another…');
    const live = async (s: { desk: Desk }) => {
      const dir = dirname(s.desk.file);
      await s.desk.close();
      const desk = await openDesk({ dataDir: dir, maintenance: false, slaTicker: false });
      desks.push(desk);
      return { desk };
    };
    const x = await live(first);
    const y = await live(second);
    await y.desk.sync.settled();
    const xConn = x.desk.connect();
    await x.desk.call(xConn, 'auth.signIn', { username: 'analyst', password: DEMO_PASSWORD });
    const seen: number[] = [];
    const samples = o.samples ?? 40;
    for (let i = 0; i < samples; i++) {
      const id = await anyTicket(x.desk);
      const arrived = new Promise<void>((done) => {
        const off = y.desk.subscribe((e) => {
          if (e.name === 'tickets.changed' && (e.payload as { ids: string[] }).ids.includes(id)) {
            off();
            done();
          }
        });
      });
      const start = performance.now();
      const r = await x.desk.call(xConn, 'tickets.addNote', { id, text: `Seen elsewhere ${i}` });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      await arrived;
      seen.push(performance.now() - start);
    }
    const p95 = quantile(seen, 0.95);
    rows.push({
      op: 'a change visible on another workstation (save → its board told)',
      value: `p50 ${quantile(seen, 0.5).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms`,
      target: 'p95 ≤ 1000 ms',
      ok: p95 <= 1000,
      figures: { p50: quantile(seen, 0.5), p95, max: Math.max(...seen) },
    });

    // 8. A field desk enrolled for one queue joins: it is given that queue's tickets and their
    // callers, and the reference data, from the log (the image is the whole desk).
    log('sync: a field desk for one queue joins…');
    const queue = x.desk.db
      .prepare(
        'SELECT queue_id AS id, count(*) AS n FROM tickets GROUP BY queue_id ORDER BY n LIMIT 1',
      )
      .get() as { id: string; n: number };
    const field = await station('field', false, h1.url);
    t0 = performance.now();
    await joinDesk(field.ctx, field.transport, {
      url: h1.url,
      code: (await createJoinCode(pool, 'LON', 1, null, { queues: [queue.id] })).code,
      name: 'field',
    });
    const fieldJoin = await syncRound(field.ctx, field.transport);
    const fieldJoinS = (performance.now() - t0) / 1000;
    const held = field.desk.db.prepare('SELECT count(*) FROM tickets').pluck().get() as number;
    if (held !== queue.n) throw new Error(`the field desk holds ${held} tickets, not ${queue.n}`);
    rows.push({
      op: `first sync of a field desk for one queue (${queue.n.toLocaleString('en')} of ${o.tickets.toLocaleString('en')} tickets)`,
      value: `${fieldJoinS.toFixed(1)} s (${fieldJoin.pulled.toLocaleString('en')} changes)`,
      figures: { seconds: fieldJoinS, tickets: queue.n, pulled: fieldJoin.pulled },
    });
    return rows;
  } finally {
    for (const d of desks) await d.close().catch(() => undefined);
    for (const h of hubs) await h.stop().catch(() => undefined);
    await pool.end();
    await pgServer.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

async function anyTicket(desk: Desk): Promise<string> {
  return desk.db
    .prepare("SELECT id FROM tickets WHERE status <> 'resolved' ORDER BY random() LIMIT 1")
    .pluck()
    .get() as string;
}

async function addNotes(desk: Desk, conn: Connection, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const input: Input<'tickets.addNote'> = { id: await anyTicket(desk), text: `Bench note ${i}` };
    const r = await desk.call(conn, 'tickets.addNote', input);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
}
