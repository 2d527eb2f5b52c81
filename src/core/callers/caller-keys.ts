/**
 * The keys a caller is stored and found by: a phone number in E.164, an account number without
 * case or punctuation. Stored numbers and typed look-ups go through the same functions, so every
 * way of writing a number meets on one key, and a number typed so far meets the keys it starts.
 *
 * Phone numbers are read by libphonenumber-js with its `min` metadata: the calling codes,
 * international and national prefixes, and possible lengths of every numbering plan, which is all
 * that reading, E.164 and a length check need. `max` adds the digit patterns behind `isValid()`
 * and `getType()`; they are deliberately not used, because refusing a caller's number for a range
 * a bundled table has not heard of yet would stop an analyst saving a real call (the library's own
 * advice: check possibility, not validity). The core runs in Node, so the size is not the reason;
 * the renderer imports none of this (src/shared/phone.ts holds what the UI needs).
 */
import { AsYouType, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/min';
import metadata from 'libphonenumber-js/min/metadata';
import { foldDigits } from '../../shared/phone.ts';

/**
 * The region whose numbering plan reads a desk's national numbers. A calling code several regions
 * share (1: US, CA and the Caribbean; 44: GB, GG, IM, JE; 7: RU, KZ) gives its main region, which
 * libphonenumber's metadata lists first. Which of them reads a number does not change its key:
 * regions sharing a code share its national prefix, and E.164 is the code and the national
 * number, so 416 555 0100 on a US desk is +14165550100 as it is on a Canadian one.
 */
export function regionFor(callingCode: string): CountryCode | undefined {
  const main = metadata.country_calling_codes[callingCode]?.[0];
  // Non-geographic codes (800, 882 ...) list the pseudo-region "001": no national numbers.
  return main && /^[A-Z]{2}$/.test(main) ? (main as CountryCode) : undefined;
}

/** "00" opening the text, after any bracket or space: the international prefix almost everywhere. */
const LEADING_00 = /^[^\d+]*00/;

/** The number as libphonenumber reads it, typed so far, on a desk with this calling code. */
function read(raw: string, callingCode: string): AsYouType {
  const text = foldDigits(raw);
  const asTyped = new AsYouType(regionFor(callingCode));
  asTyped.input(text);
  // Where a region dials out with another prefix (011 in North America), libphonenumber reads
  // 00… as a national number; no such region has national numbers starting 00, so the caller
  // meant the international prefix most of the world uses.
  if (!asTyped.isInternational() && LEADING_00.test(text)) {
    const international = new AsYouType();
    international.input(`+${text.replace(LEADING_00, '')}`);
    return international;
  }
  return asTyped;
}

/**
 * The key a phone number is stored and found by: E.164 ("+442079460018") whenever its country is
 * known (written with + or 00, or nationally on a desk with a calling code). For a number typed so
 * far it is the E.164 of what is there, so "020 79" gives "+442079", a prefix of the full key.
 * Without a country (a national number on a desk without a calling code) it is the digits.
 */
export function phoneKey(raw: string, callingCode: string): string {
  return read(raw, callingCode).getNumberValue() ?? foldDigits(raw).replace(/\D+/g, '');
}

export const PHONE_PROBLEMS = [
  'phone_national',
  'phone_country',
  'phone_short',
  'phone_long',
  'phone_length',
] as const;
export type PhoneProblem = (typeof PHONE_PROBLEMS)[number];

/** Why a number cannot be a phone number on this desk, or null when it can. */
export function phoneProblem(raw: string, callingCode: string): PhoneProblem | null {
  return problemOf(read(raw, callingCode));
}

/** Both at one reading (an import reads a hundred thousand numbers): the key, and why not. */
export function readPhone(
  raw: string,
  callingCode: string,
): { key: string; problem: PhoneProblem | null } {
  const typed = read(raw, callingCode);
  return {
    key: typed.getNumberValue() ?? foldDigits(raw).replace(/\D+/g, ''),
    problem: problemOf(typed),
  };
}

function problemOf(typed: AsYouType): PhoneProblem | null {
  const number = typed.getNumber();
  if (!number) {
    if (!typed.isInternational()) return 'phone_national';
    return typed.getCallingCode() ? 'phone_short' : 'phone_country';
  }
  switch (validatePhoneNumberLength(number.number)) {
    case undefined:
      return null;
    case 'TOO_SHORT':
      return 'phone_short';
    case 'TOO_LONG':
      return 'phone_long';
    case 'INVALID_COUNTRY':
      return 'phone_country';
    default:
      return 'phone_length';
  }
}

/**
 * The key an account number is stored and found by: its letters and digits (digits of any script
 * as ASCII, compatibility forms such as full-width letters folded), upper-cased without regard to
 * locale, so AB-1234, ab 1234 and AB1234 are one account.
 */
export function accountKey(raw: string): string {
  return foldDigits(raw.normalize('NFKC'))
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .toUpperCase();
}
