import type { IntakeInput } from '../../shared/contract.ts';
import type { Priority } from '../../shared/domain.ts';
import { policyPriority } from '../../shared/policy.ts';
import type { Issue } from '../../shared/errors.ts';
import type { IntakeReceipt } from '../../shared/views.ts';
import { accountKey, phoneKey, phoneProblem, type PhoneProblem } from '../callers/caller-keys.ts';
import { actor, type Ctx } from '../kernel/context.ts';
import { invalid, issue } from '../kernel/failure.ts';
import { readSettings } from '../kernel/settings.ts';
import {
  fillContactDetails,
  insertAccount,
  insertAsset,
  insertCustomer,
  reindexCustomer,
} from '../callers/customers.ts';
import { currentPolicyVersion, policyVersion } from '../sla/policy-terms.ts';
import { insertContact } from '../communication/contacts.ts';
import { settle } from '../tickets/settle.ts';
import { insertTicket, writeTicketIndex } from '../tickets/write.ts';
import { stmt } from '../store/statements.ts';

/** What each phone problem means, for logs and clients without a catalog (the UI words the rule). */
const PHONE_PROBLEM_TEXT: Record<PhoneProblem, string> = {
  phone_national: 'Start with + and the country code: this desk has no calling code',
  phone_country: 'No country has this calling code',
  phone_short: 'Too few digits for a phone number',
  phone_long: 'Too many digits for a phone number',
  phone_length: 'Not a phone number: check the digits',
};

/** The caller, account and equipment the call is about, once checked: what intake will write. */
interface CallPlan {
  /** One instant and one author for everything the call writes. */
  now: number;
  by: string;
  /** The desk's ticket-key prefix. */
  prefix: string;
  customerId: string;
  isNewCustomer: boolean;
  accountId: string | null;
  newAccount: boolean;
  accountNorm: string;
  phoneNorm: string;
  assetId: string | null;
  newAsset: boolean;
  policyV: number;
  priorities: { fromPolicy: number; chosen: number }[];
}

/**
 * The SOP's first contact: one call, one ticket per problem, written in one transaction.
 * Every reference is checked before anything is written, and every problem found is reported
 * at once with its field path, so the form can mark all of them.
 */
export function submitIntake(ctx: Ctx, input: IntakeInput): IntakeReceipt {
  return ctx.db.transaction((): IntakeReceipt => {
    const plan = checkCall(ctx, input);
    const customerName = writeCaller(ctx, input, plan);
    const callId = writeCall(ctx, input, plan);
    const tickets = input.problems.map((p, i) =>
      openTicket(ctx, { callId, customerName, plan, problem: p, rating: plan.priorities[i]! }),
    );
    ctx.emit('tickets.changed', { ids: tickets.map((t) => t.id), reason: 'created' });
    return { callId, customerId: plan.customerId, tickets };
  })();
}

/** Checks every reference and rating of the call; throws one VALIDATION with every problem. */
function checkCall(ctx: Ctx, input: IntakeInput): CallPlan {
  const { db } = ctx;
  const settings = readSettings(db);
  const issues: Issue[] = [];

  // Who is calling.
  const isNewCustomer = input.caller.kind === 'new';
  const customerId = input.caller.kind === 'existing' ? input.caller.customerId : ctx.newId();
  if (!isNewCustomer && !stmt(db, 'SELECT 1 FROM customers WHERE id = ?').get(customerId))
    issues.push(issue('caller.customerId', 'unknown', 'This caller is no longer on file'));

  const account = checkAccount(ctx, input.accountNumber, customerId, issues);
  checkPhone(ctx, input, customerId, settings.countryCode, issues);
  const assetId = checkAsset(ctx, input.asset, customerId, issues);
  const a = input.asset;
  const newAsset = !a?.assetId && !!a && !!(a.modelNumber || a.serial || a.location || a.licence);
  const { policyV, priorities } = rateProblems(ctx, input.problems, issues);

  if (issues.length > 0) throw invalid(issues);
  return {
    now: ctx.clock.now(),
    by: actor(ctx).id,
    prefix: settings.prefix,
    customerId,
    isNewCustomer,
    ...account,
    phoneNorm: phoneKey(input.contact.phone, settings.countryCode),
    assetId,
    newAsset,
    policyV,
    priorities,
  };
}

