/**
 * No input the contract accepts ends in INTERNAL. For intake and every writing method, fast-check
 * generates inputs the method's schema accepts, built from the prepared desk's own ids (and ids
 * it does not have): windows in the past, the present and the future, every priority, impact and
 * urgency, several problems, new and known callers, accounts, equipment, overrides with and
 * without reasons. Each call must save, or be refused with a typed error that changed nothing;
 * after every saved call each ticket has exactly one search row that says what the ticket is.
 * After the calls the desk's clock jumps and its scanner runs, and the screens are read: none
 * of that may fail either.
 *
 * Every run starts from a copy of one prepared desk (the demo desk with a few tickets in each
 * state). The seeds are fixed, so a failure replays; fast-check prints the seed and the path.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Connection } from '../../src/core/kernel/context.ts';
import { facetTokens } from '../../src/core/store/fts.ts';
import { DAY, HOUR, MINUTE } from '../../src/shared/business-time.ts';
import { DUPLICATE_CHOICES, IMPORT_ENCODINGS, IMPORT_FIELDS } from '../../src/shared/imports.ts';
import { EXPORT_FORMATS, EXPORT_KINDS, EXPORT_STATES } from '../../src/shared/exports.ts';
import { contract, type Input, type MethodName, type Output } from '../../src/shared/contract.ts';
import {
  CALL_DIRECTIONS,
  CONTACT_CHANNELS,
  MANUAL_LINK_KINDS,
  outcomesFor,
  QUESTION_KINDS,
  ROLES,
  ROOT_CAUSES,
  STATUSES,
  TIMED_CHANNELS,
  UPDATE_GIVEN,
  type Level,
  type Status,
  type Tier,
} from '../../src/shared/domain.ts';
import type { ErrorCode } from '../../src/shared/errors.ts';
import { fingerprint, T0 } from '../helpers/desk.ts';
import { freshDesk, type DeskSnapshot, type FreshDesk } from '../helpers/fresh-desk.ts';

/** A refusal the caller can act on. INTERNAL is not one; UNAUTHENTICATED cannot happen here. */
const TYPED: readonly ErrorCode[] = ['VALIDATION', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT'];
const NO_SUCH = '01900000-0000-7000-8000-00000000dead';
const YEAR = 365 * DAY;
const SEED = 1_300_001;

// ---- the prepared desk ----------------------------------------------------------------------

interface Ids {
  tickets: string[];
  keys: string[];
  customers: string[];
  accounts: string[];
  assets: string[];
  categories: string[];
  queues: string[];
  users: string[];
  /** Users of tier 2, who can take the prepared desk's escalation. */
  members: string[];
  domains: string[];
  questions: string[];
  contacts: string[];
  links: string[];
}

let snapshot: DeskSnapshot;
let ids: Ids;

async function ok<M extends MethodName>(
  t: FreshDesk,
  conn: Connection,
  method: M,
  input: Input<M>,
): Promise<Output<M>> {
  const r = await t.desk.call(conn, method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value;
}

const column = (t: FreshDesk, sql: string): string[] =>
  t.desk.db.prepare(sql).pluck().all() as string[];

/** The demo desk with five tickets: new, in progress, escalated and waiting, resolved, linked. */
async function prepare(): Promise<{ snapshot: DeskSnapshot; ids: Ids }> {
  const t = await freshDesk();
  const a = t.as('analyst');
  const cat = (code: string) =>
    t.desk.db
      .prepare('SELECT id, default_queue_id AS queueId FROM categories WHERE code = ?')
      .get(code) as { id: string; queueId: string };
  const okafor = column(t, "SELECT id FROM customers WHERE name = 'Margaret Okafor'")[0]!;
  const problem = (code: string, impact: Level, urgency: Level, title: string) => ({
    categoryId: cat(code).id,
    queueId: cat(code).queueId,
    impact,
    urgency,
    title,
  });
  const first = await ok(t, a, 'intake.submit', {
    caller: { kind: 'existing', customerId: okafor },
    contact: { phone: '+44 20 7946 0018' },
    accountNumber: 'NW-10442',
    problems: [
      problem('NETWORK', 1, 1, 'Site link down'),
      problem('LAPTOP', 2, 2, 'Laptop will not boot'),
    ],
  });
  const second = await ok(t, a, 'intake.submit', {
    caller: { kind: 'new', name: 'Kofi Mensah', organisation: 'Litware' },
    contact: { phone: '020 7946 0991', email: 'kofi@litware.example' },
    problems: [
      problem('EMAIL', 2, 3, 'Mailbox full'),
      problem('ACCOUNT', 3, 2, 'Password expired'),
      {
        ...problem('ONSITE', 3, 3, 'Move the comms cabinet'),
        plannedStart: t.clock.now() + 2 * DAY,
        plannedEnd: t.clock.now() + 2 * DAY + 4 * HOUR,
      },
    ],
  });
  const [t1, t2] = first.tickets;
  const [t3, t4, t5] = second.tickets;
  const version = (id: string) =>
    t.desk.db.prepare('SELECT version FROM tickets WHERE id = ?').pluck().get(id) as number;
  t.clock.advance(10 * MINUTE);
  await ok(t, a, 'tickets.move', { id: t2!.id, to: 'in_progress', version: version(t2!.id) });
  await ok(t, a, 'tickets.assign', {
    id: t2!.id,
    assigneeId: a.user!.id,
    version: version(t2!.id),
  });
  await ok(t, a, 'tickets.escalate', {
    id: t3!.id,
    version: version(t3!.id),
    reason: 'Needs the mail team',
  });
  // The required questions answered on all but the escalated one: those can be resolved.
  for (const k of [t1!, t2!, t4!, t5!]) {
    const detail = await ok(t, a, 'tickets.get', { id: k.id });
    const answers = detail.script.questions
      .filter((q) => q.required)
      .map((q) => ({ questionId: q.id, answer: q.kind === 'yes_no' ? 'yes' : 'Asked and noted' }));
    if (answers.length) await ok(t, a, 'tickets.answer', { id: k.id, answers });
  }
  await ok(t, a, 'contacts.log', {
    ticketId: t4!.id,
    direction: 'outbound',
    channel: 'phone',
    outcome: 'reached',
    summary: 'Password reset with the caller',
    closing: true,
  });
  await ok(t, a, 'tickets.resolve', {
    id: t4!.id,
    version: version(t4!.id),
    solution: 'Reset the password',
    rootCause: 'user_error',
  });
  await ok(t, a, 'tickets.link', { id: t1!.id, target: t5!.key, kind: 'related' });
  await ok(t, a, 'tickets.addNote', { id: t1!.id, text: 'Router shows amber.' });
  await ok(t, a, 'contacts.log', {
    ticketId: t1!.id,
    direction: 'outbound',
    channel: 'phone',
    outcome: 'no_answer',
    summary: 'Rang the site, nobody answered',
  });
  const tickets = [t1!, t2!, t3!, t4!, t5!];
  const found: Ids = {
    tickets: tickets.map((k) => k.id),
    keys: tickets.map((k) => k.key),
    customers: column(t, 'SELECT id FROM customers'),
    accounts: column(t, 'SELECT number FROM accounts'),
    assets: column(t, 'SELECT id FROM assets'),
    categories: column(t, 'SELECT id FROM categories'),
    queues: column(t, 'SELECT id FROM queues'),
    users: column(t, 'SELECT id FROM users'),
    members: column(t, "SELECT id FROM users WHERE username = 'tech2'"),
    domains: column(t, 'SELECT id FROM domains'),
    questions: [
      ...new Set(
        (column(t, 'SELECT questions FROM sop_scripts') as string[]).flatMap((q) =>
          (JSON.parse(q) as { id: string }[]).map((x) => x.id),
        ),
      ),
    ],
    contacts: column(t, 'SELECT id FROM contacts'),
    links: column(t, 'SELECT id FROM ticket_links'),
  };
  return { snapshot: await t.snapshot(), ids: found };
}

// ---- building blocks for inputs -------------------------------------------------------------

/** Letters of every script the desk hears, digits, FTS syntax, control characters, anything. */
const CHAR = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...'abcdefghij klmnopqrstuvwxyz ABCXYZ 0123456789') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      ...['é', 'ß', 'Ω', 'λ', 'ж', 'ع', 'ب', 'क', 'ि', '\u0301', '😀', '\u200b', '\u200f'],
      ...['"', "'", '*', '-', '(', ')', ':', '^', '%', '\\', '<', '&', '\n', '\t', '{', '}'],
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

/** Text a `text(min, max)` field accepts: at least `min` after trimming, at most `max` (as zod counts). */
function text(min: number, max: number): fc.Arbitrary<string> {
  const schema = z.string().trim().min(min).max(max);
  return fc
    .oneof(
      {
        weight: 12,
        arbitrary: fc.string({ unit: CHAR, minLength: min, maxLength: Math.min(max, 40) }),
      },
      // The longest the field takes.
      { weight: 1, arbitrary: fc.constant('ü'.repeat(max)) },
    )
    .filter((s) => schema.safeParse(s).success);
}

/** An instant relative to the desk's clock when the call is made, or an absolute extreme. */
type When = { rel: number } | { abs: number };
const when: fc.Arbitrary<When> = fc.oneof(
  fc
    .constantFrom(0, -1, 1, -HOUR, HOUR, -DAY, DAY, -30 * DAY, 30 * DAY, YEAR)
    .map((rel) => ({ rel })),
  fc.integer({ min: -2 * YEAR, max: 2 * YEAR }).map((rel) => ({ rel })),
  fc.constantFrom(0, 1, 8_640_000_000_000_000, Number.MAX_SAFE_INTEGER).map((abs) => ({ abs })),
);
const at = (t: FreshDesk, w: When): number =>
  'abs' in w ? w.abs : Math.max(0, Math.min(Number.MAX_SAFE_INTEGER, t.clock.now() + w.rel));

/** Which version a call names: the one it has now, one before or after it, or the first. */
type VersionChoice = 'current' | 'behind' | 'ahead' | 'first';
const versionChoice = fc.constantFrom<VersionChoice>(
  'current',
  'current',
  'current',
  'behind',
  'ahead',
  'first',
);
function versionOf(t: FreshDesk, id: string, choice: VersionChoice): number {
  const v =
    (t.desk.db.prepare('SELECT version FROM tickets WHERE id = ?').pluck().get(id) as
      number | undefined) ?? 1;
  return { current: v, behind: Math.max(1, v - 1), ahead: v + 1, first: 1 }[choice];
}

const level = fc.constantFrom<Level>(1, 2, 3);
const tier = fc.constantFrom<Tier>(1, 2, 3);
/** Mostly one of these ids, sometimes one the desk does not have. */
const oneOf = (xs: () => readonly string[]) =>
  fc.oneof(
    { weight: 9, arbitrary: fc.constant(null).chain(() => fc.constantFrom(...xs())) },
    { weight: 1, arbitrary: fc.constant(NO_SUCH) },
  );
/** Left out two times in three (fc.option leaves it out one time in five). */
const maybe = <T, N>(arb: fc.Arbitrary<T>, opts: { nil: N }): fc.Arbitrary<T | N> =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(opts.nil) }, { weight: 1, arbitrary: arb });
const ticket = oneOf(() => ids.tickets);
/** A ticket, most often the prepared one in the state the method needs (by its index in ids.tickets). */
const ticketMostly = (i: number) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(null).map(() => ids.tickets[i]!) },
    { weight: 1, arbitrary: ticket },
  );
