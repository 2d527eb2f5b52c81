import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { focusedName, signIn, tabTo } from '../helpers/ui.ts';

/** Takes a call with two problems without touching the mouse. */
async function takeCallByKeyboard(page: Page): Promise<void> {
  await page.keyboard.press('F2');
  await expect.poll(() => focusedName(page)).toMatch(/Find caller/);
  await page.keyboard.type('Okafor');
  await expect(page.getByRole('option', { name: /Margaret Okafor/ })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('caller-card')).toContainText('Margaret Okafor');
  await expect.poll(() => focusedName(page)).toBe('Phone');

  // Problem 1: the site network is down.
  await tabTo(page, /^Category$/);
  await page.keyboard.type('Network');
  await tabTo(page, /^Impact$/);
  await page.keyboard.type('High');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Medium');
  await expect(page.getByTestId('priority-0')).toHaveText('P2 · Critical');
  await tabTo(page, /^Summary$/);
  await page.keyboard.type('Whole floor lost the network');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Since 08:40, switch lights amber.');

  // Problem 2, same caller: a printer.
  await page.keyboard.press('Alt+A');
  await expect.poll(() => focusedName(page)).toBe('Category');
  await page.keyboard.type('Printer');
  await tabTo(page, /^Impact$/);
  await page.keyboard.type('Low');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Low');
  await expect(page.getByTestId('priority-1')).toHaveText('P4 · Planned event');
  await tabTo(page, /^Summary$/);
  await page.keyboard.type('Printer needs moving to floor 4');

  await page.keyboard.press('Control+Enter');
}

test.describe('take a call, see it on the board', () => {
  let host: HostProcess;
  test.beforeAll(async () => {
    host = await startHostProcess();
  });
  test.afterAll(async () => {
    await host.stop();
  });

  test('sign-in says a wrong password next to the field', async ({ page }) => {
    await page.goto(host.url);
    await page.getByLabel('User name').fill('analyst');
    await page.getByLabel('Password').fill('not-the-password');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toHaveText('Wrong user name or password.');
    await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  });

  test('an incomplete call is refused field by field and nothing is saved', async ({ page }) => {
    await signIn(page, host.url);
    await page.keyboard.press('Control+Enter');
    await expect(page.getByText('Required').first()).toBeVisible();
    await expect(page.getByLabel('Summary')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel(/New caller: Name/)).toHaveAttribute('aria-invalid', 'true');
    await expect.poll(() => focusedName(page)).toMatch(/New caller: Name/);
    await page.keyboard.press('F4');
    await expect(page.getByTestId('column-new')).toContainText('No tickets');
  });

  test('two problems by keyboard only → two tickets with the right queue and priority, live in a second browser, and after a restart', async ({
    page,
    browser,
  }) => {
    // A supervisor watches the board in another browser before the call is taken.
    const other = await browser.newContext();
    const watcher = await other.newPage();
    await signIn(watcher, host.url, 'supervisor');
    await watcher.keyboard.press('F4');
    await expect(watcher.getByTestId('column-new')).toBeVisible();

    await signIn(page, host.url);
    await takeCallByKeyboard(page);
    await expect(page.getByTestId('toast')).toHaveText(
      'Call saved: tickets LON-000001 and LON-000002',
    );
    await expect.poll(() => focusedName(page)).toMatch(/Find caller/);

    await page.keyboard.press('F4');
    const net = page.locator('[data-ticket="LON-000001"]');
    const prn = page.locator('[data-ticket="LON-000002"]');
    await expect(net).toHaveAttribute(
      'aria-label',
      /LON-000001, Critical, Whole floor lost the network, Margaret Okafor, NET/,
    );
    await expect(prn).toHaveAttribute(
      'aria-label',
      /LON-000002, Planned event, Printer needs moving to floor 4, Margaret Okafor, FLD/,
    );
    await expect(page.getByTestId('column-new').locator('[data-ticket]')).toHaveCount(2);

    // Live in the other browser, without a reload.
    await expect(watcher.locator('[data-ticket="LON-000001"]')).toBeVisible();
    await expect(watcher.locator('[data-ticket="LON-000002"]')).toBeVisible();

    // Move by keyboard: focus the first card, Shift+→ moves it to Open; the history says so.
    await net.focus();
    await page.keyboard.press('Shift+ArrowRight');
    await expect(
      page.getByTestId('column-open').locator('[data-ticket="LON-000001"]'),
    ).toBeVisible();
    await expect(
      watcher.getByTestId('column-open').locator('[data-ticket="LON-000001"]'),
    ).toBeVisible();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-ticket')))
      .toBe('LON-000001');
    await page.keyboard.press('Enter');
    const history = page.getByTestId('history');
    await expect(history).toContainText('Amira Haddad opened the ticket (Critical)');
    await expect(history).toContainText('Amira Haddad moved it from New to Open');
    await page.keyboard.press('Escape');
    await other.close();

    // The host restarts; the tickets are still there.
    await host.stop();
    host = await startHostProcess(host.dataDir);
    const again = await browser.newPage();
    await signIn(again, host.url);
    await again.keyboard.press('F4');
    await expect(
      again.getByTestId('column-open').locator('[data-ticket="LON-000001"]'),
    ).toBeVisible();
    await expect(
      again.getByTestId('column-new').locator('[data-ticket="LON-000002"]'),
    ).toBeVisible();
  });

  test('drag and drop moves a ticket', async ({ page }) => {
    await signIn(page, host.url);
    await page.keyboard.press('F4');
    const card = page.getByTestId('column-new').locator('[data-ticket]').first();
    const key = await card.getAttribute('data-ticket');
    await card.dragTo(page.getByTestId('column-in_progress'));
    await expect(
      page.getByTestId('column-in_progress').locator(`[data-ticket="${key}"]`),
    ).toBeVisible();
  });

  test('sign-in, intake and board have no axe violations, in light and dark themes', async ({
    page,
  }) => {
    await page.goto(host.url);
    await expect(page.getByLabel('User name')).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await signIn(page, host.url);
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => (document.documentElement.dataset['theme'] = t), theme);
      await page.keyboard.press('F2');
      await expect(page.getByRole('heading', { name: 'New call' })).toBeVisible();
      expect((await new AxeBuilder({ page }).analyze()).violations, `intake ${theme}`).toEqual([]);
      await page.keyboard.press('F4');
      await expect(page.getByTestId('column-new')).toBeVisible();
      expect((await new AxeBuilder({ page }).analyze()).violations, `board ${theme}`).toEqual([]);
    }
  });
});
