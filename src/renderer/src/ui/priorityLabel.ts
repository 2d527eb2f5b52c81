import { DEFAULT_POLICY } from '../../../shared/policy.ts';
import type { Translator } from '../../../shared/i18n/index.ts';

/**
 * A priority's label as people read it: one the desk wrote itself is its own words; the default
 * one (Business failure, Critical, Routine service, Planned event) is said in the reader's
 * language, in the desk's SOP terms.
 */
export function priorityLabel(tr: Translator, priority: number, label: string): string {
  const key = `priority.${priority}`;
  return DEFAULT_POLICY.priorities[priority - 1]?.label === label && tr.has(key)
    ? tr.t(key)
    : label;
}
