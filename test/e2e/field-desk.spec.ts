import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesk, createJoinCode } from '../../src/hub/access.ts';
import { ensureDatabase, openPool, startEmbedded } from '../../src/hub/postgres.ts';
import { apiClient } from '../helpers/busy-desk.ts';
import { startHostProcess } from '../helpers/host-process.ts';
import { startHubProcess } from '../helpers/hub-process.ts';
import { startTcpProxy } from '../helpers/tcp-proxy.ts';
import { signIn } from '../helpers/ui.ts';

/**
 * A field desk through a real hub over a real PostgreSQL: the office's admin enrols a laptop for
 * the Field Services queue from the app; the laptop's board never shows another queue's ticket,
 * and a ticket the office moves into its queue appears on it. Its network gone, it takes three
 * calls and edits a ticket the office edits too, and one the office moves away; reconnected,
 * both agree, the supervisor's conflict list shows the clash, and the ticket that left says on
 * the laptop what did not reach the desk before it goes. Revoked, its next push is refused with
 * a clear message.
 */
test('a field desk for one queue: its scope, offline work, conflicts, revocation', async ({
  browser,
}) => {
  test.setTimeout(420_000);
  const pgDir = mkdtempSync(join(tmpdir(), 'sb-e2e-pg-'));
  const pg = await startEmbedded(pgDir, { fsync: false });
  const dbUrl = await ensureDatabase(pg.url, 'e2e_field');
  const hub = await startHubProcess(dbUrl);
  const pool = openPool(dbUrl, 2);
  // The laptop reaches the hub through a link that can be cut.
  const link = await startTcpProxy(hub.url);
  const office = await startHostProcess();
  const laptop = await startHostProcess(undefined, ['--real-desk']);
  const pages: Page[] = [];
  try {
    await createDesk(pool, { id: 'LON', name: 'London Service Desk' });
    const onA = await apiClient(office.url, 'admin');
    await onA.call('sync.join', {
      url: hub.url,
      code: (await createJoinCode(pool, 'LON')).code,
      name: 'Front desk 1',
    });
    const info = await onA.call('desk.info', {});
    const field = info.queues.find((q) => q.code === 'FLD')!;
    const net = info.queues.find((q) => q.code === 'NET')!;
    const call = (title: string, account: string, code: string) => {
      const cat = info.categories.find((c) => c.code === code)!;
      return {
        caller: { kind: 'new' as const, name: `Caller ${account}`, organisation: 'Litware' },
        contact: { phone: `020 7946 ${account.slice(-4)}`, email: '' },
        accountNumber: account,
        problems: [
          {
            categoryId: cat.id,
            queueId: cat.defaultQueueId,
            impact: 2 as const,
            urgency: 2 as const,
            title,
            description: 'Taken in the field desk test',
          },
        ],
      };
    };
    const desk = await apiClient(office.url, 'supervisor');
    const fieldCall = (
      await desk.call('intake.submit', call('Desk move, floor 3', 'FD-1001', 'ONSITE'))
    ).tickets[0]!;
    const leaving = (
      await desk.call('intake.submit', call('Printer on 4 jams', 'FD-1002', 'PRINTER'))
    ).tickets[0]!;
    const netCall = (
      await desk.call('intake.submit', call('Core switch flapping', 'FD-1003', 'NETWORK'))
    ).tickets[0]!;
    const moved = (await desk.call('intake.submit', call('Depot link down', 'FD-1004', 'VPN')))
      .tickets[0]!;

    // The office's admin enrols the laptop for Field Services, in the app.
    const pa = await browser.newPage();
    pages.push(pa);
    await signIn(pa, office.url, 'admin');
    await pa.keyboard.press('F10');
    const codes = pa.getByTestId('join-codes');
    await codes.getByLabel('A field desk, for some queues only').check();
    await codes.getByRole('button', { name: 'Make a join code' }).click();
    await expect(codes.getByText('Pick at least one queue')).toBeVisible();
    await codes.getByLabel('Field Services').check();
    await codes.getByRole('button', { name: 'Make a join code' }).click();
    const code = (await pa.getByTestId('new-join-code').textContent())!.trim();
    await expect(codes.getByRole('row').nth(1)).toContainText('Field Services');
    await pa
      .getByRole('region', { name: 'Sync hub' })
      .screenshot({ path: 'test-results/field-desk-enrol.png' });

    // The laptop joins with it: its board holds the field queue's tickets and nothing else.
    const pb = await browser.newPage();
    pages.push(pb);
    await pb.goto(laptop.url);
    await pb.getByLabel('Hub address').fill(link.url);
    await pb.getByLabel('Join code').fill(code);
    await pb.getByLabel('This workstation’s name').fill('Field laptop 3');
    await pb.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(pb.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await pb.getByLabel('User name').fill('analyst');
    await pb.getByLabel('Password').fill('switchboard');
    await pb.keyboard.press('Enter');
    await expect(pb.getByRole('button', { name: /Sign out/ })).toBeVisible();
    await expect(pb.getByTestId('sync-status')).toHaveAttribute('data-state', 'in_sync');
    await expect(pb.getByTestId('field-desk')).toContainText('Field desk: Field Services');
    await pb.keyboard.press('F4');
    const board = pb.getByTestId('column-new');
    await expect(board.getByText(fieldCall.key)).toBeVisible();
    await expect(board.getByText(leaving.key)).toBeVisible();
    await expect(board.getByText(netCall.key)).toHaveCount(0);
    await expect(board.getByText(moved.key)).toHaveCount(0);
    const onB = await apiClient(laptop.url, 'analyst');
    const queuesOn = async (api: typeof onB) =>
      new Set(
        (await api.call('tickets.board', { filters: {}, perColumn: 200 })).columns.flatMap((c) =>
          c.items.map((x) => x.queueId),
        ),
      );
    expect([...(await queuesOn(onB))]).toEqual([field.id]);

    // A network ticket the office sends to the field queue appears on the laptop.
    const m = await desk.call('tickets.get', { id: moved.id });
    await desk.call('tickets.update', {
      id: moved.id,
      version: m.version,
      changes: { queueId: field.id },
    });
    await expect(board.getByText(moved.key)).toBeVisible({ timeout: 30_000 });

    // The laptop's network gone: three calls, and an edit of a ticket the office edits too, and
    // of one the office sends back to the network team meanwhile.
    await link.unplug();
    const away = [];
    for (const n of [1, 2, 3])
      away.push(
        (await onB.call('intake.submit', call(`Taken on site ${n}`, `FD-200${n}`, 'ONSITE')))
          .tickets[0]!,
      );
    const fb = await onB.call('tickets.get', { id: fieldCall.id });
    await onB.call('tickets.update', {
      id: fieldCall.id,
      version: fb.version,
      changes: { title: 'Desk move: six desks, floor 3' },
    });
    const lb = await onB.call('tickets.get', { id: leaving.id });
    await onB.call('tickets.update', {
      id: leaving.id,
      version: lb.version,
      changes: { title: 'Printer on 4: fuser replaced' },
    });
    await expect(pb.getByTestId('sync-status')).toHaveAttribute('data-state', 'unreachable', {
      timeout: 30_000,
    });
    await new Promise((r) => setTimeout(r, 50));
    const fa = await desk.call('tickets.get', { id: fieldCall.id });
    await desk.call('tickets.update', {
      id: fieldCall.id,
      version: fa.version,
      changes: { title: 'Desk move: postponed to Friday' },
    });
    const la = await desk.call('tickets.get', { id: leaving.id });
    await desk.call('tickets.update', {
      id: leaving.id,
      version: la.version,
      changes: { queueId: net.id },
    });

    // Reconnected: the calls reach the office, both agree on the field queue, and the clash is
    // in the supervisor's list.
    await link.plugIn();
    await expect(pb.getByTestId('sync-status')).toHaveAttribute('data-state', /in_sync|waiting/, {
      timeout: 60_000,
    });
    // The ticket that left is kept on the laptop (below) until its analyst has read what was
    // refused on it; the rest of the field queue is the same on both.
    const fieldBoard = async (api: typeof onB) =>
      (await api.call('tickets.board', { filters: { queueId: field.id }, perColumn: 200 })).columns
        .flatMap((c) => c.items.map((x) => `${x.key} ${x.title} ${x.status}`))
        .filter((x) => !x.startsWith(`${leaving.key} `))
        .sort();
    await expect
      .poll(async () => JSON.stringify(await fieldBoard(onB)), { timeout: 60_000 })
      .toBe(JSON.stringify(await fieldBoard(desk)));
    const atOffice = await fieldBoard(desk);
    for (const t of away) expect(atOffice).toContainEqual(expect.stringContaining(t.key));
    expect([...(await queuesOn(onB))]).toEqual([field.id]);
    const ps = await browser.newPage();
    pages.push(ps);
    await signIn(ps, office.url, 'supervisor');
    await ps.keyboard.press('F7');
    const clash = ps.getByTestId('conflicts').getByTestId('conflict-row');
    await expect(clash.filter({ hasText: fieldCall.key })).toHaveCount(1);
    await expect(clash.filter({ hasText: fieldCall.key })).toContainText(
      'Desk move: six desks, floor 3',
    );
    await expect(clash.filter({ hasText: fieldCall.key })).toContainText(
      'Desk move: postponed to Friday',
    );

    // The ticket that left while the laptop was away: its edit did not reach the desk, and the
    // laptop says so on the ticket, then lets it go.
    const office4 = await desk.call('tickets.get', { id: leaving.id });
    expect(office4.title).toBe('Printer on 4 jams');
    await board.getByText(leaving.key).click();
    const banner = pb.getByTestId('refused-banner');
    await expect(banner).toContainText('moved to a queue this field desk does not serve');
    await expect(banner).toContainText('Your change to the title');
    await pb.getByRole('dialog').screenshot({ path: 'test-results/field-desk-refused.png' });
    // Read as an analyst would at the laptop's size, in the dark theme too.
    await pb.setViewportSize({ width: 1366, height: 768 });
    await pb.keyboard.press('Alt+t');
    await pb.screenshot({ path: 'test-results/field-desk-refused-dark-1366x768.png' });
    await pb.keyboard.press('Alt+t');
    await banner.getByRole('button', { name: /remove the ticket from this laptop/ }).click();
    await expect(board.getByText(leaving.key)).toHaveCount(0);
    expect([...(await queuesOn(onB))]).toEqual([field.id]);
    const keysOf = async (api: typeof onB, filters = {}) =>
      (await api.call('tickets.board', { filters, perColumn: 200 })).columns
        .flatMap((c) => c.items.map((x) => `${x.key} ${x.title} ${x.status}`))
        .sort();
    expect(await keysOf(onB)).toEqual(await keysOf(desk, { queueId: field.id }));

    // The admin sees the laptop with its queues, and revokes it: its next push is refused.
    await pa.reload();
    await expect(pa.getByRole('button', { name: /Sign out/ })).toBeVisible();
    await pa.keyboard.press('F10');
    await expect(pa.getByRole('region', { name: 'Sync hub' })).toBeVisible();
    const list = pa.getByTestId('workstations');
    const row = list.getByTestId('workstation-row').filter({ hasText: 'Field laptop 3' });
    await expect(row.getByTestId('workstation-scope')).toContainText('Field Services');
    await row.getByRole('button', { name: 'Revoke Field laptop 3' }).click();
    await list.getByRole('alertdialog').getByRole('button', { name: 'Revoke it' }).click();
    await expect(row).toContainText('Revoked');
    await pa
      .getByRole('region', { name: 'Sync hub' })
      .screenshot({ path: 'test-results/field-desk-workstations.png' });
    await onB.call('intake.submit', call('Taken after the revoke', 'FD-3001', 'ONSITE'));
    await expect(pb.getByTestId('sync-status')).toHaveAttribute('data-state', 'refused', {
      timeout: 30_000,
    });
    await expect(pb.getByTestId('sync-status')).toContainText('removed from the desk by an admin');
  } finally {
    for (const p of pages) await p.close().catch(() => undefined);
    await office.stop();
    await laptop.stop();
    await link.close();
    await hub.stop().catch(() => undefined);
    await pool.end();
    await pg.stop();
    rmSync(pgDir, { recursive: true, force: true });
  }
});
