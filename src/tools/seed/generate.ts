import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { priorityFor, type Level, type Status } from '../../shared/domain.ts';
import { encodeHistoryEvent } from '../../shared/history-events.ts';
import { accountKey, phoneKey } from '../../core/callers/caller-keys.ts';
import { DEMO_PASSWORD, DEMO_USERS, insertTiers } from '../../demo/demo-desk.ts';
import { DESK_FILE } from '../../core/kernel/desk.ts';
import { hashPassword, PASSWORD_COST } from '../../core/access/password.ts';
import { writeSettings } from '../../core/kernel/settings.ts';
import { openDatabase } from '../../core/store/database.ts';
import { facetTokens, foldForSearch } from '../../core/store/fts.ts';
import {
  APPS,
  CATEGORIES,
  CONTACT_SUMMARIES,
  COUNTRY,
  DESCRIPTIONS,
  FIRST,
  LANG_WEIGHTS,
  LANGS,
  LAST,
  LICENCES,
  LOCATIONS,
  MODELS,
  ORGS,
  PLACES,
  QUEUES,
  SEED_TIERS,
  SOLUTIONS,
  type Lang,
} from './corpus.ts';
import { ROOT_CAUSES } from '../../shared/domain.ts';
import { insertScript } from '../../core/resolution/scripts.ts';
import { SOP_LIBRARY } from '../../demo/sop-library.ts';
import { rng, uuidv7At, type Rng } from './rng.ts';
import { applySla, backfillOutcomes, tickSla } from '../../core/sla/clocks.ts';
import { applyEscalationRules } from '../../core/escalation/rules.ts';

export interface SeedOptions {
  dataDir: string;
  tickets: number;
  seed?: number;
  /** The seeded desk's "now": the newest ticket is a little older than this. */
  now?: number;
  onProgress?(phase: string, done: number, total: number): void;
}

export interface SeedSummary {
  file: string;
  tickets: number;
  open: number;
  customers: number;
  calls: number;
  /** Entries in the communication log. */
  contacts: number;
  events: number;
  users: number;
}

export const SEED_NOW = Date.UTC(2026, 10, 23, 9, 0, 0);
const DAY = 86_400_000;
const HISTORY_DAYS = 730;
const CHUNK = 20_000;
const GENERATED_ANALYSTS = 45;
const SEARCH_INDEXES = ['customers_fts', 'tickets_fts', 'assets_fts'];

const fill = (template: string, r: Rng): string =>
  template
    .replace('{n}', String(2 + r.int(9)))
    .replace('{m}', String(1 + r.int(60)))
    .replace('{app}', r.pick(APPS))
    .replace('{model}', r.pick(MODELS))
    .replace('{place}', r.pick(PLACES));

const ascii = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

/** Status of a ticket by how old it is: recent work is mostly open, old work mostly resolved. */
function statusFor(r: Rng, recent: boolean): Status {
  if (recent) {
    const s: Status[] = ['new', 'open', 'in_progress', 'waiting_customer', 'escalated', 'resolved'];
    return s[r.weighted([30, 20, 22, 15, 8, 5])]!;
  }
  if (r.chance(0.996)) return 'resolved';
  return r.pick(['open', 'in_progress', 'waiting_customer', 'escalated'] as const);
}

/** The path a ticket took to its status, for its history. */
const PATHS: Record<Status, Status[]> = {
  new: [],
  open: ['open'],
  in_progress: ['open', 'in_progress'],
  waiting_customer: ['in_progress', 'waiting_customer'],
  escalated: ['in_progress', 'escalated'],
  resolved: ['in_progress', 'resolved'],
};

/**
 * Fills a new data folder with a realistic desk: callers (one per five tickets), accounts,
 * equipment, calls, tickets across queues, categories, priorities, statuses and two years of
 * ages, their history, in five languages. The same seed gives the same rows, byte for byte.
 */
