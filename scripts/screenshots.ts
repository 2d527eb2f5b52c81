/**
 * `npm run screenshots`: the README's pictures, taken from the real host in Debian's Chromium.
 * Fills a demo desk through the HTTP API first so the board looks like a working morning.
 */
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config.ts';
import { startHostProcess } from '../test/helpers/host-process.ts';
import { signIn } from '../test/helpers/ui.ts';

const OUT = 'docs/screenshots';
mkdirSync(OUT, { recursive: true });
// A working Monday morning on the desk's own clock, so call-backs fall due as they would.
const host = await startHostProcess(undefined, ['--test-clock', '2026-11-23T09:00:00Z']);

async function api(
  cookie: string,
  method: string,
  input: unknown,
): Promise<{ ok: boolean; value: never }> {
  const res = await fetch(`${host.url}api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(input),
  });
  return (await res.json()) as { ok: boolean; value: never };
}

try {
  const login = await fetch(`${host.url}api/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'tech2', password: 'switchboard' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const info = (await api(cookie, 'desk.info', {})).value as {
    categories: { id: string; code: string; defaultQueueId: string }[];
    users: { id: string; username: string }[];
  };
  const cat = (code: string) => info.categories.find((c) => c.code === code)!;
  const calls: [string, string, string, [string, string, 1 | 2 | 3, 1 | 2 | 3][]][] = [
    [
      'Margaret Okafor',
      '+44 20 7946 0018',
      'NW-10442',
      [
        ['NETWORK', 'Floor 3 lost the network', 1, 1],
        ['PRINTER', 'Printer jams on tray 2', 3, 2],
      ],
    ],
    [
      'Jean-Luc Moreau',
      '+33 1 42 68 53 00',
      'FB-2231',
      [['VPN', 'VPN drops every 20 minutes', 2, 2]],
    ],
    [
      'Ελένη Παπαδοπούλου',
      '+30 21 0323 4567',
      'AE-5510',
      [
        ['LICENCE', 'Άδεια Adobe έληξε', 2, 1],
        ['LAPTOP', 'Η μπαταρία δεν φορτίζει', 3, 3],
      ],
    ],
    ['अनन्या शर्मा', '+91 22 6601 2345', 'CI-77120', [['EMAIL', 'ईमेल सिंक नहीं हो रहा', 2, 2]]],
    [
      'فاطمة الزهراني',
      '+966 11 234 5678',
      'TA-30981',
      [['NETWORK', 'انقطاع الشبكة في الرياض', 1, 2]],
    ],
    [
      'Dmitri Volkov',
      '+44 7700 900123',
      'AD-44017',
      [
        ['ONSITE', 'Move label printers to bay 9', 3, 3],
        ['ACCOUNT', 'Locked out after password change', 2, 1],
      ],
    ],
    [
      'Dmitri Volkov',
      '+44 7700 900123',
      'AD-44017',
      [['PRINTER', 'Label printer jams on tray 2', 3, 2]],
    ],
  ];
  const ids: { id: string }[] = [];
  for (const [name, phone, account, problems] of calls) {
    const found = (await api(cookie, 'customers.lookup', { query: name })).value as {
      id: string;
    }[];
    const r = await api(cookie, 'intake.submit', {
      caller: { kind: 'existing', customerId: found[0]!.id },
      contact: { phone, email: '' },
      accountNumber: account,
      problems: problems.map(([code, title, impact, urgency]) => ({
        categoryId: cat(code).id,
        queueId: cat(code).defaultQueueId,
        impact,
        urgency,
        title,
      })),
    });
    ids.push(...(r.value as { tickets: { id: string }[] }).tickets);
  }
  const moves: [number, string][] = [
    [0, 'in_progress'],
    [2, 'open'],
    [5, 'waiting_customer'],
  ];
  for (const [i, to] of moves)
    await api(cookie, 'tickets.move', { id: ids[i]!.id, to, version: 1 });
  // Resolved the way an analyst must: the script's required answers, then the solution.
  const resolve = async (id: string, solution: string) => {
    const t = (await api(cookie, 'tickets.get', { id })).value as {
      version: number;
      script: { questions: { id: string; kind: string; required: boolean }[] };
    };
    const answers = t.script.questions
      .filter((q) => q.required)
      .map((q) => ({ questionId: q.id, answer: q.kind === 'yes_no' ? 'yes' : 'As reported' }));
    await api(cookie, 'tickets.answer', { id, answers });
    await api(cookie, 'contacts.log', {
      ticketId: id,
      direction: 'outbound',
      channel: 'phone',
      outcome: 'reached',
      durationSec: 150,
      summary: 'Customer confirmed it works; agreed to close.',
      closing: true,
    });
    await api(cookie, 'tickets.resolve', {
      id,
      version: t.version,
      solution,
      rootCause: 'hardware_fault',
    });
  };
  await resolve(ids[7]!.id, 'Printers moved and reconnected; user signed off the move sheet.');
  await resolve(ids.at(-1)!.id, 'Replaced the worn pickup roller on tray 2; test page printed.');
  const tech = info.users.find((u) => u.username === 'tech2')!;
  await api(cookie, 'tickets.assign', { id: ids[0]!.id, assigneeId: tech.id, version: 2 });
  // The morning's calls to customers: some reached, some not (those come back as retries).
  const advance = (minutes: number) =>
    fetch(`${host.url}test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: minutes * 60_000 }),
    });
  await advance(20);
  const contacts: [number, string, string][] = [
    [0, 'reached', 'Engineer on his way to floor 3; told her to expect him by 10:00.'],
    [2, 'no_answer', 'Rang out twice.'],
    [3, 'voicemail', 'Left a message asking her to call the desk.'],
    [6, 'reached', 'Password reset sent; he will try it after his meeting.'],
  ];
  for (const [i, outcome, summary] of contacts)
    await api(cookie, 'contacts.log', {
      ticketId: ids[i]!.id,
      direction: 'outbound',
      channel: 'phone',
      outcome,
      ...(outcome === 'reached' ? { durationSec: 240 } : {}),
      summary,
    });
  // An escalation by hand, with its note; the desk's rules escalate what breaches by themselves.
  const vpn = (await api(cookie, 'tickets.get', { id: ids[2]!.id })).value as { version: number };
  await api(cookie, 'tickets.escalate', {
    id: ids[2]!.id,
    version: vpn.version,
    reason: 'Drops at every rekey: concentrator side',
    note: 'Client reinstalled; logs attached.',
  });
  await advance(25);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
  await page.goto(host.url);
  await page.getByLabel('User name').fill('analyst');
  await page.screenshot({ path: `${OUT}/sign-in.png` });
  await signIn(page, host.url);
  await page.keyboard.type('020 79');
  await page.getByRole('option').first().waitFor();
  await page.keyboard.press('Enter');
  // A returning caller: her open tickets and the last word on each, a status call away.
  await page.getByTestId('returning-caller').waitFor();
  await page.getByRole('button', { name: /Log status call on LON-000001/ }).click();
  await page.getByLabel('What was said').fill('Asked when the engineer arrives; told her 10:00.');
  await page.screenshot({ path: `${OUT}/intake-returning.png` });
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByLabel('Category').selectOption({ label: 'Network outage' });
  await page.getByLabel('Impact').selectOption({ label: 'High' });
  await page.getByLabel('Urgency').selectOption({ label: 'Medium' });
  await page.getByLabel('Summary').fill('Whole floor lost the network');
  await page.keyboard.press('Alt+A');
  await page.getByLabel('Category').nth(1).selectOption({ label: 'Printer or scanner' });
  await page.getByLabel('Summary').nth(1).fill('Printer needs moving to floor 4');
  await page.screenshot({ path: `${OUT}/intake.png`, fullPage: true });
  await page.keyboard.press('F4');
  await page.locator('[data-ticket]').first().waitFor();
  await page.screenshot({ path: `${OUT}/board.png` });
  await page.locator('[data-ticket]').first().focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('history').waitFor();
  await page.screenshot({ path: `${OUT}/ticket.png` });
  await page.keyboard.press('Escape');
  // The workspace of a printer ticket: its SOP questions, and the similar resolved one offered.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('Printer jams');
  await page.getByRole('option', { name: /LON-000002/ }).waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId('similar').getByText('pickup roller').waitFor();
  await page.keyboard.press('Alt+q');
  await page.keyboard.type('Print delivery notes from the warehouse');
  await page.keyboard.press('Alt+r');
  await page.screenshot({ path: `${OUT}/ticket-resolve.png` });
  await page.keyboard.press('Escape');
  const sup = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
  await signIn(sup, host.url, 'supervisor');
  await sup.keyboard.press('F9');
  await sup.getByRole('heading', { name: /Priority policy/ }).waitFor();
  await sup.screenshot({ path: `${OUT}/settings.png`, fullPage: true });
  // The escalation panel: what needs someone now, and the time spent in each tier.
  await sup.setViewportSize({ width: 1440, height: 1000 });
  await sup.keyboard.press('F7');
  await sup.getByTestId('panel-item').first().waitFor();
  await sup.screenshot({ path: `${OUT}/panel.png` });
  await sup.close();
  // The wall-board, as a TV in the room shows it.
  const wallPage = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await wallPage.goto(`${host.url}wallboard`);
  await wallPage.getByLabel('User name').fill('wallboard');
  await wallPage.getByLabel('Password').fill('switchboard');
  await wallPage.keyboard.press('Enter');
  await wallPage.getByTestId('wallboard').waitFor();
  await wallPage.waitForTimeout(300);
  await wallPage.screenshot({ path: `${OUT}/wallboard.png` });
  await wallPage.close();
  // The technician's call-backs: overdue first, each a keystroke from its log entry.
  const techPage = await browser.newPage({ viewport: { width: 1440, height: 860 } });
  await signIn(techPage, host.url, 'tech2');
  await techPage.keyboard.press('F6');
  await techPage.getByTestId('callback').first().waitFor();
  await techPage.keyboard.press('Enter');
  await techPage.getByLabel('Outcome').waitFor();
  await techPage.screenshot({ path: `${OUT}/callbacks.png` });
  await techPage.close();
  await page.keyboard.press('Alt+T');
  await page.keyboard.press('F1');
  await page.screenshot({ path: `${OUT}/board-dark-shortcuts.png` });
  await browser.close();
  console.log(`screenshots written to ${OUT}/`);
} finally {
  await host.stop();
}
