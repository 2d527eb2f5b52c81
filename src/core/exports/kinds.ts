/**
 * What each export holds, column by column, and how its rows are read: a page at a time by rowid
 * (a short query each, so the desk's other work runs between pages), up to the last row there was
 * when the export began, so rows saved meanwhile neither join it halfway nor shift its pages.
 */
import type { ExportKind, ExportState } from '../../shared/exports.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';

/** An instant: written as the desk's local date and time. */
export class Instant {
  readonly ms: number;
  constructor(ms: number) {
    this.ms = ms;
  }
}
export type Cell = string | number | Instant | null;

export interface ExportFilters {
  from: number | null;
  to: number | null;
  queueId: string | null;
  priority: number | null;
  state: ExportState;
}

export interface ExportSpec {
  header: string[];
  /** Rows in all, for the progress. */
  count(): number;
  /** The next page after `after` (a rowid): its rows, how many it read, the rowid it ended at. */
  page(after: number, size: number): { rows: Cell[][]; read: number; last: number };
}

const at = (ms: number | null): Cell => (ms === null ? null : new Instant(ms));
const hours = (ms: number | null): Cell => (ms === null ? null : Math.round(ms / 360_000) / 10);

/** The tickets' filters as SQL over `t` (tickets) and the column the period is of. */
function ticketWhere(f: ExportFilters, periodOf: string): string {
  return [
    `(@from IS NULL OR ${periodOf} >= @from)`,
    `(@to IS NULL OR ${periodOf} < @to)`,
    '(@queueId IS NULL OR t.queue_id = @queueId)',
    '(@priority IS NULL OR t.priority = @priority)',
    f.state === 'open'
      ? "t.status <> 'resolved'"
      : f.state === 'resolved'
        ? "t.status = 'resolved'"
        : '1',
  ].join(' AND ');
}

function paged(
  db: Db,
  table: { name: string; alias: string },
  from: string,
  where: string,
  params: Record<string, unknown>,
  select: string,
  toCells: (r: Record<string, unknown>) => Cell[][],
): Pick<ExportSpec, 'count' | 'page'> {
  const { name, alias } = table;
  const lastRow = stmt(db, `SELECT coalesce(max(rowid), 0) FROM ${name}`).pluck().get() as number;
  const bounded = `${from} WHERE ${alias}.rowid <= @lastRow AND ${where}`;
  const p = { ...params, lastRow };
  return {
    count: () => stmt(db, `SELECT count(*) ${bounded}`).pluck().get(p) as number,
    page(after, size) {
      const rows = stmt<Record<string, unknown>>(
        db,
        `SELECT ${alias}.rowid AS rid, ${select} ${bounded} AND ${alias}.rowid > @after
         ORDER BY ${alias}.rowid LIMIT @size`,
      ).all({ ...p, after, size });
      return {
        rows: rows.flatMap(toCells),
        read: rows.length,
        last: rows.length ? (rows[rows.length - 1]!['rid'] as number) : after,
      };
    },
  };
}

const TICKET_HEADER = [
  'Key',
  'Title',
  'Status',
  'Priority',
  'Impact',
  'Urgency',
  'Category',
  'Queue',
  'Domain',
  'Tier',
  'Assignee',
  'Caller',
  'Organisation',
  'Account number',
  'Created',
  'First response',
  'Resolved',
  'Reopened',
  'Root cause',
  'SLA breached',
  'Targets breached',
  'Highest tier',
  'Escalations',
  'Hours in tier 1',
  'Hours in tier 2',
  'Hours in tier 3',
];

function tickets(db: Db, f: ExportFilters, now: number): ExportSpec {
  const span = (tier: number) =>
    `(SELECT sum(coalesce(s.to_at, @now) - s.from_at) FROM tier_spans s WHERE s.ticket_id = t.id AND s.tier = ${tier}) AS tier${tier}`;
  return {
    header: TICKET_HEADER,
    ...paged(
      db,
      { name: 'tickets', alias: 't' },
      `FROM tickets t
        JOIN categories cat ON cat.id = t.category_id
        JOIN queues q ON q.id = t.queue_id
        LEFT JOIN domains d ON d.id = t.domain_id
        LEFT JOIN users u ON u.id = t.assignee_id
        JOIN customers cu ON cu.id = t.customer_id
        LEFT JOIN accounts a ON a.id = t.account_id`,
      ticketWhere(f, 't.created_at'),
      { from: f.from, to: f.to, queueId: f.queueId, priority: f.priority, now },
      `t.key, t.title, t.status, t.priority, t.impact, t.urgency, cat.name AS category, q.name AS queue,
       d.name AS domain, t.tier, u.display_name AS assignee, cu.name AS caller, cu.organisation,
       a.number AS account, t.created_at, t.responded_at, t.resolved_at, t.reopen_count, t.root_cause,
       (SELECT group_concat(target, ' ') FROM (SELECT DISTINCT json_extract(j.value, '$.target') AS target
          FROM ticket_events e, json_each(e.data, '$.targets') j
          WHERE e.ticket_id = t.id AND e.type = 'sla_breached' ORDER BY 1)) AS breached,
       (SELECT max(s.tier) FROM tier_spans s WHERE s.ticket_id = t.id) AS top_tier,
       (SELECT count(*) FROM escalations e WHERE e.ticket_id = t.id) AS escalations,
       ${span(1)}, ${span(2)}, ${span(3)}`,
      (r) => [
        [
          r['key'] as string,
          r['title'] as string,
          r['status'] as string,
          r['priority'] as number,
          r['impact'] as number,
          r['urgency'] as number,
          r['category'] as string,
          r['queue'] as string,
          (r['domain'] as string | null) ?? '',
          r['tier'] as number,
          (r['assignee'] as string | null) ?? '',
          r['caller'] as string,
          r['organisation'] as string,
          (r['account'] as string | null) ?? '',
          at(r['created_at'] as number),
          at(r['responded_at'] as number | null),
          at(r['resolved_at'] as number | null),
          r['reopen_count'] as number,
          (r['root_cause'] as string | null) ?? '',
          r['breached'] ? 'yes' : 'no',
          (r['breached'] as string | null) ?? '',
          (r['top_tier'] as number | null) ?? (r['tier'] as number),
          r['escalations'] as number,
          hours(r['tier1'] as number | null),
          hours(r['tier2'] as number | null),
          hours(r['tier3'] as number | null),
        ],
      ],
    ),
  };
}

