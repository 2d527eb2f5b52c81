import type { IntakeInput } from '../../shared/contract.ts';
import type { Priority } from '../../shared/domain.ts';
import { policyPriority } from '../../shared/policy.ts';
import type { Issue } from '../../shared/errors.ts';
import type { IntakeReceipt } from '../../shared/views.ts';
import { accountKey, phoneKey, phoneProblem, type PhoneProblem } from '../caller-keys.ts';
import { actor, type Ctx } from '../context.ts';
import { invalid, issue } from '../failure.ts';
import { readSettings } from '../settings.ts';
import { indexNewAsset, reindexCustomer } from './customers.ts';
import { currentPolicyVersion, policyVersion } from './policy-terms.ts';
import { insertContact } from './contacts.ts';
import { settle } from './settle.ts';
import { appendEvent, insertTicket, writeTicketIndex } from './ticket-store.ts';
import { stmt } from '../store/statements.ts';

/** What each phone problem means, for logs and clients without a catalog (the UI words the rule). */
const PHONE_PROBLEM_TEXT: Record<PhoneProblem, string> = {
  phone_national: 'Start with + and the country code: this desk has no calling code',
  phone_country: 'No country has this calling code',
  phone_short: 'Too few digits for a phone number',
  phone_long: 'Too many digits for a phone number',
  phone_length: 'Not a phone number: check the digits',
};

/**
 * The SOP's first contact: one call, one ticket per problem, written in one transaction.
 * Every reference is checked before anything is written, and every problem found is reported
 * at once with its field path, so the form can mark all of them.
 */
