/**
 * Phone numbers are compared in one normalised form: the digits of the international number
 * (E.164 without the "+"). Callers give them in any form ("+44 20 7946 0018",
 * "0044 20 7946 0018", "020 7946 0018"); a national number with a trunk "0" is read with the
 * desk's own country calling code. Stored numbers and typed look-ups go through the same
 * function, so a partial number typed in either form matches as a prefix.
 */
export function normalisePhone(raw: string, countryCode = ''): string {
  const typed = raw.trim();
  const d = typed.replace(/\D+/g, '');
  if (typed.startsWith('+')) return d;
  if (d.startsWith('00')) return d.slice(2);
  if (d.startsWith('0') && countryCode) return countryCode + d.slice(1);
  return d;
}

/** True when the text reads as (the start of) a phone number rather than a name or account. */
export function looksLikePhone(text: string): boolean {
  const t = text.trim();
  return /^[+(]?[\d\s().-]+$/.test(t) && t.replace(/\D/g, '').length >= 3;
}
