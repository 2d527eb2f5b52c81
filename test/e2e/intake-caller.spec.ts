import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { focusedName, signIn, tabTo } from '../helpers/ui.ts';

const SEARCH = /Find caller/;

async function newCall(page: Page): Promise<void> {
  await page.keyboard.press('F2');
  await expect.poll(() => focusedName(page)).toMatch(SEARCH);
}

/** The first problem filled by keyboard, as an analyst does: category, impact, urgency, summary. */
async function describeProblem(page: Page, summary: string): Promise<void> {
  await tabTo(page, /^Category$/);
  await page.keyboard.type('VPN');
  await tabTo(page, /^Impact$/);
  await page.keyboard.type('High');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Medium');
  await tabTo(page, /^Summary$/);
  await page.keyboard.type(summary);
}

test.describe('intake: finding the caller, warning of a known number, the form between calls', () => {
  let host: HostProcess;
  test.beforeAll(async () => {
    host = await startHostProcess();
  });
  test.afterAll(async () => {
    await host.stop();
  });

  for (const written of ['020/7946 0018', '+44 (0)20 7946 0018', '٠٢٠ ٧٩٤٦ ٠٠١٨']) {
    test(`a number written ${written} finds the caller at intake`, async ({ page }) => {
      await signIn(page, host.url);
      await newCall(page);
      await page.keyboard.type(written);
      await expect(page.getByRole('option', { name: /Margaret Okafor/ })).toBeVisible();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('caller-card')).toContainText('Margaret Okafor');
    });
  }

  test('a new caller with a known number is told whose it is before saving, and can switch', async ({
    page,
  }) => {
    await signIn(page, host.url);
    await newCall(page);
    await page.keyboard.type('Kofi Mensah');
    await tabTo(page, /^Phone$/);
    await page.keyboard.type('020 7946 0018');
    const note = page.getByTestId('owner-phone');
    await expect(note).toContainText('This number belongs to Margaret Okafor');
    await expect(note).toContainText('You can still save a new caller with it');
    await expect(page.getByLabel('Phone', { exact: true })).toHaveAccessibleDescription(
      /This number belongs to Margaret Okafor/,
    );
    // The note takes no Tab stop: the next Tab still reaches the email field.
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedName(page)).toBe('Email');
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => (document.documentElement.dataset['theme'] = t), theme);
      expect((await new AxeBuilder({ page }).analyze()).violations, theme).toEqual([]);
    }

    await page.keyboard.press('Alt+U');
    await expect(page.getByTestId('caller-card')).toContainText('Margaret Okafor');
    await expect.poll(() => focusedName(page)).toBe('Phone');
    await expect(page.getByTestId('owner-phone')).toHaveCount(0);
  });

  test("another caller's account number written differently is named before saving", async ({
    page,
  }) => {
    await signIn(page, host.url);
    await newCall(page);
    await page.keyboard.type('Kofi Mensah');
    await tabTo(page, /^Account number$/);
    await page.keyboard.type('nw 10442');
    await expect(page.getByTestId('owner-account')).toContainText(
      'This account belongs to Margaret Okafor',
    );
    await page
      .getByTestId('owner-account')
      .getByRole('button', { name: /Use that caller/ })
      .click();
    await expect(page.getByTestId('caller-card')).toContainText('Margaret Okafor');
  });

  test('a shared number is saved with the warning in view; an impossible one is refused next to the field', async ({
    page,
  }) => {
    await signIn(page, host.url);
    await newCall(page);
    await page.keyboard.type('Reception desk');
    await tabTo(page, /^Phone$/);
    await page.keyboard.type('12345');
    await describeProblem(page, 'Nobody can print');
    await page.keyboard.press('Control+Enter');
    const phone = page.getByLabel('Phone', { exact: true });
    await expect(phone).toHaveAttribute('aria-invalid', 'true');
    await expect(phone).toHaveAccessibleDescription(/Too few digits for a phone number/);
    await expect.poll(() => focusedName(page)).toBe('Phone');

    await phone.fill('+44 20 7946 0018');
    await expect(page.getByTestId('owner-phone')).toContainText('Margaret Okafor');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast').last()).toContainText('Call saved');

    // Two people have it now: Alt+U lists them in the caller search, to choose with ↓ and Enter.
    await expect.poll(() => focusedName(page)).toMatch(SEARCH);
    await page.keyboard.type('Third person');
    await tabTo(page, /^Phone$/);
    await page.keyboard.type('020 7946 0018');
    const note = page.getByTestId('owner-phone');
    await expect(note).toContainText('This number belongs to Margaret Okafor');
    await expect(note).toContainText('This number belongs to Reception desk');
    await expect(
      note.getByRole('button', { name: /Choose one in the caller search/ }),
    ).toBeVisible();
    await page.keyboard.press('Alt+U');
    await expect.poll(() => focusedName(page)).toMatch(SEARCH);
    await expect(page.getByRole('listbox', { name: 'Caller' }).getByRole('option')).toHaveCount(2);
    await expect(page.getByLabel(/New caller: Name/)).toHaveValue('Third person');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('caller-card')).toContainText('Reception desk');
  });

  test('what is typed into the caller search is carried into New caller', async ({ page }) => {
    await signIn(page, host.url);
    await newCall(page);
    const search = page.getByLabel(SEARCH);
    await page.keyboard.type('Kofi Mensah');
    await expect(page.getByText('No caller matches')).toBeVisible();
    await expect(page.getByLabel(/New caller: Name/)).toHaveValue('Kofi Mensah');

    await search.fill('');
    await page.keyboard.type('020 7946 0991');
    await expect(page.getByLabel('Phone', { exact: true })).toHaveValue('020 7946 0991');
    await expect(page.getByLabel(/New caller: Name/)).toHaveValue('');

    await search.fill('');
    await page.keyboard.type('LW-9001');
    await expect(page.getByLabel('Account number')).toHaveValue('LW-9001');
    await expect(page.getByLabel('Phone', { exact: true })).toHaveValue('');

    // What the analyst typed into a field themselves stays when the search changes.
    await page.getByLabel(/New caller: Name/).fill('Kofi Mensah');
    await search.fill('Akosua');
    await expect(page.getByLabel(/New caller: Name/)).toHaveValue('Kofi Mensah');
  });

  test('choosing Low / Low shows the planned window without taking the summary being typed', async ({
    page,
  }) => {
    await signIn(page, host.url);
    await newCall(page);
    await page.keyboard.type('Okafor');
    await expect(page.getByRole('option', { name: /Margaret Okafor/ })).toBeVisible();
    await page.keyboard.press('Enter');
    await tabTo(page, /^Category$/);
    await page.keyboard.type('Printer');
    await tabTo(page, /^Impact$/);
    await page.keyboard.type('Low');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Low');
    await expect(page.getByTestId('priority-0')).toHaveText('P4 · Planned event');
    await expect(page.getByLabel('Planned window starts')).toBeVisible();
    await expect.poll(() => focusedName(page)).toBe('Urgency');
    // On past the override to the summary, typing as the analyst does.
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedName(page)).toBe('Priority override');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Printer needs moving to floor 4');
    await expect(page.getByLabel('Summary')).toHaveValue('Printer needs moving to floor 4');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Before Friday');
    await expect(page.getByLabel('Description')).toHaveValue('Before Friday');
    // The window comes after them.
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedName(page)).toMatch(/^Planned window starts/);
  });

  test('after a save the form is back at its top, the caller search focused', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, host.url);
    await newCall(page);
    await page.keyboard.type('Okafor');
    await expect(page.getByRole('option', { name: /Margaret Okafor/ })).toBeVisible();
    await page.keyboard.press('Enter');
    await describeProblem(page, 'VPN drops every few minutes');
    for (const n of [2, 3]) {
      await page.keyboard.press('Alt+A');
      await expect.poll(() => focusedName(page)).toBe('Category');
      await page.keyboard.type('VPN');
      await tabTo(page, /^Impact$/);
      await page.keyboard.type('High');
      await page.keyboard.press('Tab');
      await page.keyboard.type('High');
      await tabTo(page, /^Summary$/);
      await page.keyboard.type(`Problem ${n} of the call`);
    }
    const main = page.locator('main');
    await expect.poll(() => main.evaluate((m) => m.scrollTop)).toBeGreaterThan(0);
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast').last()).toContainText('Call saved');
    await expect.poll(() => focusedName(page)).toMatch(SEARCH);
    await expect.poll(() => main.evaluate((m) => m.scrollTop)).toBe(0);
    await expect(page.getByRole('heading', { name: 'New call' })).toBeInViewport();
  });
});
