/** Where a ticket sits, in words, and how long it stayed. */
import type { Translator } from '../../../shared/i18n/index.ts';
import type { DeskInfo, Escalation, UserInfo } from '../../../shared/views.ts';
import { ageText } from '../ui/timeText.ts';

export function positionText(
  tr: Translator,
  desk: DeskInfo,
  p: { domainId: string | null; tier: number },
): string {
  const name = desk.domains.find((d) => d.id === p.domainId)?.name ?? tr.t('escalation.noDomain');
  return tr.t('escalation.position', { domain: name, tier: p.tier });
}

export const durationText = (tr: Translator, ms: number): string => ageText(tr, ms);

/** May this user answer the escalation (accept or return)? The receiving tier's members and supervisors. */
export function mayAnswer(desk: DeskInfo, user: UserInfo, h: Escalation): boolean {
  if (user.role !== 'analyst') return true;
  const tier = desk.domains
    .find((d) => d.id === h.to.domainId)
    ?.tiers.find((x) => x.level === h.to.tier);
  return !!tier?.memberIds.includes(user.id);
}
