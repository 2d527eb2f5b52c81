/**
 * `npm run probe:frames -- [--data DIR] [--cards 10000]`: scrolls the board's biggest open column
 * through the host in Debian's Chromium and reports frame times from requestAnimationFrame.
 * A measurement, not a test: it prints a table and writes bench-results/frames.json.
 */
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config.ts';
import { startHostProcess } from '../test/helpers/host-process.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: join('.data', 'seed-1000000') },
    cards: { type: 'string', default: '10000' },
  },
});
const target = Number(values.cards);
const host = await startHostProcess(resolve(values.data));
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(host.url);
  await page.getByLabel('User name').fill('analyst');
  await page.getByLabel('Password').fill('switchboard');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /Sign out/ }).waitFor();
  await page.keyboard.press('F4');
  const column = page.getByTestId('column-new');
  await column.locator('[data-ticket]').first().waitFor();
  const count = Number(
    (await page.locator('[data-status="new"] .column__count').innerText()).replace(/\D/g, ''),
  );
  console.log(
    `"New" column: ${count.toLocaleString('en')} tickets; scrolling through ${Math.min(count, target).toLocaleString('en')}`,
  );

  const result = await page.evaluate(
    async (cards) => {
      const el = document.querySelector<HTMLElement>('[data-testid="column-new"]')!;
      const cardHeight = 74;
      const stepPx = 900; // about twelve cards a frame: a fast flick, sustained
      const frames: number[] = [];
      let last = performance.now();
      const t0 = last;
      return await new Promise<{ frames: number[]; reached: number; ms: number; rendered: number }>(
        (done) => {
          const tick = (now: number) => {
            frames.push(now - last);
            last = now;
            el.scrollTop = Math.min(el.scrollTop + stepPx, el.scrollHeight);
            const reached = Math.floor(el.scrollTop / cardHeight);
            if (reached >= cards - 20 || now - t0 > 120_000) {
              done({
                frames: frames.slice(1),
                reached,
                ms: now - t0,
                rendered: el.querySelectorAll('[data-ticket]').length,
              });
            } else requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        },
      );
    },
    Math.min(count, target),
  );

  const s = [...result.frames].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  // rAF runs on the display's vsync (60 Hz here): a frame is on time at 16.7 ms and dropped when
  // it takes another vsync or more.
  const vsync = 1000 / 60;
  const dropped = s.filter((f) => f > vsync * 1.5).length;
  const row = {
    dropped,
    cardsScrolled: result.reached,
    frames: s.length,
    seconds: result.ms / 1000,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    max: s.at(-1)!,
    cardsInDom: result.rendered,
  };
  console.log(
    `\nframe time over ${row.frames} frames, ${row.cardsScrolled.toLocaleString('en')} cards scrolled in ${row.seconds.toFixed(1)} s`,
  );
  console.log(
    `p50 ${row.p50.toFixed(1)} ms   p95 ${row.p95.toFixed(1)} ms   p99 ${row.p99.toFixed(1)} ms   max ${row.max.toFixed(1)} ms   (target p95 ≤ 16.7 ms, one vsync: ${row.p95 <= vsync * 1.05 ? 'ok' : 'MISSED'})`,
  );
  console.log(`dropped frames (> 1.5 vsync): ${dropped} of ${row.frames}`);
  console.log(`cards in the DOM at the end: ${row.cardsInDom} (virtualised)`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/frames.json',
    JSON.stringify(
      { at: new Date().toISOString(), column: 'new', ticketsInColumn: count, ...row },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  await host.stop();
}