export async function seedDesk(opts: SeedOptions): Promise<SeedSummary> {
  const file = join(opts.dataDir, DESK_FILE);
  if (existsSync(file)) throw new Error(`${file} exists; seed into a new folder`);
  const r = rng(opts.seed ?? 1);
  const now = opts.now ?? SEED_NOW;
  const start = now - HISTORY_DAYS * DAY;
  const progress = opts.onProgress ?? (() => undefined);
  const db = openDatabase(file);
  // A bulk load of a throw-away file: durability per commit buys nothing until it is done.
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  // Let the full-text indexes grow without merging on every commit; one optimize at the end.
  for (const t of SEARCH_INDEXES)
    db.prepare(`INSERT INTO ${t} (${t}, rank) VALUES ('automerge', 0)`).run();

  // ---- desk, people, queues ----------------------------------------------------------------
  // One deterministic salt for every seeded user (they share the demo password): seeding stays
  // reproducible and fast. Real users get their own random salt (password.ts).
  const hash = await hashPassword(DEMO_PASSWORD, PASSWORD_COST, Buffer.from(r.hex(16), 'hex'));
  const users: { id: string; tier: number; role: string }[] = [];
  const queueIds = new Map<string, string>();
  const categories: {
    id: string;
    queueId: string;
    titles: Record<Lang, string[]>;
    solutions: string[];
    domainId: string;
    /** How many tiers its domain has. */
    tiers: number;
  }[] = [];
  db.transaction(() => {
    writeSettings(db, { name: 'London Service Desk', prefix: 'LON', countryCode: '44' });
    const insertUser = db.prepare(
      `INSERT INTO users (id, username, display_name, password_hash, role, tier, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const people = [
      ...DEMO_USERS,
      ...Array.from({ length: GENERATED_ANALYSTS }, (_, i) => {
        const lang = LANGS[r.weighted(LANG_WEIGHTS)]!;
        return {
          username: `agent${String(i + 1).padStart(2, '0')}`,
          displayName: `${r.pick(FIRST[lang])} ${r.pick(LAST[lang])}`,
          role: 'analyst' as const,
          tier: (1 + r.weighted([60, 28, 12])) as 1 | 2 | 3,
        };
      }),
    ];
    for (const u of people) {
      const id = uuidv7At(start - DAY, r);
      insertUser.run(id, u.username, u.displayName, hash, u.role, u.tier, start - DAY);
      users.push({ id, tier: u.tier, role: u.role });
    }
    const admin = users[DEMO_USERS.findIndex((u) => u.role === 'admin')]!.id;
    for (const [code, name] of QUEUES) {
      const id = uuidv7At(start - DAY, r);
      queueIds.set(code, id);
      db.prepare(
        'INSERT INTO queues (id, code, name, created_at, created_by) VALUES (?, ?, ?, ?, ?)',
      ).run(id, code, name, start - DAY, admin);
    }
    for (const c of CATEGORIES) {
      const id = uuidv7At(start - DAY, r);
      const queueId = queueIds.get(c.queue)!;
      categories.push({
        id,
        queueId,
        titles: c.titles,
        solutions: SOLUTIONS[c.code] ?? [],
        domainId: '',
        tiers: 1,
      });
      db.prepare(
        'INSERT INTO categories (id, code, name, domain, default_queue_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(id, c.code, c.name, c.domain, queueId, start - DAY, admin);
      const script = SOP_LIBRARY[c.code];
      if (script) insertScript(db, id, 1, script, start - DAY, admin);
    }
    insertTiers(
      db,
      () => uuidv7At(start - DAY, r),
      start - DAY,
      SEED_TIERS,
      (code) => queueIds.get(code)!,
    );
    for (const [i, c] of CATEGORIES.entries()) {
      const d = db.prepare('SELECT id FROM domains WHERE name = ?').pluck().get(c.domain) as string;
      categories[i]!.domainId = d;
      categories[i]!.tiers = SEED_TIERS[c.domain]!.length;
    }
  })();
  const allQueues = [...queueIds.values()];
  // Calls are taken and tickets worked by the analysts (not supervisors, admins or displays).
  const techs = users.filter((u) => u.role === 'analyst');
  const creator = users[0]!.id;

  // ---- callers -------------------------------------------------------------------------------
  const nCustomers = Math.max(1, Math.round(opts.tickets / 5));
  const customers: {
    id: string;
    lang: Lang;
    name: string;
    accountId: string;
    assetId: string;
    phone: string;
    email: string;
  }[] = [];
  const insCustomer = db.prepare(
    `INSERT INTO customers (id, name, phone, phone_norm, email, organisation, created_at, created_by, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING rowid`,
  );
  const insAccount = db.prepare(
    'INSERT INTO accounts (id, customer_id, number, number_norm, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insAsset = db.prepare(
    `INSERT INTO assets (id, customer_id, model_number, serial, location, licence, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insAssetFts = db.prepare(
    'INSERT INTO assets_fts (rowid, model, serial, location, licence) VALUES (?, ?, ?, ?, ?)',
  );
  const insCustomerFts = db.prepare(
    'INSERT INTO customers_fts (rowid, name, email, organisation, accounts) VALUES (?, ?, ?, ?, ?)',
  );
  for (let base = 0; base < nCustomers; base += CHUNK) {
    db.transaction(() => {
      for (let i = base; i < Math.min(nCustomers, base + CHUNK); i++) {
        const lang = LANGS[r.weighted(LANG_WEIGHTS)]!;
        const first = r.pick(FIRST[lang]);
        const last = r.pick(LAST[lang]);
        const name = lang === 'hi' || lang === 'ar' ? `${first} ${last}` : `${first} ${last}`;
        const org = r.pick(ORGS[lang]);
        const c = COUNTRY[lang];
        let local = '';
        for (let d = 0; d < c.digits; d++) local += String(r.int(10));
        const phone = `+${c.code} ${r.pick(c.area)} ${local.slice(0, 3)} ${local.slice(3)}`;
        const local1 = ascii(first) || 'user';
        const email = `${local1}.${i}@${ascii(org).slice(0, 12) || 'example'}.example`;
        const at = start - r.int(365) * DAY;
        const id = uuidv7At(at, r);
        const { rowid } = insCustomer.get(
          id,
          name,
          phone,
          phoneKey(phone, '44'),
          email,
          org,
          at,
          creator,
          at,
          creator,
        ) as { rowid: number };
        const account = `${lang.toUpperCase()}-${String(100000 + i)}`;
        const accountId = uuidv7At(at, r);
        insAccount.run(accountId, id, account, accountKey(account), at, creator);
        const assetId = uuidv7At(at, r);
        const asset = [
          r.pick(MODELS),
          `${r.hex(2).toUpperCase()}-${r.hex(3).toUpperCase()}`,
          fill(r.pick(LOCATIONS[lang]), r),
          r.chance(0.5) ? `${r.pick(LICENCES)}${r.int(9000) + 1000}` : '',
        ] as const;
        const { lastInsertRowid } = insAsset.run(assetId, id, ...asset, at, creator);
        insAssetFts.run(lastInsertRowid, ...asset.map(foldForSearch));
        insCustomerFts.run(rowid, foldForSearch(name), email, foldForSearch(org), account);
        customers.push({ id, lang, name, accountId, assetId, phone, email });
      }
    })();
    progress('callers', Math.min(nCustomers, base + CHUNK), nCustomers);
  }

  // ---- calls, tickets, history -----------------------------------------------------------------
  const insCall = db.prepare(
    `INSERT INTO calls (id, customer_id, account_id, asset_id, direction, contact_phone, contact_email, taken_by, created_at)
     VALUES (?, ?, ?, ?, 'inbound', ?, ?, ?, ?)`,
  );
  const insTicket = db.prepare(
    `INSERT INTO tickets (id, key, call_id, customer_id, account_id, asset_id, category_id, queue_id, title, description,
       impact, urgency, priority, status, tier, assignee_id, created_at, created_by, updated_at, updated_by, version,
       domain_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING rowid`,
  );
  const insSpan = db.prepare(
    `INSERT INTO tier_spans (ticket_id, seq, domain_id, tier, assignee_id, from_at, to_at)
     VALUES (?, 1, ?, ?, ?, ?, ?)`,
  );
  const insEvent = db.prepare(
    'INSERT INTO ticket_events (id, ticket_id, type, data, actor_id, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const setClockFacts = db.prepare(
    'UPDATE tickets SET responded_at = ?, last_update_at = ? WHERE id = ?',
  );
  const insContact = db.prepare(
    `INSERT INTO contacts (id, ticket_id, customer_id, direction, channel, outcome, at, duration_sec, summary,
       closing, next_at, logged_at, logged_by) VALUES (?, ?, ?, ?, 'phone', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insPause = db.prepare(
    "INSERT INTO ticket_pauses (ticket_id, started_at, reason) VALUES (?, ?, 'waiting_customer')",
  );
  const insTicketFts = db.prepare(
    'INSERT INTO tickets_fts (rowid, key, title, description, customer, solution, facets) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const setResolution = db.prepare(
    'UPDATE tickets SET solution = ?, root_cause = ?, resolved_at = ?, resolved_by = ? WHERE id = ?',
  );

  const n = opts.tickets;
  const recentFrom = Math.floor(n * 0.96);
  const span = now - start - 3_600_000;
  let seq = 0;
  let calls = 0;
  let events = 0;
  let open = 0;
  let contacts = 0;
  /** One log entry and its history event, as contacts.log writes them. */
  const contact = (
    ticketId: string,
    customerId: string,
    c: { direction: 'inbound' | 'outbound'; outcome: 'reached' | 'voicemail' | 'no_answer' },
    at: number,
    summary: string,
    closing: boolean,
    by: string,
    event: boolean,
    nextAt: number | null = null,
  ): void => {
    const id = uuidv7At(at, r);
    const duration = c.outcome === 'reached' ? 60 + r.int(900) : null;
    insContact.run(
      id,
      ticketId,
      customerId,
      c.direction,
      c.outcome,
      at,
      duration,
      summary,
      closing ? 1 : 0,
      nextAt,
      at,
      by,
    );
    contacts++;
    if (!event) return;
    const logged = encodeHistoryEvent('contact_logged', {
      contactId: id,
      direction: c.direction,
      channel: 'phone',
      outcome: c.outcome,
      at,
      summary,
      ...(closing ? { closing: true as const } : {}),
    });
    insEvent.run(uuidv7At(at, r), ticketId, logged.type, logged.data, by, at);
    events++;
  };
  while (seq < n) {
    db.transaction(() => {
      const end = Math.min(n, seq + CHUNK);
      while (seq < end) {
        const cust = customers[r.int(customers.length)]!;
        const callAt = start + Math.floor((seq / n) * span);
        const taker = r.pick(techs);
        const callId = uuidv7At(callAt, r);
        insCall.run(
          callId,
          cust.id,
          cust.accountId,
          cust.assetId,
          cust.phone,
          cust.email,
          taker.id,
          callAt,
        );
        calls++;
        const problems = Math.min(end - seq, 1 + r.weighted([65, 25, 10]));
        for (let p = 0; p < problems; p++, seq++) {
          const createdAt = callAt + p;
          const cat = r.pick(categories);
          const queueId = r.chance(0.9) ? cat.queueId : r.pick(allQueues);
          const impact = (1 + r.weighted([10, 35, 55])) as Level;
          const urgency = (1 + r.weighted([15, 40, 45])) as Level;
          const priority = priorityFor(impact, urgency);
          const status = statusFor(r, seq >= recentFrom);
          if (status !== 'resolved') open++;
          const assignee =
            status === 'new'
              ? null
              : r.chance(status === 'resolved' ? 0.95 : 0.8)
                ? r.pick(techs)
                : null;
          const tier = Math.min(
            cat.tiers,
            status === 'escalated' ? 2 + r.int(2) : assignee ? Math.min(assignee.tier, 2) : 1,
          );
          const key = `LON-${String(seq + 1).padStart(6, '0')}`;
          const title = fill(r.pick(cat.titles[cust.lang]), r);
          const description =
            `${r.pick(DESCRIPTIONS[cust.lang])} ${r.chance(0.5) ? r.pick(DESCRIPTIONS[cust.lang]) : ''}`.trim();
          const id = uuidv7At(createdAt, r);
          const path = PATHS[status];
          const lastAt = createdAt + path.length * (600_000 + r.int(86_400_000));
          const updatedAt = Math.min(lastAt, now - 60_000);
          const { rowid } = insTicket.get(
            id,
            key,
            callId,
            cust.id,
            cust.accountId,
            cust.assetId,
            cat.id,
            queueId,
            title,
            description,
            impact,
            urgency,
            priority,
            status,
            tier,
            assignee?.id ?? null,
            createdAt,
            taker.id,
            updatedAt,
            assignee?.id ?? taker.id,
            1 + path.length + (assignee ? 1 : 0),
            cat.domainId,
          ) as { rowid: number };
          const created = encodeHistoryEvent('created', {
            key,
            callId,
            title,
            categoryId: cat.id,
            queueId,
            impact,
            urgency,
            priority,
            status: 'new',
          });
          insEvent.run(uuidv7At(createdAt, r), id, created.type, created.data, taker.id, createdAt);
          events++;
          // The call itself opens the log (part of the creation record, as intake writes it); a
          // third of callers are promised a call-back within a few hours.
          contact(
            id,
            cust.id,
            { direction: 'inbound', outcome: 'reached' },
            createdAt,
            title,
            false,
            taker.id,
            false,
            r.chance(0.33) ? createdAt + (2 + r.int(6)) * 3_600_000 : null,
          );
          let at = createdAt;
          if (assignee) {
            at += 60_000;
            const assigned = encodeHistoryEvent('assigned', { from: null, to: assignee.id });
            insEvent.run(uuidv7At(at, r), id, assigned.type, assigned.data, taker.id, at);
            events++;
          }
          let from: Status = 'new';
          let firstChange: number | null = null;
          let solution = '';
          for (const to of path) {
            at = Math.min(at + 600_000 + r.int(43_200_000), updatedAt);
            firstChange ??= at;
            const by = assignee?.id ?? taker.id;
            if (to === 'resolved' && at > firstChange && r.chance(0.4)) {
              // Work that took a while: the customer was called with an update on the way.
              contact(
                id,
                cust.id,
                { direction: 'outbound', outcome: 'reached' },
                firstChange,
                r.pick(CONTACT_SUMMARIES.update),
                false,
                by,
                true,
              );
            }
            if (to === 'resolved') {
              solution = cat.solutions.length ? r.pick(cat.solutions) : '';
              const rootCause = r.pick(ROOT_CAUSES);
              const resolved = encodeHistoryEvent('resolved', {
                from,
                solution,
                rootCause,
                reproductionSteps: '',
              });
              insEvent.run(uuidv7At(at, r), id, resolved.type, resolved.data, by, at);
              // The SOP: the customer hears it is solved before the ticket is closed.
              contact(
                id,
                cust.id,
                { direction: 'outbound', outcome: 'reached' },
                at - 1,
                r.pick(CONTACT_SUMMARIES.closing),
                true,
                by,
                true,
              );
              setResolution.run(solution, rootCause, at, by, id);
              // Resolved work responded when it first moved, and was last updated by the closing call.
              setClockFacts.run(firstChange, at - 1, id);
            } else {
              const moved = encodeHistoryEvent('status_changed', { from, to });
              insEvent.run(uuidv7At(at, r), id, moved.type, moved.data, by, at);
            }
            events++;
            from = to;
          }
          // Open work carries its clocks' facts: first response, the last update given (from the
          // log: an update call, or a missed one that leaves the clock where it was), and the pause
          // of a ticket waiting on the customer.
          if (status !== 'resolved' && firstChange !== null) {
            const outcome = (['reached', 'voicemail', 'no_answer'] as const)[
              r.weighted([75, 10, 15])
            ]!;
            contact(
              id,
              cust.id,
              { direction: 'outbound', outcome },
              at,
              r.pick(outcome === 'reached' ? CONTACT_SUMMARIES.update : CONTACT_SUMMARIES.missed),
              false,
              assignee?.id ?? taker.id,
              true,
            );
            setClockFacts.run(firstChange, outcome === 'reached' ? at : createdAt, id);
            if (status === 'waiting_customer') insPause.run(id, at);
          }
          // One step on the ladder: the tier it sits in, from the call to its resolution.
          insSpan.run(
            id,
            cat.domainId,
            tier,
            assignee?.id ?? null,
            createdAt,
            status === 'resolved' ? at : null,
          );
          insTicketFts.run(
            rowid,
            key,
            foldForSearch(title),
            foldForSearch(description),
            foldForSearch(cust.name),
            foldForSearch(solution),
            facetTokens({ status, queueId, priority, assigneeId: assignee?.id ?? null }),
          );
        }
      }
    })();
    progress('tickets', seq, n);
  }

  db.transaction(() => {
    db.prepare(
      "INSERT INTO counters (name, value) VALUES ('ticket', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    ).run(n);
  })();
  // Open tickets get their SLA clocks as the desk would have computed them, as of the seed's "now".
  db.prepare("UPDATE tickets SET sla_check_at = 0 WHERE status <> 'resolved'").run();
  const slaCtx = {
    db,
    clock: { now: () => now },
    newId: () => uuidv7At(now, r),
    emit: () => undefined,
  };
  for (let done = 0, n = 1; n > 0; done += n) {
    n = tickSla(slaCtx, 2000);
    progress('SLA clocks', done + n, open);
  }
  // Call-backs that fell due before the seed's "now" are history: nobody is to be told of them now.
  db.prepare('UPDATE callbacks SET alerted = 1 WHERE due_at <= ?').run(now);
  // So are the escalation rules' conditions that already hold: remembered as fired, not acted on.
  const openIds = db
    .prepare("SELECT id FROM tickets WHERE status <> 'resolved'")
    .pluck()
    .all() as string[];
  db.transaction(() => {
    for (const id of openIds) {
      const r = applyEscalationRules(slaCtx, id, applySla(slaCtx, id), true);
      if (r.nextCheck !== null)
        db.prepare(
          'UPDATE tickets SET sla_check_at = min(coalesce(sla_check_at, ?), ?) WHERE id = ?',
        ).run(r.nextCheck, r.nextCheck, id);
    }
  })();
  // Every ticket's outcomes, as the desk keeps them, for the reports.
  for (let done = 0, k = 1; k > 0; done += k) {
    k = backfillOutcomes(slaCtx, 5000);
    progress('outcomes', done + k, n);
  }
  progress('search index', 0, 1);
  for (const t of SEARCH_INDEXES) {
    db.prepare(`INSERT INTO ${t} (${t}) VALUES ('optimize')`).run();
    db.prepare(`INSERT INTO ${t} (${t}, rank) VALUES ('automerge', 4)`).run();
  }
  progress('search index', 1, 1);
  progress('statistics', 0, 1);
  // The planner chooses indexes from these statistics; a desk this size needs them.
  db.exec('ANALYZE');
  db.pragma('wal_checkpoint(TRUNCATE)');
  progress('statistics', 1, 1);
  db.close();
  return {
    file,
    tickets: n,
    open,
    customers: nCustomers,
    calls,
    contacts,
    events,
    users: users.length,
  };
}