/** The account named, found however it is written (AB-1234 is AB 1234 is ab1234), or a new one. */
function checkAccount(
  ctx: Ctx,
  accountNumber: string,
  customerId: string,
  issues: Issue[],
): { accountId: string | null; newAccount: boolean; accountNorm: string } {
  const accountNorm = accountKey(accountNumber);
  if (!accountNumber) return { accountId: null, newAccount: false, accountNorm };
  const acc = stmt<{ id: string; customer_id: string }>(
    ctx.db,
    'SELECT id, customer_id FROM accounts WHERE number_norm = ? ORDER BY created_at, id LIMIT 1',
  ).get(accountNorm);
  if (acc && acc.customer_id !== customerId) {
    issues.push(
      issue('accountNumber', 'other_customer', 'This account belongs to another customer'),
    );
    return { accountId: null, newAccount: false, accountNorm };
  }
  if (acc) return { accountId: acc.id, newAccount: false, accountNorm };
  return { accountId: ctx.newId(), newAccount: true, accountNorm };
}

/**
 * How to reach them: a number this desk can dial (a shared one is fine: intake warns). A
 * returning caller's own number on record is theirs already, even one an older desk kept.
 */
function checkPhone(
  ctx: Ctx,
  input: IntakeInput,
  customerId: string,
  countryCode: string,
  issues: Issue[],
): void {
  const phoneOnRecord =
    input.caller.kind === 'existing' &&
    stmt<{ phone_norm: string }>(ctx.db, 'SELECT phone_norm FROM customers WHERE id = ?').get(
      customerId,
    )?.phone_norm === phoneKey(input.contact.phone, countryCode);
  const phoneIssue =
    input.contact.phone && !phoneOnRecord ? phoneProblem(input.contact.phone, countryCode) : null;
  if (phoneIssue) issues.push(issue('contact.phone', phoneIssue, PHONE_PROBLEM_TEXT[phoneIssue]));
}

/** Equipment already on the caller's record, by id; a new piece is written later. */
function checkAsset(
  ctx: Ctx,
  asset: IntakeInput['asset'],
  customerId: string,
  issues: Issue[],
): string | null {
  if (!asset?.assetId) return null;
  const owner = stmt<{ customer_id: string }>(
    ctx.db,
    'SELECT customer_id FROM assets WHERE id = ?',
  ).get(asset.assetId);
  if (owner && owner.customer_id === customerId) return asset.assetId;
  issues.push(issue('asset.assetId', 'unknown', "This equipment is not on the caller's record"));
  return null;
}

/** Each problem's routing checked and its priority rated by the company's policy as it stands now. */
function rateProblems(
  ctx: Ctx,
  problems: IntakeInput['problems'],
  issues: Issue[],
): { policyV: number; priorities: CallPlan['priorities'] } {
  const { db } = ctx;
  const policyV = currentPolicyVersion(db);
  const policy = policyVersion(db, policyV);
  const categoryExists = stmt(db, 'SELECT 1 FROM categories WHERE id = ? AND active = 1');
  const queueExists = stmt(db, 'SELECT 1 FROM queues WHERE id = ? AND active = 1');
  const priorities = problems.map((p, i) => {
    if (!categoryExists.get(p.categoryId))
      issues.push(issue(`problems.${i}.categoryId`, 'unknown', 'No such category'));
    if (!queueExists.get(p.queueId))
      issues.push(issue(`problems.${i}.queueId`, 'unknown', 'No such queue'));
    const fromPolicy = policyPriority(policy, p.impact, p.urgency);
    const chosen = p.priority ?? fromPolicy;
    if (!policy.priorities[chosen - 1])
      issues.push(issue(`problems.${i}.priority`, 'unknown', 'The policy has no such priority'));
    if (chosen !== fromPolicy && !p.priorityReason)
      issues.push(
        issue(`problems.${i}.priorityReason`, 'required', 'Say why this differs from the policy'),
      );
    return { fromPolicy, chosen };
  });
  return { policyV, priorities };
}

