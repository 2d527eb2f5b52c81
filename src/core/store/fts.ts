/**
 * Builds FTS5 MATCH expressions from what a user typed. Every token is quoted, so no input can
 * inject FTS syntax; the last token is a prefix so results follow the typing.
 */
/**
 * Folds accents where they are optional to the people typing: Latin, Greek (tonos) and Cyrillic.
 * Devanagari and Arabic marks are part of the word and stay. Applied to indexed text and queries alike.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{Mn}+/gu, '$1')
    .replace(/ς/g, 'σ')
    .normalize('NFC');
}

export function tokens(text: string): string[] {
  return foldForSearch(text)
    .normalize('NFKC')
    .split(/[\s"'`()*:^+\-.,;/\\@]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 12);
}

const quote = (t: string): string => `"${t.replaceAll('"', '""')}"`;

/** All tokens must match; each as a prefix. Returns null when nothing searchable was typed. */
export function matchAll(text: string, column?: string): string | null {
  const ts = tokens(text);
  if (ts.length === 0) return null;
  const body = ts.map((t) => `${quote(t)}*`).join(' AND ');
  return column ? `${column} : (${body})` : body;
}

export function matchPrefix(column: string, prefix: string): string {
  return `${column} : ${quote(prefix)}*`;
}
