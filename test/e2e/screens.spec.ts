import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { seedBusyDesk, type BusyDesk } from '../helpers/busy-desk.ts';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { signIn } from '../helpers/ui.ts';

/** The sizes the field trial used: a team lead's laptop and a workstation. */
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** Nothing inside `el` is cut: its content fits its box, and its box sits inside `within`. */
async function whole(el: Locator, within: Locator, what: string): Promise<void> {
  const fit = await el.evaluate((e) => ({
    scrollW: e.scrollWidth,
    clientW: e.clientWidth,
    scrollH: e.scrollHeight,
    clientH: e.clientHeight,
  }));
  expect(fit.scrollW, `${what}: content wider than its box`).toBeLessThanOrEqual(fit.clientW);
  expect(fit.scrollH, `${what}: content taller than its box`).toBeLessThanOrEqual(fit.clientH);
  const box = (await el.boundingBox())!;
  const outer = (await within.boundingBox())!;
  expect(box.x, `${what}: starts outside`).toBeGreaterThanOrEqual(outer.x - 0.5);
  expect(box.y, `${what}: starts outside`).toBeGreaterThanOrEqual(outer.y - 0.5);
  expect(box.x + box.width, `${what}: ends outside`).toBeLessThanOrEqual(
    outer.x + outer.width + 0.5,
  );
  expect(box.y + box.height, `${what}: ends outside`).toBeLessThanOrEqual(
    outer.y + outer.height + 0.5,
  );
}

/** axe-core on the page as it stands, in the light and the dark theme (Alt+T between). */
async function axeBothThemes(page: Page, what: string): Promise<void> {
  for (const theme of ['light', 'dark']) {
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    expect((await new AxeBuilder({ page }).analyze()).violations, `${what} ${theme}`).toEqual([]);
    await page.keyboard.press('Alt+T');
  }
}

