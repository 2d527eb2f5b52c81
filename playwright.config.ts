import { defineConfig } from '@playwright/test';

/** Debian's Chromium: Playwright cannot download browsers on this network. */
export const CHROMIUM = process.env['SWITCHBOARD_CHROMIUM'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'test',
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Guards against a hang, never speed checks: with busy neighbours on a two-core machine a
  // step can take many times its usual time (speed is `npm run bench`'s business).
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: process.env['CI']
    ? [['list'], ['json', { outputFile: 'test-results/playwright.json' }]]
    : 'list',
  use: {
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    viewport: { width: 1440, height: 900 },
    trace: 'off',
  },
});