export function submitIntake(ctx: Ctx, input: IntakeInput): IntakeReceipt {
  const by = actor(ctx).id;
  const { db } = ctx;
  const now = ctx.clock.now();
  const settings = readSettings(db);

  return db.transaction((): IntakeReceipt => {
    const issues: Issue[] = [];

    // -- who is calling
    let customerId: string;
    let isNewCustomer = false;
    if (input.caller.kind === 'existing') {
      customerId = input.caller.customerId;
      if (!stmt(db, 'SELECT 1 FROM customers WHERE id = ?').get(customerId)) {
        issues.push(issue('caller.customerId', 'unknown', 'This caller is no longer on file'));
      }
    } else {
      customerId = ctx.newId();
      isNewCustomer = true;
    }

    // -- the account
    let accountId: string | null = null;
    let newAccount = false;
    const accountNorm = accountKey(input.accountNumber);
    if (input.accountNumber) {
      // The same account however it is written: AB-1234 is AB 1234 is ab1234.
      const acc = stmt(
        db,
        'SELECT id, customer_id FROM accounts WHERE number_norm = ? ORDER BY created_at, id LIMIT 1',
      ).get(accountNorm) as { id: string; customer_id: string } | undefined;
      if (acc && acc.customer_id !== customerId) {
        issues.push(
          issue('accountNumber', 'other_customer', 'This account belongs to another customer'),
        );
      } else if (acc) {
        accountId = acc.id;
      } else {
        accountId = ctx.newId();
        newAccount = true;
      }
    }

    // -- how to reach them: a number this desk can dial (a shared one is fine: intake warns).
    // A returning caller's own number on record is theirs already, even one an older desk kept.
    const phoneOnRecord =
      input.caller.kind === 'existing' &&
      (
        stmt(db, 'SELECT phone_norm FROM customers WHERE id = ?').get(customerId) as
          { phone_norm: string } | undefined
      )?.phone_norm === phoneKey(input.contact.phone, settings.countryCode);
    const phoneIssue =
      input.contact.phone && !phoneOnRecord
        ? phoneProblem(input.contact.phone, settings.countryCode)
        : null;
    if (phoneIssue) issues.push(issue('contact.phone', phoneIssue, PHONE_PROBLEM_TEXT[phoneIssue]));

    // -- the equipment
    let assetId: string | null = null;
    const a = input.asset;
    if (a?.assetId) {
      const owner = stmt(db, 'SELECT customer_id FROM assets WHERE id = ?').get(a.assetId) as
        { customer_id: string } | undefined;
      if (!owner || owner.customer_id !== customerId) {
        issues.push(
          issue('asset.assetId', 'unknown', "This equipment is not on the caller's record"),
        );
      } else assetId = a.assetId;
    }
    const newAsset = !a?.assetId && !!a && !!(a.modelNumber || a.serial || a.location || a.licence);

    // -- the problems, rated by the company's policy as it stands now
    const policyV = currentPolicyVersion(db);
    const policy = policyVersion(db, policyV);
    const priorities: { fromPolicy: number; chosen: number }[] = [];
    const categoryExists = stmt(db, 'SELECT 1 FROM categories WHERE id = ? AND active = 1');
    const queueExists = stmt(db, 'SELECT 1 FROM queues WHERE id = ? AND active = 1');
    input.problems.forEach((p, i) => {
      if (!categoryExists.get(p.categoryId))
        issues.push(issue(`problems.${i}.categoryId`, 'unknown', 'No such category'));
      if (!queueExists.get(p.queueId))
        issues.push(issue(`problems.${i}.queueId`, 'unknown', 'No such queue'));
      const fromPolicy = policyPriority(policy, p.impact, p.urgency);
      const chosen = p.priority ?? fromPolicy;
      const level = policy.priorities[chosen - 1];
      if (!level)
        issues.push(issue(`problems.${i}.priority`, 'unknown', 'The policy has no such priority'));
      if (chosen !== fromPolicy && !p.priorityReason) {
        issues.push(
          issue(`problems.${i}.priorityReason`, 'required', 'Say why this differs from the policy'),
        );
      }
      priorities.push({ fromPolicy, chosen });
    });

    if (issues.length > 0) throw invalid(issues);

    // -- write
    const phoneNorm = phoneKey(input.contact.phone, settings.countryCode);
    // The caller's search row is rewritten only when something in it changed: an FTS write is a
    // new index segment, the biggest part of a save's commit.
    let callerChanged = isNewCustomer || newAccount;
    if (isNewCustomer && input.caller.kind === 'new') {
      stmt(
        db,
        `INSERT INTO customers (id, name, phone, phone_norm, email, organisation, created_at, created_by, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        customerId,
        input.caller.name,
        input.contact.phone,
        phoneNorm,
        input.contact.email,
        input.caller.organisation,
        now,
        by,
        now,
        by,
      );
    } else {
      // Fill in contact details the record lacks; never overwrite what another call recorded.
      const filled = stmt(
        db,
        `UPDATE customers SET
           phone = CASE WHEN phone = '' THEN @phone ELSE phone END,
           phone_norm = CASE WHEN phone = '' THEN @phoneNorm ELSE phone_norm END,
           email = CASE WHEN email = '' THEN @email ELSE email END,
           updated_at = @now, updated_by = @by
         WHERE id = @id AND ((phone = '' AND @phone <> '') OR (email = '' AND @email <> ''))`,
      ).run({
        phone: input.contact.phone,
        phoneNorm,
        email: input.contact.email,
        now,
        by,
        id: customerId,
      });
      if (filled.changes > 0) callerChanged = true;
    }
    if (newAccount && accountId) {
      stmt(
        db,
        'INSERT INTO accounts (id, customer_id, number, number_norm, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(accountId, customerId, input.accountNumber, accountNorm, now, by);
    }
    if (callerChanged) reindexCustomer(db, customerId);
    if (newAsset && a) {
      assetId = ctx.newId();
      const { lastInsertRowid } = stmt(
        db,
        `INSERT INTO assets (id, customer_id, model_number, serial, location, licence, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(assetId, customerId, a.modelNumber, a.serial, a.location, a.licence, now, by);
      indexNewAsset(db, lastInsertRowid, a);
    }

    const callId = ctx.newId();
    stmt(
      db,
      `INSERT INTO calls (id, customer_id, account_id, asset_id, direction, contact_phone, contact_email, taken_by, created_at)
       VALUES (?, ?, ?, ?, 'inbound', ?, ?, ?, ?)`,
    ).run(
      callId,
      customerId,
      accountId,
      assetId,
      input.contact.phone,
      input.contact.email,
      by,
      now,
    );

    const customerName =
      input.caller.kind === 'new'
        ? input.caller.name
        : (stmt(db, 'SELECT name FROM customers WHERE id = ?').get(customerId) as { name: string })
            .name;
    const tickets = input.problems.map((p, i) => {
      const id = ctx.newId();
      const { fromPolicy, chosen: priority } = priorities[i]!;
      const { key, rowid } = insertTicket(ctx, settings.prefix, {
        id,
        callId,
        customerId,
        accountId,
        assetId,
        categoryId: p.categoryId,
        queueId: p.queueId,
        title: p.title,
        description: p.description,
        impact: p.impact,
        urgency: p.urgency,
        priority,
        policyVersion: policyV,
        plannedStart: p.plannedStart ?? null,
        plannedEnd: p.plannedEnd ?? null,
        createdAt: now,
      });
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
      appendEvent(ctx, id, 'created', {
        key,
        callId,
        title: p.title,
        categoryId: p.categoryId,
        queueId: p.queueId,
        impact: p.impact,
        urgency: p.urgency,
        priority,
        policyVersion: policyV,
        status: 'new',
        // One mutation, one event: an override at intake is part of the creation record.
        ...(priority !== fromPolicy
          ? { priorityFromPolicy: fromPolicy, overrideReason: p.priorityReason }
          : {}),
      });
      // The call itself opens the ticket's communication log.
      insertContact(db, {
        id: ctx.newId(),
        ticketId: id,
        customerId,
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
    });

    ctx.emit('tickets.changed', { ids: tickets.map((t) => t.id), reason: 'created' });
    return { callId, customerId, tickets };
  })();
}
