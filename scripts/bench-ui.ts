/**
 * The UI part of `npm run bench` (scripts/bench.ts runs it and prints its table; alone it prints
 * JSON): the host in Debian's Chromium, measured by the page itself.
 *
 * First paint: an analyst already signed in opens the host's address, in English and in Arabic
 * (their language saved on the desk, as `auth.setLanguage` keeps it). The first contentful paint
 * is the page's own `paint` entry; the board's time is from navigation to the frame after its
 * first card is in the document (two animation frames). The app opens at a new call (intake), so
 * the probe presses F4 as soon as the signed-in shell is there: that is in the figure. The HTTP
 * cache is warm (the same browser profile throughout), as an analyst's workstation is.
 *
 * Switching language with the board shown: from the picker's change to the second animation frame
 * after the document's `lang` and the board's words changed, against re-renders that keep the
 * language (the same view again, F4; the theme, Alt+T) and two frames with nothing changed. Frames
 * come whole (16.7 ms apart), so each change's main-thread work is a row too: the event to React's
 * commit, plus the style, layout and paint of the frame that draws it. Each pick is saved on the
 * desk: a row of its own runs on until `auth.setLanguage` has answered and a frame has painted what
 * it sent back. Samples are interleaved, so every row sees the same machine; a row set against its
 * baseline says by how much and the Mann–Whitney U test's p (small: more than noise).
 *
 * `node scripts/bench-ui.ts [--desk DIR] [--samples 15] [--warmups 2]`: a fresh demo desk (filled
 * with test/helpers/busy-desk.ts's nine tickets: it opens with an empty board), and the seeded desk
 * in DIR too. Without Chromium it says it skipped. Figures only: nothing asserted.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config.ts';
import { startHostProcess } from '../test/helpers/host-process.ts';
import { seedBusyDesk } from '../test/helpers/busy-desk.ts';
import { DEMO_PASSWORD } from '../src/demo/demo-desk.ts';

const { values } = parseArgs({
  options: {
    desk: { type: 'string', multiple: true, default: [] },
    samples: { type: 'string', default: '15' },
    warmups: { type: 'string', default: '2' },
  },
});
const SAMPLES = Math.max(1, Number(values.samples));
const WARMUPS = Math.max(0, Number(values.warmups));
/** How long one measurement may take in the page before it is given up (a hang, not a figure). */
const PAGE_TIMEOUT_MS = 60_000;

interface UiRow {
  op: string;
  note?: string;
  samples: number[];
}
interface UiDesk {
  /** The seeded desk's folder, or null for the fresh demo desk. */
  dataDir: string | null;
  /** Tickets on the desk, every status. */
  tickets: number;
  rows: UiRow[];
}
type UiOutput = { skipped: string } | { chromium: string; desks: UiDesk[] };

const log = (line: string) => process.stderr.write(`${line}\n`);
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};
/** erfc, after Abramowitz and Stegun 7.1.26 (error under 2e-7): enough for a p-value. */
const erfc = (x: number) => {
  const t = 1 / (1 + 0.3275911 * x);
  const poly = [0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429];
  return poly.reduceRight((acc, c) => (acc + c) * t, 0) * Math.exp(-x * x);
};
/**
 * Two-sided p of a Mann–Whitney U test (normal approximation, tied values share their rank):
 * how likely samples this far apart are if both rows measure the same thing. Small: a real gap.
 */
function shiftP(xs: number[], base: number[]): number {
  const all = [...xs.map((v) => ({ v, mine: true })), ...base.map((v) => ({ v, mine: false }))];
  all.sort((a, b) => a.v - b.v);
  let ranks = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]!.v === all[i]!.v) j++;
    for (let k = i; k <= j; k++) if (all[k]!.mine) ranks += (i + j) / 2 + 1;
    i = j + 1;
  }
  const [n1, n2] = [xs.length, base.length];
  const u = ranks - (n1 * (n1 + 1)) / 2;
  const z = Math.abs(u - (n1 * n2) / 2) / Math.sqrt((n1 * n2 * (n1 + n2 + 1)) / 12);
  return Math.min(1, erfc(z / Math.SQRT2));
}
/** `this ÷ that` at p50 and p95, the gap at p50 and whether it is more than noise, for a note. */
const versus = (name: string, xs: number[], base: number[]) => {
  const gap = q(xs, 0.5) - q(base, 0.5);
  return `÷ ${name}: p50 ${(q(xs, 0.5) / q(base, 0.5)).toFixed(2)}×, p95 ${(q(xs, 0.95) / q(base, 0.95)).toFixed(2)}×; p50 ${gap >= 0 ? '+' : '−'}${Math.abs(gap).toFixed(1)} ms, U-test p ${shiftP(xs, base).toFixed(2)}`;
};

