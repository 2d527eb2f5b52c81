/** The communication log in words, and the form's little parsers. */
import type { Translator } from '../../../shared/i18n/index.ts';
import { foldDigits } from '../../../shared/phone.ts';
import type { ContactEntry } from '../../../shared/views.ts';

/** "Outbound phone · No answer". */
export function contactLine(
  tr: Translator,
  c: Pick<ContactEntry, 'direction' | 'channel' | 'outcome'>,
): string {
  return tr.t('contact.line', {
    direction: tr.t(`direction.${c.direction}`),
    // Its own word inside the line (a lower-cased label would be a casing trick on translations).
    channel: tr.t(`contact.channel.${c.channel}`),
    outcome: tr.t(`outcome.${c.outcome}`),
  });
}

/** "4", "4.5" or "4:30" → seconds; "" → null; anything else → undefined (not a duration). */
export function parseDuration(s: string): number | null | undefined {
  // Typed in any digits (Arabic-Indic, Devanagari…), with Arabic's decimal separator too.
  const v = foldDigits(s.trim()).replace(/\u066B/g, '.');
  if (v === '') return null;
  const clock = /^(\d{1,3}):([0-5]\d)$/.exec(v);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  if (/^\d{1,4}([.,]\d+)?$/.test(v)) return Math.round(Number(v.replace(',', '.')) * 60);
  return undefined;
}

/** A duration in whole minutes, at least one for a call that lasted at all. */
export function durationMinutes(sec: number): number {
  return Math.max(sec > 0 ? 1 : 0, Math.round(sec / 60));
}

/** A datetime-local value ("2026-11-23T14:00") as epoch ms; "" → undefined; bad → NaN. */
export function parseLocalDateTime(s: string): number | undefined {
  if (s.trim() === '') return undefined;
  return new Date(s).getTime();
}

/** Epoch ms as a datetime-local value in the workstation's zone. */
export function toLocalDateTime(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}
