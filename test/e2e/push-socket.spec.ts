import { expect, test, type APIResponse, type Page, type Route } from '@playwright/test';
import type { Input, MethodName, Output } from '../../src/shared/contract.ts';
import { apiClient, seedBusyDesk, type ApiClient } from '../helpers/busy-desk.ts';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { signIn } from '../helpers/ui.ts';

/**
 * Installed before the app's own script: records every WebSocket the page makes (the browser's
 * own sockets, only watched) with the frames each handed to the page, and every API call the
 * page starts, at the moment it starts it.
 */
function probe(): void {
  const w = window as unknown as {
    pushSockets: { socket: WebSocket; heard: string[] }[];
    apiCalls: string[];
  };
  w.pushSockets = [];
  w.apiCalls = [];
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      const entry = { socket: this as WebSocket, heard: [] as string[] };
      w.pushSockets.push(entry);
      this.addEventListener('message', (m) => entry.heard.push(String(m.data)));
    }
  };
  const nativeFetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    w.apiCalls.push(String(input instanceof Request ? input.url : input));
    return nativeFetch(input, init);
  };
}

interface SocketSeen {
  /** WebSocket.readyState: 0 connecting, 1 open, 2 closing, 3 closed. */
  state: number;
  heard: string[];
}

const socketsOf = (page: Page): Promise<SocketSeen[]> =>
  page.evaluate(() =>
    (
      window as unknown as { pushSockets: { socket: WebSocket; heard: string[] }[] }
    ).pushSockets.map((e) => ({ state: e.socket.readyState, heard: e.heard })),
  );
const apiCallsOf = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { apiCalls: string[] }).apiCalls);
/** Live: connecting or open, i.e. a socket whose events may still reach the page. */
const live = (s: SocketSeen) => s.state === 0 || s.state === 1;

/** Every frame the browser received on any of the page's sockets (the network's view). */
function framesOf(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
  return frames;
}

/**
 * Lets every reconnection the page had planned come due (the page's clock is Playwright's), then
 * waits until no socket is still connecting: what is live then stays live.
 */
async function settle(page: Page): Promise<SocketSeen[]> {
  await page.clock.runFor(11_000);
  await expect.poll(async () => (await socketsOf(page)).some((s) => s.state === 0)).toBe(false);
  return socketsOf(page);
}

/** The push frame telling that `id` got a note. */
const isNoteOn = (id: string) => (frame: string) => {
  const e = JSON.parse(frame) as { name: string; payload: { ids?: string[]; reason?: string } };
  return (
    e.name === 'tickets.changed' && e.payload.reason === 'noted' && !!e.payload.ids?.includes(id)
  );
};

/**
 * Adds one note to `ticket` from elsewhere on the desk and waits until every open socket of the
 * page has heard of it; returns how often the page heard it and what it asked the host meanwhile.
 */
async function noteFromElsewhere(page: Page, frames: string[], desk: ApiClient, ticketId: string) {
  const callsBefore = (await apiCallsOf(page)).length;
  const framesBefore = frames.length;
  await desk.call('tickets.addNote', { id: ticketId, text: 'Checked the patch panel' });
  const isIt = isNoteOn(ticketId);
  await expect
    .poll(async () => {
      const open = (await socketsOf(page)).filter((s) => s.state === 1);
      return open.length > 0 && open.every((s) => s.heard.some(isIt));
    })
    .toBe(true);
  const sockets = await socketsOf(page);
  return {
    heard: sockets.flatMap((s) => s.heard).filter(isIt).length,
    frames: frames.slice(framesBefore).filter(isIt).length,
    calls: (await apiCallsOf(page)).slice(callsBefore),
  };
}

/** A call in the page's own session, as its own scripts would make it. */
async function callAs<M extends MethodName>(
  page: Page,
  url: string,
  method: M,
  input: Input<M>,
): Promise<Output<M>> {
  const res = await page.request.post(`${url}api/${method}`, { data: input });
  const body = (await res.json()) as { ok: boolean; value: Output<M>; error?: unknown };
  expect(body.ok, JSON.stringify(body.error)).toBe(true);
  return body.value;
}