interface FirstPaint {
  fcp: number;
  shell: number;
  cards: number;
  painted: number;
}

/**
 * Runs in every page of the context before the app's own script: records the first contentful
 * paint, presses F4 once the signed-in shell is there, and resolves when the board's first card
 * has been painted (times from navigation start).
 */
function probeFirstPaint(timeoutMs: number): void {
  const out: FirstPaint = { fcp: -1, shell: -1, cards: -1, painted: -1 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.name === 'first-contentful-paint') out.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  (window as unknown as { sbFirstPaint: Promise<FirstPaint> }).sbFirstPaint = new Promise(
    (done, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`no board card after ${timeoutMs} ms: ${document.title}`)),
        timeoutMs,
      );
      // The shell's key handler comes with its first effects, a moment after its markup.
      const toBoard = () => {
        if (document.querySelector('.board')) return;
        document.body.dispatchEvent(
          new KeyboardEvent('keydown', { key: 'F4', code: 'F4', bubbles: true }),
        );
        setTimeout(toBoard, 0);
      };
      const seen = () => {
        if (out.shell < 0 && document.querySelector('.topbar__nav')) {
          out.shell = performance.now();
          toBoard();
        }
        if (out.cards < 0 && document.querySelector('[data-ticket]')) {
          out.cards = performance.now();
          mo.disconnect();
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              out.painted = performance.now();
              clearTimeout(timer);
              done(out);
            }),
          );
        }
      };
      const mo = new MutationObserver(seen);
      mo.observe(document, { childList: true, subtree: true });
    },
  );
}

type Change =
  { kind: 'nothing' } | { kind: 'view' } | { kind: 'theme' } | { kind: 'language'; to: string };

/**
 * One change made in the page, as an input event arrives (in a task between frames): ms to the
 * second frame after the document shows it (`painted`, in whole frames); the main thread's work
 * for it, free of the wait for the display (`work`: the event to React's commit and effects, plus the style,
 * layout and paint of the frame that draws it); and for a language, ms to the frame after its save.
 */
