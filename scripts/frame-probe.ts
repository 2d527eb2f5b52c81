/**
 * `npm run probe:frames -- [--data DIR] [--cards 10000] [--step 900] [--busy] [--trace FILE]`: scrolls the
 * board's biggest open column ("New") through the host in Debian's Chromium and reports frame times
 * from requestAnimationFrame, with the machine's load and how Chromium renders (software, here).
 * `--busy` keeps one core busy beside it (`node -e 'for(;;){}'`), as a slower or shared virtual
 * desktop is; `--trace FILE` writes a Chromium trace of the scroll (for chrome://tracing) and
 * `--profile FILE` a CPU profile of the page's script (a .cpuprofile, for DevTools).
 * A measurement, not a test: it prints a verdict against the target (≤ 1 % dropped frames) and
 * writes bench-results/frames.json, and exits 0 either way.
 */
import { chromium, type Browser } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config.ts';
import { startHostProcess } from '../test/helpers/host-process.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: join('.data', 'seed-1000000') },
    cards: { type: 'string', default: '10000' },
    step: { type: 'string', default: '900' },
    busy: { type: 'boolean', default: false },
    trace: { type: 'string' },
    profile: { type: 'string' },
  },
});
const target = Number(values.cards);
/** The target: at most this share of the frames the display asked for may be missed. */
const MAX_DROPPED = 0.01;
/** Pixels scrolled per frame: 900 is about twelve cards, a fast flick sustained down the column. */
const STEP_PX = Number(values.step);

/** CPU time (ms) of this process's Chromium descendants, by kind (Linux /proc; empty elsewhere). */
function chromiumCpu(): Record<string, number> {
  const out: Record<string, number> = {};
  try {
    const procs = readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .flatMap((pid) => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
          // utime + stime, in clock ticks (100 a second on Linux)
          return [
            { pid: Number(pid), ppid: Number(f[1]), cpu: Number(f[11]) + Number(f[12]), cmd },
          ];
        } catch {
          return [];
        }
      });
    const mine = new Set([process.pid]);
    for (let grew = true; grew;) {
      grew = false;
      for (const p of procs)
        if (!mine.has(p.pid) && mine.has(p.ppid)) {
          mine.add(p.pid);
          grew = true;
        }
    }
    for (const p of procs) {
      if (!mine.has(p.pid) || !/chrom/i.test(p.cmd.split('\0')[0] ?? '')) continue;
      const kind = /--type=([\w-]+)/.exec(p.cmd)?.[1] ?? 'browser';
      out[kind] = (out[kind] ?? 0) + p.cpu * 10;
    }
  } catch {
    // not Linux
  }
  return out;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** How Chromium draws: chrome://gpu's feature list if it opens, and WebGL's renderer string. */
async function graphics(browser: Browser): Promise<{ features: string[]; webgl: string }> {
  const page = await browser.newPage();
  try {
    const webgl = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl');
      if (!gl) return 'none (WebGL unavailable)';
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    });
    let features: string[] = [];
    try {
      await page.goto('chrome://gpu', { timeout: 10_000 });
      await page.locator('.feature-status-list li').first().waitFor({ timeout: 10_000 });
      features = (await page.locator('.feature-status-list li').allInnerTexts()).map((s) =>
        s.replace(/\s+/g, ' ').trim(),
      );
    } catch {
      // Not every build opens chrome://gpu to automation: the WebGL string still says enough.
    }
    return { features, webgl };
  } finally {
    await page.close();
  }
}