/** Writes the caller (new, or the details their record lacks), the account and the equipment. */
function writeCaller(ctx: Ctx, input: IntakeInput, plan: CallPlan): string {
  const { db } = ctx;
  const { customerId, phoneNorm, now, by } = plan;
  // The caller's search row is rewritten only when something in it changed: an FTS write is a
  // new index segment, the biggest part of a save's commit.
  let callerChanged = plan.isNewCustomer || plan.newAccount;
  const w = { at: now, by };
  const contact = { phone: input.contact.phone, phoneNorm, email: input.contact.email };
  if (input.caller.kind === 'new')
    insertCustomer(
      db,
      {
        id: customerId,
        name: input.caller.name,
        organisation: input.caller.organisation,
        ...contact,
      },
      w,
    );
  else if (fillContactDetails(db, customerId, contact, w)) callerChanged = true;
  if (plan.newAccount && plan.accountId)
    insertAccount(
      db,
      {
        id: plan.accountId,
        customerId,
        number: input.accountNumber,
        numberNorm: plan.accountNorm,
      },
      w,
    );
  if (callerChanged) reindexCustomer(db, customerId);
  const a = input.asset;
  if (plan.newAsset && a) {
    plan.assetId = ctx.newId();
    insertAsset(db, { id: plan.assetId, customerId, ...a }, w);
  }
  return input.caller.kind === 'new'
    ? input.caller.name
    : stmt<{ name: string }>(db, 'SELECT name FROM customers WHERE id = ?').get(customerId)!.name;
}

/** The inbound call itself: who, on which account and equipment, how they can be reached. */
function writeCall(ctx: Ctx, input: IntakeInput, plan: CallPlan): string {
  const callId = ctx.newId();
  stmt(
    ctx.db,
    `INSERT INTO calls (id, customer_id, account_id, asset_id, direction, contact_phone, contact_email, taken_by, created_at)
     VALUES (?, ?, ?, ?, 'inbound', ?, ?, ?, ?)`,
  ).run(
    callId,
    plan.customerId,
    plan.accountId,
    plan.assetId,
    input.contact.phone,
    input.contact.email,
    plan.by,
    plan.now,
  );
  return callId;
}

/** One problem's ticket: the row, its search row, its creation event, its first log entry, its clocks. */
function openTicket(
  ctx: Ctx,
  o: {
    callId: string;
    customerName: string;
    plan: CallPlan;
    problem: IntakeInput['problems'][number];
    rating: CallPlan['priorities'][number];
  },
): IntakeReceipt['tickets'][number] {
  const { db } = ctx;
  const { callId, customerName, plan, problem: p } = o;
  const { fromPolicy, chosen: priority } = o.rating;
  const { now, by } = plan;
  const id = ctx.newId();
  const { key, rowid } = insertTicket(
    ctx,
    plan.prefix,
    {
      id,
      callId,
      customerId: plan.customerId,
      accountId: plan.accountId,
      assetId: plan.assetId,
      categoryId: p.categoryId,
      queueId: p.queueId,
      title: p.title,
      description: p.description,
      impact: p.impact,
      urgency: p.urgency,
      priority,
      policyVersion: plan.policyV,
      plannedStart: p.plannedStart ?? null,
      plannedEnd: p.plannedEnd ?? null,
      createdAt: now,
    },
    (key) => [
      'created',
      {
        key,
        callId,
        title: p.title,
        categoryId: p.categoryId,
        queueId: p.queueId,
        impact: p.impact,
        urgency: p.urgency,
        priority,
        policyVersion: plan.policyV,
        status: 'new',
        // One mutation, one event: an override at intake is part of the creation record.
        ...(priority !== fromPolicy
          ? { priorityFromPolicy: fromPolicy, overrideReason: p.priorityReason }
          : {}),
      },
    ],
  );
  // Its search row first: settling may move it (a window already started is breached at
  // once, and a rule escalates it), and the move rewrites the row as the ticket ends up.
  writeTicketIndex(db, rowid, {
    key,
    title: p.title,
    description: p.description,
    customer: customerName,
    status: 'new',
    queueId: p.queueId,
    priority,
    assigneeId: null,
  });
  // The call itself opens the ticket's communication log.
  insertContact(db, {
    id: ctx.newId(),
    ticketId: id,
    customerId: plan.customerId,
    direction: 'inbound',
    channel: 'phone',
    outcome: 'reached',
    at: now,
    durationSec: null,
    summary: p.title,
    closing: false,
    loggedAt: now,
    loggedBy: by,
  });
  settle(ctx, id);
  return { id, key, priority: priority as Priority, queueId: p.queueId };
}
