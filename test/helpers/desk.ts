import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { manualClock, type ManualClock } from '../../src/core/kernel/clock.ts';
import type { Connection } from '../../src/core/kernel/context.ts';
import { DESK_FILE, openDesk, type Desk, type DeskOptions } from '../../src/core/kernel/desk.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-desk.ts';
import type { Input, MethodName, Output } from '../../src/shared/contract.ts';
import type { PushEvent } from '../../src/shared/events.ts';
import { buildDemoTemplate } from './demo-template.ts';
import { TEST_COST } from './password-cost.ts';
import { T0 } from './start-time.ts';

export { T0 } from './start-time.ts';

/** The demo desk's file, made once per run by the global set-up (test/helpers/global-setup.ts). */
let template: string | null = null;
async function templateFile(): Promise<string> {
  if (template) return template;
  const provided = inject('demoTemplate');
  // A config without the global set-up (an editor's test runner, say) still works, more slowly.
  return (template = provided && existsSync(provided) ? provided : await buildDemoTemplate());
}

export interface TestDesk {
  desk: Desk;
  dir: string;
  clock: ManualClock;
  events: PushEvent[];
  as(username: string): Promise<Connection>;
  ok<M extends MethodName>(conn: Connection, method: M, input: Input<M>): Promise<Output<M>>;
  close(): Promise<void>;
}

/**
 * A demo desk for a test. `escalationRules: false` turns the policy's automatic escalation off
 * (a new policy version), for tests about something else that jump the clock past breaches.
 */
export async function demoDesk(
  opts: {
    empty?: boolean;
    escalationRules?: boolean;
    hubTransport?: DeskOptions['hubTransport'];
  } = {},
): Promise<TestDesk> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-test-'));
  if (!opts.empty) copyFileSync(await templateFile(), join(dir, DESK_FILE));
  const clock = manualClock(T0);
  const desk = await openDesk({
    dataDir: dir,
    clock,
    slaTicker: false,
    passwordCost: TEST_COST,
    log: (m, e) => process.env['SB_TEST_LOG'] && console.error(m, e),
    ...(opts.hubTransport ? { hubTransport: opts.hubTransport } : {}),
  });
  const events: PushEvent[] = [];
  desk.subscribe((e) => events.push(e));
  if (opts.escalationRules === false) {
    const conn = desk.connect();
    await desk.call(conn, 'auth.signIn', { username: 'supervisor', password: DEMO_PASSWORD });
    const r = await desk.call(conn, 'policy.get', {});
    if (!r.ok) throw new Error('policy.get failed');
    const off = await desk.call(conn, 'policy.update', {
      expectedVersion: r.value.version,
      body: {
        ...r.value.body,
        escalation: {
          breachUp: false,
          maxInTierMin: [null, null],
          reopenedToTier2: null,
          alertPriority1: false,
        },
      },
    });
    if (!off.ok) throw new Error(`policy.update failed: ${JSON.stringify(off.error)}`);
    events.length = 0;
  }
  const ok = async <M extends MethodName>(
    conn: Connection,
    method: M,
    input: Input<M>,
  ): Promise<Output<M>> => {
    const r = await desk.call(conn, method, input);
    if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  return {
    desk,
    dir,
    clock,
    events,
    ok,
    async as(username) {
      const conn = desk.connect();
      await ok(conn, 'auth.signIn', { username, password: DEMO_PASSWORD });
      return conn;
    },
    async close() {
      await desk.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of every table, hashed: proves a failed call wrote nothing at all. */
export function fingerprint(desk: Desk): string {
  const tables = desk.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all() as { name: string }[];
  return tables
    .map(
      ({ name }) =>
        `${name}:${JSON.stringify(desk.db.prepare(`SELECT * FROM "${name}"`).raw().all())}`,
    )
    .join('\n');
}

export function count(desk: Desk, table: string): number {
  return (desk.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** A valid intake for the demo desk, to vary in tests. */
export async function validIntake(
  t: TestDesk,
  conn: Connection,
  problems = 2,
): Promise<Input<'intake.submit'>> {
  const info = await t.ok(conn, 'desk.info', {});
  const cat = info.categories.find((c) => c.code === 'NETWORK')!;
  return {
    caller: { kind: 'new', name: 'Kofi Mensah', organisation: 'Litware' },
    contact: { phone: '020 7946 0991', email: 'kofi@litware.example' },
    accountNumber: 'LW-9001',
    asset: {
      modelNumber: 'Meraki MX68',
      serial: 'Q2KN-1234',
      location: 'Leeds office, comms room',
      licence: 'MX-ENT-3Y',
    },
    problems: Array.from({ length: problems }, (_, i) => ({
      categoryId: cat.id,
      queueId: cat.defaultQueueId,
      impact: 1 as const,
      urgency: ((i % 3) + 1) as 1 | 2 | 3,
      title: `Site link down, symptom ${i + 1}`,
      description: 'Since 08:40; the router shows amber.',
    })),
  };
}

/** Answers every required question of the ticket's script (yes for yes / no), as `conn`. */
export async function answerRequired(t: TestDesk, conn: Connection, id: string): Promise<void> {
  const detail = await t.ok(conn, 'tickets.get', { id });
  const answers = detail.script.questions
    .filter((q) => q.required)
    .map((q) => ({ questionId: q.id, answer: q.kind === 'yes_no' ? 'yes' : `Answer to ${q.id}` }));
  if (answers.length) await t.ok(conn, 'tickets.answer', { id, answers });
}

/** The call that tells the customer it is solved: resolving needs it (or a reason why not). */
export async function closingCall(t: TestDesk, conn: Connection, id: string): Promise<void> {
  await t.ok(conn, 'contacts.log', {
    ticketId: id,
    direction: 'outbound',
    channel: 'phone',
    outcome: 'reached',
    durationSec: 180,
    summary: 'Customer confirms it works again',
    closing: true,
  });
}

/** Resolves a ticket the way an analyst must: required answers, the closing call, a solution. */
export async function resolve(
  t: TestDesk,
  conn: Connection,
  id: string,
  version: number,
  solution = 'Replaced the faulty router; link is up.',
): Promise<Output<'tickets.resolve'>> {
  await answerRequired(t, conn, id);
  await closingCall(t, conn, id);
  return t.ok(conn, 'tickets.resolve', { id, version, solution, rootCause: 'hardware_fault' });
}
