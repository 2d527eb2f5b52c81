import type { ParsedInput } from '../../shared/contract.ts';
import { looksLikePhone, normalisePhone } from '../../shared/phone.ts';
import type { AccountInfo, AssetInfo, CustomerDetail, CustomerHit } from '../../shared/views.ts';
import type { Ctx } from '../context.ts';
import { notFound } from '../failure.ts';
import { readSettings } from '../settings.ts';
import type { Db } from '../store/database.ts';
import { foldForSearch, matchAll, matchPrefix } from '../store/fts.ts';

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
  db
    .prepare('SELECT id, number FROM accounts WHERE customer_id = ? ORDER BY number')
    .all(customerId) as AccountInfo[];

export function assetsOf(db: Db, customerId: string): AssetInfo[] {
  return db
    .prepare(
      `SELECT id, model_number AS modelNumber, serial, location, licence
       FROM assets WHERE customer_id = ? ORDER BY created_at DESC`,
    )
    .all(customerId) as AssetInfo[];
}

const toHit = (db: Db, r: CustomerRow): CustomerHit => ({
  id: r.id,
  name: r.name,
  phone: r.phone,
  email: r.email,
  organisation: r.organisation,
  accounts: accountsOf(db, r.id),
});

/** Rewrites the customer's search row from the tables, inside the caller's transaction. */
export function reindexCustomer(db: Db, customerId: string): void {
  const c = db
    .prepare('SELECT rowid, * FROM customers WHERE id = ?')
    .get(customerId) as CustomerRow;
  const accounts = accountsOf(db, customerId)
    .map((a) => a.number)
    .join(' ');
  db.prepare('DELETE FROM customers_fts WHERE rowid = ?').run(c.rowid);
  db.prepare(
    'INSERT INTO customers_fts (rowid, name, email, organisation, accounts, phones) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(
    c.rowid,
    foldForSearch(c.name),
    c.email,
    foldForSearch(c.organisation),
    accounts,
    c.phone_norm ? `p${c.phone_norm}` : '',
  );
}

/**
 * Look-up as you type: by phone (normalised, as a prefix), account number or name, best first.
 * The FTS match runs first; only its few hits are joined back to the table.
 */
export function lookup(ctx: Ctx, input: ParsedInput<'customers.lookup'>): CustomerHit[] {
  const q = input.query;
  const parts: string[] = [];
  if (looksLikePhone(q)) {
    const digits = normalisePhone(q, readSettings(ctx.db).countryCode);
    if (digits) parts.push(matchPrefix('phones', `p${digits}`));
    const asAccount = matchAll(q, 'accounts');
    if (asAccount) parts.push(asAccount);
  } else {
    const all = matchAll(q);
    if (all) parts.push(all);
  }
  if (parts.length === 0) return [];
  const match = parts.map((p) => `(${p})`).join(' OR ');
  const rows = ctx.db
    .prepare(
      `SELECT c.rowid, c.* FROM customers_fts f JOIN customers c ON c.rowid = f.rowid
       WHERE customers_fts MATCH ? ORDER BY f.rank LIMIT ?`,
    )
    .all(match, input.limit) as CustomerRow[];
  return rows.map((r) => toHit(ctx.db, r));
}

export function getCustomer(ctx: Ctx, input: ParsedInput<'customers.get'>): CustomerDetail {
  const r = ctx.db.prepare('SELECT rowid, * FROM customers WHERE id = ?').get(input.id) as
    CustomerRow | undefined;
  if (!r) throw notFound('Customer');
  return { ...toHit(ctx.db, r), assets: assetsOf(ctx.db, r.id) };
}
