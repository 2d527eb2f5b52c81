import { expect, test, type Page } from '@playwright/test';
import { expectFocusOn } from '../helpers/focus.ts';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { focusedName, signIn, tabTo } from '../helpers/ui.ts';

/**
 * The whole call as an experienced analyst takes it, without the mouse, on the two screens a
 * desk has: a 1366×768 laptop and a 1920×1080 workstation. The desk's clock is fixed at Monday
 * 09:00, so the planned event's window below has already started when the call is saved.
 */
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

/**
 * Types a date and time into a datetime-local field as the keyboard does (en-US segments): month,
 * day and year advance by themselves; the year takes up to six digits, so → moves on to the hour.
 */
async function typeDateTime(page: Page, mmddyyyy: string, hhmm: string, ampm: 'AM' | 'PM') {
  await page.keyboard.type(mmddyyyy);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type(hhmm);
  await page.keyboard.type(ampm);
}

for (const size of SIZES) {
  test.describe(`a whole call by keyboard at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });
    let host: HostProcess;
    test.beforeAll(async () => {
      host = await startHostProcess(undefined, ['--test-clock', '2026-11-23T09:00:00Z']);
    });
    test.afterAll(async () => {
      await host.stop();
    });

    test('caller found by a slash-written number, two problems (one a planned event already under way) saved, then documented, escalated and resolved with the focus always somewhere useful', async ({
      page,
    }) => {
      await signIn(page, host.url);

      // 1. The caller, found by her number as she says it.
      await page.keyboard.press('F2');
      await expect.poll(() => focusedName(page)).toMatch(/Find caller/);
      await page.keyboard.type('020/7946 0018');
      await expect(page.getByRole('option', { name: /Margaret Okafor/ })).toBeVisible();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('caller-card')).toContainText('Margaret Okafor');

      // 2. Problem 1: the VPN drops.
      await tabTo(page, /^Category$/);
      await page.keyboard.type('VPN');
      await tabTo(page, /^Impact$/);
      await page.keyboard.type('High');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Medium');
      await expect(page.getByTestId('priority-0')).toHaveText('P2 · Critical');
      await tabTo(page, /^Summary$/);
      await page.keyboard.type('VPN drops every hour at rekey');

      // 3. Problem 2: a planned move whose window started at 08:00, an hour before the call.
      await page.keyboard.press('Alt+a');
      await expect.poll(() => focusedName(page)).toBe('Category');
      await page.keyboard.type('On-site');
      await tabTo(page, /^Impact$/);
      await page.keyboard.type('Low');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Low');
      await expect(page.getByTestId('priority-1')).toHaveText('P4 · Planned event');
      await tabTo(page, /^Summary$/);
      await page.keyboard.type('Move the printers to floor 4');
      await expect(page.getByLabel('Summary').nth(1)).toHaveValue('Move the printers to floor 4');
      await tabTo(page, /^Planned window starts$/);
      await typeDateTime(page, '11232026', '0800', 'AM');
      await tabTo(page, /^Planned window ends$/);
      await typeDateTime(page, '11232026', '0500', 'PM');
      await expect(page.getByLabel('Planned window starts')).toHaveValue('2026-11-23T08:00');
      await expect(page.getByLabel('Planned window ends')).toHaveValue('2026-11-23T17:00');

      // 4. Saved, both of them; the form is back at its top for the next call.
      await page.keyboard.press('Control+Enter');
      await expect(page.getByTestId('toast').last()).toHaveText(
        'Call saved: tickets LON-000001 and LON-000002',
      );
      await expect.poll(() => focusedName(page)).toMatch(/Find caller/);
      await expect.poll(() => page.evaluate(() => document.scrollingElement?.scrollTop)).toBe(0);

      // 5. The board: F4 puts the focus on a card, Enter opens it.
      await page.keyboard.press('F4');
      const card = page.locator('[data-ticket="LON-000001"]');
      await expect(card).toBeVisible();
      await card.focus();
      await page.keyboard.press('Enter');
      const ticket = page.getByRole('dialog', { name: /LON-000001/ });
      await expect(ticket.getByTestId('history')).toBeVisible();

      // 6. Document: a contact with the customer; the focus on the new entry.
      await page.keyboard.press('Alt+k');
      await expect(ticket.getByLabel('Direction')).toBeFocused();
      await tabTo(page, /What was said/);
      await page.keyboard.type('Confirmed the tunnel holds after the rekey fix.');
      await tabTo(page, /Closing contact/);
      await page.keyboard.press('Space');
      await page.keyboard.press('Control+Enter');
      await expect(page.getByTestId('toast').last()).toHaveText('Contact logged on LON-000001');
      await expectFocusOn(
        page,
        ticket.getByTestId('contact-log').getByRole('listitem').first(),
        'logging a contact',
      );

      // 7. Resolve: the SOP questions (Alt+Q), then the resolution (Alt+R); the focus on Reopen.
      await page.keyboard.press('Alt+q');
      await expect(ticket.getByLabel(/What does the customer need to be able to do/)).toBeFocused();
      await page.keyboard.type('Stay connected all day');
      await tabTo(page, /Where is the user connecting from/);
      await page.keyboard.type('Home office');
      await tabTo(page, /Can it be reproduced/);
      await page.keyboard.type('Yes');
      await page.keyboard.press('Alt+r');
      await expect(ticket.getByLabel('Solution', { exact: true })).toBeFocused();
      await page.keyboard.type('Raised the rekey margin on the concentrator.');
      await page.keyboard.press('Control+Enter');
      await expect(
        page.getByTestId('toast').filter({ hasText: 'LON-000001 resolved' }),
      ).toBeVisible();
      await expectFocusOn(page, ticket.getByRole('button', { name: /Reopen/ }), 'resolving');

      // 8. It fails again the next hour: reopened (focus back on the solution), then escalated
      //    to tier 2 (focus on the escalation waiting).
      await page.keyboard.press('Alt+r');
      await page.keyboard.type('Drops again since the concentrator restarted');
      await page.keyboard.press('Control+Enter');
      await expect(page.getByTestId('toast').last()).toHaveText('LON-000001 reopened');
      await expectFocusOn(page, ticket.getByLabel('Solution', { exact: true }), 'reopening');
      await page.keyboard.press('Alt+u');
      await expect(ticket.getByLabel('Domain')).toBeFocused();
      await tabTo(page, /^Reason/);
      await page.keyboard.type('Needs the network engineers: concentrator config');
      await page.keyboard.press('Control+Enter');
      await expect(page.getByTestId('toast').last()).toHaveText('LON-000001 escalated');
      await expectFocusOn(page, ticket.getByTestId('escalation-state'), 'escalating');
      await page.keyboard.press('Escape');
      await expect(ticket).toBeHidden();

      // 9. The planned move was saved although its window had started: already past its
      //    response target, the desk's rules escalated it to tier 2 in the same save.
      await page.keyboard.press('Control+k');
      await page.keyboard.type('printers');
      await expect(page.getByRole('option', { name: /LON-000002/ })).toBeVisible();
      await page.keyboard.press('Enter');
      const move = page.getByRole('dialog', { name: /LON-000002/ });
      await expect(move.getByTestId('escalation-state')).toContainText(
        'escalated by the desk’s rules',
      );
      await page.keyboard.press('Escape');
      await expect(move).toBeHidden();
    });
  });
}
