import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { signIn } from '../helpers/ui.ts';

/**
 * A supervisor reads the reports (F8) of a seeded desk: every report as a chart, then all as
 * tables (Alt+B), a period refused next to its field, the print layout; at 1366×768 and
 * 1920×1080, light and dark, in Arabic (right to left). The screenshots are the README's.
 */
let host: HostProcess;
test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-e2e-reports-'));
  // The seeder in its own process: it is a tool of the repository, not of the browser's tests.
  execFileSync(process.execPath, ['scripts/seed.ts', '--tickets', '6000', '--data', dir], {
    stdio: 'ignore',
  });
  host = await startHostProcess(dir, ['--test-clock', '2026-11-23T09:00:00Z']);
});
test.afterAll(async () => host?.stop());

const REPORTS = [
  'SLA compliance',
  'Tickets created and resolved',
  'Backlog now, by age',
  'First-contact resolution',
  'Time in each tier',
  'Call-backs kept on time',
  'Load per analyst',
];

test('a supervisor reads every report as a chart and as a table, by keyboard', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signIn(page, host.url, 'supervisor');
  await page.keyboard.press('F8');
  for (const name of REPORTS) await expect(page.getByRole('heading', { name })).toBeVisible();
  const sla = page.locator('section[data-report="sla"]');
  await expect(sla.getByRole('img', { name: 'Targets met by week (%)' })).toBeVisible();
  await expect(sla.getByRole('table')).toBeHidden();
  await page.screenshot({ path: 'test-results/reports-1920.png' });

  await page.keyboard.press('Alt+B');
  await expect(sla.getByRole('table').first()).toBeVisible();
  await expect(sla.getByRole('img', { name: 'Targets met by week (%)' })).toBeHidden();
  const rows = sla.getByRole('table').first().getByRole('row');
  await expect(rows).toHaveCount(6); // the head, four priorities, the total
  await expect(rows.last()).toContainText('Total');
  await page.screenshot({ path: 'test-results/reports-tables.png' });
  await page.getByRole('button', { name: /Charts/ }).click();
  await expect(sla.getByRole('table')).toBeHidden();

  // A period the desk cannot report: said next to the field, in plain words.
  const period = page.getByRole('form', { name: 'Report period' });
  await period.getByLabel('From').fill('2023-01-01');
  await period.getByLabel('To (that day included)').fill('2026-11-23');
  await period.getByRole('button', { name: /Show report/ }).click();
  await expect(page.getByText('A report covers at most 731 days')).toBeVisible();
  await period.getByLabel('From').fill('2026-09-01');
  await page.keyboard.press('Enter');
  await expect(page.getByText('A report covers at most 731 days')).toBeHidden();
  await expect(page.getByText(/Tickets opened from 1 Sept 2026 to 23 Nov 2026/)).toBeVisible();
  expect(
    (await new AxeBuilder({ page }).include('.reports__sections').analyze()).violations,
  ).toEqual([]);

  // On paper: no navigation or form, every chart followed by its table.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.topbar')).toBeHidden();
  await expect(sla.getByRole('table').first()).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: 'test-results/reports-1366.png' });
  await page.keyboard.press('Alt+T');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: 'test-results/reports-dark.png' });
});

test('in Arabic the reports read right to left', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, host.url, 'supervisor');
  await page.getByTestId('language-picker').selectOption('ar');
  await page.keyboard.press('F8');
  await expect(page.getByRole('heading', { name: 'الالتزام باتفاقية مستوى الخدمة' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.screenshot({ path: 'test-results/reports-ar.png' });
});
