import type { ReactElement } from 'react';
import { useSession } from '../session/sessionStore.ts';

/** The desk's active queues as checkboxes: a field desk's scope. */
export function QueuePicker({
  legend,
  value,
  onChange,
  error,
}: {
  legend: string;
  value: readonly string[];
  onChange: (queues: string[]) => void;
  error?: string | undefined;
}): ReactElement {
  const queues = useSession((s) => s.desk?.queues ?? []);
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...value, id] : value.filter((q) => q !== id));
  return (
    <fieldset className="queue-picker" aria-invalid={error ? true : undefined}>
      <legend className="sr-only">{legend}</legend>
      {queues
        .filter((q) => q.active)
        .map((q) => (
          <label key={q.id} className="queue-picker__item">
            <input
              type="checkbox"
              checked={value.includes(q.id)}
              onChange={(e) => toggle(q.id, e.target.checked)}
            />{' '}
            <bdi>{q.name}</bdi>
          </label>
        ))}
      {error ? <p className="field__error">{error}</p> : null}
    </fieldset>
  );
}

/** A scope's queues by name, as the desk calls them. */
export function useQueueNames(): (ids: readonly string[]) => string[] {
  const queues = useSession((s) => s.desk?.queues ?? []);
  return (ids) => ids.map((id) => queues.find((q) => q.id === id)?.name ?? id);
}
