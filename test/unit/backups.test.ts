/**
 * Online backups on real SQLite files: taken while intakes keep arriving (every intake
 * acknowledged before the backup began is in it), checked whole, kept by the rotation; a process
 * killed mid-backup and mid-restore leaves a desk that opens whole. Admins only.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { toPrune, DEFAULT_ROTATION } from '../../src/core/backups/rotation.ts';
import { BACKUP_FOLDER } from '../../src/core/backups/backups.ts';
import { DESK_FILE, openDesk } from '../../src/core/kernel/desk.ts';
import { DAY, HOUR } from '../../src/shared/business-time.ts';
import { count, demoDesk, fingerprint, validIntake, type TestDesk } from '../helpers/desk.ts';

const ROOT = join(import.meta.dirname, '../..');
let t: TestDesk | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('the rotation', () => {
  it('keeps the newest day of hourly backups, then one a day, then one a week', () => {
    const now = Date.UTC(2026, 11, 3, 12);
    // Hourly backups for sixty days.
    const ats = Array.from({ length: 60 * 24 }, (_, i) => now - i * HOUR);
    const pruned = new Set(toPrune(ats, DEFAULT_ROTATION, now));
    const kept = ats.filter((a) => !pruned.has(a));
    // The newest 24, whatever their day.
    expect(kept.slice(0, 24)).toEqual(ats.slice(0, 24));
    // Fourteen days back, the newest of each day.
    const days = new Set(kept.filter((a) => now - a < 14 * DAY).map((a) => Math.floor(a / DAY)));
    expect(days.size).toBeGreaterThanOrEqual(14);
    // Nothing older than eight weeks, and far fewer than were taken.
    expect(kept.every((a) => now - a <= 8 * 7 * DAY + DAY)).toBe(true);
    expect(kept.length).toBeLessThan(24 + 14 + 9 + 1);
    expect(kept.length).toBeGreaterThan(24 + 10);
    // Nothing to prune among few.
    expect(toPrune(ats.slice(0, 5), DEFAULT_ROTATION, now)).toEqual([]);
  });
});

describe('online backups', () => {
  it('taken during a burst of intakes: holds every intake acknowledged before it began, checked whole', async () => {
    t = await demoDesk();
    const a = await t.as('analyst');
    const admin = await t.as('admin');
    const input = await validIntake(t, a, 1);
    const intake = (i: number) =>
      t!.ok(a, 'intake.submit', { ...input, accountNumber: `BURST-${i}` });
    for (let i = 0; i < 40; i++) await intake(i);
    const acknowledged = count(t.desk, 'tickets');
    // The backup starts; intakes keep arriving while it copies.
    const backup = t.ok(admin, 'backups.run', {});
    const during = Promise.all(Array.from({ length: 40 }, (_, i) => intake(100 + i)));
    const [info] = await Promise.all([backup, during]);
    expect(info.file).toMatch(/^desk-.*\.sqlite$/);
    const file = join(t.dir, BACKUP_FOLDER, info.file);
    const copy = new Database(file, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const inCopy = (copy.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
      expect(inCopy).toBeGreaterThanOrEqual(acknowledged);
    } finally {
      copy.close();
    }
    const list = await t.ok(admin, 'backups.list', {});
    expect(list.backups.map((b) => b.file)).toEqual([info.file]);
    expect(list.backups[0]!.bytes).toBeGreaterThan(100_000);
    expect(list).toMatchObject({ running: null, lastError: null });
    expect(t.events.some((e) => e.name === 'backups.changed')).toBe(true);
  });

  it('is an admin’s; a bad schedule is refused and changes nothing', async () => {
    t = await demoDesk();
    const a = await t.as('analyst');
    const admin = await t.as('admin');
    for (const m of ['backups.list', 'backups.run'] as const)
      expect(await t.desk.call(a, m, {})).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    const before = await t.ok(admin, 'backups.list', {});
    const snapshot = fingerprint(t.desk);
    for (const everyMinutes of [5, 2000, -1, 1.5])
      expect(
        await t.desk.call(admin, 'backups.schedule', {
          everyMinutes,
          rotation: DEFAULT_ROTATION,
        }),
      ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(
      await t.desk.call(admin, 'backups.schedule', {
        everyMinutes: 60,
        rotation: { recent: 0, days: 1, weeks: 1 },
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await t.ok(admin, 'backups.list', {})).schedule).toEqual(before.schedule);
    expect(fingerprint(t.desk)).toBe(snapshot);
    // A good one is kept with the workstation, across a restart.
    const set = await t.ok(admin, 'backups.schedule', {
      everyMinutes: 240,
      rotation: { recent: 6, days: 7, weeks: 4 },
    });
    expect(set.schedule.everyMinutes).toBe(240);
    const dir = t.dir;
    await t.desk.close();
    const reopened = await openDesk({ dataDir: dir, slaTicker: false });
    try {
      expect(reopened.backups!.list().schedule).toEqual({
        everyMinutes: 240,
        rotation: { recent: 6, days: 7, weeks: 4 },
      });
    } finally {
      await reopened.close();
    }
  });
});

/** Runs `script` in a child process on the pinned Node; kills it when `when` says so. */
function runAndKill(args: string[], when: (line: string) => boolean): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.split('\n').some(when)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', () => resolve(out));
  });
}

