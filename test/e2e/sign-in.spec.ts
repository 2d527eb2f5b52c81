import AxeBuilder from '@axe-core/playwright';
import { request } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { signIn } from '../helpers/ui.ts';

/** A GET with the Host header given (a browser on a rebinding domain sends its own name). */
function statusFor(url: string, host: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: '/', headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** One try on the sign-in screen, waiting for the host's answer. */
async function tryPassword(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth.signIn')),
    page.keyboard.press('Enter'),
  ]);
}

test.describe('signing in on the host', () => {
  let host: HostProcess;
  test.beforeAll(async () => {
    host = await startHostProcess(undefined, ['--allowed-host', 'desk.example.test']);
  });
  test.afterAll(async () => {
    await host.stop();
  });

  test('after five wrong passwords the sign-in screen says how long to wait', async ({ page }) => {
    await page.goto(host.url);
    for (let i = 0; i < 5; i++) {
      await tryPassword(page, 'tech3', `not-it-${i}`);
      await expect(page.getByRole('alert')).toHaveText('Wrong user name or password.');
    }
    // The right password waits too: that is what makes the wait hold.
    await tryPassword(page, 'tech3', 'switchboard');
    await expect(page.getByRole('alert')).toHaveText(
      'Too many failed sign-ins; try again in 1 minute.',
    );
    await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    // Nothing was kept for this browser: no session cookie before a sign-in succeeds.
    expect(await page.context().cookies()).toEqual([]);
    // Someone else signs in as usual, and then holds a session.
    await signIn(page, host.url, 'tech2');
    expect((await page.context().cookies()).map((c) => [c.name, c.httpOnly])).toEqual([
      ['sb_sid', true],
    ]);
  });

  test('answers to its own names and to --allowed-host ones, refuses any other', async () => {
    const { port } = new URL(host.url);
    expect(await statusFor(host.url, `127.0.0.1:${port}`)).toBe(200);
    expect(await statusFor(host.url, `localhost:${port}`)).toBe(200);
    expect(await statusFor(host.url, 'desk.example.test')).toBe(200);
    expect(await statusFor(host.url, `evil.example:${port}`)).toBe(421);
  });
});