/** Who calls: the tiers, a supervisor, and now and then the wall-board display (refused every write). */
const staff = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('analyst', 'analyst', 'tech2', 'tech3', 'supervisor') },
  { weight: 1, arbitrary: fc.constant('wallboard') },
);

// ---- the methods ----------------------------------------------------------------------------

/** How to make one method's calls: who calls, what varies, and the input it makes on a desk. */
interface Case<M extends MethodName, P> {
  method: M;
  users: fc.Arbitrary<string>;
  plan: fc.Arbitrary<P>;
  input(t: FreshDesk, plan: P): Input<M>;
}
const method = <M extends MethodName, P>(c: Case<M, P>) =>
  c as unknown as Case<MethodName, unknown>;

const phone = fc.constantFrom(
  '',
  '020 7946 0991',
  '+44 20 7946 0018',
  '+44 (0)20 7946 0018',
  '020/7946 0018',
  '+30 21 0323 4567',
  '210 323 4567',
  '+1 (555) 010-9999',
  '00000',
  '0044 20 7946 0018',
  '+966 11 234 5678',
);
const email = fc.constantFrom('', 'kofi@litware.example', 'm.okafor@northwind.example', 'x@y.zz');

/** Mostly a known id: each problem of a call has one, and one unknown refuses the whole call. */
const mostlyOneOf = (xs: () => readonly string[]) =>
  fc.oneof(
    { weight: 19, arbitrary: fc.constant(null).chain(() => fc.constantFrom(...xs())) },
    { weight: 1, arbitrary: fc.constant(NO_SUCH) },
  );

