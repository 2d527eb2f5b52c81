import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { signIn } from '../helpers/ui.ts';

/** Nothing cut off: no scrolling, and every tile inside the screen. */
async function fitsTheScreen(page: Page): Promise<void> {
  const size = await page.evaluate(() => ({
    scrollW: document.documentElement.scrollWidth,
    scrollH: document.documentElement.scrollHeight,
    w: innerWidth,
    h: innerHeight,
  }));
  expect(size.scrollW).toBeLessThanOrEqual(size.w);
  expect(size.scrollH).toBeLessThanOrEqual(size.h);
  for (const box of await page.locator('.wall-tile, .wall-prio, .hour-chart, .bar-list').all()) {
    const b = (await box.boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.y).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(size.w + 0.5);
    expect(b.y + b.height).toBeLessThanOrEqual(size.h + 0.5);
  }
}

/** A display's browser: a page of that size at /wallboard, signed in with the wall-board role. */
async function openWall(browser: Browser, url: string, width: number, height: number) {
  const context = await browser.newContext({ viewport: { width, height } });
  const wall = await context.newPage();
  await wall.goto(`${url}wallboard`);
  await wall.getByLabel('User name').fill('wallboard');
  await wall.getByLabel('Password').fill('switchboard');
  await wall.keyboard.press('Enter');
  await expect(wall.getByTestId('wallboard')).toBeVisible();
  return { context, wall };
}

test.describe('the wall-board', () => {
  let host: HostProcess;
  test.beforeAll(async () => {
    host = await startHostProcess();
  });
  test.afterAll(async () => {
    await host.stop();
  });

  test('at /wallboard, 1920×1080: readable, live by push within two seconds, and the display can write nothing', async ({
    browser,
  }) => {
    const { context: wallContext, wall } = await openWall(browser, host.url, 1920, 1080);
    await expect(wall.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
    await fitsTheScreen(wall);
    await wall.screenshot({ path: 'test-results/wallboard-1920x1080.png' });
    expect((await new AxeBuilder({ page: wall }).analyze()).violations).toEqual([]);
    const p1 = wall.getByTestId('wall-p1-value');
    const calls = wall.getByTestId('wall-calls-value');
    const before = Number(await p1.textContent());
    const callsBefore = Number(await calls.textContent());

    // Somewhere else on the desk, an analyst takes a Business failure call.
    const desk = await browser.newContext();
    const analyst = await desk.newPage();
    await signIn(analyst, host.url);
    await analyst.getByLabel(/New caller: Name/).fill('Hana Sato');
    await analyst.getByLabel('Phone', { exact: true }).fill('+44 20 7946 0400');
    await analyst.getByLabel('Category').selectOption({ label: 'Network outage' });
    await analyst.getByLabel('Impact').selectOption({ label: 'High' });
    await analyst.getByLabel('Urgency').selectOption({ label: 'High' });
    await analyst.getByLabel('Summary').fill('Trading floor offline');
    await analyst.keyboard.press('Control+Enter');
    await expect(analyst.getByTestId('toast').last()).toContainText('Call saved');

    // The wall follows without a reload, by push (how fast is the bench's business, not a test's).
    await expect(p1).toHaveText(String(before + 1));
    await expect(calls).toHaveText(String(callsBefore + 1));
    await fitsTheScreen(wall);

    // The display's sign-in can read the wall-board and nothing else.
    for (const method of ['intake.submit', 'tickets.board', 'desk.info', 'policy.update']) {
      const res = await wall.request.post(`${host.url}api/${method}`, {
        data: {},
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status(), method).toBe(403);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    await wallContext.close();
    await desk.close();
  });

  test('at 3840×2160 everything fits side by side, without scrolling', async ({ browser }) => {
    const { context, wall } = await openWall(browser, host.url, 3840, 2160);
    // On a 4K wall the queue, tier and analyst lists all stand at once.
    await expect(wall.locator('.bar-list')).toHaveCount(3);
    await fitsTheScreen(wall);
    await context.close();
  });

  test('says Reconnecting… while the network is away, then carries on', async ({ browser }) => {
    const { context, wall } = await openWall(browser, host.url, 1920, 1080);
    await expect(wall.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
    await context.setOffline(true);
    await expect(wall.getByRole('status').filter({ hasText: 'Reconnecting…' })).toBeVisible();
    await context.setOffline(false);
    await expect(wall.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
    await context.close();
  });
});
