/** How long ago, how long until: the words every view uses for ages and SLA countdowns. */
import type { Translator } from '../../../shared/i18n/index.ts';
import type { TicketCard } from '../../../shared/views.ts';

export function ageText(tr: Translator, ms: number): string {
  const m = Math.max(0, Math.floor(ms / 60_000));
  if (m < 60) return tr.t('age.m', { n: m });
  const h = Math.floor(m / 60);
  if (h < 48) return tr.t('age.h', { n: h });
  return tr.t('age.d', { n: Math.floor(h / 24) });
}

/** Time to the next due time, or how late; nothing for resolved work. */
export function slaText(tr: Translator, card: TicketCard, now: number): string | null {
  if (card.status === 'resolved') return null;
  if (card.nextDueAt === null) return tr.t('sla.paused');
  const left = card.nextDueAt - now;
  return left >= 0
    ? tr.t('sla.dueIn', { t: ageText(tr, left) })
    : tr.t('sla.late', { t: ageText(tr, -left) });
}