const problem = fc.record({
  categoryId: mostlyOneOf(() => ids.categories),
  queue: fc.oneof(
    fc.constant('default'),
    mostlyOneOf(() => ids.queues),
  ),
  // Every cell of the matrix, the planned event's (3 × 3) as often as the rest together; now
  // and then a priority of the analyst's own, with a reason or (refused) without one.
  rating: fc.oneof(
    fc.record({ impact: level, urgency: level }),
    fc.constant({ impact: 3 as Level, urgency: 3 as Level }),
  ),
  title: text(3, 200),
  description: maybe(text(0, 10_000), { nil: undefined }),
  priority: maybe(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  priorityReason: fc.option(text(0, 500), { nil: undefined }),
  // A window most of the time: started long ago, just now, or still to come.
  window: fc.option(
    fc.record({
      start: when,
      length: maybe(fc.oneof(fc.constantFrom(0, 1, HOUR, DAY), fc.nat(30 * DAY)), {
        nil: undefined,
      }),
    }),
    { nil: undefined },
  ),
});

const intake = method({
  method: 'intake.submit',
  users: staff,
  plan: fc.record({
    caller: fc.oneof(
      fc.record({
        kind: fc.constant('new' as const),
        name: text(1, 200),
        organisation: maybe(text(0, 200), { nil: undefined }),
      }),
      fc.record({ kind: fc.constant('existing' as const), customerId: oneOf(() => ids.customers) }),
    ),
    phone,
    email,
    account: maybe(
      fc.oneof(
        { weight: 1, arbitrary: fc.constant(null).chain(() => fc.constantFrom(...ids.accounts)) },
        {
          weight: 1,
          arbitrary: fc
            .constant(null)
            .chain(() => fc.constantFrom(...ids.accounts.map((n) => n.toLowerCase()))),
        },
        {
          weight: 3,
          arbitrary: fc.constantFrom('', 'NEW-1', 'new-1', 'ÄÖ-1', 'a b.c/d_e-f', 'x'.repeat(40)),
        },
      ),
      { nil: undefined },
    ),
    asset: maybe(
      fc.oneof(
        fc.record({ assetId: oneOf(() => ids.assets) }),
        fc.record({
          modelNumber: text(0, 100),
          serial: text(0, 100),
          location: text(0, 200),
          licence: text(0, 200),
        }),
      ),
      { nil: undefined },
    ),
    problems: fc.array(problem, { minLength: 1, maxLength: 4 }),
  }),
  input(t, p): Input<'intake.submit'> {
    const defaultQueue = (categoryId: string) =>
      (t.desk.db
        .prepare('SELECT default_queue_id FROM categories WHERE id = ?')
        .pluck()
        .get(categoryId) as string | undefined) ?? NO_SUCH;
    return {
      caller: p.caller,
      // A new caller must be reachable: the schema says so, and this makes only valid input.
      contact: {
        phone: p.phone,
        email: p.caller.kind === 'new' && !p.phone && !p.email ? 'kofi@litware.example' : p.email,
      },
      ...(p.account !== undefined ? { accountNumber: p.account } : {}),
      ...(p.asset ? { asset: p.asset } : {}),
      problems: p.problems.map((x) => {
        const start = x.window && at(t, x.window.start);
        const end =
          start !== undefined && x.window?.length !== undefined
            ? Math.min(Number.MAX_SAFE_INTEGER, start + x.window.length)
            : undefined;
        return {
          categoryId: x.categoryId,
          queueId: x.queue === 'default' ? defaultQueue(x.categoryId) : x.queue,
          impact: x.rating.impact,
          urgency: x.rating.urgency,
          title: x.title,
          ...(x.description !== undefined ? { description: x.description } : {}),
          ...(x.priority !== undefined ? { priority: x.priority } : {}),
          ...(x.priorityReason !== undefined ? { priorityReason: x.priorityReason } : {}),
          ...(start !== undefined ? { plannedStart: start } : {}),
          ...(end !== undefined ? { plannedEnd: end } : {}),
        };
      }),
    };
  },
});

const onTicket = <P>(rest: fc.Arbitrary<P>, id: fc.Arbitrary<string> = ticket) =>
  fc.record({ id, version: versionChoice, rest });

const cases = [
  intake,
  method({
    method: 'tickets.update',
    users: staff,
    plan: onTicket(
      fc
        .record(
          {
            title: text(3, 200),
            description: text(0, 10_000),
            categoryId: oneOf(() => ids.categories),
            queueId: oneOf(() => ids.queues),
            assetId: maybe(
              oneOf(() => ids.assets),
              { nil: null },
            ),
          },
          { requiredKeys: [] },
        )
        .filter((c) => Object.keys(c).length > 0),
    ),
    input: (t, p): Input<'tickets.update'> => ({
      id: p.id,
      version: versionOf(t, p.id, p.version),
      changes: p.rest,
    }),
  }),
  method({
    method: 'tickets.move',
    users: staff,
    plan: onTicket(fc.constantFrom<Status>(...STATUSES)),
    input: (t, p): Input<'tickets.move'> => ({
      id: p.id,
      to: p.rest,
      version: versionOf(t, p.id, p.version),
    }),
  }),
  method({
    method: 'tickets.setPriority',
    users: staff,
    plan: onTicket(
      fc.record({
        impact: level,
        urgency: level,
        priority: maybe(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        reason: maybe(text(0, 500), { nil: undefined }),
      }),
    ),
    input: (t, p): Input<'tickets.setPriority'> => ({
      id: p.id,
      version: versionOf(t, p.id, p.version),
      impact: p.rest.impact,
      urgency: p.rest.urgency,
      ...(p.rest.priority !== undefined ? { priority: p.rest.priority } : {}),
      ...(p.rest.reason !== undefined ? { reason: p.rest.reason } : {}),
    }),
  }),
  method({
    method: 'tickets.addNote',
    users: staff,
    plan: fc.record({ id: ticket, text: text(1, 10_000) }),
    input: (_, p): Input<'tickets.addNote'> => p,
  }),
  method({
    method: 'tickets.assign',
    users: staff,
    plan: onTicket(
      maybe(
        oneOf(() => ids.users),
        { nil: null },
      ),
    ),
    input: (t, p): Input<'tickets.assign'> => ({
      id: p.id,
      assigneeId: p.rest,
      version: versionOf(t, p.id, p.version),
    }),
  }),
  method({
    method: 'tickets.answer',
    users: staff,
    plan: fc.record({
      id: ticket,
      answers: fc.array(
        fc.record({
          // A question of the ticket's own script, by its place; 0 names one it does not have.
          question: fc.nat(12),
          answer: fc.oneof(fc.constantFrom('', 'yes', 'no'), text(0, 5_000)),
        }),
        { minLength: 1, maxLength: 6 },
      ),
    }),
    input(t, p): Input<'tickets.answer'> {
      const script = t.desk.db
        .prepare(
          `SELECT s.questions FROM sop_scripts s JOIN tickets k ON k.category_id = s.category_id
           WHERE k.id = ? ORDER BY s.version DESC LIMIT 1`,
        )
        .pluck()
        .get(p.id) as string | undefined;
      const qs = script ? (JSON.parse(script) as { id: string }[]).map((q) => q.id) : [];
      return {
        id: p.id,
        answers: p.answers.map((a) => ({
          questionId:
            a.question === 0 || qs.length === 0
              ? 'no_such_question'
              : qs[(a.question - 1) % qs.length]!,
          answer: a.answer,
        })),
      };
    },
  }),
  method({
    method: 'tickets.resolve',
    users: staff,
    plan: onTicket(
      fc.record({
        solution: text(3, 10_000),
        rootCause: fc.constantFrom(...ROOT_CAUSES),
        reproductionSteps: maybe(text(0, 10_000), { nil: undefined }),
        noContactReason: fc.option(text(0, 500), { nil: undefined }),
      }),
    ),
    input: (t, p): Input<'tickets.resolve'> => ({
      id: p.id,
      version: versionOf(t, p.id, p.version),
      solution: p.rest.solution,
      rootCause: p.rest.rootCause,
      ...(p.rest.reproductionSteps !== undefined
        ? { reproductionSteps: p.rest.reproductionSteps }
        : {}),
      ...(p.rest.noContactReason !== undefined ? { noContactReason: p.rest.noContactReason } : {}),
    }),
  }),
  method({
    method: 'tickets.reopen',
    users: staff,
    plan: onTicket(text(3, 500), ticketMostly(3)),
    input: (t, p): Input<'tickets.reopen'> => ({
      id: p.id,
      version: versionOf(t, p.id, p.version),
      reason: p.rest,
    }),
  }),
  method({
    method: 'tickets.link',
    users: staff,
    plan: fc.record({
      id: ticket,
      target: fc.oneof(
        fc.constant(null).chain(() => fc.constantFrom(...ids.keys, ...ids.tickets)),
        fc.constant(null).chain(() => fc.constantFrom(...ids.keys.map((k) => k.toLowerCase()))),
        fc.constantFrom('LON-999999', 'LON', 'x', NO_SUCH, 'ΛΟΝ-000001', '٠١٢'),
      ),
      kind: fc.constantFrom(...MANUAL_LINK_KINDS),
    }),
    input: (_, p): Input<'tickets.link'> => p,
  }),
  method({
    method: 'tickets.unlink',
    users: staff,
    plan: fc.record({ id: ticket, linkId: oneOf(() => ids.links) }),
    input: (_, p): Input<'tickets.unlink'> => p,
  }),
  method({
    method: 'tickets.split',
    users: staff,
    plan: onTicket(
      fc.record({
        title: text(3, 200),
        description: maybe(text(0, 10_000), { nil: undefined }),
        categoryId: oneOf(() => ids.categories),
        queueId: oneOf(() => ids.queues),
        impact: level,
        urgency: level,
      }),
    ),
    input: (t, p): Input<'tickets.split'> => ({
      id: p.id,
      version: versionOf(t, p.id, p.version),
      title: p.rest.title,
      ...(p.rest.description !== undefined ? { description: p.rest.description } : {}),
      categoryId: p.rest.categoryId,
      queueId: p.rest.queueId,
      impact: p.rest.impact,
      urgency: p.rest.urgency,
    }),
  }),
  method({
    method: 'tickets.merge',
    users: staff,
    plan: onTicket(
      fc.record({
        into: fc.oneof(
          {
            weight: 4,
            arbitrary: fc.constant(null).chain(() => fc.constantFrom(...ids.keys, ...ids.tickets)),
          },
          { weight: 1, arbitrary: fc.constantFrom('LON-999999', NO_SUCH) },
        ),
        note: maybe(text(0, 2_000), { nil: undefined }),
      }),
    ),
    input: (t, p): Input<'tickets.merge'> => ({
      id: p.id,
      version: versionOf(t, p.id, p.version),
      into: p.rest.into,
      ...(p.rest.note !== undefined ? { note: p.rest.note } : {}),
    }),
  }),
  method({
    method: 'tickets.escalate',
    users: staff,
    plan: onTicket(
      fc.record({
        toDomainId: maybe(
          oneOf(() => ids.domains),
          { nil: undefined },
        ),
        toTier: maybe(tier, { nil: undefined }),
        reason: text(3, 500),
        note: maybe(text(0, 5_000), { nil: undefined }),
      }),
    ),
    input: (t, p): Input<'tickets.escalate'> => ({
      id: p.id,
      version: versionOf(t, p.id, p.version),
      reason: p.rest.reason,
      ...(p.rest.toDomainId !== undefined ? { toDomainId: p.rest.toDomainId } : {}),
      ...(p.rest.toTier !== undefined ? { toTier: p.rest.toTier } : {}),
      ...(p.rest.note !== undefined ? { note: p.rest.note } : {}),
    }),
  }),
  method({
    method: 'tickets.acceptEscalation',
    // The receiving tier (tier 2 on the prepared desk), a supervisor, or someone who may not.
    users: fc.constantFrom('tech2', 'tech2', 'supervisor', 'analyst', 'tech3', 'wallboard'),
    plan: onTicket(
      fc.oneof(
        fc.constant(null).chain(() => fc.constantFrom(...ids.members)),
        oneOf(() => ids.users),
      ),
      ticketMostly(2),
    ),
    input: (t, p): Input<'tickets.acceptEscalation'> => ({
      id: p.id,
      version: versionOf(t, p.id, p.version),
      assigneeId: p.rest,
    }),
  }),
  method({
    method: 'tickets.returnEscalation',
    users: staff,
    plan: onTicket(text(3, 500), ticketMostly(2)),
    input: (t, p): Input<'tickets.returnEscalation'> => ({
      id: p.id,
      version: versionOf(t, p.id, p.version),
      reason: p.rest,
    }),
  }),
  method({
    method: 'contacts.log',
    users: staff,
    plan: fc.record({
      ticketId: ticket,
      direction: fc.constantFrom(...CALL_DIRECTIONS),
      channel: fc.constantFrom(...CONTACT_CHANNELS),
      outcome: fc.nat(),
      at: maybe(
        fc.oneof(
          fc.constantFrom(-MINUTE, -HOUR).map((rel) => ({ rel })),
          when,
        ),
        {
          nil: undefined,
        },
      ),
      durationSec: maybe(fc.integer({ min: 0, max: 86_400 }), { nil: undefined }),
      summary: text(3, 5_000),
      closing: fc.boolean(),
      next: maybe(
        fc.record({
          at: fc.oneof(
            fc.constantFrom(10 * MINUTE, HOUR).map((rel) => ({ rel })),
            when,
          ),
          reason: maybe(text(0, 500), { nil: undefined }),
        }),
        { nil: undefined },
      ),
      corrects: maybe(
        oneOf(() => ids.contacts),
        { nil: undefined },
      ),
    }),
    input(t, p): Input<'contacts.log'> {
      const outcomes = outcomesFor(p.direction, p.channel);
      const outcome = outcomes[p.outcome % outcomes.length]!;
      return {
        ticketId: p.ticketId,
        direction: p.direction,
        channel: p.channel,
        outcome,
        summary: p.summary,
        ...(p.at ? { at: at(t, p.at) } : {}),
        ...(p.durationSec !== undefined && TIMED_CHANNELS.includes(p.channel)
          ? { durationSec: p.durationSec }
          : {}),
        ...(p.closing && UPDATE_GIVEN.includes(outcome) ? { closing: true } : {}),
        ...(p.next
          ? {
              next: {
                at: at(t, p.next.at),
                ...(p.next.reason !== undefined ? { reason: p.next.reason } : {}),
              },
            }
          : {}),
        ...(p.corrects ? { corrects: p.corrects } : {}),
      };
    },
  }),
  method({
    method: 'scripts.update',
    users: fc.constantFrom('supervisor', 'admin', 'analyst'),
    plan: fc.record({
      categoryId: oneOf(() => ids.categories),
      expected: fc.constantFrom('current', 'current', 'zero', 'ahead'),
      questions: fc.uniqueArray(
        fc.record({
          id: fc.stringMatching(/^[a-z0-9_]{1,40}$/),
          text: text(3, 300),
          kind: maybe(fc.constantFrom(...QUESTION_KINDS), { nil: undefined }),
          required: maybe(fc.boolean(), { nil: undefined }),
          help: maybe(text(0, 500), { nil: undefined }),
        }),
        { maxLength: 8, selector: (q) => q.id },
      ),
    }),
    input(t, p): Input<'scripts.update'> {
      const current =
        (t.desk.db
          .prepare('SELECT max(version) FROM sop_scripts WHERE category_id = ?')
          .pluck()
          .get(p.categoryId) as number | null) ?? 0;
      return {
        categoryId: p.categoryId,
        expectedVersion: { current, zero: 0, ahead: current + 1 }[p.expected]!,
        questions: p.questions.map((q) => ({
          id: q.id,
          text: q.text,
          ...(q.kind ? { kind: q.kind } : {}),
          ...(q.required !== undefined ? { required: q.required } : {}),
          ...(q.help !== undefined ? { help: q.help } : {}),
        })),
      };
    },
  }),
  method({
    method: 'tiers.set',
    users: fc.constantFrom('admin', 'supervisor'),
    plan: fc.record({
      domainId: oneOf(() => ids.domains),
      level: tier,
      queueId: oneOf(() => ids.queues),
    }),
    input: (_, p): Input<'tiers.set'> => p,
  }),
  method({
    method: 'queues.create',
    users: fc.constantFrom('admin'),
    plan: fc.record({ code: fc.stringMatching(/^[A-Z0-9_]{2,12}$/), name: text(1, 100) }),
    input: (_, p): Input<'queues.create'> => p,
  }),
  method({
    method: 'categories.create',
    users: fc.constantFrom('admin'),
    plan: fc.record({
      code: fc.oneof(fc.stringMatching(/^[A-Z0-9_]{2,24}$/), fc.constantFrom('NETWORK', 'EMAIL')),
      name: text(1, 100),
      domain: fc.oneof(text(1, 60), fc.constantFrom('Network', 'network', 'Facilities')),
      defaultQueueId: oneOf(() => ids.queues),
    }),
    input: (_, p): Input<'categories.create'> => p,
  }),
];

/** A priority level the policy schema accepts. */
const priorityLevel = fc
  .record({
    label: text(1, 60),
    firstResponseMin: fc.oneof(fc.integer({ min: 1, max: 600 }), fc.constant(525_600)),
    updateEveryMin: fc.oneof(fc.integer({ min: 1, max: 3_000 }), fc.constant(525_600)),
    retry: maybe(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    resolutionExtra: fc.oneof(fc.nat(20_000), fc.constant(5_256_000)),
    clock: fc.constantFrom('business' as const, '24x7' as const),
    planned: fc.boolean(),
  })
  .map(({ retry, resolutionExtra, ...l }) => ({
    ...l,
    ...(retry !== undefined ? { retryMin: Math.max(1, Math.floor(retry * l.updateEveryMin)) } : {}),
    resolutionMin: Math.min(5_256_000, l.firstResponseMin + resolutionExtra),
  }));
const minutesOrOff = maybe(fc.oneof(fc.integer({ min: 1, max: 2_000 }), fc.constant(525_600)), {
  nil: null,
});
const threshold = fc
  .tuple(fc.nat(100_000), fc.nat(100_000))
  .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]);
const policyBody = fc
  .record({
    priorities: fc.array(priorityLevel, { minLength: 2, maxLength: 4 }),
    cells: fc.array(fc.nat(), { minLength: 9, maxLength: 9 }),
    atRiskShare: maybe(fc.double({ min: 0.05, max: 0.99, noNaN: true }), { nil: undefined }),
    escalation: fc.record({
      breachUp: fc.boolean(),
      maxInTierMin: fc.tuple(minutesOrOff, minutesOrOff),
      reopenedToTier2: maybe(fc.integer({ min: 1, max: 20 }), { nil: null }),
      alertPriority1: fc.boolean(),
    }),
    wallboard: fc.record({
      breached: threshold,
      atRisk: threshold,
      awaitingAcceptance: threshold,
      callbacksOverdue: threshold,
      oldestWaitingMin: threshold,
    }),
  })
  .map(({ cells, atRiskShare, ...b }) => ({
    ...b,
    matrix: [0, 1, 2].map((i) =>
      cells.slice(i * 3, i * 3 + 3).map((c) => (c % b.priorities.length) + 1),
    ),
    ...(atRiskShare !== undefined ? { atRiskShare } : {}),
  }));

const TIME_ZONES = [
  'Europe/London',
  'UTC',
  'Europe/Athens',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Pacific/Kiritimati',
  'Pacific/Chatham',
  'America/Santiago',
  'Australia/Lord_Howe',
];
/** Opening hours of one day: up to four intervals, forwards, not overlapping. */
const dayHours = fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 8 }).map((xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) out.push([sorted[i]!, sorted[i + 1]!]);
  return out;
});
const holiday = fc.oneof(
  fc
    .integer({ min: 0, max: 800 })
    .map((d) => new Date(Date.UTC(2026, 10, 1) + d * DAY).toISOString().slice(0, 10)),
  fc.constantFrom('0000-00-00', '9999-99-99', '2026-02-30', '2026-11-23'),
);
const calendar = fc
  .record({
    timeZone: fc.constantFrom(...TIME_ZONES),
    week: fc.dictionary(fc.constantFrom('1', '2', '3', '4', '5', '6', '7'), dayHours, {
      maxKeys: 7,
    }),
    holidays: fc.array(holiday, { maxLength: 400 }),
  })
  .filter((c) => Object.values(c.week).some((h) => h.length > 0));

