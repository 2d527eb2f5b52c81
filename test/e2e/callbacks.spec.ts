import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { apiClient, seedBusyDesk, type BusyDesk } from '../helpers/busy-desk.ts';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { signIn } from '../helpers/ui.ts';

/** Monday 23 November 2026, 09:00 in London (UTC+0 in November). */
const START = '2026-11-23T09:00:00Z';
const TUESDAY_1030 = Date.parse('2026-11-24T10:30:00Z');
const THURSDAY_1400 = Date.parse('2026-11-26T14:00:00Z');

test.describe('My call-backs (F6): today, then what is due later', () => {
  test.describe.configure({ mode: 'serial' });
  let host: HostProcess;
  let desk: BusyDesk;
  test.beforeAll(async () => {
    host = await startHostProcess(undefined, ['--test-clock', START]);
    desk = await seedBusyDesk(host.url);
    // Two customers asked to be called on a later day: agreed times, with the reason.
    const api = await apiClient(host.url, 'analyst');
    for (const [i, at, summary] of [
      [1, TUESDAY_1030, 'Out of the office today; call tomorrow at 10:30'],
      [5, THURSDAY_1400, 'On leave until Thursday afternoon'],
    ] as const)
      await api.call('contacts.log', {
        ticketId: desk.tickets[i]!.id,
        direction: 'outbound',
        channel: 'phone',
        outcome: 'reached',
        summary,
        next: { at, reason: 'The customer asked for this time' },
      });
  });
  test.afterAll(async () => {
    await host.stop();
  });
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('sb.theme', 'light'));
  });

  test('F6 lands on the first call-back: Enter logs its call at once', async ({ page }) => {
    await signIn(page, host.url);
    // From intake, with the focus in the caller search.
    await page.keyboard.press('F6');
    const first = page.getByTestId('callback').first();
    await expect(first).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(first.getByLabel('Outcome')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(first).toBeFocused();
    // From the board, a card focused: the same.
    await page.keyboard.press('F4');
    await expect(page.locator('[data-ticket]').first()).toBeFocused();
    await page.keyboard.press('F6');
    await expect(first).toBeFocused();
    // F6 again from inside the view (a button had the focus): back on the first call-back.
    await page.getByTestId('callback').nth(1).getByRole('button', { name: /^Open/ }).focus();
    await page.keyboard.press('F6');
    await expect(first).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(first.getByLabel('Outcome')).toBeFocused();
  });

  test('tomorrow’s agreed call-back shows under Later, by day, with the same keys', async ({
    page,
  }) => {
    await signIn(page, host.url);
    await page.keyboard.press('F6');
    const later = page.getByRole('region', { name: 'Later' });
    await expect(later).toBeVisible();
    const tomorrow = later.getByRole('list', { name: /^Tomorrow/ });
    await expect(tomorrow.getByTestId('callback')).toHaveCount(1);
    await expect(tomorrow.getByTestId('callback')).toContainText(desk.tickets[1]!.key);
    await expect(tomorrow.getByTestId('callback')).toContainText('agreed time');
    await expect(tomorrow.getByTestId('callback').locator('time')).toHaveText(/10:30/);
    const thursday = later.getByRole('list', { name: /Thursday/ });
    await expect(thursday.getByTestId('callback')).toContainText(desk.tickets[5]!.key);
    // Today's list does not hold them.
    const today = page.getByRole('list', { name: 'Today' });
    await expect(today.getByTestId('callback')).not.toHaveCount(0);
    await expect(today).not.toContainText(desk.tickets[1]!.key);

    // ↓ runs on from today's list into Later; End is the last; Enter and O work there too.
    const todays = await today.getByTestId('callback').count();
    for (let i = 0; i < todays; i++) await page.keyboard.press('ArrowDown');
    await expect(tomorrow.getByTestId('callback')).toBeFocused();
    await page.keyboard.press('End');
    const last = page.getByTestId('callback').last();
    await expect(last).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(last.getByLabel('Outcome')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(last).toBeFocused();
    const key = (await last.locator('strong').textContent())!;
    await page.keyboard.press('o');
    const ticket = page.getByRole('dialog', { name: new RegExp(key) });
    await expect(ticket).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(last).toBeFocused();

    await page.screenshot({ path: 'test-results/callbacks-1440x900.png' });
    for (const theme of ['light', 'dark']) {
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const axe = await new AxeBuilder({ page }).include('.callbacks').analyze();
      expect(axe.violations, theme).toEqual([]);
      await page.keyboard.press('Alt+T');
    }
  });
});
