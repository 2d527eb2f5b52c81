import { expect, test, type Page } from '@playwright/test';
import { expectFocusOn, expectOnTop, openByWord } from '../helpers/focus.ts';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { signIn } from '../helpers/ui.ts';

async function takeCall(page: Page, summary: string): Promise<void> {
  await page.keyboard.press('F2');
  await page.getByLabel(/New caller: Name/).fill('Ines Moreau');
  await page.getByLabel('Phone', { exact: true }).fill('+44 20 7946 0410');
  await page.getByLabel('Category').selectOption({ label: 'VPN or remote access' });
  await page.getByLabel('Impact').selectOption({ label: 'Medium' });
  await page.getByLabel('Urgency').selectOption({ label: 'Medium' });
  await page.getByLabel('Summary').fill(summary);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('toast').last()).toContainText('Call saved');
}

/** Alt+U in the open ticket, a reason, Ctrl+Enter: the focus lands on the escalation's status. */
async function escalate(page: Page, word: string, key: string): Promise<void> {
  const ticket = await openByWord(page, word, key);
  await page.keyboard.press('Alt+u');
  await expect(ticket.getByLabel('Domain')).toBeFocused();
  await ticket.getByLabel('Reason').fill(`Needs tier 2: ${word}`);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('toast').last()).toHaveText(`${key} escalated`);
  await expectFocusOn(page, ticket.getByTestId('escalation-state'), 'escalating');
  await expect(ticket.getByTestId('escalation-state')).toContainText('Waiting for Network, tier 2');
  await page.keyboard.press('Escape');
  await expect(ticket).toBeHidden();
}

