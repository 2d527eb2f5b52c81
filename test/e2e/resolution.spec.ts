import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { signIn } from '../helpers/ui.ts';

async function takeCall(page: Page, summary: string, description: string): Promise<void> {
  await page.getByLabel(/New caller: Name/).fill('Noor Haddad');
  await page.getByLabel('Phone', { exact: true }).fill('+44 20 7946 0555');
  await page.getByLabel('Category').selectOption({ label: 'Laptop or desktop fault' });
  await page.getByLabel('Impact').selectOption({ label: 'Medium' });
  await page.getByLabel('Urgency').selectOption({ label: 'Medium' });
  await page.getByLabel('Summary').fill(summary);
  await page.getByLabel('Description').fill(description);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('toast')).toContainText('Call saved');
}

test.describe('documentation and resolution', () => {
  test.describe.configure({ mode: 'serial' });
  let host: HostProcess;
  test.beforeAll(async () => {
    host = await startHostProcess();
  });
  test.afterAll(async () => {
    await host.stop();
  });

  test('answer the SOP script; resolving with a required answer missing is refused, naming it; then resolve and find it by its solution', async ({
    page,
  }) => {
    await signIn(page, host.url);
    await takeCall(page, 'Laptop dead after docking', 'Black screen since it was docked.');

    // Open it from search everywhere, all by keyboard.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('docking');
    await expect(page.getByRole('option', { name: /LON-000001/ })).toBeVisible();
    await page.keyboard.press('Enter');
    const ticket = page.getByRole('dialog', { name: /LON-000001 Laptop dead after docking/ });
    await expect(ticket).toBeVisible();

    // Alt+Q lands on the first SOP question.
    await page.keyboard.press('Alt+q');
    const want = ticket.getByLabel(/What does the customer need to be able to do\? \(required\)/);
    await expect(want).toBeFocused();
    await page.keyboard.type('Work from the docking station again');
    await ticket.getByLabel(/Does it power on/).selectOption('yes');
    await ticket.getByLabel(/What did they do just before/).fill('Moved desks, new dock.');
    // "Can it be reproduced?" (required) stays unanswered.

    await page.keyboard.press('Alt+r');
    await expect(ticket.getByLabel('Solution', { exact: true })).toBeFocused();
    await page.keyboard.type('Reseated the memory module and updated the dock firmware.');
    await ticket.getByLabel('Root cause').selectOption({ label: 'Hardware fault' });
    await ticket.getByLabel('Solution', { exact: true }).focus();
    await page.keyboard.press('Control+Enter');

    const reproduce = ticket.getByLabel(/Can it be reproduced\? \(required\)/);
    await expect(
      ticket.getByRole('alert').filter({ hasText: 'Answer these SOP questions first' }),
    ).toHaveText('Answer these SOP questions first: Can it be reproduced?');
    await expect(reproduce).toHaveAttribute('aria-invalid', 'true');
    await expect(reproduce).toBeFocused();
    await expect(ticket.getByLabel('Status')).toHaveValue('new');
    // The answers given were saved anyway, by their author.
    await expect(ticket.getByTestId('history')).toContainText(
      'Amira Haddad answered “What does the customer need to be able to do?”: Work from the docking station again',
    );

    // Refused for the closing contact too, said next to its field.
    await expect(ticket.getByLabel('Why no closing contact was possible')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await reproduce.selectOption('no');
    // The closing call, logged by keyboard from the ticket (Alt+K).
    await page.keyboard.press('Alt+k');
    await expect(ticket.getByLabel('Direction')).toBeFocused();
    await ticket.getByLabel('Duration (min or m:ss)').fill('3');
    await ticket
      .getByLabel('What was said')
      .fill('Customer confirms the laptop works on the dock.');
    await ticket.getByLabel(/Closing contact: the customer was told/).check();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast').last()).toHaveText('Contact logged on LON-000001');
    await expect(ticket.getByTestId('closing-contact')).toContainText(
      'Customer confirms the laptop works on the dock.',
    );
    await page.keyboard.press('Alt+r');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast').last()).toHaveText('LON-000001 resolved');
    await expect(ticket.getByLabel('Status')).toHaveValue('resolved');
    await expect(ticket.getByTestId('resolution')).toContainText(
      'Reseated the memory module and updated the dock firmware.',
    );
    await expect(ticket.getByTestId('resolution')).toContainText('Resolved by Amira Haddad');
    await expect(ticket.getByTestId('history')).toContainText(
      'Amira Haddad resolved it (Hardware fault): “Reseated the memory module',
    );

    await page.keyboard.press('Escape');
    await expect(ticket).toBeHidden();
    await page.keyboard.press('Control+k');
    await page.keyboard.type('reseated');
    const hit = page.getByRole('option', { name: /LON-000001 Laptop dead after docking/ });
    await expect(hit).toBeVisible();
    await expect(hit.locator('mark')).toHaveText(['Reseated']);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: /LON-000001/ })).toBeVisible();
  });

  test('a new ticket is offered the similar resolved one; Alt+1 reuses its solution', async ({
    page,
  }) => {
    await signIn(page, host.url);
    await takeCall(
      page,
      'Docking station not detected',
      'Laptop ignores the dock after a firmware prompt.',
    );
    await page.keyboard.press('Control+k');
    await page.keyboard.type('detected');
    await expect(page.getByRole('option', { name: /LON-000002/ })).toBeVisible();
    await page.keyboard.press('Enter');
    const ticket = page.getByRole('dialog', { name: /Docking station not detected/ });
    const similar = ticket.getByTestId('similar');
    await expect(similar).toContainText('LON-000001');
    await expect(similar).toContainText(
      'Reseated the memory module and updated the dock firmware.',
    );
    await page.keyboard.press('Alt+1');
    await expect(ticket.getByLabel('Solution', { exact: true })).toHaveValue(
      'Reseated the memory module and updated the dock firmware.',
    );
    await expect(ticket.getByLabel('Solution', { exact: true })).toBeFocused();

    // The whole workspace, every form unfolded, in both themes: no axe violations.
    for (const keys of ['Alt+e', 'Alt+p', 'Alt+m', 'Alt+k', 'Alt+u'])
      await page.keyboard.press(keys);
    for (const theme of ['light', 'dark']) {
      expect((await new AxeBuilder({ page }).analyze()).violations, `ticket ${theme}`).toEqual([]);
      await page.keyboard.press('Alt+t');
    }
  });

  test('supervisors edit a category script; the new required question then blocks resolving', async ({
    page,
  }) => {
    await signIn(page, host.url, 'supervisor');
    await page.keyboard.press('F9');
    const editor = page.getByRole('form', { name: 'SOP scripts' });
    await editor.getByLabel('Category').selectOption({ label: 'Laptop or desktop fault' });
    await expect(editor.getByText(/Version 1/)).toBeVisible();
    await editor.getByRole('button', { name: 'Add a question' }).click();
    const n = await editor.getByRole('row').count();
    await editor
      .getByLabel(`Question ${n - 1}`, { exact: true })
      .fill('Asset tag on the underside');
    await editor.getByLabel(`Required to resolve ${n - 1}`, { exact: true }).check();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await editor.getByLabel(`Question ${n - 1}`, { exact: true }).focus();
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('toast').last()).toHaveText('Script saved as version 2');

    // The open laptop ticket now asks it, and cannot be resolved without it.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('detected');
    await expect(page.getByRole('option', { name: /LON-000002/ })).toBeVisible();
    await page.keyboard.press('Enter');
    const ticket = page.getByRole('dialog', { name: /LON-000002/ });
    await expect(ticket.getByLabel(/Asset tag on the underside \(required\)/)).toBeVisible();
  });

  test('split off a second problem, then merge it back as a duplicate; both histories name each other', async ({
    page,
  }) => {
    await signIn(page, host.url);
    await page.keyboard.press('Control+k');
    await page.keyboard.type('detected');
    await expect(page.getByRole('option', { name: /LON-000002/ })).toBeVisible();
    await page.keyboard.press('Enter');
    const original = page.getByRole('dialog', { name: /LON-000002/ });
    // The shortcut works once the ticket has loaded into the panel.
    await expect(original).toBeVisible();
    await page.keyboard.press('Alt+p');
    await expect(original.locator('#ticket-split-title')).toBeFocused();
    await page.keyboard.type('Second monitor flickers');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast').last()).toHaveText(
      'LON-000003 split off from LON-000002',
    );
    await expect(original.getByTestId('links')).toContainText('Split into LON-000003');
    await expect(original.getByTestId('history')).toContainText(
      'Amira Haddad split LON-000003 off it: “Second monitor flickers”',
    );

    await original.getByRole('button', { name: 'Open LON-000003' }).click();
    const split = page.getByRole('dialog', { name: /LON-000003 Second monitor flickers/ });
    await expect(split).toBeVisible();
    await page.keyboard.press('Alt+m');
    await page.keyboard.type('lon-000002');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('toast').last()).toHaveText('Merged into LON-000002');
    // The original is shown again, carrying the merge.
    await expect(original.getByTestId('history')).toContainText(
      'Amira Haddad merged LON-000003 into it: “Second monitor flickers”',
    );
    await expect(original.getByTestId('links')).toContainText('Duplicated by LON-000003');
    await page.keyboard.press('Escape');
    await page.keyboard.press('F4');
    await expect(page.getByTestId('column-resolved')).toContainText('LON-000003');
  });
});
