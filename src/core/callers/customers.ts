import type { ParsedInput } from '../../shared/contract.ts';
import { looksLikePhone } from '../../shared/phone.ts';
import type { CallbackKind } from '../../shared/domain.ts';
import type {
  AccountInfo,
  AssetInfo,
  CustomerDetail,
  CustomerHit,
  NumberOwners,
  OpenTicketBrief,
} from '../../shared/views.ts';
import { accountKey, phoneKey, phoneProblem } from './caller-keys.ts';
import type { Ctx } from '../kernel/context.ts';
import { notFound } from '../kernel/failure.ts';
import { readSettings } from '../kernel/settings.ts';
import type { Db } from '../store/database.ts';
import { CUSTOMER_TEXT_COLUMNS, foldForSearch, matchAll } from '../store/fts.ts';
import { stmt } from '../store/statements.ts';
import { latestContact } from '../communication/contacts-read.ts';

interface CustomerRow {
  rowid: number;
  id: string;
  name: string;
  phone: string;
  phone_norm: string;
  email: string;
  organisation: string;
}

const accountsOf = (db: Db, customerId: string): AccountInfo[] =>
  stmt<AccountInfo>(
    db,
    'SELECT id, number FROM accounts WHERE customer_id = ? ORDER BY number',
  ).all(customerId);

export function assetsOf(db: Db, customerId: string): AssetInfo[] {
  return stmt<AssetInfo>(
    db,
    `SELECT id, model_number AS modelNumber, serial, location, licence
       FROM assets WHERE customer_id = ? ORDER BY created_at DESC`,
  ).all(customerId);
}

const toHit = (db: Db, r: CustomerRow): CustomerHit => ({
  id: r.id,
  name: r.name,
  phone: r.phone,
  email: r.email,
  organisation: r.organisation,
  accounts: accountsOf(db, r.id),
});

/** Who writes a caller's record, and when. */
interface Author {
  at: number;
  by: string;
}