/** Policy and calendar changes, each followed by a call of every rating and every kind of window. */
const settings = [
  method({
    method: 'policy.update',
    users: fc.constantFrom('supervisor', 'admin'),
    plan: fc.record({
      body: policyBody,
      expected: fc.constantFrom('current', 'current', 'behind'),
    }),
    input(t, p): Input<'policy.update'> {
      const current = t.desk.db
        .prepare('SELECT max(version) FROM policies')
        .pluck()
        .get() as number;
      return {
        body: p.body,
        expectedVersion: p.expected === 'current' ? current : Math.max(1, current - 1),
      };
    },
  }),
  method({
    method: 'calendar.update',
    users: fc.constantFrom('supervisor', 'admin'),
    plan: calendar,
    input: (_, p): Input<'calendar.update'> => p as Input<'calendar.update'>,
  }),
];

// ---- the property ---------------------------------------------------------------------------

type Call = { method: MethodName; user: string; plan: unknown; advance: number };
const byMethod = new Map<MethodName, Case<MethodName, unknown>>();
const callOf = (c: Case<MethodName, unknown>): fc.Arbitrary<Call> => {
  byMethod.set(c.method, c);
  return fc.record({
    method: fc.constant(c.method),
    user: c.users,
    plan: c.plan,
    advance: fc.oneof(fc.constant(0), fc.constantFrom(MINUTE, HOUR, DAY), fc.nat(30 * DAY)),
  });
};