async function measureChange(
  page: Page,
  change: Change,
): Promise<{ painted: number; work: number; saved: number | null }> {
  return page.evaluate(
    async ({ change, timeoutMs }) => {
      const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
      const task = () => new Promise<void>((r) => setTimeout(r, 0));
      const root = document.documentElement;
      const words = () => document.querySelector('label[for="board-search"]')?.textContent ?? '';
      await frame();
      await frame();
      await task();
      performance.clearResourceTimings();
      const before = { theme: root.dataset['theme'], words: words() };
      const t0 = performance.now();
      const key = (init: KeyboardEventInit) =>
        document.body.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, ...init }));
      if (change.kind === 'language') {
        const picker = document.querySelector<HTMLSelectElement>('[data-testid="language-picker"]');
        if (!picker) throw new Error('no language picker');
        picker.value = change.to;
        picker.dispatchEvent(new Event('change', { bubbles: true }));
      } else if (change.kind === 'theme') key({ key: 't', code: 'KeyT', altKey: true });
      else if (change.kind === 'view') key({ key: 'F4', code: 'F4' });
      const shown = () =>
        change.kind === 'language'
          ? root.lang === change.to && words() !== before.words
          : change.kind === 'theme'
            ? root.dataset['theme'] !== before.theme
            : true;
      // React renders a discrete event's update in a microtask, and anything it schedules is
      // queued before this message: by the message, a re-render that changes nothing in the
      // document (the same view again) is done too.
      await new Promise<void>((ok) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          ch.port1.close();
          ok();
        };
        ch.port2.postMessage(null);
      });
      const committed = await new Promise<number>((ok, fail) => {
        if (shown()) return ok(performance.now());
        const timer = setTimeout(
          () => fail(new Error(`${JSON.stringify(change)}: not shown`)),
          timeoutMs,
        );
        const mo = new MutationObserver(() => {
          if (!shown()) return;
          mo.disconnect();
          clearTimeout(timer);
          ok(performance.now());
        });
        mo.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
      });
      // The frame that draws it: a message posted from its animation frame callback is handled
      // once the frame's style, layout and paint are done on the main thread.
      const drawn = await new Promise<number>((ok) =>
        requestAnimationFrame(() => {
          const start = performance.now();
          const ch = new MessageChannel();
          ch.port1.onmessage = () => {
            ch.port1.close();
            ok(performance.now() - start);
          };
          ch.port2.postMessage(null);
        }),
      );
      await frame();
      const painted = performance.now() - t0;
      const work = committed - t0 + drawn;
      if (change.kind !== 'language') return { painted, work, saved: null };
      const answered = () =>
        performance
          .getEntriesByType('resource')
          .some((e) => e.name.endsWith('/api/auth.setLanguage') && e.startTime >= t0);
      while (!answered()) {
        if (performance.now() - t0 > timeoutMs) throw new Error('auth.setLanguage never answered');
        await new Promise((r) => setTimeout(r, 1));
      }
      await frame();
      await frame();
      return { painted, work, saved: performance.now() - t0 };
    },
    { change, timeoutMs: PAGE_TIMEOUT_MS },
  );
}