test.describe('the push channel in a browser', () => {
  let host: HostProcess;
  let desk: ApiClient;
  let ticket: { id: string; key: string };
  test.beforeAll(async () => {
    host = await startHostProcess();
    // An analyst elsewhere on the desk, who took one call.
    desk = await apiClient(host.url, 'analyst');
    const info = await desk.call('desk.info', {});
    const [caller] = await desk.call('customers.lookup', { query: 'Margaret Okafor' });
    const cat = info.categories.find((c) => c.code === 'NETWORK')!;
    const receipt = await desk.call('intake.submit', {
      caller: { kind: 'existing', customerId: caller!.id },
      contact: { phone: caller!.phone, email: caller!.email },
      accountNumber: '',
      problems: [
        {
          categoryId: cat.id,
          queueId: cat.defaultQueueId,
          impact: 2,
          urgency: 2,
          title: 'Switch port flapping',
          description: '',
        },
      ],
    });
    ticket = receipt.tickets[0]!;
  });
  test.afterAll(async () => {
    await host.stop();
  });

  test.beforeEach(async ({ page }) => {
    await page.clock.install();
    await page.addInitScript(probe);
  });

  test('a changed policy re-reads the session: still one socket, and one push is heard and applied once', async ({
    page,
  }) => {
    const frames = framesOf(page);
    await signIn(page, host.url, 'supervisor');
    await page.keyboard.press('F4');
    await page.locator(`[data-ticket="${ticket.key}"]`).click();
    await expect(page.getByTestId('history')).toBeVisible();
    await expect.poll(async () => (await socketsOf(page)).filter(live).length).toBe(1);
    expect((await settle(page)).filter(live)).toHaveLength(1);

    // The policy saved again: every signed-in page hears of it and reads its session again,
    // which replaces its socket.
    const policy = await callAs(page, host.url, 'policy.get', {});
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/session.get')),
      callAs(page, host.url, 'policy.update', {
        body: policy.body,
        expectedVersion: policy.version,
      }),
    ]);
    await expect.poll(async () => (await socketsOf(page)).length).toBeGreaterThanOrEqual(2);
    await expect.poll(async () => (await socketsOf(page))[0]!.state).toBe(3);
    const after = await settle(page);
    expect.soft(after.filter(live), 'sockets live after the swap').toHaveLength(1);

    const note = await noteFromElsewhere(page, frames, desk, ticket.id);
    expect.soft(note.heard, 'times the page heard the one note').toBe(1);
    expect.soft(note.frames, 'frames the browser received for it').toBe(1);
    // The open ticket reads itself again once, not once per socket.
    expect(
      note.calls.filter((u) => u.endsWith('/api/tickets.get')),
      'ticket reads',
    ).toHaveLength(1);
  });

  test('signing out closes the socket; signing in again opens one, and one push is heard once', async ({
    page,
  }) => {
    const frames = framesOf(page);
    await signIn(page, host.url, 'supervisor');
    await expect.poll(async () => (await socketsOf(page)).filter(live).length).toBe(1);
    expect((await settle(page)).filter(live)).toHaveLength(1);

    await page.getByRole('button', { name: /Sign out/ }).click();
    await expect(page.getByLabel('User name')).toBeVisible();
    await expect.poll(async () => (await socketsOf(page)).filter(live).length).toBe(0);
    expect((await settle(page)).filter(live), 'sockets live while signed out').toHaveLength(0);

    await page.getByLabel('User name').fill('supervisor');
    await page.getByLabel('Password').fill('switchboard');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: /Sign out/ })).toBeVisible();
    await expect.poll(async () => (await socketsOf(page)).filter(live).length).toBe(1);
    expect((await settle(page)).filter(live), 'sockets live signed in again').toHaveLength(1);
    await page.keyboard.press('F4');
    await page.locator(`[data-ticket="${ticket.key}"]`).click();
    await expect(page.getByTestId('history')).toBeVisible();

    const note = await noteFromElsewhere(page, frames, desk, ticket.id);
    expect.soft(note.heard, 'times the page heard the one note').toBe(1);
    expect.soft(note.frames, 'frames the browser received for it').toBe(1);
    expect(note.calls.filter((u) => u.endsWith('/api/tickets.get'))).toHaveLength(1);
  });

  test('a session the host ends (1008) leaves no socket behind; the next sign-in opens one', async ({
    page,
  }) => {
    const admin = await apiClient(host.url, 'admin');
    const person = async () =>
      (await admin.call('admin.directory', {})).people.find((p) => p.username === 'tech2')!;
    const frames = framesOf(page);
    await signIn(page, host.url, 'tech2');
    await expect.poll(async () => (await socketsOf(page)).filter(live).length).toBe(1);

    // An admin disables them. Their next action is refused: the host ends the session there,
    // closing its socket (1008), and the page goes to the sign-in with nothing left connecting.
    const before = await person();
    await admin.call('users.setActive', {
      id: before.id,
      expectedVersion: before.version,
      active: false,
    });
    await page.keyboard.press('F4');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect.poll(async () => (await socketsOf(page)).filter(live).length).toBe(0);
    expect((await settle(page)).filter(live), 'sockets live once signed out').toHaveLength(0);

    const disabled = await person();
    await admin.call('users.setActive', {
      id: disabled.id,
      expectedVersion: disabled.version,
      active: true,
    });
    await page.getByLabel('User name').fill('tech2');
    await page.getByLabel('Password').fill('switchboard');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: /Sign out/ })).toBeVisible();
    await expect.poll(async () => (await socketsOf(page)).filter(live).length).toBe(1);
    expect((await settle(page)).filter(live), 'sockets live signed in again').toHaveLength(1);
    await page.keyboard.press('F4');
    await page.locator(`[data-ticket="${ticket.key}"]`).click();
    await expect(page.getByTestId('history')).toBeVisible();

    const note = await noteFromElsewhere(page, frames, desk, ticket.id);
    expect.soft(note.heard, 'times the page heard the one note').toBe(1);
    expect.soft(note.frames, 'frames the browser received for it').toBe(1);
    expect(note.calls.filter((u) => u.endsWith('/api/tickets.get'))).toHaveLength(1);
  });
});

