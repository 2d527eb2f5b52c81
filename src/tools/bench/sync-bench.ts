/**
 * The sync table of `npm run bench`: real hub processes over an embedded PostgreSQL (fsync on, as
 * a hub runs), workstations in this process over HTTP. Measures a change made on one workstation
 * becoming visible on another (the hub's long-poll wakes it), the first sync of a seeded desk onto
 * a new workstation (the first sends it whole, the second receives it), push and pull throughput
 * with one hub instance and with two, and the hub's PostgreSQL size per 100,000 tickets.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../../demo/demo-desk.ts';
import { DESK_FILE, openDesk, type Desk } from '../../core/kernel/desk.ts';
import type { Connection } from '../../core/kernel/context.ts';
import { joinDesk, syncRound } from '../../core/sync/client.ts';
import { httpTransport } from '../../core/sync/http.ts';
import { createDesk, createJoinCode } from '../../hub/access.ts';
import { ensureDatabase, openPool, startEmbedded } from '../../hub/postgres.ts';
import type { Input } from '../../shared/contract.ts';
import { startHubProcess, type HubProcess } from '../hub/hub-process.ts';

export interface SyncRow {
  op: string;
  value: string;
  target?: string;
  ok?: boolean;
  figures: Record<string, number>;
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
  log?: (line: string) => void;
}): Promise<SyncRow[]> {
  const log = o.log ?? (() => undefined);
  const work = mkdtempSync(join(tmpdir(), 'sb-bench-sync-'));
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
      const desk = await openDesk({ dataDir: dir, maintenance: false, slaTicker: false });
      desks.push(desk);
      const transport = httpTransport(
        hubUrl,
        () =>
          desk.db.prepare("SELECT value FROM sync_state WHERE key = 'hub.token'").pluck().get() as
            string | undefined,
      );
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

    // 2. A new workstation receives it: the first sync, pull + apply, progress as it goes.
    log('sync: a new workstation receives the desk…');
    const second = await station('second', false, h1.url);
    t0 = performance.now();
    await joinDesk(second.ctx, second.transport, {
      url: h1.url,
      code: await code(),
      name: 'second',
    });
    await syncRound(second.ctx, second.transport, (p) => {
      if (p.phase === 'pull' && p.done % 100_000 < 1000)
        log(`  pulled ${p.done.toLocaleString('en')}`);
    });
    const firstSyncS = (performance.now() - t0) / 1000;
    rows.push({
      op: `first sync of a ${o.tickets.toLocaleString('en')}-ticket desk onto a new workstation`,
      value: `${firstSyncS.toFixed(1)} s (${Math.round(changes / firstSyncS).toLocaleString('en')} changes/s pulled and applied)`,
      target: '≤ 30 s',
      ok: firstSyncS <= 30,
      figures: { seconds: firstSyncS, changes },
    });

    // 3. Pull throughput with one instance and with two: two new workstations at once.
    for (const split of [false, true]) {
      const a = await station(`pull-a-${split}`, false, h1.url);
      const b = await station(`pull-b-${split}`, false, split ? h2.url : h1.url);
      await joinDesk(a.ctx, a.transport, { url: h1.url, code: await code(), name: 'a' });
      await joinDesk(b.ctx, b.transport, {
        url: split ? h2.url : h1.url,
        code: await code(),
        name: 'b',
      });
      // The pull alone, without applying: what the hub serves.
      t0 = performance.now();
      const served = await Promise.all(
        [a, b].map(async (s) => {
          let cursor = '0:0';
          let n = 0;
          for (;;) {
            const r = await s.transport.pull(cursor);
            n += r.changes.length;
            cursor = r.cursor;
            if (!r.more) return n;
          }
        }),
      );
      const s = (performance.now() - t0) / 1000;
      const total = served.reduce((x, y) => x + y, 0);
      rows.push({
        op: `pull: two workstations at once, ${split ? 'two instances' : 'one instance'}`,
        value: `${Math.round(total / s).toLocaleString('en')} changes/s`,
        figures: { changes: total, seconds: s, perSecond: total / s },
      });
    }

    // 4. Push throughput with two instances: two workstations pushing at once.
    for (const split of [false, true]) {
      const pushers = await Promise.all(
        [0, 1].map(async (i) => {
          const hubUrl = split && i === 1 ? h2.url : h1.url;
          const s = await station(`push-${i}-${split}`, false, hubUrl);
          await joinDesk(s.ctx, s.transport, { url: hubUrl, code: await code(), name: `p${i}` });
          await syncRound(s.ctx, s.transport);
          return s;
        }),
      );
      // Each makes the same volume of small changes while the other does.
      const conns = await Promise.all(
        pushers.map(async (p) => {
          const conn = p.desk.connect();
          await p.desk.call(conn, 'auth.signIn', { username: 'analyst', password: DEMO_PASSWORD });
          return conn;
        }),
      );
      const notes = 400;
      for (const [i, p] of pushers.entries()) await addNotes(p.desk, conns[i]!, notes);
      const waiting = pushers.map(
        (p) =>
          p.desk.db
            .prepare('SELECT count(*) FROM outbox WHERE pushed_at IS NULL')
            .pluck()
            .get() as number,
      );
      t0 = performance.now();
      await Promise.all(pushers.map((p) => syncRound(p.ctx, p.transport)));
      const s = (performance.now() - t0) / 1000;
      const total = waiting.reduce((x, y) => x + y, 0);
      rows.push({
        op: `push: two workstations at once, ${split ? 'two instances' : 'one instance'}`,
        value: `${Math.round(total / s).toLocaleString('en')} changes/s (pull and apply included)`,
        figures: { changes: total, seconds: s, perSecond: total / s },
      });
    }

    // 5. A change on one workstation visible on another: the hub's long-poll wakes the second.
    log('sync: a change made on one workstation, seen on another…');
    const [x, y] = await Promise.all(
      ['visible-a', 'visible-b'].map(async (n) => {
        const s = await station(n, false, h1.url);
        await joinDesk(s.ctx, s.transport, { url: h1.url, code: await code(), name: n });
        await syncRound(s.ctx, s.transport);
        return s;
      }),
    );
    const xConn = x!.desk.connect();
    await x!.desk.call(xConn, 'auth.signIn', { username: 'analyst', password: DEMO_PASSWORD });
    const seen: number[] = [];
    const samples = o.samples ?? 40;
    for (let i = 0; i < samples; i++) {
      const id = await anyTicket(x!.desk);
      const arrived = new Promise<void>((done) => {
        const off = y!.desk.subscribe((e) => {
          if (e.name === 'tickets.changed' && (e.payload as { ids: string[] }).ids.includes(id)) {
            off();
            done();
          }
        });
      });
      const start = performance.now();
      const r = await x!.desk.call(xConn, 'tickets.addNote', { id, text: `Seen elsewhere ${i}` });
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