/** Every ticket has one search row, and it carries the ticket's status, queue, priority and assignee. */
function searchRowsAgree(t: FreshDesk): void {
  const rows = t.desk.db
    .prepare(
      `SELECT t.key, t.status, t.queue_id AS queueId, t.priority, t.assignee_id AS assigneeId,
              (SELECT count(*) FROM tickets_fts f WHERE f.rowid = t.rowid) AS n,
              (SELECT facets FROM tickets_fts f WHERE f.rowid = t.rowid) AS facets
       FROM tickets t`,
    )
    .all() as {
    key: string;
    status: Status;
    queueId: string;
    priority: number;
    assigneeId: string | null;
    n: number;
    facets: string | null;
  }[];
  for (const r of rows) {
    expect(r.n, `${r.key}: search rows`).toBe(1);
    expect(r.facets, `${r.key}: search row facets`).toBe(facetTokens(r));
  }
  for (const fts of ['tickets_fts', 'customers_fts', 'assets_fts', 'notes_fts'])
    t.desk.db.prepare(`INSERT INTO ${fts} (${fts}) VALUES ('integrity-check')`).run();
}

/** How the calls ended, by method: SB_PROPERTY_STATS=1 prints it, to see the runs reach saves. */
const outcomes: Partial<Record<MethodName, Record<string, number>>> = {};

