import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { signIn } from '../helpers/ui.ts';

/** No axe violation on what the page shows now; `where` names the screen in the failure. */
async function axeClean(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    where,
  ).toEqual([]);
}

/** Alt+T until the document carries `theme`: the user's own way to switch. */
async function useTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  for (let i = 0; i < 2; i++) {
    if ((await page.evaluate(() => document.documentElement.dataset['theme'])) === theme) return;
    await page.keyboard.press('Alt+t');
  }
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/** Takes one call by mouse-free form filling, so the board, the ticket and search have content. */
async function takeACall(page: Page): Promise<void> {
  await page.keyboard.press('F2');
  await page.getByLabel(/New caller: Name/).fill('Camille Girard');
  await page.getByLabel('Phone', { exact: true }).fill('+33 1 42 68 00 00');
  await page.getByLabel('Category').selectOption({ label: 'Printer or scanner' });
  await page.getByLabel('Impact').selectOption({ label: 'Medium' });
  await page.getByLabel('Urgency').selectOption({ label: 'Medium' });
  await page.getByLabel('Summary').fill('Imprimante du café');
  await page.getByLabel('Description').fill("Depuis ce matin l'imprimante déchire chaque feuille.");
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('toast').last()).toContainText('Call saved');
}

test.describe('every screen passes axe, in light and dark', () => {
  let host: HostProcess;
  test.beforeAll(async () => {
    host = await startHostProcess();
  });
  test.afterAll(async () => {
    await host.stop();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`analyst and supervisor screens, ${theme}`, async ({ page }) => {
      await signIn(page, host.url, 'supervisor');
      await useTheme(page, theme);
      await takeACall(page);

      await page.keyboard.press('F2');
      await expect(page.getByRole('heading', { name: 'New call' })).toBeVisible();
      await axeClean(page, `intake, ${theme}`);

      await page.keyboard.press('F4');
      await expect(page.getByTestId('column-new')).toBeVisible();
      await axeClean(page, `board, ${theme}`);

      await page.locator('[data-ticket]').first().focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('history')).toBeVisible();
      await axeClean(page, `ticket workspace, ${theme}`);
      await page.keyboard.press('Escape');

      await page.keyboard.press('F6');
      await expect(page.getByRole('heading', { name: /call-backs/i })).toBeVisible();
      await axeClean(page, `my call-backs, ${theme}`);

      await page.keyboard.press('F7');
      await expect(page.getByRole('heading', { name: /Escalation/i }).first()).toBeVisible();
      await axeClean(page, `escalation panel, ${theme}`);

      await page.keyboard.press('F9');
      await expect(page.getByRole('heading', { name: /policy/i }).first()).toBeVisible();
      await axeClean(page, `priority policy, ${theme}`);

      await page.keyboard.press('F1');
      await expect(page.getByRole('dialog')).toBeVisible();
      await axeClean(page, `shortcut list, ${theme}`);
      await page.keyboard.press('Escape');

      // Search everywhere with its matches marked: the highlight is where contrast failed.
      await page.keyboard.press('F4');
      await page.keyboard.press('Control+k');
      await page.keyboard.type('dechire');
      await expect(
        page
          .getByRole('option', { name: /Imprimante du café/ })
          .locator('mark')
          .first(),
      ).toBeVisible();
      await axeClean(page, `search everywhere with matches, ${theme}`);
      await page.keyboard.press('Escape');
    });

    test(`admin and sign-in screens, ${theme}`, async ({ page }) => {
      await page.goto(host.url);
      await page.evaluate((t) => localStorage.setItem('sb.theme', t), theme);
      await page.reload();
      await expect(page.getByLabel('User name')).toBeVisible();
      await axeClean(page, `sign-in, ${theme}`);
      await signIn(page, host.url, 'admin');
      await useTheme(page, theme);
      await page.keyboard.press('F10');
      await expect(page.getByRole('heading', { name: /queues/i }).first()).toBeVisible();
      await axeClean(page, `desk admin, ${theme}`);
    });
  }

  test('the wall-board (always dark)', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const wall = await context.newPage();
    await wall.goto(`${host.url}wallboard`);
    await wall.getByLabel('User name').fill('wallboard');
    await wall.getByLabel('Password').fill('switchboard');
    await wall.keyboard.press('Enter');
    await expect(wall.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
    await axeClean(wall, 'wall-board');
    await context.close();
  });
});
