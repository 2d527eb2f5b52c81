import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { electronBinary } from '../helpers/electron-binary.ts';
import { focusedName } from '../helpers/ui.ts';

const binary = electronBinary();

test('Electron smoke: the desktop app opens, signs in and takes a call', async () => {
  test.skip(
    !binary,
    'SKIPPED: Electron smoke test — the Electron binary is not downloaded here (Electron 45 fetches it on first use, not at npm ci); it runs once `npm start` has fetched it (scripts/ensure-electron.ts says why when it cannot) or ELECTRON_OVERRIDE_DIST_PATH names one',
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: [
      resolve('out/main/index.js'),
      '--data',
      dataDir,
      ...(process.env['CI'] ? ['--no-sandbox'] : []),
    ],
  });
  try {
    const win = await app.firstWindow();
    expect(win.url()).toBe('app://switchboard/index.html');
    // The hardening holds: no Node in the page, only the narrow bridge.
    expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );
    expect(
      await win.evaluate(() =>
        Object.keys((window as unknown as { switchboard: object }).switchboard).sort(),
      ),
    ).toEqual(['invoke', 'on']);
    // Leaving the app is refused (src/main/trusted-url.ts): these share URL.origin "null" with
    // app://switchboard/, and the sign-in below happens on the app's own page or not at all.
    for (const away of ['file:///etc/passwd', 'data:text/html,<h1>away</h1>', 'app://other/'])
      await win.evaluate((url) => {
        location.href = url;
      }, away);

    await win.getByLabel('User name').fill('analyst');
    await win.getByLabel('Password').fill('switchboard');
    await win.keyboard.press('Enter');
    await expect(win.getByRole('heading', { name: 'New call' })).toBeVisible();
    await expect.poll(() => focusedName(win)).toMatch(/Find caller/);
    await win.keyboard.type('Moreau');
    await expect(win.getByRole('option', { name: /Jean-Luc Moreau/ })).toBeVisible();
    await win.keyboard.press('Enter');
    await win.getByLabel('Category').selectOption({ label: 'Printer or scanner' });
    await win.getByLabel('Impact').selectOption({ label: 'Medium' });
    await win.getByLabel('Urgency').selectOption({ label: 'Medium' });
    await win.getByLabel('Summary').fill('Scanner feeds two sheets at once');
    await win.keyboard.press('Control+Enter');
    await expect(win.getByTestId('toast')).toHaveText('Call saved: ticket LON-000001');
    await win.keyboard.press('F4');
    await expect(win.locator('[data-ticket="LON-000001"]')).toBeVisible();
    expect(win.url()).toMatch(/^app:\/\/switchboard\/index\.html/);
  } finally {
    await app.close();
  }
});
