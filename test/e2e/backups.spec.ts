import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { signIn } from '../helpers/ui.ts';

/** An admin backs the workstation up from Desk admin and sees it listed, checked and sized. */
let host: HostProcess;
test.beforeAll(async () => {
  host = await startHostProcess();
});
test.afterAll(async () => host?.stop());

test('Back up now: the backup is listed; a bad schedule is said next to its field', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, host.url, 'admin');
  await page.keyboard.press('F10');
  const panel = page.locator('section', {
    has: page.getByRole('heading', { name: 'Backups of this workstation' }),
  });
  await expect(panel.getByText('No backup yet.')).toBeVisible();
  await panel.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByTestId('toast').last()).toContainText('Backup taken and checked');
  await expect(panel.getByTestId('backup-list').locator('tbody tr')).toHaveCount(1);
  await expect(panel.getByTestId('backup-list')).toContainText('MB');

  await panel.getByLabel('Every (minutes)').fill('5');
  await panel.getByRole('button', { name: /Save the schedule/ }).click();
  await expect(panel.getByText('Every 15 to 1440 minutes, or 0 for none')).toBeVisible();
  await panel.getByLabel('Every (minutes)').fill('30');
  await panel.getByRole('button', { name: /Save the schedule/ }).click();
  await expect(page.getByTestId('toast').last()).toHaveText('Backup schedule saved');
  await panel.scrollIntoViewIfNeeded();
  expect(
    (await new AxeBuilder({ page }).include('section[aria-labelledby="backups-h"]').analyze())
      .violations,
  ).toEqual([]);
  await page.screenshot({ path: 'test-results/backups.png' });
});
