/**
 * The pseudo-locale (en-XA) for translators and developers: every English string accented,
 * lengthened by a third and bracketed, placeholders left as they are. A string that shows plain
 * English is not in the catalog; one whose brackets are cut off is clipped by its layout.
 */
const ACCENTED: Record<string, string> = {
  a: 'å',
  b: 'ƀ',
  c: 'ç',
  d: 'ð',
  e: 'é',
  f: 'ƒ',
  g: 'ĝ',
  h: 'ĥ',
  i: 'î',
  j: 'ĵ',
  k: 'ķ',
  l: 'ļ',
  m: 'ɱ',
  n: 'ñ',
  o: 'ö',
  p: 'þ',
  q: 'ǫ',
  r: 'ŕ',
  s: 'š',
  t: 'ţ',
  u: 'û',
  v: 'ṽ',
  w: 'ŵ',
  x: 'ẋ',
  y: 'ý',
  z: 'ž',
  A: 'Å',
  B: 'Ɓ',
  C: 'Ç',
  D: 'Ð',
  E: 'É',
  F: 'Ƒ',
  G: 'Ĝ',
  H: 'Ĥ',
  I: 'Î',
  J: 'Ĵ',
  K: 'Ķ',
  L: 'Ļ',
  M: 'Ṁ',
  N: 'Ñ',
  O: 'Ö',
  P: 'Þ',
  Q: 'Ǫ',
  R: 'Ŕ',
  S: 'Š',
  T: 'Ţ',
  U: 'Û',
  V: 'Ṽ',
  W: 'Ŵ',
  X: 'Ẋ',
  Y: 'Ý',
  Z: 'Ž',
};

export function pseudoString(s: string): string {
  // Placeholders ({name}) are kept whole; everything else is accented.
  const accented = s
    .split(/(\{\w+\})/)
    .map((part, i) => (i % 2 ? part : [...part].map((ch) => ACCENTED[ch] ?? ch).join('')))
    .join('');
  const letters = s.replace(/\{\w+\}/g, '').length;
  return `⟦${accented}${'·'.repeat(Math.ceil(letters / 3))}⟧`;
}

export function pseudoCatalog(catalog: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(catalog).map(([k, v]) => [k, pseudoString(v)]));
}
