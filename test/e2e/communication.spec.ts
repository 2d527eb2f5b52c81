import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { signIn } from '../helpers/ui.ts';

/** The desk's clock for these tests: Monday 23 November 2026, 09:00 in London. */
const START = '2026-11-23T09:00:00Z';

/** Records desktop notifications instead of showing them (and says they are allowed). */
async function recordNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    (window as unknown as { __notifications: typeof shown }).__notifications = shown;
    class RecordedNotification {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body ?? '' });
      }
      close() {}
    }
    (window as unknown as { Notification: unknown }).Notification = RecordedNotification;
  });
}

const notifications = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __notifications: { title: string }[] }).__notifications,
  );

async function takeCall(page: Page, name: string, phone: string, summary: string) {
  await page.keyboard.press('F2');
  await page.getByLabel(/New caller: Name/).fill(name);
  await page.getByLabel('Phone', { exact: true }).fill(phone);
  await page.getByLabel('Category').selectOption({ label: 'VPN or remote access' });
  // High impact, medium urgency: Critical (update every business hour, retry after 20 minutes).
  await page.getByLabel('Impact').selectOption({ label: 'High' });
  await page.getByLabel('Urgency').selectOption({ label: 'Medium' });
  await page.getByLabel('Summary').fill(summary);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('toast').last()).toContainText('Call saved');
}

test.describe('customer communication', () => {
  test.describe.configure({ mode: 'serial' });
  let host: HostProcess;
  test.beforeAll(async () => {
    host = await startHostProcess(undefined, ['--test-clock', START]);
  });
  test.afterAll(async () => {
    await host.stop();
  });

  const moveClock = async (page: Page, minutes: number) => {
    const r = await page.request.post(`${host.url}test/clock`, {
      data: { advanceMs: minutes * 60_000 },
    });
    expect(r.status()).toBe(200);
  };

  test('an outbound call that reached nobody schedules a retry; past it, the call-back is overdue, badged and notified', async ({
    page,
  }) => {
    await recordNotifications(page);
    await signIn(page, host.url);
    await takeCall(page, 'Lena Fischer', '+44 20 7946 0100', 'VPN drops every few minutes');

    // My call-backs: the first update is due at 10:00, an hour after the call.
    await page.keyboard.press('F6');
    const row = page.getByTestId('callback').filter({ hasText: 'LON-000001' });
    await expect(row).toContainText('VPN drops every few minutes');
    await expect(row).toContainText('update');
    await expect(row).toContainText('+44 20 7946 0100');
    await expect(row).not.toContainText('Overdue');
    await expect(row).toBeFocused();

    // One keystroke to log the call; it rang out.
    await page.keyboard.press('Enter');
    const outcome = row.getByLabel('Outcome');
    await expect(outcome).toBeFocused();
    await outcome.selectOption({ label: 'No answer' });
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast').last()).toHaveText('Contact logged on LON-000001');

    // The retry, 20 minutes on, not yet due: no badge.
    await expect(row).toContainText('retry');
    await expect(row).toContainText('No answer');
    await expect(row.locator('time')).toHaveText(/9:20/);
    await expect(page.getByTestId('callbacks-badge')).toHaveCount(0);

    // The desk's clock passes the retry: overdue, badged, and a desktop notification.
    await moveClock(page, 25);
    await expect(row).toContainText('Overdue');
    await expect(page.getByTestId('callbacks-badge')).toHaveText(/^1/);
    await expect(page.getByRole('button', { name: /Call-backs/ })).toContainText('1 call-back due');
    await expect
      .poll(() => notifications(page))
      .toEqual([expect.objectContaining({ title: 'Call-back due: LON-000001' })]);

    // The ticket's own log shows the call, and its history names who logged it.
    await row.focus();
    await page.keyboard.press('o');
    const ticket = page.getByRole('dialog', { name: /LON-000001/ });
    await expect(ticket.getByTestId('contact-log')).toContainText('Outbound phone · No answer');
    await expect(ticket.getByTestId('next-callback')).toContainText('retry');
    await expect(ticket.getByTestId('history')).toContainText(
      'Amira Haddad logged Outbound phone · No answer',
    );
    const axe = await new AxeBuilder({ page }).include('.callbacks').analyze();
    expect(axe.violations).toEqual([]);
    await page.keyboard.press('Escape');
  });

  test('a returning caller’s status call is logged on the open ticket, not as a new one', async ({
    page,
  }) => {
    await signIn(page, host.url);
    await takeCall(page, 'Tomasz Nowak', '+44 20 7946 0200', 'Printer jams on every job');

    // He rings again: the look-up finds him, and intake shows his open ticket with its last contact.
    await page.keyboard.press('F2');
    await page.getByLabel('Find caller by phone, account or name').fill('+44 20 7946 0200');
    await expect(page.getByRole('option', { name: /Tomasz Nowak/ })).toBeVisible();
    await page.keyboard.press('Enter');
    const returning = page.getByTestId('returning-caller');
    await expect(returning).toContainText('Open ticket for this caller');
    await expect(returning).toContainText('LON-000002');
    await expect(returning).toContainText('Inbound phone · Reached');
    await expect(returning).toContainText('Printer jams on every job');

    await returning.getByRole('button', { name: 'Log status call on LON-000002' }).click();
    await expect(returning.getByLabel('Direction')).toBeFocused();
    await expect(returning.getByLabel('Direction')).toHaveValue('inbound');
    await returning
      .getByLabel('What was said')
      .fill('Asked for news; told him the engineer comes at 14:00');
    await returning.getByLabel('Duration (min or m:ss)').fill('2:30');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast').last()).toHaveText('Contact logged on LON-000002');
    await expect(returning).toContainText('told him the engineer comes at 14:00');

    // Still one ticket for him; the call is in its log and history.
    await page.keyboard.press('F4');
    await expect(page.getByText('LON-000003')).toHaveCount(0);
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Printer jams');
    await expect(page.getByRole('option', { name: /LON-000002/ })).toBeVisible();
    await page.keyboard.press('Enter');
    const ticket = page.getByRole('dialog', { name: /LON-000002/ });
    await expect(ticket.getByTestId('contact-log')).toContainText(
      'Asked for news; told him the engineer comes at 14:00',
    );
    await expect(ticket.getByTestId('contact-log')).toContainText('3 min');
    await expect(ticket.getByTestId('history')).toContainText(
      'Amira Haddad logged Inbound phone · Reached: “Asked for news',
    );
  });
});
