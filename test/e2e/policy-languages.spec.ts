import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { signIn } from '../helpers/ui.ts';

/**
 * What a supervisor sets in their own words: targets in minutes, hours or days (typed in any
 * digits; a day only on a round-the-clock priority), and an SOP question's version in another
 * language, which an analyst working in that language then reads on the ticket.
 */
let host: HostProcess;
test.beforeAll(async () => {
  host = await startHostProcess();
});
test.afterAll(async () => host?.stop());

test('policy targets as a number and a unit, typed in any digits; a wrong one said next to it and nothing saved', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, host.url, 'supervisor');
  await page.keyboard.press('F9');
  const resolution = page.getByLabel('P1 Resolution', { exact: true });
  const unit = page.getByLabel('P1 Resolution: unit');
  // 240 minutes reads as 4 hours; a business-clock priority offers no days.
  await expect(resolution).toHaveValue('4');
  await expect(unit).toHaveValue('hours');
  await expect(unit.locator('option')).toHaveText(['minutes', 'hours', 'days']);
  await expect(page.getByLabel('P2 Resolution: unit').locator('option')).toHaveText([
    'minutes',
    'hours',
  ]);
  await expect(page.getByLabel('P3 Update every', { exact: true })).toHaveValue('24');

  // Not a number: said next to the field, and the policy stays at its version.
  await resolution.fill('four');
  await page.keyboard.press('Control+S');
  await expect(page.getByText('Write a number, such as 4 or 1.5')).toBeVisible();
  await expect(page.getByRole('heading', { name: /Priority policy/ })).toContainText('version 1');

  // Six in Arabic-Indic digits, then days: a round-the-clock day is 24 hours.
  await resolution.fill('٦');
  await unit.selectOption('days');
  await expect(resolution).toHaveValue('٦');
  await page.keyboard.press('Control+S');
  await expect(page.getByTestId('toast').last()).toContainText('version 2');
  const policy = await page.evaluate(async () => {
    const r = await fetch('/api/policy.get', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return (await r.json()) as { value: { body: { priorities: { resolutionMin: number }[] } } };
  });
  expect(policy.value.body.priorities[0]!.resolutionMin).toBe(6 * 1440);
  // Opened again, it reads as the six days it is.
  await page.reload();
  await expect(page.getByRole('button', { name: /Sign out/ })).toBeVisible();
  await page.keyboard.press('F9');
  await expect(page.getByLabel('P1 Resolution', { exact: true })).toHaveValue('6');
  await expect(page.getByLabel('P1 Resolution: unit')).toHaveValue('days');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.screenshot({ path: 'test-results/policy-durations.png' });
});

test('a question’s French version, written by a supervisor, is what a French-speaking analyst reads', async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, host.url, 'supervisor');
  await page.keyboard.press('F9');
  await page.locator('#script-category').selectOption({ label: 'Network outage' });
  await page.getByLabel('Texts in').selectOption('fr');
  // The demo desk's questions come in French already; the supervisor rewrites one.
  const first = page.getByLabel('Question 1', { exact: true });
  await expect(first).toHaveAttribute('lang', 'fr');
  await expect(first).toHaveValue(/client/);
  await first.fill('Qu’est-ce que le client doit pouvoir faire à nouveau ?');
  // Emptied, the second falls back to the desk's own words, shown as its placeholder.
  const second = page.getByLabel('Question 2', { exact: true });
  await second.fill('');
  await page.getByLabel('Hint for the analyst 2', { exact: true }).fill('');
  await expect(second).toHaveAttribute('placeholder', /Who is affected/);
  await page.keyboard.press('Control+S');
  await expect(page.getByTestId('toast').last()).toContainText('version 2');
  await page.locator('#scripts-h').evaluate((h) => h.scrollIntoView());
  await page.screenshot({ path: 'test-results/script-editor-fr.png' });

  // An analyst working in French takes a network call and opens its ticket.
  const other = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const analyst = await other.newPage();
  await signIn(analyst, host.url, 'analyst');
  await analyst.getByTestId('language-picker').selectOption('fr');
  await analyst.getByLabel('Catégorie').selectOption({ label: 'Network outage' });
  await analyst.getByLabel('Impact').selectOption('1');
  await analyst.getByLabel('Urgence').selectOption('1');
  await analyst.getByLabel('Nouvel appelant: Nom').fill('Ines Duarte');
  await analyst.getByLabel('Téléphone', { exact: true }).fill('020 7946 0555');
  await analyst.getByLabel('Résumé').fill('Étage 3 sans réseau');
  await analyst.keyboard.press('Control+Enter');
  await expect(analyst.getByTestId('toast').last()).toContainText('LON-');
  await analyst.keyboard.press('F4');
  await analyst.locator('.tcard').first().click();
  const ticket = analyst.getByRole('dialog');
  await expect(
    ticket.getByLabel(/^Qu’est-ce que le client doit pouvoir faire à nouveau \?/),
  ).toBeVisible();
  // The question with no French version reads in the desk's language.
  await expect(
    ticket.getByLabel(/^Who is affected: one person, a floor, the site\?/),
  ).toBeVisible();
  await other.close();
});
