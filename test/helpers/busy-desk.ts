/**
 * A desk in the middle of a working morning, filled through the host's HTTP API as a client would:
 * calls with several problems (one with a title as long as the contract allows), some moved on
 * the board, some call-backs agreed for later days. For the layout tests and screenshots.
 */
import type { Input, MethodName, Output } from '../../src/shared/contract.ts';

/** The longest title intake takes is 200 characters; the board and the workspace must wrap it. */
export const LONG_TITLE =
  'Whole third floor intermittently loses the wired network and Wi-Fi every twenty minutes ' +
  'since the switch firmware upgrade, VoIP phones reboot and the badge readers go offline too';

export interface ApiClient {
  call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>>;
}

/** Signs in over HTTP and returns a client that throws on any refused call (a seed must not fail). */
export async function apiClient(
  url: string,
  username: string,
  password = 'switchboard',
): Promise<ApiClient> {
  const post = (method: string, input: unknown, cookie = '') =>
    fetch(`${url}api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(input),
    });
  const signIn = await post('auth.signIn', { username, password });
  if (!signIn.ok) throw new Error(`sign-in as ${username} failed: ${signIn.status}`);
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  return {
    async call(method, input) {
      const body = (await (await post(method, input, cookie)).json()) as
        { ok: true; value: never } | { ok: false; error: unknown };
      if (!body.ok) throw new Error(`${method} failed: ${JSON.stringify(body.error)}`);
      return body.value;
    },
  };
}

export interface BusyDesk {
  /** Every ticket opened, in order: key and id. */
  tickets: { id: string; key: string; title: string }[];
  /** The ticket whose title is LONG_TITLE. */
  long: { id: string; key: string };
}

type Problem = [category: string, title: string, impact: 1 | 2 | 3, urgency: 1 | 2 | 3];

const CALLS: [customer: string, problems: Problem[]][] = [
  [
    'Margaret Okafor',
    [
      ['NETWORK', LONG_TITLE, 1, 1],
      ['PRINTER', 'Printer jams on tray 2', 3, 2],
    ],
  ],
  ['Jean-Luc Moreau', [['VPN', 'VPN drops every 20 minutes', 2, 2]]],
  [
    'Ελένη Παπαδοπούλου',
    [
      ['LICENCE', 'Άδεια Adobe έληξε', 2, 1],
      ['LAPTOP', 'Η μπαταρία δεν φορτίζει', 3, 3],
    ],
  ],
  ['अनन्या शर्मा', [['EMAIL', 'ईमेल सिंक नहीं हो रहा', 2, 2]]],
  ['فاطمة الزهراني', [['NETWORK', 'انقطاع الشبكة في الرياض', 1, 2]]],
  [
    'Dmitri Volkov',
    [
      ['ONSITE', 'Move label printers to bay 9', 3, 3],
      ['ACCOUNT', 'Locked out after password change', 2, 1],
    ],
  ],
];

/** Fills the demo desk behind `url` as `username` (who then owns the call-backs). */
export async function seedBusyDesk(url: string, username = 'analyst'): Promise<BusyDesk> {
  const api = await apiClient(url, username);
  const info = await api.call('desk.info', {});
  const cat = (code: string) => info.categories.find((c) => c.code === code)!;
  const tickets: BusyDesk['tickets'] = [];
  for (const [name, problems] of CALLS) {
    const [found] = await api.call('customers.lookup', { query: name });
    const r = await api.call('intake.submit', {
      caller: { kind: 'existing', customerId: found!.id },
      contact: { phone: found!.phone, email: found!.email },
      accountNumber: '',
      problems: problems.map(([code, title, impact, urgency]) => ({
        categoryId: cat(code).id,
        queueId: cat(code).defaultQueueId,
        impact,
        urgency,
        title,
        description: '',
      })),
    });
    r.tickets.forEach((t, i) => tickets.push({ id: t.id, key: t.key, title: problems[i]![1] }));
  }
  await api.call('tickets.move', { id: tickets[2]!.id, to: 'in_progress', version: 1 });
  await api.call('tickets.move', { id: tickets[3]!.id, to: 'open', version: 1 });
  // Work in hand: the wall-board's load per analyst has a figure.
  const me = info.users.find((u) => u.username === username)!;
  await api.call('tickets.assign', { id: tickets[3]!.id, assigneeId: me.id, version: 2 });
  const long = tickets.find((t) => t.title === LONG_TITLE)!;
  return { tickets, long };
}
