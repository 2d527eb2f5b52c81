import type { ParsedInput } from '../../shared/contract.ts';
import { highlightRanges } from '../../shared/highlight.ts';
import type { SearchHit } from '../../shared/views.ts';
import type { Ctx } from '../context.ts';
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
 * Search everywhere (Ctrl+K): tickets and callers, best match first, with the matched words
 * marked on the original text (accents and scripts as written).
 */
export function searchEverywhere(ctx: Ctx, input: ParsedInput<'search.everywhere'>): SearchHit[] {
  const q = input.query;
  const hits: (SearchHit & { rank: number })[] = [];
  const tMatch = matchAll(q, TICKET_TEXT_COLUMNS);
  if (tMatch) {
    const rows = stmt(
      ctx.db,
      `SELECT t.id, t.key, t.title, t.description, t.status, c.name AS customer, m.rank
       FROM (SELECT rowid, rank FROM tickets_fts WHERE tickets_fts MATCH ? ORDER BY rowid DESC LIMIT ${RANK_WINDOW}) m
       JOIN tickets t ON t.rowid = m.rowid JOIN customers c ON c.id = t.customer_id
       ORDER BY m.rank LIMIT ?`,
    ).all(tMatch, input.limit) as {
      id: string;
      key: string;
      title: string;
      description: string;
      status: string;
      customer: string;
      rank: number;
    }[];
    for (const r of rows) {
      const detail = highlightRanges(r.description, q).length
        ? excerpt(r.description, q)
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
    const rows = stmt(
      ctx.db,
      `SELECT c.id, c.name, c.organisation, c.phone, c.email, m.rank
       FROM (SELECT rowid, rank FROM customers_fts WHERE customers_fts MATCH ? ORDER BY rowid DESC LIMIT ${RANK_WINDOW}) m
       JOIN customers c ON c.rowid = m.rowid ORDER BY m.rank LIMIT ?`,
    ).all(cMatch, input.limit) as {
      id: string;
      name: string;
      organisation: string;
      phone: string;
      email: string;
      rank: number;
    }[];
    for (const r of rows) {
      const detail = [r.organisation, r.phone, r.email].filter(Boolean).join(' · ');
      hits.push({
        kind: 'customer',
        id: r.id,
        title: r.name,
        titleMarks: highlightRanges(r.name, q),
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
