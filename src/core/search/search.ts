import type { ParsedInput } from '../../shared/contract.ts';
import { highlightRanges } from '../../shared/highlight.ts';
import type { SearchHit } from '../../shared/views.ts';
import type { Ctx } from '../kernel/context.ts';
import { CUSTOMER_TEXT_COLUMNS, matchAll, TICKET_TEXT_COLUMNS } from '../store/fts.ts';
import { stmt } from '../store/statements.ts';

/** Ranking looks at the newest this-many matches of each kind: bm25 over every hit of a common word would cost a scan. */
const RANK_WINDOW = 400;

/** The words around the first match, so the hit shows why it matched. */
function excerpt(text: string, query: string, width = 90): string {
  const first = highlightRanges(text, query)[0];
  if (!first || text.length <= width) return text.slice(0, width);
  const start = Math.max(0, first[0] - 30);
  return `${start > 0 ? '…' : ''}${text.slice(start, start + width)}${start + width < text.length ? '…' : ''}`;
}

/**
 * Search everywhere (Ctrl+K): tickets (with their answers and solutions), callers, equipment and
 * technicians' notes, best match first, with the matched words marked on the original text
 * (accents and scripts as written). bm25 ranks are comparable enough across the four indexes to
 * interleave: each is a negative score, lower is better.
 */
export function searchEverywhere(ctx: Ctx, input: ParsedInput<'search.everywhere'>): SearchHit[] {
  const q = input.query;
  const hits: (SearchHit & { rank: number })[] = [];
  const tMatch = matchAll(q, TICKET_TEXT_COLUMNS);
  if (tMatch) {
    const rows = stmt<{
      id: string;
      key: string;
      title: string;
      description: string;
      solution: string | null;
      status: string;
      customer: string;
      rank: number;
    }>(
      ctx.db,
      `SELECT t.id, t.key, t.title, t.description, t.solution, t.status, c.name AS customer, m.rank
       FROM (SELECT rowid, rank FROM tickets_fts WHERE tickets_fts MATCH ? ORDER BY rowid DESC LIMIT ${RANK_WINDOW}) m
       JOIN tickets t ON t.rowid = m.rowid JOIN customers c ON c.id = t.customer_id
       ORDER BY m.rank LIMIT ?`,
    ).all(tMatch, input.limit);
    for (const r of rows) {
      // Show where it matched: the description, else the solution, else who it is for.
      const detail = highlightRanges(r.description, q).length
        ? excerpt(r.description, q)
        : r.solution && highlightRanges(r.solution, q).length
          ? excerpt(r.solution, q)
          : `${r.customer} · ${r.key}`;
      hits.push({
        kind: 'ticket',
        id: r.id,
        title: `${r.key} ${r.title}`,
        titleMarks: highlightRanges(`${r.key} ${r.title}`, q),
        detail,
        detailMarks: highlightRanges(detail, q),
        rank: r.rank,
      });
    }
  }
  const cMatch = matchAll(q, CUSTOMER_TEXT_COLUMNS);
  if (cMatch) {
    const rows = stmt<{
      id: string;
      name: string;
      organisation: string;
      phone: string;
      email: string;
      rank: number;
    }>(
      ctx.db,
      `SELECT c.id, c.name, c.organisation, c.phone, c.email, m.rank
       FROM (SELECT rowid, rank FROM customers_fts WHERE customers_fts MATCH ? ORDER BY rowid DESC LIMIT ${RANK_WINDOW}) m
       JOIN customers c ON c.rowid = m.rowid ORDER BY m.rank LIMIT ?`,
    ).all(cMatch, input.limit);
    for (const r of rows) {
      const detail = [r.organisation, r.phone, r.email].filter(Boolean).join(' · ');
      hits.push({
        kind: 'customer',
        id: r.id,
        caller: r.name,
        title: r.name,
        titleMarks: highlightRanges(r.name, q),
        detail,
        detailMarks: highlightRanges(detail, q),
        rank: r.rank,
      });
    }
  }
  const aMatch = matchAll(q);
  if (aMatch) {
    const rows = stmt<{
      id: string;
      name: string;
      model: string;
      serial: string;
      location: string;
      licence: string;
      rank: number;
    }>(
      ctx.db,
      `SELECT c.id, c.name, a.model_number AS model, a.serial, a.location, a.licence, m.rank
       FROM (SELECT rowid, rank FROM assets_fts WHERE assets_fts MATCH ? ORDER BY rowid DESC LIMIT ${RANK_WINDOW}) m
       JOIN assets a ON a.rowid = m.rowid JOIN customers c ON c.id = a.customer_id ORDER BY m.rank LIMIT ?`,
    ).all(aMatch, input.limit);
    for (const r of rows) {
      const title = [r.model, r.serial].filter(Boolean).join(' · ');
      const detail = [r.name, r.location, r.licence].filter(Boolean).join(' · ');
      hits.push({
        kind: 'asset',
        id: r.id,
        title,
        titleMarks: highlightRanges(title, q),
        detail,
        detailMarks: highlightRanges(detail, q),
        caller: r.name,
        rank: r.rank,
      });
    }
    const notes = stmt<{
      id: string;
      key: string;
      title: string;
      text: string;
      rank: number;
    }>(
      ctx.db,
      `SELECT t.id, t.key, t.title, json_extract(e.data, '$.text') AS text, m.rank
       FROM (SELECT rowid, rank FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rowid DESC LIMIT ${RANK_WINDOW}) m
       JOIN ticket_events e ON e.rowid = m.rowid JOIN tickets t ON t.id = e.ticket_id ORDER BY m.rank LIMIT ?`,
    ).all(aMatch, input.limit);
    for (const r of notes) {
      const title = `${r.key} ${r.title}`;
      const detail = excerpt(r.text, q);
      hits.push({
        kind: 'note',
        id: r.id,
        title,
        titleMarks: highlightRanges(title, q),
        detail,
        detailMarks: highlightRanges(detail, q),
        rank: r.rank,
      });
    }
  }
  return hits
    .sort((a, b) => a.rank - b.rank)
    .slice(0, input.limit)
    .map(({ rank: _rank, ...h }) => h);
}
