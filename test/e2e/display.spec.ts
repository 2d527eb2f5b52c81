import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { seedBusyDesk } from '../helpers/busy-desk.ts';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { focusedName, signIn } from '../helpers/ui.ts';

/**
 * How a person reads the screen (Display, Alt+D): digits and text size kept with them, applied at
 * once; the larger sizes scale the whole screen; WCAG's text spacing (1.4.12) loses nothing.
 */
let host: HostProcess;
test.beforeAll(async () => {
  host = await startHostProcess();
  await seedBusyDesk(host.url);
});
test.afterAll(async () => host?.stop());

const rootFontPx = (page: Page) =>
  page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

test('digits and text size by keyboard, applied at once and kept with the person', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, host.url, 'tech2');
  // The header holds everything on a laptop's screen, the Display button with its shortcut.
  const header = page.locator('.topbar');
  expect(await header.evaluate((h) => h.scrollWidth <= h.clientWidth + 1)).toBe(true);
  await expect(page.getByTestId('display-open')).toHaveAttribute('aria-keyshortcuts', 'Alt+D');
  await expect(page.getByTestId('display-open').locator('kbd')).not.toHaveCount(0);
  await page.getByLabel('New caller: Name').fill('Half-typed caller');

  await page.keyboard.press('Alt+d');
  const dialog = page.getByTestId('display-dialog');
  await expect(dialog).toBeVisible();
  // It opens on the digits chosen now.
  await expect.poll(() => focusedName(page)).toBe('The language’s own');
  expect((await new AxeBuilder({ page }).include('dialog').analyze()).violations).toEqual([]);
  await page.keyboard.press('ArrowDown'); // Latin
  await page.keyboard.press('ArrowDown'); // Arabic-Indic
  await expect(page.getByTestId('display-example')).toContainText('١٬٢٣٤');
  expect(await rootFontPx(page)).toBe(16);
  await page.keyboard.press('Tab'); // the text sizes
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Larger' })).toBeChecked();
  await expect.poll(() => rootFontPx(page)).toBe(20);
  await page.screenshot({ path: 'test-results/display-dialog.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The focus goes back to where it was; the half-typed call is still there.
  await expect(page.locator('input[value="Half-typed caller"]')).toHaveCount(1);

  await page.keyboard.press('F4');
  const count = page.locator('.column__count').first();
  await expect(count).toHaveText(/^[٠-٩]+$/);

  // Kept with the person: another session, after a reload, reads the same.
  await page.reload();
  await expect(page.getByRole('button', { name: /Sign out/ })).toBeVisible();
  await expect.poll(() => rootFontPx(page)).toBe(20);
  await page.keyboard.press('F4');
  await expect(count).toHaveText(/^[٠-٩]+$/);
  await page.screenshot({ path: 'test-results/board-larger-arab-digits.png' });

  // Back to the language's own digits and the standard size, by mouse this time.
  await page.getByTestId('display-open').click();
  await page.getByRole('radio', { name: 'The language’s own' }).check();
  await page.getByRole('radio', { name: 'Standard' }).check();
  await expect.poll(() => rootFontPx(page)).toBe(16);
  await expect(count).toHaveText(/^[0-9]+$/);
});

/** WCAG 1.4.12's spacing, as a reader's own style sheet sets it. */
const TEXT_SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-block-end: 2em !important; }`;

/** Elements whose text is cut off: more content than box, where the box hides what overflows. */
const clipped = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => {
        const s = getComputedStyle(el);
        if (!el.textContent?.trim() || el.offsetParent === null || el.closest('.sr-only'))
          return false;
        const hides = (o: string) => o === 'hidden' || o === 'clip';
        // A one-line title cut with an ellipsis is shown whole on hover and in the ticket.
        const ellipsis = s.textOverflow === 'ellipsis';
        return (
          (hides(s.overflowY) && el.scrollHeight > el.clientHeight + 2) ||
          (hides(s.overflowX) && !ellipsis && el.scrollWidth > el.clientWidth + 2)
        );
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent!.slice(0, 40)}`),
  );

for (const size of ['standard', 'larger'] as const)
  test(`WCAG text spacing at ${size} size: no text cut off on intake, board and ticket`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, host.url, 'analyst');
    await page.getByTestId('display-open').click();
    await page.getByRole('radio', { name: size === 'larger' ? 'Larger' : 'Standard' }).check();
    await page.keyboard.press('Escape');
    // As a reader's bookmarklet does it (the app's CSP rightly refuses inline style tags).
    await page.evaluate((css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }, TEXT_SPACING);
    expect(await clipped(page), 'intake').toEqual([]);
    await page.keyboard.press('F4');
    await expect(page.getByTestId('column-new')).toBeVisible();
    expect(await clipped(page), 'board').toEqual([]);
    // F4 puts the focus on a card once the board has drawn them.
    await expect(page.locator('.tcard:focus')).toHaveCount(1);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('ticket-record')).toBeVisible();
    expect(await clipped(page), 'ticket').toEqual([]);
    await page.screenshot({ path: `test-results/text-spacing-${size}.png` });
  });