const CONTACT_HEADER = [
  'Ticket',
  'Caller',
  'At',
  'Direction',
  'Channel',
  'Outcome',
  'Minutes',
  'Summary',
  'Closing',
  'Next contact',
  'Next contact reason',
  'Logged by',
  'Logged at',
  'Corrects an earlier entry',
];

function contacts(db: Db, f: ExportFilters): ExportSpec {
  return {
    header: CONTACT_HEADER,
    ...paged(
      db,
      { name: 'contacts', alias: 'c' },
      `FROM contacts c
        JOIN tickets t ON t.id = c.ticket_id
        JOIN customers cu ON cu.id = c.customer_id
        LEFT JOIN users u ON u.id = c.logged_by`,
      ticketWhere(f, 'c.at'),
      { from: f.from, to: f.to, queueId: f.queueId, priority: f.priority },
      `t.key, cu.name AS caller, c.at, c.direction, c.channel, c.outcome, c.duration_sec, c.summary,
       c.closing, c.next_at, c.next_reason, u.display_name AS logged_by, c.logged_at, c.corrects_id`,
      (r) => [
        [
          r['key'] as string,
          r['caller'] as string,
          at(r['at'] as number),
          r['direction'] as string,
          r['channel'] as string,
          r['outcome'] as string,
          r['duration_sec'] === null ? null : Math.round((r['duration_sec'] as number) / 6) / 10,
          r['summary'] as string,
          r['closing'] ? 'yes' : 'no',
          at(r['next_at'] as number | null),
          (r['next_reason'] as string | null) ?? '',
          (r['logged_by'] as string | null) ?? '',
          at(r['logged_at'] as number),
          r['corrects_id'] ? 'yes' : 'no',
        ],
      ],
    ),
  };
}

/** The import's own header names: an export of callers imports back as it is. */
const CALLER_HEADER = [
  'Name',
  'Organisation',
  'Phone',
  'Email',
  'Account number',
  'Model',
  'Serial number',
  'Location',
  'Licence',
];

function callers(db: Db): ExportSpec {
  const accounts = stmt<{ number: string }>(
    db,
    'SELECT number FROM accounts WHERE customer_id = ? ORDER BY created_at, id',
  );
  const assets = stmt<{ model_number: string; serial: string; location: string; licence: string }>(
    db,
    'SELECT model_number, serial, location, licence FROM assets WHERE customer_id = ? ORDER BY created_at, id',
  );
  return {
    header: CALLER_HEADER,
    ...paged(
      db,
      { name: 'customers', alias: 'cu' },
      'FROM customers cu',
      '1',
      {},
      'cu.id, cu.name, cu.organisation, cu.phone, cu.email',
      (r) => {
        const id = r['id'] as string;
        const acc = accounts.all(id);
        const eq = assets.all(id);
        // One row a caller, more when they have several accounts or pieces of equipment: the
        // import gathers the rows of one caller again by their phone or email and name.
        return Array.from({ length: Math.max(1, acc.length, eq.length) }, (_, i) => [
          r['name'] as string,
          r['organisation'] as string,
          r['phone'] as string,
          r['email'] as string,
          acc[i]?.number ?? '',
          eq[i]?.model_number ?? '',
          eq[i]?.serial ?? '',
          eq[i]?.location ?? '',
          eq[i]?.licence ?? '',
        ]);
      },
    ),
  };
}

export function exportSpec(db: Db, kind: ExportKind, f: ExportFilters, now: number): ExportSpec {
  if (kind === 'tickets') return tickets(db, f, now);
  if (kind === 'contacts') return contacts(db, f);
  return callers(db);
}
