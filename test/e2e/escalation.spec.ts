import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { signIn } from '../helpers/ui.ts';

test.describe('escalation between tiers', () => {
  let host: HostProcess;
  test.beforeAll(async () => {
    host = await startHostProcess();
  });
  test.afterAll(async () => {
    await host.stop();
  });

  test('tier 1 escalates with a reason; tier 2 sees it appear live on the panel and accepts it; the history names both', async ({
    browser,
  }) => {
    const first = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const second = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const analyst = await first.newPage();
    const tech2 = await second.newPage();
    await signIn(analyst, host.url, 'analyst');
    await signIn(tech2, host.url, 'tech2');

    // Tier 2 watches the escalation panel.
    await tech2.keyboard.press('F7');
    await expect(tech2.getByRole('heading', { name: 'Escalation panel' })).toBeVisible();
    await expect(tech2.getByTestId('panel-item')).toHaveCount(0);

    // Tier 1 takes a call and escalates it from the ticket, by keyboard.
    await analyst.getByLabel(/New caller: Name/).fill('Ingrid Larsen');
    await analyst.getByLabel('Phone', { exact: true }).fill('+44 20 7946 0300');
    await analyst.getByLabel('Category').selectOption({ label: 'VPN or remote access' });
    await analyst.getByLabel('Impact').selectOption({ label: 'Medium' });
    await analyst.getByLabel('Urgency').selectOption({ label: 'Medium' });
    await analyst.getByLabel('Summary').fill('VPN tunnel drops at every rekey');
    await analyst.keyboard.press('Control+Enter');
    await expect(analyst.getByTestId('toast').last()).toContainText('Call saved');
    await analyst.keyboard.press('Control+k');
    await analyst.keyboard.type('rekey');
    await expect(analyst.getByRole('option', { name: /LON-000001/ })).toBeVisible();
    await analyst.keyboard.press('Enter');
    const ticket = analyst.getByRole('dialog', { name: /LON-000001/ });
    await expect(ticket.getByTestId('ladder')).toContainText('Network, tier 1');
    await analyst.keyboard.press('Alt+u');
    await expect(ticket.getByLabel('Domain')).toBeFocused();
    await expect(ticket.getByLabel('Tier', { exact: true })).toHaveValue('2');
    await ticket.getByLabel('Reason').fill('Rekey fails on the concentrator side');
    await ticket
      .getByLabel('Escalation note')
      .fill('Client logs attached; reinstalling did not help.');
    await analyst.keyboard.press('Control+Enter');
    await expect(analyst.getByTestId('toast').last()).toHaveText('LON-000001 escalated');
    await expect(ticket.getByTestId('escalation-state')).toContainText(
      'Waiting for Network, tier 2 to accept it, escalated by Amira Haddad',
    );

    // It appears on tier 2's panel without a reload.
    const row = tech2.getByTestId('panel-item').filter({ hasText: 'LON-000001' });
    await expect(row).toContainText(
      'Awaiting acceptance · Amira Haddad: Rekey fails on the concentrator side',
    );
    await expect(row).toContainText('Network, tier 2');
    expect(
      (await new AxeBuilder({ page: tech2 }).include('.panel-view').analyze()).violations,
    ).toEqual([]);

    // Accept from the panel by keyboard: A, the assignee is himself, Ctrl+Enter.
    await row.focus();
    await tech2.keyboard.press('a');
    const assignee = row.getByLabel('Give it to');
    await expect(assignee).toBeFocused();
    await expect(assignee).toHaveValue(/.+/);
    await tech2.keyboard.press('Control+Enter');
    await expect(tech2.getByTestId('toast').last()).toHaveText('LON-000001 accepted');
    await expect(row).toHaveCount(0); // nothing needs anyone now

    // The analyst's open ticket follows live: both steps, with their authors, and the ladder.
    const history = ticket.getByTestId('history');
    await expect(history).toContainText(
      'Amira Haddad escalated it to Network, tier 2: “Rekey fails on the concentrator side”. Note: Client logs attached',
    );
    await expect(history).toContainText('Tomás Ortega accepted it and gave it to Tomás Ortega');
    await expect(ticket.getByTestId('ladder').locator('tbody tr')).toHaveCount(2);
    await expect(ticket.getByTestId('ladder')).toContainText('Tomás Ortega');
    await first.close();
    await second.close();
  });
});
