import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { focusedName, signIn } from '../helpers/ui.ts';

/** The row of the admin screen that names `text` (a queue, a category, a person). */
const row = (page: Page, text: string) => page.getByRole('listitem').filter({ hasText: text });
const toast = (page: Page, text: string | RegExp) =>
  page.getByTestId('toast').filter({ hasText: text });

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

test.describe('desk admin (F10): edit, disable, reset a password', () => {
  let host: HostProcess;
  test.beforeAll(async () => {
    host = await startHostProcess();
  });
  test.afterAll(async () => {
    await host.stop();
  });

  test('renames a queue, disables a category (gone from intake), resets a password that its owner replaces', async ({
    page,
  }) => {
    await signIn(page, host.url, 'admin');
    await page.keyboard.press('F10');
    await expect(page.getByRole('heading', { name: 'Support centres (queues)' })).toBeVisible();

    // Rename by keyboard: Edit focuses the first field, Enter saves, the focus comes back.
    await page.getByRole('button', { name: 'Edit NET · Network Operations' }).click();
    const form = page.getByRole('form', { name: 'Edit NET · Network Operations' });
    await expect(form.getByLabel('Queue code')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(form.getByLabel('Queue name')).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('  ');
    await page.keyboard.press('Enter');
    await expect(form.getByLabel('Queue name')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByText('Required')).toBeVisible();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Network Operations Centre');
    await page.keyboard.press('Enter');
    await expect(toast(page, 'Queue “Network Operations Centre” saved')).toBeVisible();
    await expect(page.getByText('NET · Network Operations Centre')).toBeVisible();
    await expect.poll(() => focusedName(page)).toBe('Edit NET · Network Operations Centre');

    // Esc cancels an edit and changes nothing.
    await page.getByRole('button', { name: 'Edit DSK · Desktop Support' }).click();
    await page.keyboard.press('Tab');
    await page.keyboard.type(' (typo)');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('form', { name: /Edit DSK/ })).toHaveCount(0);
    await expect(page.getByText('DSK · Desktop Support', { exact: true })).toBeVisible();
    await expect.poll(() => focusedName(page)).toBe('Edit DSK · Desktop Support');

    // A queue new work is routed to is not disabled; the refusal says what still uses it.
    const net = row(page, 'NET · Network Operations Centre');
    await net.getByRole('button', { name: 'Disable' }).click();
    await expect(net.getByRole('alert')).toHaveText(
      /Still routes new work from category “Network outage”, category “VPN or remote access”, tier 1 of Network/,
    );
    await expect(net.getByText('Disabled', { exact: true })).toHaveCount(0);

    // Disable a category: marked in words, and no longer offered at intake.
    const vpn = row(page, 'VPN or remote access → NET');
    await vpn.getByRole('button', { name: 'Disable' }).click();
    await expect(toast(page, 'Category “VPN or remote access” disabled')).toBeVisible();
    await expect(vpn.getByText('Disabled', { exact: true })).toBeVisible();
    await expect(vpn.getByRole('button', { name: 'Enable' })).toBeFocused();
    await page.keyboard.press('F2');
    const categories = page.getByLabel('Category').locator('option');
    await expect(categories.filter({ hasText: 'Network outage' })).toHaveCount(1);
    await expect(categories.filter({ hasText: 'VPN' })).toHaveCount(0);

    // Reset Tomás's password: a temporary one, Ctrl+Enter saves.
    await page.keyboard.press('F10');
    await page.getByRole('button', { name: 'Reset the password of Tomás Ortega' }).click();
    await expect(page.getByLabel('Temporary password')).toBeFocused();
    await page.keyboard.type('temporary-pass-1');
    await page.keyboard.press('Control+Enter');
    await expect(toast(page, 'Password reset: Tomás Ortega chooses a new one')).toBeVisible();
    await expect(row(page, 'Tomás Ortega').getByText('Must choose a new password')).toBeVisible();
    await signOut(page);

    // The old password no longer works; the temporary one leads to choosing one's own.
    await page.getByLabel('User name').fill('tech2');
    await page.getByLabel('Password').fill('switchboard');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Wrong user name or password.')).toBeVisible();
    await page.getByLabel('Password').fill('temporary-pass-1');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    await expect(page.getByLabel('Temporary password')).toBeFocused();
    await page.keyboard.type('temporary-pass-1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('temporary-pass-1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('temporary-pass-1');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Choose a password other than the one you have now')).toBeVisible();
    await page.getByLabel('New password', { exact: true }).fill('tomas-own-password');
    await page.getByLabel('New password again').fill('tomas-own-passwrd');
    await page.keyboard.press('Enter');
    await expect(page.getByText('The two new passwords are not the same')).toBeVisible();
    await page.getByLabel('New password again').fill('tomas-own-password');
    await page.keyboard.press('Enter');
    // Signed in, on a new call (not on the admin screen the admin left open in this window).
    await expect(page.getByText('Tomás Ortega · Analyst, tier 2')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'New call' })).toBeVisible();
    await signOut(page);
    await signIn(page, host.url, 'tech2', 'tomas-own-password');
    await expect(page.getByRole('heading', { name: 'New call' })).toBeVisible();
  });

  test('a disabled person is signed out at once and cannot sign in; enabled, they can', async ({
    page,
    browser,
  }) => {
    const other = await browser.newContext();
    const analyst = await other.newPage();
    await signIn(analyst, host.url, 'tech3');

    await signIn(page, host.url, 'admin');
    await page.keyboard.press('F10');
    const priya = row(page, 'Priya Raman');
    await priya.getByRole('button', { name: 'Disable' }).click();
    await expect(toast(page, 'Priya Raman is disabled and can no longer sign in')).toBeVisible();
    await expect(priya.getByText('Disabled', { exact: true })).toBeVisible();
    // Not offered as an assignee any more, but the board's filter still finds her work.
    await page.keyboard.press('F4');
    await expect(
      page.getByLabel('Assignee').locator('option', { hasText: 'Priya Raman (disabled)' }),
    ).toHaveCount(1);

    // Her open window: the next thing she does ends in the sign-in, which refuses her plainly.
    await analyst.keyboard.press('F4');
    await expect(analyst.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await analyst.getByLabel('User name').fill('tech3');
    await analyst.getByLabel('Password').fill('switchboard');
    await analyst.keyboard.press('Enter');
    await expect(
      analyst.getByText('This account is disabled. Ask an admin to enable it.'),
    ).toBeVisible();

    // An admin cannot disable themselves.
    await page.keyboard.press('F10');
    const me = row(page, 'Desk Admin');
    await me.getByRole('button', { name: 'Disable' }).click();
    await expect(me.getByRole('alert')).toHaveText('You cannot disable yourself');

    await priya.getByRole('button', { name: 'Enable' }).click();
    await expect(toast(page, 'Priya Raman can sign in again')).toBeVisible();
    await signIn(analyst, host.url, 'tech3');
    await other.close();
  });

  test('the admin screen and the new-password step have no axe violations, light and dark', async ({
    page,
  }) => {
    await signIn(page, host.url, 'admin');
    await page.keyboard.press('F10');
    await expect(page.getByRole('heading', { name: 'People' })).toBeVisible();
    // A disabled row, an open edit form with an error, and a refused disable all on screen.
    await row(page, 'Wall-board').getByRole('button', { name: 'Disable' }).click();
    await expect(row(page, 'Wall-board').getByText('Disabled', { exact: true })).toBeVisible();
    await row(page, 'SD · Service Desk').getByRole('button', { name: 'Disable' }).click();
    await expect(row(page, 'SD · Service Desk').getByRole('alert')).toBeVisible();
    await page.getByRole('button', { name: 'Edit Sophie Laurent' }).click();
    const form = page.getByRole('form', { name: 'Edit Sophie Laurent' });
    await form.getByLabel('Display name').fill('');
    await page.keyboard.press('Control+Enter');
    await expect(form.getByLabel('Display name')).toHaveAttribute('aria-invalid', 'true');
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => (document.documentElement.dataset['theme'] = t), theme);
      expect((await new AxeBuilder({ page }).analyze()).violations, `admin ${theme}`).toEqual([]);
    }
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Reset the password of Sophie Laurent' }).click();
    await page.keyboard.type('temporary-pass-2');
    await page.keyboard.press('Enter');
    await expect(toast(page, 'Password reset: Sophie Laurent')).toBeVisible();
    await signOut(page);
    await page.getByLabel('User name').fill('supervisor');
    await page.getByLabel('Password').fill('temporary-pass-2');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Temporary password')).toHaveAttribute('aria-invalid', 'true');
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => (document.documentElement.dataset['theme'] = t), theme);
      expect((await new AxeBuilder({ page }).analyze()).violations, `password ${theme}`).toEqual(
        [],
      );
    }
  });
});