describe('killed part way', () => {
  it('mid-backup: the desk opens whole, and the half-made copy is never listed', async () => {
    t = await demoDesk();
    const dir = t.dir;
    const tickets = count(t.desk, 'tickets');
    // Large enough that a backup takes many steps.
    t.desk.db.exec('CREATE TABLE IF NOT EXISTS padding (b BLOB)');
    const put = t.desk.db.prepare('INSERT INTO padding VALUES (randomblob(1048576))');
    t.desk.db.transaction(() => {
      for (let i = 0; i < 120; i++) put.run();
    })();
    await t.desk.close();
    t = null;
    const out = await runAndKill(
      [
        '--input-type=module',
        '-e',
        `const { openDesk } = await import('./src/core/kernel/desk.ts');
         const desk = await openDesk({ dataDir: ${JSON.stringify(dir)}, slaTicker: false, maintenance: false });
         desk.subscribe((e) => { if (e.name === 'backups.changed' && e.payload.running?.done > 0) console.log('COPYING'); });
         await desk.backups.run();
         console.log('FINISHED');`,
      ],
      (l) => l === 'COPYING',
    );
    expect(out).toContain('COPYING');
    expect(out).not.toContain('FINISHED');
    const desk = await openDesk({ dataDir: dir, slaTicker: false });
    try {
      expect(desk.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(count(desk, 'tickets')).toBe(tickets);
      expect(desk.backups!.list().backups).toEqual([]);
      expect(readdirSync(join(dir, BACKUP_FOLDER)).filter((f) => f.endsWith('.partial'))).toEqual(
        [],
      );
      // And the next backup is whole.
      const b = await desk.backups!.run();
      expect(existsSync(join(dir, BACKUP_FOLDER, b.file))).toBe(true);
    } finally {
      await desk.close();
    }
  });

  it('mid-restore: the store it was replacing opens as it was; a second restore completes', async () => {
    t = await demoDesk();
    const admin = await t.as('admin');
    const a = await t.as('analyst');
    t.desk.db.exec('CREATE TABLE IF NOT EXISTS padding (b BLOB)');
    const put = t.desk.db.prepare('INSERT INTO padding VALUES (randomblob(1048576))');
    t.desk.db.transaction(() => {
      for (let i = 0; i < 120; i++) put.run();
    })();
    const backup = await t.ok(admin, 'backups.run', {});
    // Work after the backup: the live store has more than the backup.
    await t.ok(a, 'intake.submit', await validIntake(t, a, 1));
    const live = count(t.desk, 'tickets');
    const dir = t.dir;
    await t.desk.close();
    t = null;
    const from = join(dir, BACKUP_FOLDER, backup.file);
    const restoring = join(dir, `${DESK_FILE}.restoring`);
    const killed = await new Promise<boolean>((resolve) => {
      const child = spawn(
        process.execPath,
        ['src/host/restore-cli.ts', '--data', dir, '--from', from],
        { cwd: ROOT, stdio: 'ignore' },
      );
      const poll = setInterval(() => {
        if (existsSync(restoring)) {
          child.kill('SIGKILL');
          clearInterval(poll);
        }
      }, 1);
      child.on('exit', (_code, signal) => {
        clearInterval(poll);
        resolve(signal === 'SIGKILL');
      });
    });
    expect(killed).toBe(true);
    const desk = await openDesk({ dataDir: dir, slaTicker: false });
    expect(desk.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(count(desk, 'tickets')).toBe(live);
    await desk.close();
    // Run to the end, the restore brings back the backup's store and keeps the one it replaced.
    const done = await runAndKill(
      ['src/host/restore-cli.ts', '--data', dir, '--from', from],
      () => false,
    );
    expect(done).toMatch(/Restored/);
    const restored = await openDesk({ dataDir: dir, slaTicker: false });
    try {
      expect(count(restored, 'tickets')).toBe(live - 1);
    } finally {
      await restored.close();
    }
    expect(readdirSync(dir).some((f) => f.startsWith(`${DESK_FILE}.replaced-`))).toBe(true);
  });
});
