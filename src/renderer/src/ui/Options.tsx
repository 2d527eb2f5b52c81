import type { ReactElement } from 'react';
import { LEVELS } from '../../../shared/domain.ts';
import type { CategoryInfo, QueueInfo, UserInfo } from '../../../shared/views.ts';
import { useT } from '../i18n/index.ts';

/** The option lists several screens share, so a level, a queue or a person reads the same everywhere. */
export function LevelOptions(): ReactElement {
  const { t } = useT();
  return (
    <>
      {LEVELS.map((l) => (
        <option key={l} value={l}>
          {t(`level.${l}`)}
        </option>
      ))}
    </>
  );
}

/**
 * Which entries a list offers: for new work (the default) only the active ones, and the one
 * already chosen (`keep`) even if it was disabled since, so a form never shows a value it does
 * not hold; a filter (`all`) lists the disabled ones too, to find the work still in them.
 * Disabled entries say so in words, not by colour.
 */
interface Offer {
  keep?: string | null | undefined;
  all?: boolean;
}

function offered<T extends { id: string; active?: boolean }>(
  items: readonly T[],
  { keep, all }: Offer,
): T[] {
  return items.filter((x) => all || x.active !== false || x.id === keep);
}

function useLabel(): (name: string, active: boolean | undefined) => string {
  const { t } = useT();
  return (name, active) => (active === false ? t('admin.disabledName', { name }) : name);
}

export function QueueOptions({
  queues,
  ...offer
}: { queues: readonly QueueInfo[] } & Offer): ReactElement {
  const label = useLabel();
  return (
    <>
      {offered(queues, offer).map((q) => (
        <option key={q.id} value={q.id}>
          {label(q.name, q.active)}
        </option>
      ))}
    </>
  );
}

export function UserOptions({
  users,
  ...offer
}: { users: readonly (UserInfo & { active?: boolean })[] } & Offer): ReactElement {
  const label = useLabel();
  return (
    <>
      {offered(users, offer).map((u) => (
        <option key={u.id} value={u.id}>
          {label(u.displayName, u.active)}
        </option>
      ))}
    </>
  );
}

export function CategoryOptions({
  categories,
  ...offer
}: { categories: readonly CategoryInfo[] } & Offer): ReactElement {
  const label = useLabel();
  return (
    <>
      {offered(categories, offer).map((c) => (
        <option key={c.id} value={c.id}>
          {label(c.name, c.active)}
        </option>
      ))}
    </>
  );
}
