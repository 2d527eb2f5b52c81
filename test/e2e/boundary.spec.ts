import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { signIn } from '../helpers/ui.ts';

/**
 * A part of the window that cannot render what the desk sent: the desk answers one method with
 * a well-formed result of an unexpected shape (as a newer or broken desk might), changed here by
 * intercepting that one call. No test hook in the app.
 */
async function answerOddly(
  page: Page,
  method: string,
  change: (value: Record<string, unknown>) => void,
): Promise<void> {
  await page.route(`**/api/${method}`, async (route) => {
    const real = await route.fetch();
    const body = (await real.json()) as { ok: boolean; value: Record<string, unknown> };
    if (body.ok) change(body.value);
    await route.fulfill({ response: real, json: body });
  });
}

/** Errors the page wrote to its console. */
function consoleErrors(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') seen.push(m.text());
  });
  return seen;
}

test.describe('one failing part does not blank the window', () => {
  test.describe.configure({ mode: 'serial' });
  let host: HostProcess;
  test.beforeAll(async () => {
    host = await startHostProcess();
  });
  test.afterAll(async () => {
    await host.stop();
  });

  test('the escalation panel fails: its message in its place, the rest works, Try again brings it back', async ({
    page,
  }) => {
    const errors = consoleErrors(page);
    await signIn(page, host.url);
    await answerOddly(page, 'escalations.panel', (v) => {
      v['items'] = 'not a list';
    });
    await page.keyboard.press('F7');
    const failed = page.getByRole('alert').filter({ hasText: 'could not be shown' });
    await expect(failed).toHaveText(
      /“Escalation panel” could not be shown: something in it went wrong\. The rest of the window still works\./,
    );
    // The focus fell with the panel: it is on Try again, not on the page.
    await expect(failed.getByRole('button', { name: 'Try again' })).toBeFocused();
    expect(errors.some((e) => e.includes('"panel.title" failed to render'))).toBe(true);

    // The rest of the window works: the top bar, the board, new call.
    await expect(page.getByRole('button', { name: /Sign out/ })).toBeVisible();
    await page.keyboard.press('F4');
    await expect(page.getByRole('heading', { name: 'Ticket board' })).toBeVisible();
    await expect(failed).toHaveCount(0);
    await page.keyboard.press('F7');
    await expect(failed).toBeVisible();

    // The desk answers properly again: Try again shows the panel.
    await page.unrouteAll({ behavior: 'wait' });
    await failed.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { name: 'Escalation panel' })).toBeVisible();
    await expect(page.getByText('Nothing needs anyone right now.')).toBeVisible();
    await expect(failed).toHaveCount(0);
  });

  test('a ticket section fails: the rest of the ticket still works', async ({ page }) => {
    await signIn(page, host.url);
    await page.getByLabel(/New caller: Name/).fill('Jonas Berg');
    await page.getByLabel('Phone', { exact: true }).fill('+44 20 7946 0612');
    await page.getByLabel('Category').selectOption({ label: 'VPN or remote access' });
    await page.getByLabel('Impact').selectOption({ label: 'Medium' });
    await page.getByLabel('Urgency').selectOption({ label: 'Medium' });
    await page.getByLabel('Summary').fill('Token prompt loops forever');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast').last()).toContainText('Call saved');

    // The log's first entry comes without its author.
    await answerOddly(page, 'tickets.get', (v) => {
      (v['contacts'] as Record<string, unknown>[])[0]!['by'] = null;
    });
    await page.keyboard.press('Control+k');
    await page.keyboard.type('token prompt');
    await expect(page.getByRole('option', { name: /LON-000001/ })).toBeVisible();
    await page.keyboard.press('Enter');
    const ticket = page.getByRole('dialog', { name: /LON-000001 Token prompt loops forever/ });
    await expect(ticket.getByRole('alert').filter({ hasText: 'could not be shown' })).toHaveText(
      /“Communication” could not be shown/,
    );
    // Everything else is there and answers the keyboard.
    await expect(ticket.getByTestId('history')).toContainText('opened the ticket');
    await expect(ticket.getByTestId('ladder')).toContainText('Network, tier 1');
    await page.keyboard.press('Alt+r');
    await expect(ticket.getByLabel('Solution', { exact: true })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(ticket).toBeHidden();

    await page.unrouteAll({ behavior: 'wait' });
    await page.keyboard.press('Control+k');
    await page.keyboard.type('token prompt');
    await expect(page.getByRole('option', { name: /LON-000001/ })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(ticket.getByTestId('contact-log')).toBeVisible();
    await expect(ticket.getByRole('alert').filter({ hasText: 'could not be shown' })).toHaveCount(
      0,
    );
  });

  test('the whole ticket workspace fails: its message floats over the view, Esc closes it', async ({
    page,
  }) => {
    await signIn(page, host.url);
    await answerOddly(page, 'tickets.get', (v) => {
      v['events'] = 'not a list';
    });
    await page.keyboard.press('F4');
    const card = page
      .getByTestId('column-new')
      .getByRole('listitem')
      .filter({ hasText: 'LON-000001' });
    await card.focus();
    await page.keyboard.press('Enter');
    const failed = page.getByRole('alert').filter({ hasText: 'could not be shown' });
    await expect(failed).toHaveText(/“Ticket workspace” could not be shown/);
    await expect(failed.getByRole('button', { name: 'Try again' })).toBeFocused();
    await expect(page.getByRole('heading', { name: 'Ticket board' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(failed).toHaveCount(0);
    // The focus is back where the ticket was opened from.
    await expect(card).toBeFocused();
    // The board still answers the keyboard.
    await page.keyboard.press('F2');
    await expect(page.getByLabel(/New caller: Name/)).toBeVisible();
  });

  test('the wall-board fails: it says so, without a "rest of the window", and comes back', async ({
    page,
  }) => {
    await answerOddly(page, 'wallboard.get', (v) => {
      v['openByPriority'] = 'not a list';
    });
    await page.goto(`${host.url}wallboard`);
    await page.getByLabel('User name').fill('wallboard');
    await page.getByLabel('Password').fill('switchboard');
    await page.keyboard.press('Enter');
    const failed = page.getByRole('alert').filter({ hasText: 'could not be shown' });
    await expect(failed).toHaveText(
      /^“Wall-board” could not be shown: something in it went wrong\.Try again$/,
    );
    await page.unrouteAll({ behavior: 'wait' });
    await failed.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('wallboard')).toBeVisible();
  });
});
