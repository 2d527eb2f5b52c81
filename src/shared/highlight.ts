/**
 * Where a search's words match a text, as [start, end) ranges over the original text. Matching
 * is by word prefix, after the same folding the search index uses (accents off for Latin, Greek
 * and Cyrillic; Devanagari and Arabic marks kept), so "cafe" marks "Café" and "ελενη" marks "Ελένη".
 */
/**
 * Folds accents where they are optional to the people typing: Latin, Greek (tonos) and Cyrillic.
 * Devanagari and Arabic marks are part of the word and stay. The search index stores text folded
 * this way, and queries are folded the same way, so the two always agree.
 */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{Mn}+/gu, '$1')
    .replace(/ς/g, 'σ')
    .normalize('NFC');
}

export function fold(text: string): string {
  return foldAccents(text).toLocaleLowerCase('und');
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

export function searchWords(query: string): string[] {
  return [...fold(query).matchAll(WORD)].map((m) => m[0]);
}

export function highlightRanges(text: string, query: string): [number, number][] {
  const words = searchWords(query);
  if (!words.length) return [];
  const out: [number, number][] = [];
  for (const m of text.matchAll(WORD)) {
    const folded = fold(m[0]);
    const hit = words.find((w) => folded.startsWith(w));
    if (!hit) continue;
    // Map the folded prefix length back onto the original word, character by character.
    let end = m.index;
    let matched = 0;
    for (const ch of m[0]) {
      if (matched >= hit.length) break;
      matched += fold(ch).length;
      end += ch.length;
    }
    out.push([m.index, end]);
  }
  return out;
}