test.describe('the board, the ticket workspace and the shortcut list at a laptop and a workstation', () => {
  let host: HostProcess;
  let desk: BusyDesk;
  test.beforeAll(async () => {
    host = await startHostProcess(undefined, ['--test-clock', '2026-11-23T09:00:00Z']);
    desk = await seedBusyDesk(host.url);
  });
  test.afterAll(async () => {
    await host.stop();
  });
  test.beforeEach(async ({ page }) => {
    // Light first, whatever the machine prefers: the axe loops toggle from there.
    await page.addInitScript(() => localStorage.setItem('sb.theme', 'light'));
  });

  for (const size of SIZES) {
    test(`${size.width}×${size.height}: every card shows its countdown whole and its title wrapped`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      await signIn(page, host.url);
      await page.keyboard.press('F4');
      const cards = page.locator('[data-ticket]');
      await expect(cards).toHaveCount(desk.tickets.length);
      for (const card of await cards.all()) {
        const key = await card.getAttribute('data-ticket');
        // Resolved cards show their age instead.
        await whole(card.locator('.tcard__sla, .tcard__age'), card, `${key} countdown`);
        await whole(card.locator('.tcard__title'), card, `${key} title`);
        await whole(card, card, `${key} card`);
      }
      // The longest title the contract takes is on a card, in full.
      await expect(page.locator(`[data-ticket="${desk.long.key}"] .tcard__title`)).toHaveText(
        desk.tickets.find((t) => t.id === desk.long.id)!.title,
      );
      await page.screenshot({ path: `test-results/board-${size.width}x${size.height}.png` });
      await axeBothThemes(page, 'board');
    });

    test(`${size.width}×${size.height}: the ticket workspace uses the width, two columns, the long title wrapped`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      await signIn(page, host.url);
      await page.keyboard.press('F4');
      await page.locator(`[data-ticket="${desk.long.key}"]`).focus();
      await page.keyboard.press('Enter');
      const ticket = page.getByRole('dialog', { name: new RegExp(desk.long.key) });
      await expect(ticket.getByTestId('history')).toBeVisible();
      const box = (await ticket.boundingBox())!;
      expect(box.width / size.width, 'share of the screen the workspace uses').toBeGreaterThan(0.6);
      expect(box.x + box.width).toBeLessThanOrEqual(size.width + 0.5);
      await whole(ticket.locator('#ticket-title'), ticket, 'workspace title');
      // The record (fields, history) on one side, the work (SOP, resolution, contact) on the other.
      const record = (await ticket.getByTestId('history').boundingBox())!;
      for (const heading of ['SOP questions', 'Resolution', 'Communication']) {
        const work = (await ticket
          .getByRole('heading', { name: heading, exact: true })
          .boundingBox())!;
        expect(work.x, `${heading} beside the history`).toBeGreaterThanOrEqual(
          record.x + record.width,
        );
      }
      // A shortcut deep into the work (the resolution) scrolls its column, never the title away.
      await page.keyboard.press('Alt+r');
      await expect(ticket.locator('#ticket-solution')).toBeFocused();
      await expect(ticket.locator('#ticket-solution')).toBeInViewport();
      await expect(ticket.locator('#ticket-title')).toBeInViewport({ ratio: 1 });
      await whole(ticket, page.locator('body'), 'workspace');
      await page.screenshot({ path: `test-results/ticket-${size.width}x${size.height}.png` });
      await axeBothThemes(page, 'ticket workspace');
    });

    test(`${size.width}×${size.height}: the shortcut list fits the screen`, async ({ page }) => {
      await page.setViewportSize(size);
      await signIn(page, host.url);
      await page.keyboard.press('F4');
      await page.keyboard.press('F1');
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await expect(help).toBeVisible();
      await whole(help, page.locator('body'), 'shortcut list');
      await expect(help.getByRole('button', { name: 'Close' })).toBeFocused();
      await expect(help.getByRole('button', { name: 'Close' })).toBeInViewport();
      await page.screenshot({ path: `test-results/help-${size.width}x${size.height}.png` });
      await axeBothThemes(page, 'shortcut list');
    });
  }

  test('1024×768: the workspace in one column; a shortcut far down keeps its title in view', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await signIn(page, host.url);
    await page.keyboard.press('F4');
    await page.locator(`[data-ticket="${desk.long.key}"]`).focus();
    await page.keyboard.press('Enter');
    const ticket = page.getByRole('dialog', { name: new RegExp(desk.long.key) });
    await expect(ticket.getByTestId('history')).toBeVisible();
    const history = (await ticket.getByTestId('history').boundingBox())!;
    const sop = (await ticket.getByRole('heading', { name: 'SOP questions' }).boundingBox())!;
    expect(sop.y, 'the work follows the record').toBeGreaterThan(history.y);
    await page.keyboard.press('Alt+r');
    await expect(ticket.locator('#ticket-solution')).toBeFocused();
    await expect(ticket.locator('#ticket-solution')).toBeInViewport();
    await expect(ticket.locator('#ticket-title')).toBeInViewport({ ratio: 1 });
    await whole(ticket, page.locator('body'), 'workspace');
  });

  test('a click on a card opens its ticket; a drag moves it and opens nothing', async ({
    page,
  }) => {
    await signIn(page, host.url);
    await page.keyboard.press('F4');
    const first = desk.tickets[0]!;
    await page.locator(`[data-ticket="${first.key}"]`).click();
    const ticket = page.getByRole('dialog', { name: new RegExp(first.key) });
    await expect(ticket.getByTestId('history')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(ticket).toHaveCount(0);
    // Back where it was: the keyboard carries on from the card that was clicked.
    await expect(page.locator(`[data-ticket="${first.key}"]`)).toBeFocused();

    const card = page.getByTestId('column-new').locator('[data-ticket]').last();
    const key = (await card.getAttribute('data-ticket'))!;
    await card.dragTo(page.getByTestId('column-in_progress'));
    await expect(
      page.getByTestId('column-in_progress').locator(`[data-ticket="${key}"]`),
    ).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });

  test('F4 lands on the first card: Enter opens it at once, ↓ moves on', async ({ page }) => {
    await signIn(page, host.url);
    // From intake, where the caller search has the focus.
    await page.keyboard.press('F4');
    const firstNew = page.getByTestId('column-new').locator('[data-ticket]').first();
    await expect(firstNew).toBeFocused();
    await page.keyboard.press('ArrowDown');
    const second = page.getByTestId('column-new').locator('[data-ticket]').nth(1);
    await expect(second).toBeFocused();
    const key = (await second.getAttribute('data-ticket'))!;
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: new RegExp(key) })).toBeVisible();
    await page.keyboard.press('Escape');
    // F4 again, on the board with the focus in its search: back to the first card.
    await page.keyboard.press('/');
    await expect(page.getByLabel('Search tickets')).toBeFocused();
    await page.keyboard.press('F4');
    await expect(firstNew).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('dialog', { name: new RegExp((await firstNew.getAttribute('data-ticket'))!) }),
    ).toBeVisible();
  });
});
