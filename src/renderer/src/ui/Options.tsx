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

export function QueueOptions({ queues }: { queues: readonly QueueInfo[] }): ReactElement {
  return (
    <>
      {queues.map((q) => (
        <option key={q.id} value={q.id}>
          {q.name}
        </option>
      ))}
    </>
  );
}

export function UserOptions({ users }: { users: readonly UserInfo[] }): ReactElement {
  return (
    <>
      {users.map((u) => (
        <option key={u.id} value={u.id}>
          {u.displayName}
        </option>
      ))}
    </>
  );
}

export function CategoryOptions({
  categories,
}: {
  categories: readonly CategoryInfo[];
}): ReactElement {
  return (
    <>
      {categories.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </>
  );
}
