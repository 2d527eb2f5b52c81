import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The focus is on `target` (document.activeElement is it), and so not on the page itself: where
 * the focus falls to <body>, the ticket's shortcuts and the panel's one-key actions stop working.
 */
export async function expectFocusOn(page: Page, target: Locator, what: string): Promise<void> {
  await expect(target, `focus after ${what}`).toBeFocused();
  const active = await page.evaluate(() => document.activeElement?.tagName ?? 'none');
  expect(active, `focus after ${what}`).not.toBe('BODY');
}

/**
 * Nothing covers the middle of `target` and it is not inert: a toast under the ticket's modal
 * drawer is in the DOM (toHaveText passes) but nobody sees it or hears it.
 */
export async function expectOnTop(target: Locator): Promise<void> {
  await expect(target).toBeVisible();
  await expect
    .poll(
      () =>
        target.evaluate((el) => {
          const r = el.getBoundingClientRect();
          const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
          return hit && el.contains(hit) ? 'on top' : `covered by ${hit?.outerHTML.slice(0, 80)}`;
        }),
      { message: 'the toast can be seen' },
    )
    .toBe('on top');
}

/** Opens a ticket from search everywhere by a word of it, by keyboard; returns its workspace. */
export async function openByWord(page: Page, word: string, key: string): Promise<Locator> {
  await page.keyboard.press('Control+k');
  await page.keyboard.type(word);
  await expect(page.getByRole('option', { name: new RegExp(key) })).toBeVisible();
  await page.keyboard.press('Enter');
  const ticket = page.getByRole('dialog', { name: new RegExp(key) });
  await expect(ticket.getByTestId('history')).toBeVisible();
  return ticket;
}
