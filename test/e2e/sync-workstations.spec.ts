import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesk, createJoinCode } from '../../src/hub/access.ts';
import { ensureDatabase, freePort, openPool, startEmbedded } from '../../src/hub/postgres.ts';
import { apiClient } from '../helpers/busy-desk.ts';
import { startHostProcess } from '../helpers/host-process.ts';
import { startHubProcess, type HubProcess } from '../helpers/hub-process.ts';
import { signIn } from '../helpers/ui.ts';

/**
 * One desk on two workstations (two hosts, each with its own SQLite file) through a real hub over
 * a real PostgreSQL: joined from the app, a call taken on one shows on the other's board without
 * a reload; with the hub stopped both go on taking calls and editing the same ticket; when it is
 * back both show the same board and the conflict in that ticket's history.
 */
test('two workstations and a hub: one desk, apart and together again', async ({ browser }) => {
  test.setTimeout(420_000);
  const pgDir = mkdtempSync(join(tmpdir(), 'sb-e2e-pg-'));
  const pg = await startEmbedded(pgDir, { fsync: false });
  const dbUrl = await ensureDatabase(pg.url, 'e2e_sync');
  const port = await freePort();
  let hub: HubProcess = await startHubProcess(dbUrl, port);
  const pool = openPool(dbUrl, 2);
  const a = await startHostProcess();
  const b = await startHostProcess(undefined, ['--real-desk']);
  const pages: Page[] = [];
  try {
    await createDesk(pool, { id: 'LON', name: 'London Service Desk' });
    // The first code from the hub's command line; the next the desk's admin makes in the app.
    const codeA = (await createJoinCode(pool, 'LON')).code;
    const join = async (page: Page, code: string, name: string) => {
      await page.getByLabel('Hub address').fill(hub.url);
      await page.getByLabel('Join code').fill(code);
      await page.getByLabel('This workstation’s name').fill(name);
      await page.getByRole('button', { name: 'Join', exact: true }).click();
    };

    // The desk's first workstation: its admin joins it to the hub from Desk admin.
    const pa = await browser.newPage();
    pages.push(pa);
    await signIn(pa, a.url, 'admin');
    await pa.keyboard.press('F10');
    await join(pa, codeA, 'Front desk 1');
    await expect(pa.getByTestId('sync-status')).toHaveAttribute('data-state', 'in_sync');
    await expect(pa.getByText('Workstation number')).toBeVisible();
    await pa.getByRole('button', { name: 'Make a join code' }).click();
    const codeB = (await pa.getByTestId('new-join-code').textContent())!.trim();
    expect(codeB).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    // The header row, the code this workstation joined with, the new one.
    await expect(pa.getByTestId('join-codes').getByRole('row')).toHaveCount(3);
    await expect(pa.getByTestId('join-codes')).toContainText('Used by Front desk 1');
    await expect(pa.getByTestId('join-codes')).toContainText('Not used yet');
    // The README's picture of it (docs/screenshots/hub-admin.png is copied from this one).
    await pa
      .getByRole('region', { name: 'Sync hub' })
      .screenshot({ path: 'test-results/hub-admin.png' });

    // A new workstation: its first screen joins it, it receives the desk, its people sign in.
    const pb = await browser.newPage();
    pages.push(pb);
    await pb.goto(b.url);
    await join(pb, codeB, 'Front desk 2');
    await expect(pb.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await pb.getByLabel('User name').fill('analyst');
    await pb.getByLabel('Password').fill('switchboard');
    await pb.keyboard.press('Enter');
    await expect(pb.getByRole('button', { name: /Sign out/ })).toBeVisible();
    await expect(pb.getByTestId('sync-status')).toHaveAttribute('data-state', 'in_sync');
    await pb.keyboard.press('F4');

    // A call taken on the first appears on the second's board, no reload.
    const onA = await apiClient(a.url, 'analyst');
    const onB = await apiClient(b.url, 'supervisor');
    const info = await onA.call('desk.info', {});
    const cat = info.categories.find((c) => c.code === 'NETWORK')!;
    const call = (title: string, account: string) => ({
      caller: { kind: 'new' as const, name: `Caller ${account}`, organisation: 'Litware' },
      contact: { phone: '020 7946 0991', email: '' },
      accountNumber: account,
      problems: [
        {
          categoryId: cat.id,
          queueId: cat.defaultQueueId,
          impact: 2 as const,
          urgency: 2 as const,
          title,
          description: 'Taken in the sync test',
        },
      ],
    });
    const first = (await onA.call('intake.submit', call('Router down at the depot', 'SY-1')))
      .tickets[0]!;
    await expect(pb.getByTestId('column-new').getByText(first.key)).toBeVisible();

    // The hub away: both go on; both rename the same ticket.
    await hub.stop();
    const apartA = (await onA.call('intake.submit', call('Printer jam, floor 2', 'SY-2')))
      .tickets[0]!;
    const apartB = (await onB.call('intake.submit', call('Badge reader dead', 'SY-3'))).tickets[0]!;
    expect(apartB.key).not.toBe(apartA.key);
    const t = await onA.call('tickets.get', { id: first.id });
    await onA.call('tickets.update', {
      id: first.id,
      version: t.version,
      changes: { title: 'Depot router: power supply' },
    });
    await new Promise((r) => setTimeout(r, 50));
    const tb = await onB.call('tickets.get', { id: first.id });
    await onB.call('tickets.update', {
      id: first.id,
      version: tb.version,
      changes: { title: 'Depot router: replaced' },
    });
    await expect(pb.getByTestId('sync-status')).toHaveAttribute('data-state', 'unreachable');
    await expect(pb.getByTestId('sync-status')).toContainText('Hub unreachable, still working');

    // The hub is back: both catch up and show the same board.
    hub = await startHubProcess(dbUrl, port);
    await expect(pa.getByTestId('sync-status')).toHaveAttribute('data-state', 'in_sync', {
      timeout: 60_000,
    });
    await expect(pb.getByTestId('sync-status')).toHaveAttribute('data-state', 'in_sync', {
      timeout: 60_000,
    });
    await expect(pb.getByTestId('column-new').getByText(apartA.key)).toBeVisible();
    const keysOf = async (api: typeof onA) =>
      (await api.call('tickets.board', { filters: {}, perColumn: 200 })).columns
        .flatMap((c) => c.items.map((x) => `${x.key} ${x.title} ${x.status}`))
        .sort();
    await expect
      .poll(async () => JSON.stringify(await keysOf(onA)))
      .toBe(JSON.stringify(await keysOf(onB)));
    const boardA = await keysOf(onA);
    expect(boardA).toContainEqual(expect.stringContaining(apartB.key));
    expect(boardA).toContainEqual(expect.stringContaining('Depot router: replaced'));

    // The renamed ticket's history, on the first workstation, shows the clash.
    await pa.keyboard.press('F4');
    await pa.getByTestId('column-new').getByText(first.key).click();
    await expect(
      pa.getByText(
        /Changed on two workstations at once: the title kept is “Depot router: replaced”/,
      ),
    ).toBeVisible();

    // The supervisors' list of conflicts under the escalation panel: both values, and the one
    // replaced taken back in one step, a new change that reaches the other workstation.
    await pa.keyboard.press('Escape');
    await pa.keyboard.press('F7');
    const clash = pa.getByTestId('conflicts').getByTestId('conflict-row');
    await expect(clash).toHaveCount(1);
    await expect(clash).toContainText(first.key);
    await expect(clash).toContainText('Depot router: replaced');
    await expect(clash).toContainText('Depot router: power supply');
    await pa.getByTestId('conflicts').screenshot({ path: 'test-results/conflicts.png' });
    await clash.getByRole('button', { name: `Take the replaced value for ${first.key}` }).click();
    await expect(clash.getByRole('button', { name: /Take the replaced value/ })).toHaveCount(0);
    await expect(pb.getByTestId('column-new').getByText('Depot router: power supply')).toBeVisible({
      timeout: 30_000,
    });

    // The admin's list of the desk's workstations; the second is revoked in one confirmed step,
    // and is stopped at its next contact with a clear message, its new call kept on it.
    await pa.keyboard.press('Escape');
    await pa.keyboard.press('F10');
    const list = pa.getByTestId('workstations');
    await expect(list.getByTestId('workstation-row')).toHaveCount(2);
    await expect(list.getByTestId('workstation-row').nth(0)).toContainText('this workstation');
    await expect(list.getByTestId('workstation-row').nth(1)).toContainText('Front desk 2');
    await expect(list.getByTestId('workstation-row').nth(1)).toContainText('0.1.0');
    await list.getByRole('button', { name: 'Revoke Front desk 2' }).click();
    const ask = list.getByRole('alertdialog');
    await expect(ask).toContainText('Revoke Front desk 2?');
    await expect(ask.getByRole('button', { name: 'Revoke it' })).toBeFocused();
    await pa.keyboard.press('Enter');
    await expect(list.getByTestId('workstation-row').nth(1)).toContainText('Revoked');
    await pa
      .getByRole('region', { name: 'Sync hub' })
      .screenshot({ path: 'test-results/hub-workstations.png' });
    // Looked at in the dark theme too, at the two window sizes analysts use.
    await pa.keyboard.press('Alt+t');
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await pa.setViewportSize({ width, height });
      await pa.getByTestId('workstations').scrollIntoViewIfNeeded();
      await pa.screenshot({ path: `test-results/hub-dark-${width}x${height}.png` });
    }
    await pa.keyboard.press('F7');
    await pa.getByTestId('conflicts').scrollIntoViewIfNeeded();
    await pa.screenshot({ path: 'test-results/conflicts-dark-1920x1080.png' });
    await pa.keyboard.press('Alt+t');
    await onB.call('intake.submit', call('Kiosk offline after the revoke', 'SY-4'));
    await expect(pb.getByTestId('sync-status')).toHaveAttribute('data-state', 'refused', {
      timeout: 30_000,
    });
    await expect(pb.getByTestId('sync-status')).toContainText('removed from the desk by an admin');
  } finally {
    for (const p of pages) await p.close().catch(() => undefined);
    await a.stop();
    await b.stop();
    await hub.stop().catch(() => undefined);
    await pool.end();
    await pg.stop();
    rmSync(pgDir, { recursive: true, force: true });
  }
});