/** An input or an answer for a failure message: long texts cut down to their start and length. */
const show = (x: unknown): string =>
  JSON.stringify(x, (_, v: unknown) =>
    typeof v === 'string' && v.length > 40 ? `${v.slice(0, 12)}…(${v.length} chars)` : v,
  );

/**
 * One run: the calls on a fresh copy of the prepared desk, then time passing (the scanner), and
 * with `read` set the screens read back.
 */
async function runCalls(calls: Call[], jump: number, read: boolean): Promise<void> {
  const t = await freshDesk({ from: snapshot });
  try {
    for (const { method, user, plan, advance } of calls) {
      const c = byMethod.get(method)!;
      t.clock.advance(advance);
      const input = c.input(t, plan);
      const parsed = contract[c.method].input.safeParse(input);
      expect(parsed.success, `the generator made input ${c.method} refuses: ${show(input)}`).toBe(
        true,
      );
      const before = fingerprint(t.desk);
      const r = await t.desk.call(t.as(user), c.method, input as never);
      const tally = (outcomes[c.method] ??= {});
      const outcome = r.ok
        ? 'ok'
        : process.env['SB_PROPERTY_STATS'] === 'rules' && r.error.code === 'VALIDATION'
          ? r.error.issues.map((i) => i.rule).join('+')
          : r.error.code;
      tally[outcome] = (tally[outcome] ?? 0) + 1;
      const said = `${c.method} as ${user} with ${show(input)} → ${show(r)}; log: ${t.logged
        .map((l) => `${l.message} ${(l.error as Error)?.stack ?? String(l.error)}`)
        .join('\n')}`;
      if (r.ok) searchRowsAgree(t);
      else {
        expect(TYPED, said).toContain(r.error.code);
        expect(fingerprint(t.desk) === before, `refused, yet it wrote: ${said}`).toBe(true);
      }
      expect(t.logged, said).toEqual([]);
    }
    // Time passes: the scanner runs the clocks and rules over whatever the calls left behind.
    t.clock.advance(jump);
    for (let i = 0; i < 3; i++) {
      t.desk.tickSla();
      t.desk.tickCallbacks();
    }
    searchRowsAgree(t);
    if (!read) return;
    const analyst = t.as('analyst');
    for (const [m, input] of [
      ['tickets.board', {}],
      ['escalations.panel', {}],
      ['callbacks.mine', {}],
      ...ids.tickets.map((id) => ['tickets.get', { id }] as const),
      ...ids.tickets.map((id) => ['tickets.similar', { id }] as const),
    ] as const) {
      const r = await t.desk.call(analyst, m as MethodName, input as never);
      expect(r.ok, `${m} ${show(input)} after the calls: ${show(r)}`).toBe(true);
    }
    const wall = await t.desk.call(t.as('wallboard'), 'wallboard.get', {});
    expect(wall.ok, show(wall)).toBe(true);
  } finally {
    await t.close();
  }
}

const jump = fc.oneof(fc.constantFrom(0, HOUR, DAY, 30 * DAY, 400 * DAY), fc.nat(60 * DAY));

