import type { ReactElement } from 'react';

/** A shortcut shown as keys: "Ctrl+Enter" → Ctrl + Enter. */
export function Kbd({ keys }: { keys: string }): ReactElement {
  const parts = keys.split('+');
  return (
    <span className="kbd" aria-hidden="true">
      {parts.map((k, i) => (
        <kbd key={i}>{k}</kbd>
      ))}
    </span>
  );
}