/** A new caller; the caller of this indexes them once their accounts are written. */
export function insertCustomer(
  db: Db,
  c: {
    id: string;
    name: string;
    phone: string;
    phoneNorm: string;
    email: string;
    organisation: string;
  },
  w: Author,
): void {
  stmt(
    db,
    `INSERT INTO customers (id, name, phone, phone_norm, email, organisation, created_at, created_by, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.id, c.name, c.phone, c.phoneNorm, c.email, c.organisation, w.at, w.by, w.at, w.by);
}

/**
 * Fills in contact details a known caller's record lacks; never overwrites what another call
 * recorded. True when something was filled (their search row is then rewritten by the caller).
 */
export function fillContactDetails(
  db: Db,
  id: string,
  c: { phone: string; phoneNorm: string; email: string },
  w: Author,
): boolean {
  return (
    stmt(
      db,
      `UPDATE customers SET
         phone = CASE WHEN phone = '' THEN @phone ELSE phone END,
         phone_norm = CASE WHEN phone = '' THEN @phoneNorm ELSE phone_norm END,
         email = CASE WHEN email = '' THEN @email ELSE email END,
         updated_at = @now, updated_by = @by
       WHERE id = @id AND ((phone = '' AND @phone <> '') OR (email = '' AND @email <> ''))`,
    ).run({ ...c, now: w.at, by: w.by, id }).changes > 0
  );
}

export function insertAccount(
  db: Db,
  a: { id: string; customerId: string; number: string; numberNorm: string },
  w: Author,
): void {
  stmt(
    db,
    'INSERT INTO accounts (id, customer_id, number, number_norm, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(a.id, a.customerId, a.number, a.numberNorm, w.at, w.by);
}

/** A piece of equipment on the caller's record, with its search row. */
export function insertAsset(
  db: Db,
  a: {
    id: string;
    customerId: string;
    modelNumber: string;
    serial: string;
    location: string;
    licence: string;
  },
  w: Author,
): void {
  const { lastInsertRowid } = stmt(
    db,
    `INSERT INTO assets (id, customer_id, model_number, serial, location, licence, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(a.id, a.customerId, a.modelNumber, a.serial, a.location, a.licence, w.at, w.by);
  indexNewAsset(db, lastInsertRowid, a);
}

/** Rewrites the customer's search row from the tables, inside the caller's transaction. */
export function reindexCustomer(db: Db, customerId: string): void {
  const c = stmt<CustomerRow>(db, 'SELECT rowid, * FROM customers WHERE id = ?').get(customerId)!;
  const accounts = accountsOf(db, customerId)
    .map((a) => a.number)
    .join(' ');
  stmt(db, 'DELETE FROM customers_fts WHERE rowid = ?').run(c.rowid);
  stmt(
    db,
    // Phones are looked up on the customers_phone B-tree, not here: the FTS column stays empty.
    'INSERT INTO customers_fts (rowid, name, email, organisation, accounts) VALUES (?, ?, ?, ?, ?)',
  ).run(c.rowid, foldForSearch(c.name), c.email, foldForSearch(c.organisation), accounts);
}

/** Rewrites a piece of equipment's search row from its row (after a pull changed it). */
export function reindexAsset(db: Db, assetId: string): void {
  const a = stmt<{
    rowid: number;
    model_number: string;
    serial: string;
    location: string;
    licence: string;
  }>(db, 'SELECT rowid, model_number, serial, location, licence FROM assets WHERE id = ?').get(
    assetId,
  );
  if (a)
    indexNewAsset(db, a.rowid, {
      modelNumber: a.model_number,
      serial: a.serial,
      location: a.location,
      licence: a.licence,
    });
}

/** A new piece of equipment's search row (search everywhere finds callers by model, serial, place, licence). */
function indexNewAsset(
  db: Db,
  rowid: number | bigint,
  a: { modelNumber: string; serial: string; location: string; licence: string },
): void {
  stmt(
    db,
    'INSERT OR REPLACE INTO assets_fts (rowid, model, serial, location, licence) VALUES (?, ?, ?, ?, ?)',
  ).run(
    rowid,
    foldForSearch(a.modelNumber),
    foldForSearch(a.serial),
    foldForSearch(a.location),
    foldForSearch(a.licence),
  );
}

/** The smallest string above every string that starts with `prefix` (':' follows '9', U+10FFFF follows all). */
const upperBound = (prefix: string, digitsOnly: boolean): string =>
  prefix + (digitsOnly ? ':' : '\u{10FFFF}');

/** Callers whose phone key starts with a prefix: a range on the customers_phone B-tree. */
export const PHONE_PREFIX_SQL =
  'SELECT rowid, * FROM customers WHERE phone_norm >= ? AND phone_norm < ? ORDER BY phone_norm LIMIT ?';
/** Callers with an account whose key starts with a prefix: a range on accounts_number_norm. */
export const ACCOUNT_PREFIX_SQL = `SELECT c.rowid, c.* FROM accounts a JOIN customers c ON c.id = a.customer_id
  WHERE a.number_norm >= ? AND a.number_norm < ? ORDER BY a.number_norm LIMIT ?`;
/** Callers with exactly this phone key. */
export const PHONE_OWNERS_SQL =
  'SELECT rowid, * FROM customers WHERE phone_norm = ? ORDER BY name, id LIMIT ?';
/** The caller an account key belongs to (the first, should an older desk hold two). */
export const ACCOUNT_OWNER_SQL = `SELECT c.rowid, c.* FROM accounts a JOIN customers c ON c.id = a.customer_id
  WHERE a.number_norm = ? ORDER BY a.created_at, a.id LIMIT 1`;

/** Typed digits before a phone look-up starts: fewer would list half the desk. */
const PHONE_PREFIX_MIN_DIGITS = 3;

/**
 * Look-up as you type. Phone numbers and account numbers are prefixes of their keys (E.164; letters
 * and digits only) read off B-tree indexes, so "+44 2" costs what a full number costs, and every
 * way of writing a number finds it; names, organisations and emails go through FTS5, best match
 * first. Account hits come first: an account number is unambiguous.
 */
export function lookup(ctx: Ctx, input: ParsedInput<'customers.lookup'>): CustomerHit[] {
  const { db } = ctx;
  const q = input.query.trim();
  const rows: CustomerRow[] = [];
  const seen = new Set<string>();
  const add = (found: CustomerRow[]) => {
    for (const r of found) {
      if (seen.has(r.id) || rows.length >= input.limit) continue;
      seen.add(r.id);
      rows.push(r);
    }
  };

  const account = accountKey(q);
  if (/\d/.test(account)) {
    add(
      stmt<CustomerRow>(db, ACCOUNT_PREFIX_SQL).all(
        account,
        upperBound(account, false),
        input.limit,
      ),
    );
  }
  if (looksLikePhone(q)) {
    const key = phoneKey(q, readSettings(db).countryCode);
    if (key.replace(/\D/g, '').length >= PHONE_PREFIX_MIN_DIGITS) {
      add(stmt<CustomerRow>(db, PHONE_PREFIX_SQL).all(key, upperBound(key, true), input.limit));
    }
  } else if (rows.length < input.limit) {
    const match = matchAll(q, CUSTOMER_TEXT_COLUMNS);
    if (match) {
      add(
        stmt<CustomerRow>(
          db,
          `SELECT c.rowid, c.* FROM customers_fts f JOIN customers c ON c.rowid = f.rowid
             WHERE customers_fts MATCH ? ORDER BY f.rank LIMIT ?`,
        ).all(match, input.limit),
      );
    }
  }
  return rows.map((r) => toHit(db, r));
}

const OWNERS_SHOWN = 3;

/**
 * Who already has this phone number or account number, before a new caller is saved with it. A
 * number counts only once it is whole (a possible number on this desk), however it is written;
 * partial typing owns nothing.
 */
export function numberOwners(ctx: Ctx, input: ParsedInput<'customers.owners'>): NumberOwners {
  const { db } = ctx;
  const cc = readSettings(db).countryCode;
  const phone =
    input.phone && phoneProblem(input.phone, cc) === null
      ? stmt<CustomerRow>(db, PHONE_OWNERS_SQL).all(phoneKey(input.phone, cc), OWNERS_SHOWN)
      : [];
  const key = accountKey(input.accountNumber);
  const account = key ? stmt<CustomerRow>(db, ACCOUNT_OWNER_SQL).get(key) : undefined;
  return {
    phone: phone.map((r) => toHit(db, r)),
    account: account ? toHit(db, account) : null,
  };
}

const OPEN_TICKETS_SHOWN = 20;

/** A returning caller's open tickets, newest first, with the last contact on each. */
function openTicketsOf(db: Db, customerId: string): OpenTicketBrief[] {
  const rows = stmt<
    Omit<OpenTicketBrief, 'lastContact' | 'callback'> & {
      dueAt: number | null;
      kind: CallbackKind | null;
    }
  >(
    db,
    `SELECT t.id, t.key, t.title, t.status, t.priority, t.created_at AS createdAt,
            cb.due_at AS dueAt, cb.kind
     FROM tickets t LEFT JOIN callbacks cb ON cb.ticket_id = t.id
     WHERE t.customer_id = ? AND t.status <> 'resolved' ORDER BY t.created_at DESC LIMIT ?`,
  ).all(customerId, OPEN_TICKETS_SHOWN);
  return rows.map(({ dueAt, kind, ...t }) => ({
    ...t,
    lastContact: latestContact(db, t.id),
    callback: dueAt !== null && kind !== null ? { dueAt, kind } : null,
  }));
}

export function getCustomer(ctx: Ctx, input: ParsedInput<'customers.get'>): CustomerDetail {
  const r = stmt<CustomerRow>(ctx.db, 'SELECT rowid, * FROM customers WHERE id = ?').get(input.id);
  if (!r) throw notFound('Customer');
  return {
    ...toHit(ctx.db, r),
    assets: assetsOf(ctx.db, r.id),
    openTickets: openTicketsOf(ctx.db, r.id),
  };
}
