/**
 * `npm test`: everything CI runs, in order, with one closing line that sums every suite:
 * static checks (typecheck, lint, format), unit + integration (Vitest on real SQLite files),
 * the UI build, and end-to-end (Playwright in Debian's Chromium against the host, plus the
 * Electron smoke test where the binary exists).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { electronBinary } from '../test/helpers/electron-binary.ts';

interface Tally {
  suite: string;
  passed: number;
  failed: number;
  skipped: number;
  notes: string[];
}

const tallies: Tally[] = [];
const bin = (name: string) => `node_modules/.bin/${name}`;

function run(cmd: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n▶ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function check(suite: string, cmd: string, args: string[]): void {
  const ok = run(cmd, args) === 0;
  tallies.push({ suite, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, notes: [] });
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

check('typecheck', bin('tsc'), ['-p', 'tsconfig.json']);
check('typecheck (renderer)', bin('tsc'), ['-p', 'tsconfig.web.json']);
check('typecheck (end-to-end)', bin('tsc'), ['-p', 'tsconfig.e2e.json']);
check('lint', bin('eslint'), ['.']);
check('format', bin('prettier'), ['--check', '.']);

// ---- unit + integration
{
  const out = 'test-results/vitest.json';
  const code = run(bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  const t: Tally = {
    suite: 'unit + integration (vitest)',
    passed: 0,
    failed: 0,
    skipped: 0,
    notes: [],
  };
  if (existsSync(out)) {
    const j = JSON.parse(readFileSync(out, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
    };
    t.passed = j.numPassedTests;
    t.failed = j.numFailedTests;
    t.skipped = j.numPendingTests + j.numTodoTests;
  }
  if (code !== 0 && t.failed === 0) t.failed = 1; // a crash before any result still fails
  tallies.push(t);
}

// ---- build, then end-to-end
check('build (electron-vite)', bin('electron-vite'), ['build']);
{
  const out = 'test-results/playwright.json';
  const haveElectron = electronBinary() !== null;
  const needXvfb = haveElectron && !process.env['DISPLAY'] && existsSync('/usr/bin/xvfb-run');
  const [cmd, args] = needXvfb
    ? ['xvfb-run', ['-a', bin('playwright'), 'test']]
    : [bin('playwright'), ['test']];
  const code = run(cmd, args, { CI: '1', PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  const t: Tally = {
    suite: 'end-to-end (playwright)',
    passed: 0,
    failed: 0,
    skipped: 0,
    notes: [],
  };
  if (existsSync(out)) {
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
  }
  if (code !== 0 && t.failed === 0) t.failed = 1;
  tallies.push(t);
}

// ---- summary
console.log('\nsuite                              passed  failed  skipped');
for (const t of tallies) {
  console.log(
    `${t.suite.padEnd(34)} ${String(t.passed).padStart(6)}  ${String(t.failed).padStart(6)}  ${String(t.skipped).padStart(7)}`,
  );
  for (const n of t.notes) console.log(`  ${n}`);
}
const sum = (k: 'passed' | 'failed' | 'skipped') => tallies.reduce((n, t) => n + t[k], 0);
const line = `${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`;
writeFileSync('test-results/summary.txt', `${line}\n`);
console.log(`\n${line}`);
process.exit(sum('failed') > 0 ? 1 : 0);
