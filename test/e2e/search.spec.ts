import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { signIn } from '../helpers/ui.ts';

test.describe('search everywhere', () => {
  let host: HostProcess;
  test.beforeAll(async () => {
    host = await startHostProcess();
  });
  test.afterAll(async () => {
    await host.stop();
  });

  test('Ctrl+K finds a ticket by a word of its description, accents or not, and opens it', async ({
    page,
  }) => {
    await signIn(page, host.url);
    await page.getByLabel(/New caller: Name/).fill('Camille Girard');
    await page.getByLabel('Phone', { exact: true }).fill('+33 1 42 68 00 00');
    await page.getByLabel('Category').selectOption({ label: 'Printer or scanner' });
    await page.getByLabel('Impact').selectOption({ label: 'Medium' });
    await page.getByLabel('Urgency').selectOption({ label: 'Medium' });
    await page.getByLabel('Summary').fill('Imprimante du café');
    await page
      .getByLabel('Description')
      .fill("Depuis ce matin l'imprimante déchire chaque feuille.");
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast')).toHaveText('Call saved: ticket LON-000001');

    await page.keyboard.press('Control+k');
    await page.keyboard.type('dechire');
    const hit = page.getByRole('option', { name: /LON-000001 Imprimante du café/ });
    await expect(hit).toBeVisible();
    await expect(hit.locator('mark')).toHaveText(['déchire']);
    // The marked words read against their highlight, in both themes (the picked hit and the rest).
    await page.keyboard.press('Control+a');
    await page.keyboard.type('camille');
    const hits = page.getByRole('listbox', { name: 'Results' }).getByRole('option');
    await expect(hits.filter({ has: page.locator('mark') })).toHaveCount(2);
    for (const theme of ['light', 'dark']) {
      const axe = await new AxeBuilder({ page }).include('.palette').analyze();
      expect(axe.violations, `search everywhere, ${theme}`).toEqual([]);
      await page.keyboard.press('Alt+t');
    }
    await page.keyboard.press('Control+a');
    await page.keyboard.type('dechire');
    await expect(hit.locator('mark')).toHaveText(['déchire']);
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('heading', { name: /LON-000001 Imprimante du café/ }),
    ).toBeVisible();
  });
});