async function benchDesk(browser: Browser, dataDir: string | null): Promise<UiDesk> {
  const name = dataDir ?? 'a fresh demo desk';
  log(`UI: starting the host on ${name}`);
  const host = await startHostProcess(dataDir ?? undefined);
  let context: BrowserContext | null = null;
  try {
    // The demo desk opens with an empty board: a working morning's calls first, as the e2e tests do.
    if (dataDir === null) await seedBusyDesk(host.url);
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const ctx = context;
    const api = async <T>(method: string, input: unknown): Promise<T> => {
      const res = await ctx.request.post(`${host.url}api/${method}`, { data: input });
      const body = (await res.json()) as { ok: boolean; value: T; error?: unknown };
      if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
      return body.value;
    };
    const { user } = await api<{ user: { language: string | null } }>('auth.signIn', {
      username: 'analyst',
      password: DEMO_PASSWORD,
    });
    const counts = await api<{ byStatus: Record<string, number> }>('tickets.counts', {});
    const tickets = Object.values(counts.byStatus).reduce((a, b) => a + b, 0);
    await ctx.addInitScript(probeFirstPaint, PAGE_TIMEOUT_MS);
    const open = async (page: Page): Promise<FirstPaint> => {
      await page.goto(host.url);
      return page.evaluate(
        () => (window as unknown as { sbFirstPaint: Promise<FirstPaint> }).sbFirstPaint,
      );
    };

    // ---- first paint, en and ar interleaved (and in turn first) ------------------------------
    const paint = { en: [] as FirstPaint[], ar: [] as FirstPaint[] };
    for (let i = 0; i < WARMUPS + SAMPLES; i++) {
      log(
        `UI ${name}: first paint ${i < WARMUPS ? `warm-up ${i + 1}` : `${i - WARMUPS + 1} of ${SAMPLES}`}`,
      );
      for (const lang of i % 2 ? (['ar', 'en'] as const) : (['en', 'ar'] as const)) {
        await api('auth.setLanguage', { language: lang });
        const page = await ctx.newPage();
        try {
          const p = await open(page);
          const lang2 = await page.evaluate(() => document.documentElement.lang);
          if (lang2 !== lang) throw new Error(`page opened in ${lang2}, not ${lang}`);
          if (i >= WARMUPS) paint[lang].push(p);
        } finally {
          await page.close();
        }
      }
    }

    // ---- switching language on the board, against re-renders that keep it -------------------
    await api('auth.setLanguage', { language: 'en' });
    const page = await ctx.newPage();
    /** Each kind of change: whole frames to the picture, and the main thread's work for it. */
    const kinds = {
      nothing: 'two frames, nothing changed',
      view: 'same view again (F4)',
      theme: 'theme (Alt+T)',
      toAr: 'language en → ar',
      fromAr: 'language ar → en',
      ltr: 'language en ↔ hi/fr/el',
    } as const;
    type Kind = keyof typeof kinds;
    const sw = Object.fromEntries(
      Object.keys(kinds).map((k) => [k, { painted: [] as number[], work: [] as number[] }]),
    ) as Record<Kind, { painted: number[]; work: number[] }>;
    const saved: number[] = [];
    try {
      await open(page);
      const others = ['hi', 'fr', 'el'];
      for (let i = 0; i < WARMUPS + SAMPLES; i++) {
        log(
          `UI ${name}: switches ${i < WARMUPS ? `warm-up ${i + 1}` : `${i - WARMUPS + 1} of ${SAMPLES}`}`,
        );
        const take = async (kind: Kind, change: Change) => {
          const m = await measureChange(page, change);
          if (i < WARMUPS) return;
          sw[kind].painted.push(m.painted);
          sw[kind].work.push(m.work);
          if (m.saved !== null) saved.push(m.saved);
        };
        await take('nothing', { kind: 'nothing' });
        await take('view', { kind: 'view' });
        await take('theme', { kind: 'theme' });
        await take('toAr', { kind: 'language', to: 'ar' });
        await take('fromAr', { kind: 'language', to: 'en' });
        await take('ltr', { kind: 'language', to: others[i % others.length]! });
        await take('ltr', { kind: 'language', to: 'en' });
      }
    } finally {
      await page.close();
    }
    await api('auth.setLanguage', { language: user.language });

    const at = (xs: FirstPaint[], k: keyof FirstPaint) => xs.map((x) => x[k]);
    const board = { en: at(paint.en, 'painted'), ar: at(paint.ar, 'painted') };
    const fcp = { en: at(paint.en, 'fcp'), ar: at(paint.ar, 'fcp') };
    const shell = { en: at(paint.en, 'shell'), ar: at(paint.ar, 'shell') };
    return {
      dataDir,
      tickets,
      rows: [
        { op: 'UI first contentful paint, en', samples: fcp.en, note: 'paint entry' },
        {
          op: 'UI first contentful paint, ar',
          samples: fcp.ar,
          note: versus('en', fcp.ar, fcp.en),
        },
        { op: 'UI open → signed-in shell, en', samples: shell.en, note: 'intake, as it opens' },
        {
          op: 'UI open → signed-in shell, ar',
          samples: shell.ar,
          note: versus('en', shell.ar, shell.en),
        },
        { op: 'UI open → board cards painted, en', samples: board.en, note: 'F4 at the shell' },
        {
          op: 'UI open → board cards painted, ar',
          samples: board.ar,
          note: versus('en', board.ar, board.en),
        },
        ...(['painted', 'work'] as const).flatMap((what) =>
          (Object.keys(kinds) as Kind[]).map((k) => ({
            op: `UI board: ${kinds[k]}${what === 'painted' ? ' → painted' : ', main-thread work'}`,
            samples: sw[k][what],
            note:
              k === 'theme'
                ? 'the baseline'
                : k === 'nothing'
                  ? 'the floor'
                  : versus('theme', sw[k][what], sw.theme[what]),
          })),
        ),
        {
          op: 'UI board: any switch → saved and painted',
          samples: saved,
          note: 'incl. auth.setLanguage',
        },
      ],
    };
  } finally {
    await context?.close();
    await host.stop();
  }
}

async function main(): Promise<UiOutput> {
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM}` };
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  } catch (e) {
    return {
      skipped: `Chromium at ${CHROMIUM} did not start: ${(e as Error).message.split('\n')[0]}`,
    };
  }
  try {
    const desks = [await benchDesk(browser, null)];
    for (const dir of values.desk) desks.push(await benchDesk(browser, resolve(dir)));
    return { chromium: browser.version(), desks };
  } finally {
    await browser.close();
  }
}

process.stdout.write(`${JSON.stringify(await main())}\n`);
