import type { Input } from '../../shared/contract.ts';
import { STATUSES } from '../../shared/domain.ts';
import { rng } from '../seed/rng.ts';
import type { Db } from '../../core/store/database.ts';

/**
 * The queries the benchmark runs, drawn from the store itself (so they hit real data), the same
 * from the same seed. Tests replay them against reference queries on a small seed.
 */
export interface Workload {
  lookups: { kind: 'phone' | 'account' | 'name'; query: string }[];
  searches: Input<'tickets.search'>[];
  boards: Input<'tickets.board'>[];
}

export function buildWorkload(db: Db, size: number, seed = 42): Workload {
  const r = rng(seed);
  const maxRow =
    (db.prepare('SELECT max(rowid) FROM customers').pluck().get() as number | null) ?? 0;
  const customer = () =>
    db
      .prepare(
        'SELECT c.name, c.phone, a.number FROM customers c JOIN accounts a ON a.customer_id = c.id WHERE c.rowid >= ? LIMIT 1',
      )
      .get(1 + r.int(maxRow)) as { name: string; phone: string; number: string } | undefined;
  const queues = db.prepare('SELECT id FROM queues').pluck().all() as string[];
  const users = db.prepare('SELECT id FROM users').pluck().all() as string[];
  const maxTicket =
    (db.prepare('SELECT max(rowid) FROM tickets').pluck().get() as number | null) ?? 0;
  const titleWord = () => {
    const title = db
      .prepare('SELECT title FROM tickets WHERE rowid >= ? LIMIT 1')
      .pluck()
      .get(1 + r.int(maxTicket)) as string | undefined;
    const words = (title ?? 'network').split(/\s+/).filter((w) => /^\p{L}{4,}$/u.test(w));
    return words.length ? r.pick(words) : 'network';
  };

  const lookups: Workload['lookups'] = [];
  for (let i = 0; i < size; i++) {
    const c = customer();
    if (!c) break;
    const digits = c.phone.replace(/\D/g, '');
    // As typed: international with "+", or with "00", cut after 4 to all digits.
    const cut = 4 + r.int(Math.max(1, digits.length - 3));
    lookups.push({
      kind: 'phone',
      query: r.chance(0.5) ? `+${digits.slice(0, cut)}` : `00${digits.slice(0, cut)}`,
    });
    lookups.push({ kind: 'account', query: c.number.slice(0, 4 + r.int(c.number.length - 3)) });
    const last = c.name.split(' ').at(-1)!;
    lookups.push({ kind: 'name', query: [...last].slice(0, 3 + r.int(3)).join('') });
  }

  const searches: Workload['searches'] = [];
  for (let i = 0; i < size; i++) {
    const text = titleWord();
    searches.push({ text, limit: 50 });
    searches.push({ text, limit: 50, queueId: r.pick(queues) });
    searches.push({ text, limit: 50, status: r.pick(STATUSES) });
  }

  const boards: Workload['boards'] = [{ filters: {}, perColumn: 50 }];
  for (let i = 0; i < size; i++) {
    const kind = r.int(4);
    if (kind === 0) boards.push({ filters: { queueId: r.pick(queues) }, perColumn: 50 });
    if (kind === 1)
      boards.push({ filters: { priority: (1 + r.int(4)) as 1 | 2 | 3 | 4 }, perColumn: 50 });
    if (kind === 2)
      boards.push({
        filters: { assigneeId: r.chance(0.3) ? 'none' : r.pick(users) },
        perColumn: 50,
      });
    if (kind === 3)
      boards.push({
        filters: { queueId: r.pick(queues), priority: (1 + r.int(4)) as 1 | 2 | 3 | 4 },
        perColumn: 50,
      });
  }
  return { lookups, searches, boards };
}
