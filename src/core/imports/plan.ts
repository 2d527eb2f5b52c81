/**
 * What an import would do, row by row, without writing: each row read as the intake reads a new
 * caller (the contract's importRowSchema, the desk's numbering plan), then matched to the caller
 * it is. A caller is the same caller by account number (an account is one caller's), else by
 * phone number and name, else by email and name (a shared office phone is not one person). Rows
 * of one caller, in the file or on the desk, add their accounts and equipment to that caller;
 * equipment already on the record (the same serial, or the same model, place and licence) is not
 * added twice, so a second import of the same file adds nothing.
 */
import { importRowSchema, type ImportRow } from '../../shared/contract.ts';
import {
  REPORTED_ROWS,
  type DuplicateChoice,
  type ImportDuplicate,
  type ImportField,
  type ImportMapping,
  type ImportRejection,
  type ImportReport,
} from '../../shared/imports.ts';
import { accountKey, readPhone } from '../callers/caller-keys.ts';
import { assetsOf } from '../callers/customers.ts';
import { conflict } from '../kernel/failure.ts';
import type { Db } from '../store/database.ts';
import { foldForSearch } from '../store/fts.ts';
import { stmt } from '../store/statements.ts';
import type { Table } from './read-table.ts';

export type AssetFields = Pick<ImportRow, 'modelNumber' | 'serial' | 'location' | 'licence'>;
export interface NewAccount {
  number: string;
  numberNorm: string;
}

/** A caller the desk does not have: written whole. */
export interface NewCaller {
  name: string;
  organisation: string;
  phone: string;
  phoneNorm: string;
  email: string;
  accounts: NewAccount[];
  assets: AssetFields[];
}

/** What the file adds to a caller the desk has: contact details it lacks, accounts, equipment. */
export interface Completion {
  customerId: string;
  phone: string;
  phoneNorm: string;
  email: string;
  accounts: NewAccount[];
  assets: AssetFields[];
}

export interface ImportPlan {
  report: Omit<ImportReport, 'importId' | 'written'>;
  callers: NewCaller[];
  completions: Completion[];
}

export interface Planning {
  mapping: ImportMapping;
  duplicates: DuplicateChoice;
  countryCode: string;
  /** Between steps, let the desk's other work run (a dry run); false runs it through (the write's own check). */
  yields: boolean;
  progress(done: number, total: number): void;
  cancelled(): boolean;
}

interface Found {
  id: string;
  name: string;
  phone: string;
  email: string;
}

/** One caller the rows are gathered into. */
type Target =
  | { kind: 'new'; caller: NewCaller; assetKeys: Set<string> }
  | { kind: 'existing'; completion: Completion; assetKeys: Set<string> }
  | { kind: 'skipped' };

const ROWS_PER_STEP = 2000;

const foldName = (name: string): string =>
  foldForSearch(name.toLowerCase()).replace(/\s+/g, ' ').trim();

/** Equipment is the same by its serial, or (without one) by all it says. */
const assetKey = (a: AssetFields): string =>
  a.serial
    ? `s:${accountKey(a.serial)}`
    : `m:${[a.modelNumber, a.location, a.licence].map(foldName).join('\u0000')}`;

const hasAsset = (a: AssetFields): boolean =>
  a.modelNumber !== '' || a.serial !== '' || a.location !== '' || a.licence !== '';

const cut = (v: unknown): string => String(v ?? '').slice(0, 200);

