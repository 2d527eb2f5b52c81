import { expect, test } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { signIn } from '../helpers/ui.ts';

test.describe('the priority policy', () => {
  let host: HostProcess;
  test.beforeAll(async () => {
    host = await startHostProcess();
  });
  test.afterAll(async () => {
    await host.stop();
  });

  test('intake shows the policy’s priority; a supervisor changes the matrix and the next intake follows it', async ({
    page,
    browser,
  }) => {
    // An analyst rates a call: high impact, low urgency is P3 under the default matrix.
    await signIn(page, host.url);
    await page.getByLabel('Impact').selectOption({ label: 'High' });
    await page.getByLabel('Urgency').selectOption({ label: 'Low' });
    await expect(page.getByTestId('priority-0')).toHaveText('P3 · Routine service');

    // A supervisor, in another browser, makes that cell a business failure and renames it.
    const other = await browser.newContext();
    const sup = await other.newPage();
    await signIn(sup, host.url, 'supervisor');
    await sup.keyboard.press('F9');
    await expect(sup.getByRole('heading', { name: /Priority policy/ })).toBeVisible();
    await sup
      .getByLabel('Priority for impact High, urgency Low')
      .selectOption({ label: 'P1 · Business failure' });
    await sup.getByLabel('P1 Label').fill('Outage');
    await sup.keyboard.press('Control+S');
    await expect(sup.getByTestId('toast')).toHaveText(
      'Policy version 2 saved; new calls follow it',
    );
    await other.close();

    // The analyst's open form follows the new policy without a reload.
    await expect(page.getByTestId('priority-0')).toHaveText('P1 · Outage');
    await page.getByLabel('Category').selectOption({ label: 'Network outage' });
    await page.getByLabel(/New caller: Name/).fill('Ines Duarte');
    await page.getByLabel('Phone', { exact: true }).fill('020 7946 0555');
    await page.getByLabel('Summary').fill('Trading floor offline');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast')).toHaveText(/Call saved: ticket LON-\d{6}/);
    await page.keyboard.press('F4');
    await expect(
      page.locator('[data-ticket]').filter({ hasText: 'Trading floor offline' }),
    ).toContainText('P1');
  });

  test('overriding the policy needs a reason, said next to the field', async ({ page }) => {
    await signIn(page, host.url);
    await page.getByLabel('Category').selectOption({ label: 'Printer or scanner' });
    await page.getByLabel('Impact').selectOption({ label: 'Low' });
    await page.getByLabel('Urgency').selectOption({ label: 'Medium' });
    await page.getByLabel('Priority override').selectOption({ label: 'P2 · Critical' });
    await page.getByLabel(/New caller: Name/).fill('Ines Duarte');
    await page.getByLabel('Phone', { exact: true }).fill('020 7946 0555');
    await page.getByLabel('Summary').fill('Printer for the board meeting');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByLabel('Why override the policy?')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await page.getByLabel('Why override the policy?').fill('Board meeting at 10:00');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast').filter({ hasText: /^Call saved/ })).toBeVisible();
  });

  test('an analyst cannot open the policy editor', async ({ page }) => {
    await signIn(page, host.url);
    await expect(page.getByRole('button', { name: /Settings/ })).toHaveCount(0);
    await page.keyboard.press('F9');
    await expect(page.getByRole('alert')).toHaveText(
      'Only supervisors and admins can change the policy and the calendar.',
    );
    await expect(page.getByRole('heading', { name: /Priority policy/ })).toHaveCount(0);
  });
});

test.describe('SLA clocks on screen', () => {
  let host: HostProcess;
  test.beforeAll(async () => {
    host = await startHostProcess();
  });
  test.afterAll(async () => {
    await host.stop();
  });

  test('a card counts down to its due time; the ticket view explains the clock, pauses included', async ({
    page,
  }) => {
    await signIn(page, host.url);
    await page.getByLabel('Category').selectOption({ label: 'Network outage' });
    await page.getByLabel('Impact').selectOption({ label: 'High' });
    await page.getByLabel('Urgency').selectOption({ label: 'High' });
    await page.getByLabel(/New caller: Name/).fill('Ines Duarte');
    await page.getByLabel('Phone', { exact: true }).fill('020 7946 0555');
    await page.getByLabel('Summary').fill('Core switch down');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast')).toHaveText(/Call saved/);
    await page.keyboard.press('F4');
    const card = page.locator('[data-ticket]').filter({ hasText: 'Core switch down' });
    // P1 is round the clock: first response in 15 minutes.
    await expect(card).toContainText(/due in 1[45]m/);
    await card.focus();
    await page.keyboard.press('Enter');
    await expect(
      page.getByText(/Business failure \(policy v1\): counted round the clock/),
    ).toBeVisible();
    await expect(page.getByTestId('sla-timeline')).toContainText('Clock started');
    await expect(page.getByTestId('sla-countdown')).toHaveText(/due in 1[45]m/);
    await page.getByLabel('Status').selectOption({ label: 'Waiting on customer' });
    await expect(page.getByTestId('sla-timeline')).toContainText('Paused: waiting on the customer');
    await expect(page.getByTestId('sla-timeline')).toContainText('First response');
    await page
      .getByLabel('Internal note for the next technician')
      .fill('Asked the caller to power-cycle the core switch.');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('history')).toContainText(
      'Amira Haddad noted: “Asked the caller to power-cycle the core switch.”',
    );
    await page.keyboard.press('Escape');
    await expect(card).toContainText('paused');
  });
});
