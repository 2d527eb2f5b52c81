import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { seedBusyDesk } from '../helpers/busy-desk.ts';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { signIn } from '../helpers/ui.ts';

/**
 * (Run in order: the last test changes the desk's language.)
 *
 * The desk in its five languages: picked in the header, applied at once with a half-typed call
 * kept; Arabic right to left; the choice kept with the person; the sign-in screen's own picker;
 * the wall-board in the desk's language. Screenshots for the README: intake and board in Arabic
 * and Hindi, the wall-board in Greek.
 */
let host: HostProcess;
test.beforeAll(async () => {
  host = await startHostProcess();
  await seedBusyDesk(host.url);
});
test.afterAll(async () => host?.stop());

test('languages: picked at once, kept with the person, Arabic right to left', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, host.url, 'analyst');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('lang', 'en');

  // A call half typed, then the language changed: the call is still there.
  await page.getByLabel('New caller: Name').fill('Layla Haddad');
  await page.getByTestId('language-picker').selectOption('ar');
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(html).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('مكالمة جديدة');
  await expect(page.locator('input[value="Layla Haddad"]')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/intake-ar.png' });
  expect((await new AxeBuilder({ page }).analyze()).violations, 'intake ar').toEqual([]);
  await page.keyboard.press('F4');
  await expect(page.getByTestId('column-new')).toBeVisible();
  await page.screenshot({ path: 'test-results/board-ar.png' });
  expect((await new AxeBuilder({ page }).analyze()).violations, 'board ar').toEqual([]);

  // Kept with the person: a new session opens in Arabic.
  await page.reload();
  await expect(html).toHaveAttribute('dir', 'rtl');

  await page.getByTestId('language-picker').selectOption('hi');
  await expect(html).toHaveAttribute('dir', 'ltr');
  await page.keyboard.press('F4');
  await expect(page.getByTestId('column-new')).toBeVisible();
  await page.screenshot({ path: 'test-results/board-hi.png' });
  await page.keyboard.press('F2');
  await page.screenshot({ path: 'test-results/intake-hi.png' });
  await page.getByTestId('language-picker').selectOption('en');
});

test('every screen in Arabic and English, light and dark, passes axe; arrows mirror in Arabic', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, host.url, 'admin');
  const html = page.locator('html');
  for (const locale of ['ar', 'en'] as const) {
    await page.getByTestId('language-picker').selectOption(locale);
    await expect(html).toHaveAttribute('lang', locale);
    const screens: [string, () => Promise<void>][] = [
      ['intake', () => page.keyboard.press('F2')],
      ['board', () => page.keyboard.press('F4')],
      [
        'ticket',
        async () => {
          await page.keyboard.press('F4');
          await page.getByTestId('column-new').locator('.tcard').first().click();
          await expect(page.getByRole('dialog')).toBeVisible();
        },
      ],
      ['call-backs', () => page.keyboard.press('F6')],
      ['escalation panel', () => page.keyboard.press('F7')],
      ['reports', () => page.keyboard.press('F8')],
      ['policy', () => page.keyboard.press('F9')],
      ['desk admin', () => page.keyboard.press('F10')],
      [
        'search',
        async () => {
          await page.keyboard.press('Control+k');
          await page.keyboard.type('VPN');
        },
      ],
    ];
    for (const [what, open] of screens) {
      await open();
      await page.waitForTimeout(200);
      for (const theme of ['light', 'dark']) {
        await expect(html).toHaveAttribute('data-theme', theme);
        expect(
          (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help}`),
          `${what} ${locale} ${theme}`,
        ).toEqual([]);
        await page.keyboard.press('Alt+T');
      }
      await page.keyboard.press('Escape');
    }
  }

  // On the Arabic board the columns run right to left, and so do the arrow keys.
  await page.getByTestId('language-picker').selectOption('ar');
  await page.keyboard.press('F4');
  const first = page.getByTestId('column-new').locator('.tcard').first();
  await first.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('column-open').locator('.tcard').first()).toBeFocused();
  const newBox = (await page.getByTestId('column-new').boundingBox())!;
  const openBox = (await page.getByTestId('column-open').boundingBox())!;
  expect(openBox.x).toBeLessThan(newBox.x);
  await page.keyboard.press('ArrowRight');
  await expect(first).toBeFocused();
  // Looked at on a workstation's screen in the dark theme too.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.keyboard.press('Alt+T');
  await page.screenshot({ path: 'test-results/board-ar-dark-1920x1080.png' });
  await page.keyboard.press('Alt+T');
  await page.getByTestId('language-picker').selectOption('en');
});

test('the sign-in screen has its own picker; the wall-board speaks the desk’s language', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await page.getByTestId('language-picker').selectOption('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Sign in');
  // The desk's admin makes Greek the desk's language; the wall-board display follows it.
  const admin = await page.context().request.post(`${host.url}api/auth.signIn`, {
    data: { username: 'admin', password: 'switchboard' },
  });
  expect(admin.ok()).toBe(true);
  const set = await page.context().request.post(`${host.url}api/desk.setLanguage`, {
    data: { language: 'el' },
  });
  expect(set.ok()).toBe(true);
  await page.context().clearCookies();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(host.url);
  await page.locator('input[autocomplete="username"]').fill('wallboard');
  await page.locator('input[type="password"]').fill('switchboard');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'el');
  await page.waitForTimeout(1000);
  await page.screenshot({ path: 'test-results/wallboard-el.png' });
  const axe = async (what: string) =>
    expect(
      (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help}`),
      what,
    ).toEqual([]);
  await axe('wall-board el');

  // In Arabic the wall-board runs right to left, and still passes axe (it is always dark:
  // a display across the room has no light theme).
  const desk = await request.post(`${host.url}api/auth.signIn`, {
    data: { username: 'admin', password: 'switchboard' },
  });
  expect(desk.ok()).toBe(true);
  expect(
    (await request.post(`${host.url}api/desk.setLanguage`, { data: { language: 'ar' } })).ok(),
  ).toBe(true);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.waitForTimeout(1000);
  await axe('wall-board ar');
  await page.screenshot({ path: 'test-results/wallboard-ar.png' });
  expect(
    (await request.post(`${host.url}api/desk.setLanguage`, { data: { language: 'en' } })).ok(),
  ).toBe(true);
});