beforeAll(async () => {
  ({ snapshot, ids } = await prepare());
}, 60_000);

describe('no input the contract accepts ends in INTERNAL', () => {
  afterAll(() => {
    if (process.env['SB_PROPERTY_STATS']) console.table(outcomes);
  });

  it.each(cases.map((c) => [c.method, callOf(c)] as const))(
    '%s: saves, or is refused with a typed error that changed nothing',
    async (_, call) => {
      await fc.assert(
        fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 3 }), jump, (calls, j) =>
          runCalls(calls, j, false),
        ),
        { numRuns: 20, seed: SEED },
      );
    },
    120_000,
  );

  it.each(settings.map((c) => [c.method, callOf(c)] as const))(
    '%s, then calls of every rating and window, then time passing',
    async (_, change) => {
      await fc.assert(
        fc.asyncProperty(
          change,
          fc.array(callOf(intake), { minLength: 1, maxLength: 2 }),
          jump,
          (first, calls, j) => runCalls([first, ...calls], j, true),
        ),
        { numRuns: 30, seed: SEED },
      );
    },
    120_000,
  );

  it('a day at the desk: any methods in any order, then the screens read back', async () => {
    const any = fc.oneof(...[...cases, ...settings].map(callOf));
    await fc.assert(
      fc.asyncProperty(fc.array(any, { minLength: 2, maxLength: 8 }), jump, (calls, j) =>
        runCalls(calls, j, true),
      ),
      { numRuns: 50, seed: SEED },
    );
  }, 240_000);
});

/** Every reading method, with inputs its schema accepts: answered, or refused with a typed error. */
const reads = [
  fc.record({ m: fc.constant('tickets.get' as const), input: fc.record({ id: ticket }) }),
  fc.record({
    m: fc.constant('tickets.similar' as const),
    input: fc.record({ id: ticket, limit: fc.integer({ min: 1, max: 10 }) }),
  }),
  fc.record({
    m: fc.constant('customers.get' as const),
    input: fc.record({ id: oneOf(() => ids.customers) }),
  }),
  fc.record({
    m: fc.constant('scripts.get' as const),
    input: fc.record({ categoryId: oneOf(() => ids.categories) }),
  }),
  fc.record({
    m: fc.constant('contacts.list' as const),
    input: fc.oneof(
      fc.record({ ticketId: ticket, limit: fc.integer({ min: 1, max: 500 }) }),
      fc.record({ customerId: oneOf(() => ids.customers) }),
    ),
  }),
  ...(['tickets.board', 'tickets.page'] as const).map((m) =>
    fc.record({
      m: fc.constant(m),
      input: fc.record({
        status: fc.constantFrom(...STATUSES),
        filters: fc.record(
          {
            queueId: oneOf(() => ids.queues),
            priority: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
            assigneeId: fc.oneof(
              fc.constant('none'),
              oneOf(() => ids.users),
            ),
            text: text(0, 200),
          },
          { requiredKeys: [] },
        ),
        cursor: fc.option(
          fc.oneof(
            fc.string({ maxLength: 200 }),
            fc
              .array(fc.oneof(fc.integer(), fc.double()), { maxLength: 3 })
              .map((c) => Buffer.from(JSON.stringify(c)).toString('base64url')),
          ),
          { nil: null },
        ),
        perColumn: fc.integer({ min: 1, max: 500 }),
        limit: fc.integer({ min: 1, max: 500 }),
      }),
    }),
  ),
  fc.record({
    m: fc.constant('tickets.search' as const),
    input: fc.record(
      {
        text: text(1, 200),
        status: fc.constantFrom(...STATUSES),
        queueId: oneOf(() => ids.queues),
        priority: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
        limit: fc.integer({ min: 1, max: 200 }),
      },
      { requiredKeys: ['text'] },
    ),
  }),
  fc.record({
    m: fc.constant('escalations.panel' as const),
    input: fc.record(
      { domainId: oneOf(() => ids.domains), tier, limit: fc.integer({ min: 1, max: 500 }) },
      { requiredKeys: [] },
    ),
  }),
  fc.record({
    m: fc.constant('escalations.report' as const),
    input: fc.record({ days: fc.integer({ min: 1, max: 366 }) }),
  }),
  ...(['customers.lookup', 'search.everywhere'] as const).map((m) =>
    fc.record({
      m: fc.constant(m),
      input: fc.record({ query: text(1, 100), limit: fc.integer({ min: 1, max: 50 }) }),
    }),
  ),
];

describe('no reading input the contract accepts ends in INTERNAL, and none writes', () => {
  it('any read, as anyone signed in, answers or refuses with a typed error', async () => {
    const t = await freshDesk({ from: snapshot });
    try {
      const before = fingerprint(t.desk);
      const users = ['analyst', 'tech3', 'supervisor', 'admin', 'wallboard'];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...users),
          fc.oneof(...reads),
          async (user, { m, input }) => {
            // Only the schema's own output: what the generator made must be accepted as it is.
            const parsed = contract[m].input.safeParse(
              m === 'tickets.board'
                ? { filters: input.filters, perColumn: (input as { perColumn: number }).perColumn }
                : m === 'tickets.page'
                  ? {
                      status: input.status,
                      filters: input.filters,
                      cursor: input.cursor,
                      limit: input.limit,
                    }
                  : input,
            );
            expect(parsed.success, `${m} ${show(input)}`).toBe(true);
            if (!parsed.success) return;
            const r = await t.desk.call(t.as(user), m, parsed.data as never);
            if (!r.ok)
              expect(TYPED, `${m} as ${user} ${show(input)} → ${show(r)}`).toContain(r.error.code);
            expect(t.logged).toEqual([]);
          },
        ),
        { numRuns: 300, seed: SEED },
      );
      expect(fingerprint(t.desk) === before, 'a read wrote to the store').toBe(true);
    } finally {
      await t.close();
    }
  }, 120_000);
});