const busy = values.busy ? spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }) : null;
const host = await startHostProcess(resolve(values.data));
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const gfx = await graphics(browser);
  const want = (name: string) => gfx.features.find((f) => f.startsWith(name)) ?? '';
  const software =
    /software/i.test(want('Compositing')) ||
    /swiftshader|llvmpipe|software|unavailable/i.test(gfx.webgl) ||
    CHROMIUM_ARGS.includes('--disable-gpu');
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
  const cards = Math.min(count, target);
  console.log(
    `Chromium ${browser.version()}, ${software ? 'software rendering' : 'GPU rendering'}; WebGL: ${gfx.webgl}`,
  );
  for (const f of ['Compositing', 'Rasterization', 'WebGL:'].map(want).filter(Boolean))
    console.log(`  chrome://gpu ${f}`);
  console.log(
    `${cpus().length} cores, load average ${load()} (1, 5, 15 min)${busy ? '; one core kept busy beside the probe' : ''}`,
  );
  console.log(
    `"New" column: ${count.toLocaleString('en')} tickets; scrolling through ${cards.toLocaleString('en')}, ${STEP_PX} px a frame`,
  );

  if (values.trace)
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc'],
    });
  const cdp = values.profile ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const loadBefore = loadavg();
  const cpuBefore = chromiumCpu();
  const result = await page.evaluate(
    async ({ cards, stepPx }) => {
      const el = document.querySelector<HTMLElement>('[data-testid="column-new"]')!;
      // The display's own rate first, idle: a frame is dropped when the next one comes a whole
      // vsync (or more) late.
      const idle: number[] = [];
      await new Promise<void>((done) => {
        let prev = 0;
        const tick = (now: number) => {
          if (prev) idle.push(now - prev);
          prev = now;
          if (idle.length < 60) requestAnimationFrame(tick);
          else done();
        };
        requestAnimationFrame(tick);
      });
      const vsync = [...idle].sort((a, b) => a - b)[idle.length >> 1]!;

      // Long animation frames (over 50 ms): where the main thread's time went in the worst ones.
      const loaf = { n: 0, script: 0, layout: 0, render: 0, blocking: 0 };
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & {
          renderStart: number;
          styleAndLayoutStart: number;
          blockingDuration: number;
        })[]) {
          loaf.n++;
          const end = e.startTime + e.duration;
          const renderStart = e.renderStart || end;
          const layoutStart = e.styleAndLayoutStart || end;
          loaf.script += renderStart - e.startTime;
          loaf.render += layoutStart - renderStart;
          loaf.layout += end - layoutStart;
          loaf.blocking += e.blockingDuration;
        }
      });
      try {
        observer.observe({ type: 'long-animation-frame' });
      } catch {
        // an older Chromium: no breakdown
      }

      const list = el.querySelector<HTMLElement>('[role="list"]')!;
      /**
       * What this frame shows: the card at the top of the view (what has been scrolled past) and
       * how much of the view has no card drawn in it yet (px; the end of the column is not blank).
       */
      const view = () => {
        const box = el.getBoundingClientRect();
        const end = Math.min(box.bottom, list.getBoundingClientRect().bottom);
        let top = -1;
        let first = Infinity;
        let last = -Infinity;
        for (const slot of el.querySelectorAll<HTMLElement>('[data-index]')) {
          const r = slot.getBoundingClientRect();
          if (top < 0 && r.bottom > box.top + 1) top = Number(slot.dataset['index']);
          first = Math.min(first, r.top);
          last = Math.max(last, r.bottom);
        }
        const covered = Math.max(0, Math.min(end, last) - Math.max(box.top, first));
        return { top: Math.max(top, 0), blank: Math.max(0, end - box.top - covered) };
      };
      const frames: number[] = [];
      /** When each frame began: set against when each page of cards arrived. */
      const at: number[] = [];
      const blank: number[] = [];
      // The scroll moves between frames, as a wheel or a dragged scrollbar does: each frame then
      // has to draw the cards at its own scroll position (scrolling from inside the frame callback
      // would paint each frame one step ahead of its cards, mostly blank, and cheap).
      const scroll = new MessageChannel();
      scroll.port1.onmessage = () => {
        el.scrollTop = Math.min(el.scrollTop + stepPx, el.scrollHeight);
      };
      performance.clearResourceTimings();
      performance.setResourceTimingBufferSize(100_000);
      const t0 = performance.now();
      let prev = t0;
      const reached = await new Promise<number>((done) => {
        const tick = (now: number) => {
          frames.push(now - prev);
          at.push(now);
          prev = now;
          const v = view();
          blank.push(v.blank);
          if (v.top >= cards - 20 || now - t0 > 120_000) return done(v.top);
          scroll.port2.postMessage(null);
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      scroll.port1.close();
      const ms = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 100)); // the last long-frame entries
      observer.disconnect();
      // A frame "on a page" began within a frame of a next page of cards arriving: React renders
      // the page and the column grows then.
      const pages = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/tickets.page'))
        .map((e) => (e as PerformanceResourceTiming).responseEnd);
      const onPage = at.map((t, i) => pages.some((p) => p <= t && p > (at[i - 1] ?? t0) - vsync));
      return {
        vsync,
        // The first frame is the wait for the first callback, not a frame the scroll drew.
        frames: frames.slice(1),
        onPage: onPage.slice(1),
        blank: blank.slice(1),
        viewHeight: el.clientHeight,
        pages: pages.length,
        reached,
        ms,
        loaf,
        rendered: el.querySelectorAll('[data-ticket]').length,
      };
    },
    { cards, stepPx: STEP_PX },
  );
  const loadAfter = loadavg();
  const cpuAfter = chromiumCpu();
  const cpu = Object.fromEntries(
    Object.entries(cpuAfter).map(([k, v]) => [k, v - (cpuBefore[k] ?? 0)]),
  );
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(values.profile!, JSON.stringify(profile));
    console.log(`CPU profile written to ${values.profile}`);
  }
  if (values.trace) {
    writeFileSync(values.trace, await browser.stopTracing());
    console.log(`trace written to ${values.trace}`);
  }

  const { vsync } = result;
  const s = [...result.frames].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  // A frame that came k vsyncs after the one before missed k − 1 of them: those are the dropped
  // frames, out of every vsync the scroll took (the frames drawn and the ones missed).
  const missed = (f: number) => Math.max(0, Math.round(f / vsync) - 1);
  const dropped = result.frames.reduce((n, f) => n + missed(f), 0);
  const vsyncs = result.frames.length + dropped;
  const late = result.frames.filter((f) => missed(f) > 0).length;
  const lateOnPage = result.frames.filter((f, i) => missed(f) > 0 && result.onPage[i]).length;
  const pages = result.pages;
  const gaps = result.blank.filter((b) => b > 1);
  const blankFrames = gaps.length;
  const blankMean = gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : 0;
  const share = vsyncs ? dropped / vsyncs : 0;
  const row = {
    cardsScrolled: result.reached,
    seconds: result.ms / 1000,
    vsyncMs: vsync,
    framesDrawn: result.frames.length,
    vsyncs,
    dropped,
    droppedPct: share * 100,
    lateFrames: late,
    lateFramesOnPageArrival: lateOnPage,
    framesWithBlank: blankFrames,
    blankPxMean: blankMean,
    viewPx: result.viewHeight,
    pagesArrived: pages,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    max: s.at(-1)!,
    cardsInDom: result.rendered,
    longAnimationFrames: result.loaf,
  };
  const f1 = (n: number) => n.toFixed(1);
  console.log(
    `\n${row.cardsScrolled.toLocaleString('en')} cards scrolled in ${f1(row.seconds)} s; vsync ${f1(vsync)} ms (${Math.round(1000 / vsync)} Hz, measured idle)`,
  );
  console.log(
    `frame time p50 ${f1(row.p50)} ms   p95 ${f1(row.p95)} ms   p99 ${f1(row.p99)} ms   max ${f1(row.max)} ms`,
  );
  console.log(
    `dropped frames: ${dropped} of ${vsyncs} (${row.droppedPct.toFixed(2)} %); ${late} of ${row.framesDrawn} frames late, ${lateOnPage} of them as one of ${pages} pages of cards arrived`,
  );
  console.log(
    `frames showing part of the view without its cards yet: ${blankFrames} of ${row.framesDrawn}${blankFrames ? `, ${Math.round(blankMean)} px of ${result.viewHeight} on average` : ''}`,
  );
  const l = result.loaf;
  if (l.n)
    console.log(
      `long animation frames (> 50 ms): ${l.n}; main thread in them: script ${f1(l.script)} ms, rAF/render ${f1(l.render)} ms, style+layout+paint ${f1(l.layout)} ms`,
    );
  const cpuMs = Object.values(cpu).reduce((a, b) => a + b, 0);
  if (cpuMs)
    console.log(
      `Chromium's CPU over the scroll: ${f1(cpuMs / row.framesDrawn)} ms a frame drawn (${Object.entries(
        cpu,
      )
        .filter(([, v]) => v / row.framesDrawn >= 0.05)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${f1(v / row.framesDrawn)}`)
        .join(
          ', ',
        )}), ${f1((cpuMs / Math.max(1, row.cardsScrolled)) * 100)} ms a hundred cards, ${Math.round((cpuMs / result.ms) * 100)} % of a core`,
    );
  console.log(`cards in the DOM at the end: ${row.cardsInDom} (virtualised)`);
  console.log(
    `load average ${loadBefore.map((x) => x.toFixed(2)).join(' ')} before, ${loadAfter.map((x) => x.toFixed(2)).join(' ')} after (${cpus().length} cores)${busy ? ', one core kept busy' : ''}`,
  );
  console.log(
    `verdict: ${row.droppedPct.toFixed(2)} % dropped, target ≤ ${MAX_DROPPED * 100} %: ${share <= MAX_DROPPED ? 'ok' : 'MISSED'}`,
  );
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/frames.json',
    JSON.stringify(
      {
        at: new Date().toISOString(),
        column: 'new',
        ticketsInColumn: count,
        stepPx: STEP_PX,
        cores: cpus().length,
        loadBefore,
        loadAfter,
        busyCore: Boolean(busy),
        chromium: browser.version(),
        software,
        webgl: gfx.webgl,
        gpuFeatures: gfx.features,
        ...row,
        chromiumCpuMs: cpu,
        target: `≤ ${MAX_DROPPED * 100} % dropped`,
        ok: share <= MAX_DROPPED,
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  await host.stop();
  busy?.kill();
}
