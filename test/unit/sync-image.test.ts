/**
 * Desk images, end to end over a real hub and PostgreSQL: the imager keeps a replica of the desk
 * from the log and stores an image of it; a new workstation joins from the image, then pulls what
 * came after, and ends with the same desk as one that replayed the whole log. An image this
 * release cannot take, or one that arrives damaged, is passed over for the log, and the store
 * stays as it was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDesk, fingerprint, validIntake, type TestDesk } from '../helpers/desk.ts';
import { hubDatabase } from '../helpers/hub.ts';
import { startHubProcess, type HubProcess } from '../helpers/hub-process.ts';
import { replicatedRows } from '../helpers/sync-desks.ts';
import { createDesk, createJoinCode } from '../../src/hub/access.ts';
import { imageDesk } from '../../src/imager/imager.ts';
import { openFileAsIs } from '../../src/core/store/database.ts';
import { ImageRefused, restoreImage, writeImage } from '../../src/core/sync/image.ts';
import { httpTransport } from '../../src/core/sync/http.ts';
import type { HubTransport } from '../../src/core/sync/client.ts';
import { syncValue } from '../../src/core/sync/state.ts';
import type { SyncStatus } from '../../src/shared/views.ts';

let db: Awaited<ReturnType<typeof hubDatabase>>;
let hub: HubProcess;
const open: TestDesk[] = [];
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'sb-image-'));
  dirs.push(d);
  return d;
};

beforeAll(async () => {
  db = await hubDatabase();
  hub = await startHubProcess(db.url);
});
afterAll(async () => {
  for (const t of open.splice(0)) await t.close();
  await hub?.stop();
  await db?.pool.end();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function station(deskId: string, o: { empty: boolean; name: string; noImage?: boolean }) {
  const t = await demoDesk({
    empty: o.empty,
    ...(o.empty ? {} : { escalationRules: false }),
    ...(o.noImage
      ? {
          hubTransport: (url: string, token: () => string | undefined) => {
            // A hub as it was before images: the workstation takes the log.
            const h: HubTransport = httpTransport(url, token);
            delete h.image;
            return h;
          },
        }
      : {}),
  });
  open.push(t);
  const conn = o.empty ? t.desk.connect() : await t.as('admin');
  const code = (await createJoinCode(db.pool, deskId)).code;
  const joined = await t.ok(conn, 'sync.join', { url: hub.url, code, name: o.name });
  return { t, joined };
}

/** A call from a caller of its own (a new caller each time, with an account of their own). */
let callers = 0;
const call = async (t: TestDesk, conn: Awaited<ReturnType<TestDesk['as']>>, problems: number) => {
  const n = ++callers;
  return {
    ...(await validIntake(t, conn, problems)),
    caller: { kind: 'new' as const, name: `Caller ${n}`, organisation: 'Litware' },
    accountNumber: `LW-${8000 + n}`,
  };
};

const settle = async (...ts: TestDesk[]) => {
  for (let i = 0; i < 2; i++)
    for (const t of ts) {
      t.desk.sync.nudge();
      await t.desk.sync.settled();
    }
};

