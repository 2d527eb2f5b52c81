/**
 * `npm test`: everything CI runs, with one closing line that sums every suite: static checks
 * (typecheck, lint, format), unit + integration (Vitest on real SQLite files), the UI build, and
 * end-to-end (Playwright in Debian's Chromium against the host, plus the Electron smoke test
 * where the binary exists).
 *
 * Independent steps run side by side, as many at once as the machine has cores: on two cores the
 * static checks share the machine with the unit suite instead of queueing in front of it. Each
 * step's output is held and printed whole when it ends, so logs stay readable.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { electronBinary } from '../test/helpers/electron-binary.ts';

interface Tally {
  suite: string;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
  notes: string[];
}

interface Step {
  suite: string;
  cmd: string;
  args: string[];
  env?: Record<string, string>;
  /** Reads the step's own report into a tally; without it the step counts as one check. */
  tally?: (code: number, t: Tally) => void;
}

const bin = (name: string) => `node_modules/.bin/${name}`;

function runStep(step: Step): Promise<Tally> {
  const started = Date.now();
  return new Promise((resolveStep) => {
    const child = spawn(step.cmd, step.args, {
      env: { ...process.env, FORCE_COLOR: '0', ...step.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const finish = (code: number) => {
      const t: Tally = {
        suite: step.suite,
        passed: 0,
        failed: 0,
        skipped: 0,
        seconds: (Date.now() - started) / 1000,
        notes: [],
      };
      if (step.tally) step.tally(code, t);
      else if (code === 0) t.passed = 1;
      else t.failed = 1;
      // A crash before any result still fails.
      if (code !== 0 && t.failed === 0) t.failed = 1;
      console.log(`\n▶ ${step.cmd} ${step.args.join(' ')}  (${t.seconds.toFixed(0)} s)\n${output}`);
      resolveStep(t);
    };
    child.on('error', (e) => {
      output += String(e);
      finish(1);
    });
    child.on('close', (code) => finish(code ?? 1));
  });
}

/** Runs steps with at most `width` at once; results keep the steps' order. */
async function runAll(steps: Step[], width: number): Promise<Tally[]> {
  const results: Tally[] = new Array<Tally>(steps.length);
  let next = 0;
  const lane = async () => {
    while (next < steps.length) {
      const i = next++;
      results[i] = await runStep(steps[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, steps.length) }, lane));
  return results;
}

function vitestTally(out: string) {
  return (_code: number, t: Tally) => {
    if (!existsSync(out)) return;
    const j = JSON.parse(readFileSync(out, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
    };
    t.passed = j.numPassedTests;
    t.failed = j.numFailedTests;
    t.skipped = j.numPendingTests + j.numTodoTests;
  };
}

function playwrightTally(out: string) {
  return (_code: number, t: Tally) => {
    if (!existsSync(out)) return;
    const j = JSON.parse(readFileSync(out, 'utf8')) as {
      stats: { expected: number; unexpected: number; skipped: number; flaky: number };
      suites: unknown[];
    };
    t.passed = j.stats.expected + j.stats.flaky;
    t.failed = j.stats.unexpected;
    t.skipped = j.stats.skipped;
    // Say by name what was skipped and why.
    const walk = (s: unknown): void => {
      const suite = s as {
        specs?: {
          title: string;
          tests: {
            annotations: { type: string; description?: string }[];
            results: { status: string }[];
          }[];
        }[];
        suites?: unknown[];
      };
      for (const spec of suite.specs ?? [])
        for (const test of spec.tests)
          if (test.results.some((r) => r.status === 'skipped'))
            t.notes.push(
              `skipped: ${spec.title} — ${test.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given'}`,
            );
      for (const child of suite.suites ?? []) walk(child);
    };
    for (const s of j.suites) walk(s);
  };
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });
const started = Date.now();
const width = Math.max(2, availableParallelism());

// The unit suite first, so it starts at once; the static checks and the build share the other lane.
const vitestOut = 'test-results/vitest.json';
const first = await runAll(
  [
    {
      suite: 'unit + integration (vitest)',
      cmd: bin('vitest'),
      args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestOut}`],
      tally: vitestTally(vitestOut),
    },
    { suite: 'typecheck', cmd: bin('tsc'), args: ['-p', 'tsconfig.json'] },
    { suite: 'typecheck (renderer)', cmd: bin('tsc'), args: ['-p', 'tsconfig.web.json'] },
    { suite: 'typecheck (end-to-end)', cmd: bin('tsc'), args: ['-p', 'tsconfig.e2e.json'] },
    { suite: 'lint', cmd: bin('eslint'), args: ['.'] },
    { suite: 'format', cmd: bin('prettier'), args: ['--check', '.'] },
    { suite: 'build (electron-vite)', cmd: bin('electron-vite'), args: ['build'] },
  ],
  width,
);

// End-to-end needs the build; it drives browsers and hosts of its own, so it runs alone.
const playwrightOut = 'test-results/playwright.json';
const built = first.find((t) => t.suite.startsWith('build'))!.failed === 0;
const e2e: Tally[] = [];
// The installers, as far as this machine can build them (real Linux packages where Electron's
// binary is here, else the unpacked app against a stand-in Electron): it needs the build.
const packagingOut = 'test-results/packaging.json';
if (built)
  e2e.push(
    ...(await runAll(
      [
        {
          suite: 'packaging (electron-builder)',
          cmd: process.execPath,
          args: ['scripts/package-check.ts'],
          tally: (_code, t) => {
            if (!existsSync(packagingOut)) return;
            const r = JSON.parse(readFileSync(packagingOut, 'utf8')) as {
              mode: string;
              passed: number;
              failed: number;
            };
            t.passed = r.passed;
            t.failed = r.failed;
            t.notes.push(
              r.mode === 'real'
                ? 'packaging: built the Linux AppImage and deb for real'
                : 'packaging: STAND-IN Electron (its binary is not here): the unpacked Linux app built, the configuration for every platform validated; no installer made',
            );
          },
        },
      ],
      1,
    )),
  );
if (built) {
  const haveElectron = electronBinary() !== null;
  const needXvfb = haveElectron && !process.env['DISPLAY'] && existsSync('/usr/bin/xvfb-run');
  e2e.push(
    ...(await runAll(
      [
        {
          suite: 'end-to-end (playwright)',
          cmd: needXvfb ? 'xvfb-run' : bin('playwright'),
          args: needXvfb ? ['-a', bin('playwright'), 'test'] : ['test'],
          env: { CI: '1', PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightOut },
          tally: playwrightTally(playwrightOut),
        },
      ],
      1,
    )),
  );
} else {
  e2e.push({
    suite: 'end-to-end (playwright)',
    passed: 0,
    failed: 1,
    skipped: 0,
    seconds: 0,
    notes: ['not run: the build failed'],
  });
}
const tallies = [...first, ...e2e];

// ---- summary
console.log('\nsuite                              passed  failed  skipped   seconds');
for (const t of tallies) {
  console.log(
    `${t.suite.padEnd(34)} ${String(t.passed).padStart(6)}  ${String(t.failed).padStart(6)}  ${String(t.skipped).padStart(7)}  ${t.seconds.toFixed(0).padStart(8)}`,
  );
  for (const n of t.notes) console.log(`  ${n}`);
}
const sum = (k: 'passed' | 'failed' | 'skipped') => tallies.reduce((n, t) => n + t[k], 0);
const line = `${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`;
writeFileSync('test-results/summary.txt', `${line}\n`);
console.log(`\nwhole run: ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`\n${line}`);
process.exit(sum('failed') > 0 ? 1 : 0);
