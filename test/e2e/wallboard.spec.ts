import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { seedBusyDesk } from '../helpers/busy-desk.ts';
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

test.describe('the wall-board read from across the room', () => {
  let host: HostProcess;
  test.beforeAll(async () => {
    host = await startHostProcess(undefined, ['--test-clock', '2026-11-23T09:00:00Z']);
    await seedBusyDesk(host.url);
    // Two hours and five minutes on, nobody has answered the oldest ticket yet.
    const r = await fetch(`${host.url}test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 125 * 60_000 }),
    });
    expect(r.status).toBe(200);
  });
  test.afterAll(async () => {
    await host.stop();
  });

  for (const [width, height] of [
    [1920, 1080],
    [3840, 2160],
  ] as const)
    test(`${width}×${height}: bars with width, labels on one line, waits in words, a chart with axes`, async ({
      browser,
    }) => {
      const { context, wall } = await openWall(browser, host.url, width, height);
      await expect(wall.getByTestId('wall-oldest-value')).toHaveText('2 h 5 min');
      await fitsTheScreen(wall);

      // Each list's bars have a real share of its width, not a dot; the longest fills its track.
      for (const list of await wall.locator('.bar-list').all()) {
        const name = await list.getAttribute('aria-label');
        const listBox = (await list.boundingBox())!;
        const widths = await list
          .locator('.bar-list__track')
          .evaluateAll((tracks) =>
            tracks.map((t) => [
              t.getBoundingClientRect().width,
              t.firstElementChild!.getBoundingClientRect().width,
            ]),
          );
        for (const [track] of widths)
          expect(track! / listBox.width, `${name}: track`).toBeGreaterThan(0.35);
        const [track, longest] = widths.reduce((a, b) => (b[1]! > a[1]! ? b : a));
        expect(longest, `${name}: the longest bar fills its track`).toBeCloseTo(track!, 0);
        for (const label of await list.locator('.bar-list__label').all())
          expect(await label.evaluate((e) => e.scrollWidth <= e.clientWidth), `${name} label`).toBe(
            true,
          );
      }
      // "P1 · Business failure" on one line, beside its count.
      for (const label of await wall.locator('.wall-prio__label').all()) {
        const lines = await label.evaluate(
          (e) => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight),
        );
        expect(lines, (await label.textContent()) ?? '').toBeLessThan(1.5);
      }

      // The hourly chart: a labelled value axis with ascending ticks from 0, and the hours.
      const chart = wall.locator('.hour-chart');
      await expect(chart.locator('.hour-chart__y-title')).toHaveText('Tickets');
      const ticks = (await chart.locator('.hour-chart__tick').allTextContents()).map(Number);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      expect(ticks[0]).toBe(0);
      expect(ticks).toEqual([...ticks].sort((a, b) => a - b));
      // 9 tickets created at 09:00: the axis reaches at least that.
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(9);
      await expect(chart.locator('.hour-chart__hour')).toHaveText(
        ['00:00', '03:00', '06:00', '09:00', '12:00', '15:00', '18:00', '21:00'].map(
          (h) => new RegExp(h),
        ),
      );
      await wall.screenshot({ path: `test-results/wallboard-busy-${width}x${height}.png` });
      expect((await new AxeBuilder({ page: wall }).analyze()).violations).toEqual([]);
      await context.close();
    });
});