export async function planImport(db: Db, table: Table, p: Planning): Promise<ImportPlan> {
  const report: ImportPlan['report'] = {
    rows: 0,
    blank: 0,
    created: 0,
    merged: 0,
    skipped: 0,
    rejected: 0,
    newAccounts: 0,
    newAssets: 0,
    rejections: [],
    duplicates: [],
    duplicateCount: 0,
  };
  const callers: NewCaller[] = [];
  const completions = new Map<string, Target & { kind: 'existing' }>();
  const byAccount = new Map<string, Target>();
  const byPhone = new Map<string, Target>();
  const byEmail = new Map<string, Target>();

  // A look-up per row of a hundred thousand: the cheapest question first (is there anyone?),
  // the caller's record only when there is.
  const accountOwnerId = stmt(
    db,
    'SELECT customer_id FROM accounts WHERE number_norm = ? ORDER BY created_at, id LIMIT 1',
  ).pluck();
  const byId = stmt<Found>(db, 'SELECT id, name, phone, email FROM customers WHERE id = ?');
  const accountOwner = {
    get(account: string): Found | undefined {
      const id = accountOwnerId.get(account) as string | undefined;
      return id === undefined ? undefined : byId.get(id);
    },
  };
  const named = (found: Found[], nameKey: string): Found | undefined =>
    found
      .filter((c) => foldName(c.name) === nameKey)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1))[0];
  const phoneOwners = stmt<Found>(
    db,
    'SELECT id, name, phone, email FROM customers WHERE phone_norm = ?',
  );
  const emailOwners = stmt<Found>(
    db,
    "SELECT id, name, phone, email FROM customers WHERE email = ? COLLATE NOCASE AND email <> ''",
  );

  const cell = (row: string[], field: ImportField): string => {
    const i = p.mapping[field];
    return i === undefined ? '' : (row[i] ?? '').trim();
  };
  const reject = (
    row: number,
    field: ImportField | null,
    rule: string,
    value: string,
    limit?: number,
  ) => {
    if (report.rejections.length < REPORTED_ROWS)
      report.rejections.push({
        row,
        field,
        rule,
        value: cut(value),
        ...(limit === undefined ? {} : { limit }),
      } satisfies ImportRejection);
  };

  /** The caller on the desk a row is, and how it was known; rows of one caller meet on it. */
  const existing = (
    found: Found,
    rowNumber: number,
    name: string,
    by: ImportDuplicate['by'],
  ): Target => {
    report.duplicateCount++;
    if (report.duplicates.length < REPORTED_ROWS)
      report.duplicates.push({
        row: rowNumber,
        name,
        by,
        existing: { id: found.id, name: found.name, phone: found.phone, email: found.email },
      });
    if (p.duplicates === 'skip') return { kind: 'skipped' };
    let t = completions.get(found.id);
    if (!t) {
      t = {
        kind: 'existing',
        completion: {
          customerId: found.id,
          phone: '',
          phoneNorm: '',
          email: '',
          accounts: [],
          assets: [],
        },
        assetKeys: new Set(assetsOf(db, found.id).map(assetKey)),
      };
      completions.set(found.id, t);
    }
    return t;
  };

  const total = table.rows.length;
  for (let i = 0; i < total; i++) {
    if (i % ROWS_PER_STEP === 0) {
      if (p.cancelled()) throw conflict('import_cancelled', 'The import was cancelled');
      p.progress(i, total);
      if (p.yields) await new Promise((resolve) => setImmediate(resolve));
    }
    const raw = table.rows[i]!;
    const rowNumber = table.rowNumbers[i]!;
    const name =
      p.mapping.name !== undefined
        ? cell(raw, 'name')
        : [cell(raw, 'firstName'), cell(raw, 'lastName')].filter(Boolean).join(' ');
    const values = {
      name,
      organisation: cell(raw, 'organisation'),
      phone: cell(raw, 'phone'),
      email: cell(raw, 'email'),
      accountNumber: cell(raw, 'accountNumber'),
      modelNumber: cell(raw, 'modelNumber'),
      serial: cell(raw, 'serial'),
      location: cell(raw, 'location'),
      licence: cell(raw, 'licence'),
    };
    if (Object.values(values).every((v) => v === '')) {
      report.blank++;
      continue;
    }
    report.rows++;
    const parsed = importRowSchema.safeParse(values);
    if (!parsed.success) {
      report.rejected++;
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as keyof typeof values;
        const limit = (issue as { maximum?: unknown }).maximum;
        const rule =
          issue.code === 'custom'
            ? ((issue as { params?: { rule?: string } }).params?.rule ?? 'custom')
            : issue.code;
        reject(
          rowNumber,
          field,
          rule,
          values[field],
          typeof limit === 'number' ? limit : undefined,
        );
      }
      continue;
    }
    const r = parsed.data;
    const phone = r.phone ? readPhone(r.phone, p.countryCode) : null;
    if (phone?.problem) {
      report.rejected++;
      reject(rowNumber, 'phone', phone.problem, r.phone);
      continue;
    }
    const account = accountKey(r.accountNumber);
    const phoneNorm = phone?.key ?? '';
    const nameKey = foldName(r.name);
    const phoneId = phoneNorm ? `${phoneNorm}\u0000${nameKey}` : '';
    const emailId = r.email ? `${r.email.toLowerCase()}\u0000${nameKey}` : '';

    let target: Target | undefined = account ? byAccount.get(account) : undefined;
    if (!target && account) {
      const owner = accountOwner.get(account);
      if (owner) target = existing(owner, rowNumber, r.name, 'account');
    }
    if (!target && phoneId) target = byPhone.get(phoneId);
    if (!target && phoneNorm) {
      const owner = named(phoneOwners.all(phoneNorm), nameKey);
      if (owner) target = existing(owner, rowNumber, r.name, 'phone');
    }
    if (!target && emailId) target = byEmail.get(emailId);
    if (!target && r.email) {
      const owner = named(emailOwners.all(r.email), nameKey);
      if (owner) target = existing(owner, rowNumber, r.name, 'email');
    }

    if (!target) {
      if (!r.phone && !r.email) {
        report.rejected++;
        reject(rowNumber, 'phone', 'reachable', '');
        continue;
      }
      const caller: NewCaller = {
        name: r.name,
        organisation: r.organisation,
        phone: r.phone,
        phoneNorm,
        email: r.email,
        accounts: [],
        assets: [],
      };
      callers.push(caller);
      target = { kind: 'new', caller, assetKeys: new Set() };
      report.created++;
    } else if (target.kind === 'skipped') {
      report.skipped++;
    } else {
      report.merged++;
    }
    if (account) byAccount.set(account, target);
    if (phoneId) byPhone.set(phoneId, target);
    if (emailId) byEmail.set(emailId, target);
    if (target.kind === 'skipped') continue;

    const record = target.kind === 'new' ? target.caller : target.completion;
    // Contact details the record lacks; what it has is never overwritten.
    if (!record.phone && r.phone) {
      record.phone = r.phone;
      record.phoneNorm = phoneNorm;
    }
    if (!record.email && r.email) record.email = r.email;
    if (account && !byAccountOwned(record, account)) {
      record.accounts.push({ number: r.accountNumber, numberNorm: account });
      report.newAccounts++;
    }
    if (hasAsset(r)) {
      const key = assetKey(r);
      if (!target.assetKeys.has(key)) {
        target.assetKeys.add(key);
        record.assets.push({
          modelNumber: r.modelNumber,
          serial: r.serial,
          location: r.location,
          licence: r.licence,
        });
        report.newAssets++;
      }
    }
  }
  p.progress(total, total);
  return {
    report,
    callers,
    completions: [...completions.values()].map((t) => t.completion),
  };

  /** An account found on the desk is its owner's already; one from the file is added once. */
  function byAccountOwned(record: NewCaller | Completion, account: string): boolean {
    if (record.accounts.some((a) => a.numberNorm === account)) return true;
    return 'customerId' in record && accountOwnerId.get(account) === record.customerId;
  }
}
