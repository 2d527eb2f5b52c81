/**
 * Where a search's words match a text, as [start, end) ranges over the original text. Matching
 * is by word prefix, after the same folding the search index uses (see foldAccents), so "cafe"
 * marks "Café", "ελενη" marks "Ελένη", "مطبعة" marks "المطبعة" and "कागज" marks "काग़ज़".
 */

/**
 * Arabic's definite article, alone or with a preposition joined to it (و ف ب ك + ال, and لل), at
 * the start of a word of at least two more letters: written or not, the word is the same.
 */
const ARTICLE = /(?<![\p{L}\p{M}])(?:[وفبك]?ال|لل)(?=\p{L}\p{M}*\p{L})/gu;
const ARTICLE_AT_START = /^(?:[وفبك]?ال|لل)(?=\p{L}\p{M}*\p{L})/u;

/**
 * Folds what the people typing may or may not write: accents in Latin, Greek (tonos, final
 * sigma) and Cyrillic; in Arabic the short vowels and other marks, the tatweel, the forms of
 * alef (أ إ آ ٱ → ا), ta marbuta (ة → ه), alef maqsura (ى → ي) and the article with the
 * prepositions joined to it; in Devanagari the nukta (क़ → क) and chandrabindu (ँ → ं). The search
 * index stores text folded this way, and queries are folded the same way, so the two agree.
 */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{Mn}+/gu, '$1')
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/\u093C/g, '')
    .replace(/\u0901/g, '\u0902')
    .replace(/ς/g, 'σ')
    .normalize('NFC')
    .replace(/[\u0671]/g, '\u0627')
    .replace(/\u0629/g, '\u0647')
    .replace(/\u0649/g, '\u064A')
    .replace(ARTICLE, '');
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
    // Map the folded prefix length back onto the original word, character by character; an
    // article folded away is marked with the word it belongs to.
    const lead = ARTICLE_AT_START.exec(m[0].normalize('NFC'))?.[0].length ?? 0;
    let end = m.index + lead;
    let matched = 0;
    for (const ch of m[0].slice(lead)) {
      if (matched >= hit.length) break;
      matched += fold(ch).length;
      end += ch.length;
    }
    // A mark that belongs to the last letter matched goes with it.
    while (end < m.index + m[0].length && /\p{M}/u.test(text[end]!)) end++;
    out.push([m.index, end]);
  }
  return out;
}