test.describe('focus after each action', () => {
  test.describe.configure({ mode: 'serial' });
  let host: HostProcess;
  test.beforeAll(async () => {
    host = await startHostProcess();
  });
  test.afterAll(async () => {
    await host.stop();
  });

  test('in the ticket: saving the fields, logging a contact, resolving, reopening and escalating each leave the focus on the next action', async ({
    page,
  }) => {
    await signIn(page, host.url);
    // F7 with nothing on the panel: its heading, not the page.
    await page.keyboard.press('F7');
    await expect(page.getByText('Nothing needs anyone right now.')).toBeVisible();
    await expectFocusOn(page, page.getByRole('heading', { name: 'Escalation panel' }), 'F7');

    await takeCall(page, 'Tunnel drops at rekey');
    const ticket = await openByWord(page, 'rekey', 'LON-000001');

    // Fields saved: the form folds away (a fresh one for the new version); the focus on its summary.
    await page.keyboard.press('Alt+e');
    await expect(ticket.locator('#ticket-edit-title')).toBeFocused();
    await page.keyboard.type(' (since Monday)');
    await page.keyboard.press('Control+Enter');
    await expect(
      ticket.getByRole('heading', { name: /Tunnel drops at rekey \(since Monday\)/ }),
    ).toBeVisible();
    await expectFocusOn(
      page,
      ticket.locator('summary', { hasText: 'Edit fields' }),
      'saving the fields',
    );

    // A contact logged: the focus is on the new entry of the log.
    await page.keyboard.press('Alt+k');
    await expect(ticket.getByLabel('Direction')).toBeFocused();
    await ticket.getByLabel('What was said').fill('Told the customer the tunnel holds now.');
    await ticket.getByLabel(/Closing contact: the customer was told/).check();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast').last()).toHaveText('Contact logged on LON-000001');
    const newest = ticket.getByTestId('contact-log').getByRole('listitem').first();
    await expectFocusOn(page, newest, 'logging a contact');
    await expect(newest).toContainText('Told the customer the tunnel holds now.');

    // Resolved: it says so where it can be seen, and the focus is on Reopen.
    await ticket.getByLabel(/What does the customer need to be able to do/).fill('Stay on VPN');
    await ticket.getByLabel(/Where is the user connecting from/).fill('Home');
    await ticket.getByLabel(/Can it be reproduced/).selectOption('yes');
    await page.keyboard.press('Alt+r');
    await expect(ticket.getByLabel('Solution', { exact: true })).toBeFocused();
    await page.keyboard.type('Raised the rekey margin on the concentrator.');
    await page.keyboard.press('Control+Enter');
    const resolvedToast = page.getByTestId('toast').filter({ hasText: 'LON-000001 resolved' });
    await expectOnTop(resolvedToast);
    await expect(ticket.getByLabel('Status')).toHaveValue('resolved');
    await expectFocusOn(page, ticket.getByRole('button', { name: /Reopen/ }), 'resolving');

    // Reopened: back in the form that resolves it again.
    await page.keyboard.press('Alt+r');
    await page.keyboard.type('Drops again since the weekend');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast').last()).toHaveText('LON-000001 reopened');
    await expect(ticket.getByLabel('Status')).not.toHaveValue('resolved');
    await expectFocusOn(page, ticket.getByLabel('Solution', { exact: true }), 'reopening');
    await page.keyboard.press('Escape');
    await expect(ticket).toBeHidden();

    // Escalated: the focus is on the escalation waiting for tier 2.
    await escalate(page, 'rekey', 'LON-000001');
    for (const [n, word] of [
      [2, 'handshake'],
      [3, 'certificate'],
      [4, 'split-tunnel'],
    ] as const) {
      await takeCall(page, `VPN ${word} fails`);
      await escalate(page, word, `LON-00000${n}`);
    }
  });

  test('on the panel: F7 focuses the first ticket; after R, S and A the focus stays on the list', async ({
    page,
  }) => {
    await signIn(page, host.url, 'tech2');
    await page.keyboard.press('F7');
    const items = page.getByTestId('panel-item');
    await expect(items).toHaveCount(4);
    // At once: ↓ and the one-key actions work without a click.
    await expectFocusOn(page, items.nth(0), 'F7');
    await page.keyboard.press('ArrowDown');
    await expectFocusOn(page, items.nth(1), '↓');

    // R on the second: it goes back to tier 1 and stays listed (returned); the focus on it.
    const returned = await items.nth(1).getAttribute('aria-label');
    await page.keyboard.press('r');
    await expect(page.getByLabel('Why it goes back')).toBeFocused();
    await page.keyboard.type('Tier 1 has not checked the client logs');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast').last()).toHaveText(/LON-00000\d returned/);
    const returnedRow = page.getByRole('listitem', { name: returned! });
    await expect(returnedRow).toContainText('Returned: Tier 1 has not checked the client logs');
    await expectFocusOn(page, returnedRow, 'returning from the panel');

    // S on it: given to someone, it is picked up and leaves the list; its neighbour has the focus.
    const labels = () => items.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    const at = (await labels()).indexOf(returned);
    await page.keyboard.press('s');
    await expect(page.getByLabel('Assignee')).toBeFocused();
    await page.getByLabel('Assignee').selectOption({ label: 'Tomás Ortega' });
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast').last()).toHaveText(/LON-00000\d assigned/);
    await expect(returnedRow).toHaveCount(0);
    await expect(items).toHaveCount(3);
    await expectFocusOn(page, items.nth(Math.min(at, 2)), 'assigning from the panel');

    // A on the focused one (all three wait for tier 2): accepted, it leaves; likewise.
    const accepting = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    const atAccept = (await labels()).indexOf(accepting!);
    await page.keyboard.press('a');
    await expect(page.getByLabel('Give it to')).toBeFocused();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast').last()).toHaveText(/LON-00000\d accepted/);
    await expect(items).toHaveCount(2);
    await expectFocusOn(page, items.nth(Math.min(atAccept, 1)), 'accepting from the panel');
    await page.keyboard.press('ArrowUp');
    await expectFocusOn(page, items.nth(0), '↑ after accepting');
  });

  test('in the ticket: accepting and returning an escalation leave the focus on the escalation status', async ({
    page,
  }) => {
    await signIn(page, host.url, 'tech2');
    await page.keyboard.press('F7');
    const pending = page
      .getByTestId('panel-item')
      .filter({ hasText: 'Awaiting acceptance' })
      .filter({ hasNotText: 'Returned' });
    await expect(pending).toHaveCount(2);
    const [first, second] = [
      (await pending.nth(0).getAttribute('aria-label'))!.split(' ')[0]!,
      (await pending.nth(1).getAttribute('aria-label'))!.split(' ')[0]!,
    ];

    // Accept, in the ticket: the form's field focused, then the ticket's tier after it.
    await pending.nth(0).focus();
    await page.keyboard.press('Enter');
    let ticket = page.getByRole('dialog', { name: new RegExp(first) });
    await ticket.getByRole('button', { name: 'Accept', exact: true }).click();
    await expectFocusOn(page, ticket.getByLabel('Give it to'), 'choosing Accept');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast').last()).toHaveText(`${first} accepted`);
    await expect(ticket.getByTestId('escalation-state')).toHaveCount(0);
    await expectFocusOn(page, ticket.getByTestId('tier-position'), 'accepting in the ticket');
    await expect(ticket.getByTestId('tier-position')).toContainText('Network, tier 2');
    await page.keyboard.press('Escape');
    await expect(ticket).toBeHidden();

    // Return, in the ticket: the focus on the returned escalation.
    await page.getByTestId('panel-item').filter({ hasText: second }).focus();
    await page.keyboard.press('Enter');
    ticket = page.getByRole('dialog', { name: new RegExp(second) });
    await ticket.getByRole('button', { name: 'Return', exact: true }).click();
    await expectFocusOn(page, ticket.getByLabel('Why it goes back'), 'choosing Return');
    await page.keyboard.type('Wrong domain: this is the proxy');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast').last()).toHaveText(`${second} returned`);
    await expectFocusOn(page, ticket.getByTestId('escalation-state'), 'returning in the ticket');
    await expect(ticket.getByTestId('escalation-state')).toContainText(
      'Wrong domain: this is the proxy',
    );
  });

  test('toasts: a new refusal replaces the standing one, a success clears it, all seen over the ticket', async ({
    page,
  }) => {
    await signIn(page, host.url);
    const toasts = page.getByTestId('toast');
    const errors = toasts.and(page.locator('.toast--error'));
    // An empty call saved: refused. Again with the summary typed: refused for less, and that
    // refusal replaces the first (read once it shows: both change in one step, no waiting).
    await page.keyboard.press('F2');
    await page.getByLabel(/New caller: Name/).focus();
    await page.keyboard.press('Control+Enter');
    await expect(errors).toHaveCount(1);
    const first = (await errors.textContent())!;
    await page.getByLabel('Summary').fill('VPN keepalive lost');
    await page.keyboard.press('Control+Enter');
    await expect(errors.filter({ hasNotText: first })).toBeVisible();
    expect(await errors.allTextContents(), 'errors standing').toHaveLength(1);

    // The call saved: the confirmation, and the refusal gone with it.
    await takeCall(page, 'VPN keepalive lost');
    expect(await toasts.allTextContents(), 'toasts standing').toEqual([
      expect.stringMatching(/^Call saved: ticket LON-\d{6}$/),
    ]);
    const key = /LON-\d{6}/.exec((await toasts.textContent())!)![0];

    // Over the open ticket, the confirmation is seen where the analyst looks, inside it.
    const ticket = await openByWord(page, 'keepalive', key);
    await page.keyboard.press('Alt+n');
    await page.keyboard.type('Checked the keepalive timer.');
    await page.keyboard.press('Control+Enter');
    const added = ticket.getByTestId('toast').filter({ hasText: `Note added to ${key}` });
    await expectOnTop(added);
  });
});
