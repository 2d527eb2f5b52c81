/**
 * Builds FTS5 MATCH expressions from what a user typed: every search path (caller look-up,
 * ticket search, the board's text filter, search everywhere, similar tickets) goes through here.
 * A query is only ever words: each is quoted, so no input can inject FTS syntax, and each is a
 * prefix so results follow the typing.
 */
import { foldAccents } from '../../shared/highlight.ts';

/** Indexed text and queries are folded by the one shared function (see foldAccents). */
export const foldForSearch = foldAccents;

/**
 * What the index's tokenizer keeps inside a word (`categories 'L* N* Co M*'`, migrations/):
 * everything else separates words in a query as it does in the index. That takes FTS5's syntax
 * out of the words, and control characters with it: a NUL inside a quoted word ends FTS5's
 * reading of the query ("unterminated string").
 */
const NOT_IN_A_WORD = /[^\p{L}\p{N}\p{Co}\p{M}]+/u;

export function tokens(text: string): string[] {
  return foldForSearch(text)
    .normalize('NFKC')
    .split(NOT_IN_A_WORD)
    .filter((t) => t.length > 0)
    .slice(0, 12);
}

const quote = (t: string): string => `"${t.replaceAll('"', '""')}"`;

const inColumns = (columns: readonly string[], body: string): string =>
  `${columns.length === 1 ? columns[0] : `{${columns.join(' ')}}`} : (${body})`;

/**
 * Any one of these whole words (not prefixes) in the given columns, or null for none: the
 * similar-tickets query, whose words come from stored text, not from typing.
 */
export function matchAny(words: readonly string[], columns: readonly string[]): string | null {
  const ws = words.flatMap(tokens);
  return ws.length ? inColumns(columns, ws.map(quote).join(' OR ')) : null;
}

/**
 * All tokens must match, each as a prefix, in the given columns. Returns null when nothing
 * searchable was typed.
 */
export function matchAll(text: string, columns?: readonly string[]): string | null {
  const ts = tokens(text);
  if (ts.length === 0) return null;
  const body = ts.map((t) => `${quote(t)}*`).join(' AND ');
  return columns ? inColumns(columns, body) : body;
}

/** The columns of tickets_fts a person's words are searched in (not `facets`). */
export const TICKET_TEXT_COLUMNS = [
  'key',
  'title',
  'description',
  'customer',
  'answers',
  'solution',
] as const;
export const CUSTOMER_TEXT_COLUMNS = ['name', 'email', 'organisation', 'accounts'] as const;

export interface Facets {
  status?: string | undefined;
  queueId?: string | undefined;
  priority?: number | undefined;
  /** A user id, or 'none' for unassigned. */
  assigneeId?: string | null | undefined;
}

/**
 * A ticket's filterable fields as search tokens ("sresolved q0190… p2 anone"), stored in the
 * `facets` column. A filtered search is then one intersection inside FTS5 instead of a table
 * lookup per hit. Registered as the SQL function sb_facets for migrations.
 */
export function facetTokens(f: Facets): string {
  const out: string[] = [];
  if (f.status) out.push(`s${f.status.replaceAll('_', '')}`);
  if (f.queueId) out.push(`q${f.queueId.replaceAll('-', '')}`);
  if (f.priority) out.push(`p${f.priority}`);
  if (f.assigneeId !== undefined)
    out.push(`a${f.assigneeId === null ? 'none' : f.assigneeId.replaceAll('-', '')}`);
  return out.join(' ');
}

/**
 * Words and facets together: the text in its columns AND every facet token, and, when
 * `anyStatus` is given, any one of those statuses.
 */
export function matchTicketText(
  text: string,
  facets: Facets,
  anyStatus?: readonly string[],
): string | null {
  const words = matchAll(text, TICKET_TEXT_COLUMNS);
  if (words === null) return null;
  const all = facetTokens(facets).split(' ').filter(Boolean);
  if (anyStatus?.length)
    all.push(`(${anyStatus.map((s) => facetTokens({ status: s })).join(' OR ')})`);
  return all.length ? `(${words}) AND facets : (${all.join(' AND ')})` : words;
}