describe('desk images', () => {
  it('a new workstation joins from the image, pulls what came after, and holds the same desk as one that took the log', async () => {
    await createDesk(db.pool, { id: 'IMG', name: 'Image desk' });
    const { t: a } = await station('IMG', { empty: false, name: 'First' });
    const analyst = await a.as('analyst');
    for (let i = 0; i < 3; i++) await a.ok(analyst, 'intake.submit', await call(a, analyst, 2));
    await settle(a);

    const replicas = tmp();
    const imaged = await imageDesk({ pool: db.pool, dir: replicas, clock: a.clock }, 'IMG');
    expect(imaged).toMatchObject({ built: true });
    expect(imaged!.image!.changes).toBeGreaterThan(0);
    // Nothing new on the log: a second pass takes nothing in and stores nothing.
    const again = await imageDesk({ pool: db.pool, dir: replicas, clock: a.clock }, 'IMG');
    expect(again).toMatchObject({
      built: false,
      pulled: 0,
      image: { sha256: imaged!.image!.sha256 },
    });

    // After the image: a call and an edit the new workstation must pull.
    const late = await a.ok(analyst, 'intake.submit', await call(a, analyst, 1));
    const ticket = await a.ok(analyst, 'tickets.get', { id: late.tickets[0]!.id });
    await a.ok(analyst, 'tickets.update', {
      id: ticket.id,
      version: ticket.version,
      changes: { title: 'Printer on the third floor jams after the image' },
    });
    await settle(a);

    const { t: b, joined } = await station('IMG', { empty: true, name: 'From the image' });
    expect(joined).toMatchObject({ joined: true, workstation: 2 });
    // The header showed the image arriving, in bytes.
    const shown = b.events.flatMap((e) =>
      e.name === 'sync.changed' ? [e.payload as SyncStatus] : [],
    );
    expect(shown.some((s) => s.progress?.of === 'bytes')).toBe(true);
    const { t: c } = await station('IMG', { empty: true, name: 'From the log', noImage: true });
    await settle(a, b, c);

    // The same desk on all three, whichever way it came.
    const rows = replicatedRows(a.desk.db);
    expect(replicatedRows(b.desk.db)).toEqual(rows);
    expect(replicatedRows(c.desk.db)).toEqual(rows);
    // Its own place in the desk, not the imager's: its number, a cursor at the log's end.
    expect(syncValue(b.desk.db, 'workstation.number')).toBe('2');
    expect(syncValue(b.desk.db, 'workstation.id')).not.toBe(syncValue(a.desk.db, 'workstation.id'));
    expect(syncValue(b.desk.db, 'node')).not.toBe(syncValue(a.desk.db, 'node'));
    expect(syncValue(b.desk.db, 'cursor')).toBe(syncValue(c.desk.db, 'cursor'));
    expect(b.desk.sync.status()).toMatchObject({ state: 'in_sync', waiting: 0 });

    // Derived data came with the image and follows what came after it: search finds the edit.
    const there = await b.as('analyst');
    const found = await b.ok(there, 'tickets.search', { text: 'third floor jams' });
    expect(found.items.map((x) => x.id)).toEqual([ticket.id]);

    // It works as a workstation of the desk: its call reaches the others, with a key of its own.
    const mine = await b.ok(there, 'intake.submit', await call(b, there, 1));
    await settle(b, a, c);
    const keys = (t: TestDesk) =>
      t.desk.db.prepare('SELECT key FROM tickets ORDER BY key').pluck().all() as string[];
    expect(new Set(keys(a)).size).toBe(keys(a).length);
    expect(keys(a)).toContain(mine.tickets[0]!.key);
    expect(keys(c)).toEqual(keys(a));
  });

  it('passes over an image that arrives damaged, and joins by the log', async () => {
    await createDesk(db.pool, { id: 'DMG', name: 'Damaged image desk' });
    const { t: a } = await station('DMG', { empty: false, name: 'First' });
    const analyst = await a.as('analyst');
    await a.ok(analyst, 'intake.submit', await call(a, analyst, 1));
    await settle(a);
    await imageDesk({ pool: db.pool, dir: tmp(), clock: a.clock }, 'DMG');
    // One byte of the stored image changed: its hash no longer matches what the hub says.
    await db.pool.query(
      "UPDATE desk_image_chunks SET data = set_byte(data, 100, (get_byte(data, 100) + 1) % 256) WHERE desk_id = 'DMG' AND n = 0",
    );
    const { t: b } = await station('DMG', { empty: true, name: 'Second' });
    await settle(a, b);
    expect(replicatedRows(b.desk.db)).toEqual(replicatedRows(a.desk.db));
  });

  it('refuses an image of another schema version, and leaves the store as it was', async () => {
    // A store with no workstation's own state in it, as the imager's replicas are.
    const a = await demoDesk({ empty: true });
    const b = await demoDesk({ empty: true });
    open.push(a, b);
    const file = join(tmp(), 'image.sqlite');
    writeImage(a.desk.db, file);
    const image = openFileAsIs(file);
    image.pragma('user_version = 999');
    image.close();
    const before = fingerprint(b.desk);
    const stamp = { deskId: 'LON', workstationId: crypto.randomUUID(), number: 2, cursor: '1:1' };
    await expect(restoreImage(b.desk.db, file, stamp)).rejects.toThrow(ImageRefused);
    expect(fingerprint(b.desk)).toBe(before);

    // An image that holds a workstation's own counters is not a desk image: refused too.
    writeImage(a.desk.db, file);
    const own = openFileAsIs(file);
    own.prepare("INSERT INTO counters (name, value) VALUES ('ticket', 41)").run();
    own.close();
    await expect(restoreImage(b.desk.db, file, stamp)).rejects.toThrow(/counters/);
    expect(fingerprint(b.desk)).toBe(before);
  });

  it('answers a call for the image with a typed error when there is none or no token', async () => {
    await createDesk(db.pool, { id: 'NON', name: 'No image desk' });
    const none = await fetch(`${hub.url}/v1/image`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const { t } = await station('NON', { empty: false, name: 'First' });
    const token = syncValue(t.desk.db, 'hub.token')!;
    const missing = await fetch(`${hub.url}/v1/image`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
