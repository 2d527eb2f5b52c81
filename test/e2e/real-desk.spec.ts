import { expect, test } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { signIn } from '../helpers/ui.ts';

test.describe('a real desk, from its first start', () => {
  let host: HostProcess;
  test.beforeAll(async () => {
    host = await startHostProcess(undefined, ['--real-desk']);
  });
  test.afterAll(async () => {
    await host.stop();
  });

  test('set up, add a queue, a category and an analyst; the analyst takes a call', async ({
    page,
  }) => {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Set up this desk' })).toBeVisible();
    await page.getByLabel('Desk name').fill('Athens Service Desk');
    await page.getByLabel('Ticket prefix').fill('ath');
    await page.getByLabel('Admin user name').fill('root');
    await page.getByLabel('Admin display name').fill('Desk Owner');
    await page.getByLabel('Admin password').fill('short');
    await page.getByRole('button', { name: 'Create desk' }).click();
    // Both mistakes are said next to their fields; nothing is created.
    await expect(page.getByLabel('Ticket prefix')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Admin password')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Ticket prefix').fill('ATH');
    await page.getByLabel('Admin password').fill('a-long-enough-password');
    await page.getByRole('button', { name: 'Create desk' }).click();

    await expect(
      page.getByRole('status').filter({ hasText: 'no queues or categories yet' }),
    ).toBeVisible();
    await page.keyboard.press('F10');
    await page.getByLabel('Queue code').fill('NET');
    await page.getByLabel('Queue name').fill('Network Operations');
    await page.getByRole('button', { name: 'Add queue' }).click();
    await expect(page.getByText('NET · Network Operations')).toBeVisible();
    await page.getByLabel('Category code').fill('OUTAGE');
    await page.getByLabel('Category name').fill('Network outage');
    await page.getByLabel('Technical domain').fill('Network');
    await page.getByLabel('Routed to queue').selectOption({ label: 'Network Operations' });
    await page.getByRole('button', { name: 'Add category' }).click();
    await expect(page.getByText('Network outage → NET')).toBeVisible();
    await page.getByLabel('User name', { exact: true }).fill('eleni');
    await page.getByLabel('Display name').fill('Ελένη Παπαδοπούλου');
    await page.getByLabel('Password', { exact: true }).fill('another-long-password');
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect(page.getByTestId('toast').filter({ hasText: 'can now sign in' })).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signIn(page, host.url, 'eleni', 'another-long-password');
    await expect(page.getByRole('button', { name: /Desk/ })).toHaveCount(0);
    await page.getByLabel(/New caller: Name/).fill('Γιώργος Νικολάου');
    await page.getByLabel('Phone', { exact: true }).fill('+30 21 0323 0000');
    await page.getByLabel('Category').selectOption({ label: 'Network outage' });
    await expect(page.getByLabel('Queue')).toHaveValue(/.+/);
    await page.getByLabel('Impact').selectOption({ label: 'High' });
    await page.getByLabel('Urgency').selectOption({ label: 'High' });
    await page.getByLabel('Summary').fill('Το δίκτυο έπεσε');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast')).toHaveText('Call saved: ticket ATH-000001');
  });
});