test.describe('call-backs after a change of user', () => {
  let host: HostProcess;
  test.beforeAll(async () => {
    host = await startHostProcess(undefined, ['--test-clock', '2026-11-23T09:00:00Z']);
    // The analyst's morning: call-backs of theirs fall due today.
    await seedBusyDesk(host.url);
  });
  test.afterAll(async () => {
    await host.stop();
  });

  test("the last user's call-backs, answered late, never show for the next one", async ({
    page,
  }) => {
    // The first list the page asks for (the analyst's) is held back until the next user is in.
    let held: { route: Route; response: APIResponse } | null = null;
    const arrived = new Promise<void>((resolve) => {
      void page.route('**/api/callbacks.mine', async (route) => {
        if (held) return route.continue();
        held = { route, response: await route.fetch() };
        resolve();
      });
    });
    await signIn(page, host.url, 'analyst');
    await arrived;
    const mine = (await held!.response.json()) as { ok: true; value: Output<'callbacks.mine'> };
    expect(mine.value.items.length, "the analyst's call-backs today").toBeGreaterThan(0);

    await page.getByRole('button', { name: /Sign out/ }).click();
    await page.getByLabel('User name').fill('tech2');
    await page.getByLabel('Password').fill('switchboard');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/callbacks.mine')),
      page.keyboard.press('Enter'),
    ]);
    await expect(page.getByText(/Tomás Ortega/)).toBeVisible();
    await page.keyboard.press('F6');
    await expect(page.getByRole('heading', { name: /call-backs/i }).first()).toBeVisible();

    // Now the analyst's answer comes in.
    const late = held!;
    await Promise.all([
      page.waitForResponse((r) => r.request() === late.route.request()),
      late.route.fulfill({ response: late.response }),
    ]);
    // Two frames: whatever that answer set has been drawn.
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
    expect(await page.getByTestId('callback').count(), 'call-backs listed for tech2').toBe(0);
    expect(await page.getByTestId('callbacks-badge').count(), 'badge for tech2').toBe(0);
  });
});
