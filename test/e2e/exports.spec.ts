import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { signIn } from '../helpers/ui.ts';

/** A supervisor exports from Reports (F8): the file is written, fetched and saved as a download. */
let host: HostProcess;
test.beforeAll(async () => {
  host = await startHostProcess();
});
test.afterAll(async () => host?.stop());

test('a supervisor exports the callers to CSV and the tickets to XLSX, by keyboard and mouse', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, host.url, 'supervisor');
  await page.keyboard.press('F8');
  const panel = page.locator('section', {
    has: page.getByRole('heading', { name: 'Export data' }),
  });
  await panel.getByLabel('What').selectOption('callers');
  // Callers are all of them: no period or filters to choose.
  await expect(panel.getByLabel('From')).toHaveCount(0);
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: /Export/ }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^LON-callers-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync((await csv.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n');
  expect(lines[0]).toBe(
    'Name,Organisation,Phone,Email,Account number,Model,Serial number,Location,Licence',
  );
  expect(lines.length).toBeGreaterThan(2);
  await expect(page.getByTestId('toast').last()).toContainText('Exported');

  // Tickets, as a workbook, for a period: by keyboard from the kind to the button.
  await panel.getByLabel('What').selectOption('tickets');
  await panel.getByLabel('XLSX (Excel workbook)').check();
  await panel.getByLabel('From').fill('2020-01-01');
  await panel.getByLabel('To (that day included)').fill('2019-01-01');
  await panel.getByRole('button', { name: /Export/ }).click();
  await expect(panel.getByText('Must come after the start')).toBeVisible();
  await panel.getByLabel('To (that day included)').fill('2099-12-31');
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(xlsx.suggestedFilename()).toMatch(/^LON-tickets-2020-01-01_2099-12-31\.xlsx$/);
  expect(
    readFileSync((await xlsx.path())!)
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');
  expect(
    (await new AxeBuilder({ page }).include('section[aria-labelledby="exports-h"]').analyze())
      .violations,
  ).toEqual([]);
  await page.screenshot({ path: 'test-results/exports.png' });
});
