/**
 * How typed text reads before any parsing: digits of every script folded to ASCII, and whether a
 * caller look-up's text is a phone number, an account number or a name. Light on purpose: the
 * renderer uses it (the search text carried into "New caller"), so the numbering plans of
 * libphonenumber-js stay in the core (src/core/caller-keys.ts), out of the UI bundle.
 */

const DECIMAL_DIGIT = /\p{Nd}/u;

/**
 * Every decimal digit as its ASCII digit: Arabic-Indic ٠١٢, Extended Arabic-Indic ۰۱۲,
 * Devanagari ०१२ and the rest. Unicode encodes each script's digits as a run of ten code points,
 * zero first, and runs that touch each other (the mathematical digits) start on a zero too, so a
 * digit's value is its distance from the start of its run, modulo ten.
 */
export function foldDigits(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x30 && cp <= 0x39) out += ch;
    else if (DECIMAL_DIGIT.test(ch)) {
      let start = cp;
      while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
      out += String((cp - start) % 10);
    } else out += ch;
  }
  return out;
}

/** Digits, spaces and the punctuation people write numbers with: + ( ) - . / */
const PHONE_TEXT = /^[+(]?[\p{Nd}\s().\-/]+$/u;

/** True when the text reads as (the start of) a phone number rather than a name or account. */
export function looksLikePhone(text: string): boolean {
  const t = text.trim();
  return PHONE_TEXT.test(t) && (t.match(/\p{Nd}/gu)?.length ?? 0) >= 3;
}

/** True when the text reads as an account number: not a phone number, but with a digit in it. */
export function looksLikeAccount(text: string): boolean {
  const t = text.trim();
  return !looksLikePhone(t) && /\p{Nd}/u.test(t) && /^[\p{L}\p{N} ./_-]+$/u.test(t);
}

/**
 * The new-caller field a caller search's text belongs in, read as it is typed: a phone number
 * (only the characters numbers are written with, however few digits so far), an account number
 * (letters with digits), or else a name.
 */
export function newCallerFieldFor(text: string): 'phone' | 'accountNumber' | 'name' | null {
  const t = text.trim();
  if (!t) return null;
  if (PHONE_TEXT.test(t) && /\p{Nd}/u.test(t)) return 'phone';
  return looksLikeAccount(t) ? 'accountNumber' : 'name';
}
