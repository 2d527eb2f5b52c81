import { expect, test, type Page } from '@playwright/test';
import { SOP_TRANSLATIONS } from '../../src/demo/sop-translations.ts';
import {
  createTranslator,
  type Locale,
  type MessageKey,
  type Vars,
} from '../../src/shared/i18n/index.ts';
import { expectFocusOn } from '../helpers/focus.ts';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { focusedName, tabTo } from '../helpers/ui.ts';

/**
 * The whole call by keyboard in each of the desk's five languages: the language picked on the
 * sign-in screen, a caller found by her number, two problems saved, the board, the ticket, a
 * closing contact, the SOP questions in the analyst's own language, and the resolution. Every
 * label and message is looked up in the language's catalog, so a key that shows English (or a
 * label the keyboard cannot reach) fails here.
 */
const LANGUAGES: Locale[] = ['en', 'fr', 'el', 'hi', 'ar'];

const exact = (s: string) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const starts = (s: string) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

for (const locale of LANGUAGES) {
  test.describe(`a whole call by keyboard in ${locale}`, () => {
    test.use({ viewport: { width: 1366, height: 768 } });
    let host: HostProcess;
    test.beforeAll(async () => {
      host = await startHostProcess(undefined, ['--test-clock', '2026-11-23T09:00:00Z']);
    });
    test.afterAll(async () => host?.stop());

    test(`sign in, two problems, board, ticket, resolve (${locale})`, async ({ page }) => {
      test.setTimeout(120_000);
      const tr = createTranslator(locale, { region: 'GB' });
      const t = (key: MessageKey, vars?: Vars) => tr.t(key, vars);
      // The demo desk's SOP questions, as the analyst's language has them.
      const question = (english: string) =>
        locale === 'en' ? english : SOP_TRANSLATIONS[english]![locale];

      await signInIn(page, host.url, locale);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');

      // 1. The caller, found by her number as she says it.
      await page.keyboard.press('F2');
      await expect.poll(() => focusedName(page)).toMatch(starts(t('intake.callerSearch')));
      await page.keyboard.type('020/7946 0018');
      await expect(page.getByRole('option', { name: /Margaret Okafor/ })).toBeVisible();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('caller-card')).toContainText('Margaret Okafor');

      // 2. Problem 1: the VPN drops (impact high, urgency medium, chosen with the arrows).
      await tabTo(page, exact(t('intake.category')));
      await page.keyboard.type('VPN');
      await tabTo(page, exact(t('intake.impact')));
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await expect(page.getByLabel(t('intake.impact'), { exact: true }).first()).toHaveValue('1');
      await expect(page.getByLabel(t('intake.urgency'), { exact: true }).first()).toHaveValue('2');
      await expect(page.getByTestId('priority-0')).not.toHaveText('—');
      await tabTo(page, exact(t('intake.titleField')));
      await page.keyboard.type(`VPN ${locale} drops every hour`);

      // 3. Problem 2: a printer that jams.
      await page.keyboard.press('Alt+a');
      await expect.poll(() => focusedName(page)).toBe(t('intake.category'));
      await page.keyboard.type('Printer');
      await tabTo(page, exact(t('intake.impact')));
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Tab');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
      await tabTo(page, exact(t('intake.titleField')));
      await page.keyboard.type(`Printer ${locale} jams on floor 2`);

      // 4. Saved, both of them, in the language's own words; the form back at its top.
      await page.keyboard.press('Control+Enter');
      await expect(page.getByTestId('toast').last()).toHaveText(
        tr.plural('intake.saved', 2, { keys: tr.list(['LON-000001', 'LON-000002']) }),
      );
      await expect.poll(() => focusedName(page)).toMatch(starts(t('intake.callerSearch')));

      // 5. The board: F4 puts the focus on a card, Enter opens it.
      await page.keyboard.press('F4');
      const card = page.locator('[data-ticket="LON-000001"]');
      await expect(card).toBeVisible();
      await card.focus();
      await page.keyboard.press('Enter');
      const ticket = page.getByRole('dialog', { name: /LON-000001/ });
      await expect(ticket.getByTestId('history')).toBeVisible();

      // 6. A closing contact with the customer.
      await page.keyboard.press('Alt+k');
      await expect(ticket.getByLabel(t('contact.direction'))).toBeFocused();
      await tabTo(page, starts(t('contact.summary')));
      await page.keyboard.type('Tunnel holds after the fix.');
      await tabTo(page, starts(t('contact.closing')));
      await page.keyboard.press('Space');
      await page.keyboard.press('Control+Enter');
      await expect(page.getByTestId('toast').last()).toHaveText(
        t('contact.saved', { key: 'LON-000001' }),
      );
      await expectFocusOn(
        page,
        ticket.getByTestId('contact-log').getByRole('listitem').first(),
        'logging a contact',
      );

      // 7. The SOP questions in the analyst's language (Alt+Q), then the resolution (Alt+R).
      await page.keyboard.press('Alt+q');
      await expect
        .poll(() => focusedName(page))
        .toMatch(starts(question('What does the customer need to be able to do?')));
      await page.keyboard.type('Stay connected all day');
      await tabTo(
        page,
        starts(question('Where is the user connecting from (home, hotel, mobile)?')),
      );
      await page.keyboard.type('Home office');
      await tabTo(page, starts(question('Can it be reproduced?')));
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Alt+r');
      await expect(ticket.getByLabel(t('ticket.solution'), { exact: true })).toBeFocused();
      await page.keyboard.type('Raised the rekey margin.');
      await page.keyboard.press('Control+Enter');
      await expect(
        page.getByTestId('toast').filter({ hasText: t('ticket.resolved', { key: 'LON-000001' }) }),
      ).toBeVisible();
      await expectFocusOn(
        page,
        ticket.getByRole('button', { name: starts(t('ticket.reopen')) }),
        'resolving',
      );
      // Nothing on the ticket fell back to English where the language has its own words.
      if (locale !== 'en')
        await expect(
          ticket.getByRole('heading', { name: starts(t('ticket.script')) }),
        ).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(ticket).toBeHidden();
    });
  });
}

/** The sign-in screen in the language picked on it, then the credentials typed. */
async function signInIn(page: Page, url: string, locale: Locale) {
  const t = createTranslator(locale).t;
  await page.goto(url);
  const picker = page.getByTestId('language-picker');
  await picker.focus();
  await picker.selectOption(locale);
  await expect(page.getByLabel(t('signIn.username'))).toBeVisible();
  await page.getByLabel(t('signIn.username')).focus();
  await page.keyboard.type('analyst');
  await page.keyboard.press('Tab');
  await expect.poll(() => focusedName(page)).toBe(t('signIn.password'));
  await page.keyboard.type('switchboard');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: starts(t('nav.signOut')) })).toBeVisible();
}
