/**
 * The conflicts sync recorded (see sync/merge.ts), for supervisors: each a field of a ticket two
 * workstations changed while apart, the value kept and the one it replaced, who set each and
 * when. Taking the value that lost is a new change, made through the ticket's own edit (its
 * checks, its history event), never a rewrite of the past.
 */
import type { ParsedInput } from '../../shared/contract.ts';
import { parseHistoryEvent, type HistoryEventData } from '../../shared/history-events.ts';
import type { ConflictItem, ConflictList } from '../../shared/views.ts';
import type { Ctx } from '../kernel/context.ts';
import { DomainError, invalid, issue } from '../kernel/failure.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { updateTicket } from './fields.ts';

/** The conflicting fields a supervisor can set back from the list: column → the edit's field. */
const TAKEABLE = {
  title: 'title',
  description: 'description',
  category_id: 'categoryId',
  queue_id: 'queueId',
  asset_id: 'assetId',
} as const;
type Takeable = keyof typeof TAKEABLE;
const isTakeable = (f: string): f is Takeable => Object.hasOwn(TAKEABLE, f);

interface Row {
  id: string;
  ticket_id: string;
  type: string;
  data: string;
  at: number;
  key: string;
  title: string;
  status: string;
}

type Value = string | number | null;

/** What a value reads as: a queue, category or piece of equipment by its name, not its id. */
function label(db: Db, field: string, value: Value): string | null {
  if (value === null) return null;
  const v = String(value);
  const named = (sql: string) => stmt<string>(db, sql).pluck().get(v) ?? v;
  switch (field) {
    case 'queue_id':
      return named('SELECT name FROM queues WHERE id = ?');
    case 'category_id':
      return named('SELECT name FROM categories WHERE id = ?');
    case 'assignee_id':
      return named('SELECT display_name FROM users WHERE id = ?');
    case 'asset_id':
      return named("SELECT trim(model_number || ' ' || serial) FROM assets WHERE id = ?");
    default:
      return v;
  }
}

const nameOf = (db: Db, id: string): string =>
  stmt<string>(db, 'SELECT display_name FROM users WHERE id = ?').pluck().get(id) ?? id;

function current(db: Db, ticketId: string, field: string): Value {
  if (!isTakeable(field)) return null;
  return stmt<Value>(db, `SELECT ${field} FROM tickets WHERE id = ?`).pluck().get(ticketId) ?? null;
}

function toItem(db: Db, r: Row, c: HistoryEventData<'conflict'>): ConflictItem {
  const side = (s: HistoryEventData<'conflict'>['kept']) => ({
    value: label(db, c.field, s.value),
    by: nameOf(db, s.by),
    at: s.at,
  });
  const stands = isTakeable(c.field) && current(db, r.ticket_id, c.field) === c.kept.value;
  return {
    id: r.id,
    ticket: { id: r.ticket_id, key: r.key, title: r.title },
    field: c.field,
    ...(c.question ? { question: c.question } : {}),
    kept: side(c.kept),
    lost: side(c.lost),
    at: r.at,
    // Set back from here: a field the edit covers, on an open ticket, still as the merge left it.
    canTake: stands && r.status !== 'resolved' && c.lost.value !== c.kept.value,
  };
}

/** `conflicts.list`: the newest first. */
export function conflictList(ctx: Ctx, input: ParsedInput<'conflicts.list'>): ConflictList {
  const rows = stmt<Row>(
    ctx.db,
    `SELECT e.id, e.ticket_id, e.type, e.data, e.at, t.key, t.title, t.status
     FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
     WHERE e.type = 'conflict' ORDER BY e.at DESC LIMIT ?`,
  ).all(input.limit);
  const items: ConflictItem[] = [];
  for (const r of rows) {
    const e = parseHistoryEvent(r.type, r.data);
    if (e.type === 'conflict') items.push(toItem(ctx.db, r, e.data));
  }
  return { items };
}

/** `conflicts.take`: the value that lost becomes the ticket's, as a new edit in its history. */
export function takeLostValue(ctx: Ctx, input: ParsedInput<'conflicts.take'>): ConflictList {
  const { db } = ctx;
  const r = stmt<Row & { version: number }>(
    db,
    `SELECT e.id, e.ticket_id, e.type, e.data, e.at, t.key, t.title, t.status, t.version
     FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
     WHERE e.id = ? AND e.type = 'conflict'`,
  ).get(input.id);
  if (!r) throw new DomainError('NOT_FOUND', 'No such conflict');
  const e = parseHistoryEvent(r.type, r.data);
  if (e.type !== 'conflict') throw new DomainError('NOT_FOUND', 'No such conflict');
  const c = e.data;
  if (!isTakeable(c.field))
    throw invalid([issue('id', 'not_takeable', 'Change this field from the ticket itself')]);
  if (current(db, r.ticket_id, c.field) !== c.kept.value)
    throw new DomainError(
      'CONFLICT',
      `${r.key} has changed since: open the ticket to see its ${c.field.replace('_id', '')}`,
    );
  updateTicket(ctx, {
    id: r.ticket_id,
    version: r.version,
    changes: { [TAKEABLE[c.field]]: c.lost.value },
  } as ParsedInput<'tickets.update'>);
  return conflictList(ctx, { limit: input.limit });
}