describe('people and the desk itself', () => {
  it('users.create and desk.setup: saved, or refused with a typed error that changed nothing', async () => {
    const create = callOf(
      method({
        method: 'users.create',
        users: fc.constantFrom('admin', 'admin', 'supervisor'),
        plan: fc.record({
          username: fc.oneof(
            fc.stringMatching(/^[a-z0-9._-]{2,64}$/),
            fc.constantFrom('analyst', 'ANALYST', 'Tech2', 'σοφία', 'अमि', 'system'),
          ),
          displayName: text(1, 100),
          password: fc.constantFrom('correct horse battery', 'x'.repeat(256), 'ünïcödé pässwörd'),
          role: fc.constantFrom(...ROLES),
          tier,
          domainIds: fc.array(
            oneOf(() => ids.domains),
            { maxLength: 4 },
          ),
        }),
        input: (_, p): Input<'users.create'> => p,
      }),
    );
    const setup = callOf(
      method({
        method: 'desk.setup',
        users: fc.constant('analyst'),
        plan: fc.record({
          deskName: text(1, 100),
          prefix: fc.stringMatching(/^[A-Z]{2,5}$/),
          admin: fc.record({
            username: fc.stringMatching(/^[a-z]{2,20}$/),
            displayName: text(1, 100),
            password: fc.constant('correct horse battery'),
          }),
        }),
        input: (_, p): Input<'desk.setup'> => p,
      }),
    );
    // Each new user costs a password hash: a few runs only.
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(create, setup), { minLength: 1, maxLength: 2 }), (calls) =>
        runCalls(calls, 0, false),
      ),
      { numRuns: 8, seed: SEED },
    );
  }, 120_000);
});

describe('data in and out', () => {
  /** A cell as files carry them: plain, quoted, with separators, quotes, newlines, any script. */
  const cell = fc.oneof(
    text(0, 30),
    phone,
    email,
    fc.constantFrom(
      '"',
      '""',
      'a"b',
      '"open',
      ';',
      ',',
      '\t',
      '\r\n',
      '=1+1',
      "'=cmd",
      'AB-1234',
      '',
    ),
  );
  const csv = fc
    .record({
      sep: fc.constantFrom(',', ';', '\t'),
      rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 8 }), {
        minLength: 0,
        maxLength: 12,
      }),
      encoding: fc.constantFrom('utf8', 'utf16le', 'latin1'),
      bom: fc.boolean(),
    })
    .map(({ sep, rows, encoding, bom }) => {
      const text = rows.map((r) => r.join(sep)).join('\r\n');
      const body = Buffer.from(text, encoding as BufferEncoding);
      return bom && encoding === 'utf8'
        ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body])
        : body;
    });
  const bytes = fc.oneof(
    { weight: 3, arbitrary: csv },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ minLength: 1, maxLength: 3000 }).map((b) => Buffer.from(b)),
    },
    // The start of a real workbook: a zip that ends too soon.
    { weight: 1, arbitrary: fc.constant(Buffer.from('PK\u0003\u0004 not a whole workbook')) },
  );
  const instant = fc.oneof(
    fc.integer({ min: T0 - 3 * YEAR, max: T0 + YEAR }),
    fc.constantFrom(0, 1, 8_640_000_000_000_000, Number.MAX_SAFE_INTEGER),
  );
  const mapping = fc.dictionary(
    fc.constantFrom(...IMPORT_FIELDS),
    fc.integer({ min: 0, max: 12 }),
    { maxKeys: 6 },
  );

  it('an import of any file, read and mapped any way: a report, or a typed refusal that wrote nothing', async () => {
    const t = await freshDesk({ from: snapshot });
    try {
      const admin = t.as('admin');
      await fc.assert(
        fc.asyncProperty(
          bytes,
          mapping,
          fc.constantFrom(...DUPLICATE_CHOICES),
          fc.boolean(),
          fc.option(fc.constantFrom(...IMPORT_ENCODINGS), { nil: null }),
          async (file, map, duplicates, leaveOut, encoding) => {
            const begun = await t.desk.call(admin, 'imports.begin', {
              fileName: 'f.csv',
              bytes: file.length,
            });
            if (!begun.ok) {
              // An empty file is refused at the start, as the contract says.
              expect(file.length, show(begun)).toBe(0);
              expect(begun.error.code).toBe('VALIDATION');
              return;
            }
            const { importId } = begun.value;
            const appended = await t.desk.call(admin, 'imports.append', {
              importId,
              offset: 0,
              data: file.toString('base64'),
            });
            expect(appended.ok, show(appended)).toBe(true);
            const before = fingerprint(t.desk);
            for (const m of ['imports.preview', 'imports.check', 'imports.run'] as const) {
              const input =
                m === 'imports.preview'
                  ? { importId, encoding }
                  : { importId, encoding, mapping: map, duplicates, leaveOutRejected: leaveOut };
              const parsed = contract[m].input.safeParse(input);
              if (!parsed.success) continue;
              const r = await t.desk.call(admin, m, parsed.data as never);
              if (!r.ok) {
                expect(TYPED, `${m} ${show(input)} → ${show(r)}`).toContain(r.error.code);
                if (m === 'imports.run')
                  expect(fingerprint(t.desk) === before, 'a refused import wrote').toBe(true);
              }
              expect(t.logged, `${m} ${show(input)}`).toEqual([]);
            }
            await t.desk.call(admin, 'imports.cancel', { importId });
          },
        ),
        { numRuns: 60, seed: SEED },
      );
      searchRowsAgree(t);
    } finally {
      await t.close();
    }
  }, 180_000);

  it('an export for any period and filters, and any update server: an answer or a typed refusal', async () => {
    const t = await freshDesk({ from: snapshot });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('supervisor', 'admin', 'analyst'),
          fc.record({
            kind: fc.constantFrom(...EXPORT_KINDS),
            format: fc.constantFrom(...EXPORT_FORMATS),
            from: fc.option(instant, { nil: null }),
            to: fc.option(instant, { nil: null }),
            queueId: fc.option(
              oneOf(() => ids.queues),
              { nil: null },
            ),
            priority: fc.option(fc.constantFrom(1, 2, 3, 4), { nil: null }),
            state: fc.constantFrom(...EXPORT_STATES),
          }),
          fc.oneof(fc.webUrl(), text(0, 60), fc.constant('')),
          async (user, input, url) => {
            const conn = t.as(user);
            for (const [m, i] of [
              ['exports.start', input],
              ['updates.set', { url }],
              ['support.bundle', {}],
            ] as const) {
              const parsed = contract[m].input.safeParse(i);
              if (!parsed.success) continue;
              const r = await t.desk.call(conn, m, parsed.data as never);
              if (!r.ok) expect(TYPED, `${m} ${show(i)} → ${show(r)}`).toContain(r.error.code);
              else if (m === 'exports.start') {
                const ready = r.value as { exportId: string };
                const piece = await t.desk.call(conn, 'exports.read', {
                  exportId: ready.exportId,
                  offset: 0,
                });
                expect(piece.ok, show(piece)).toBe(true);
                await t.desk.call(conn, 'exports.discard', { exportId: ready.exportId });
              }
              expect(t.logged, `${m} ${show(i)}`).toEqual([]);
            }
          },
        ),
        { numRuns: 60, seed: SEED },
      );
    } finally {
      await t.close();
    }
  }, 180_000);
});
