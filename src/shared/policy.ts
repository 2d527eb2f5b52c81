/**
 * The company's priority policy: an impact × urgency matrix that yields a priority, and per
 * priority its label and targets. Versioned in the store; a ticket keeps the version it was
 * opened under.
 */
import { DEFAULT_ESCALATION_RULES, DEFAULT_WALLBOARD_THRESHOLDS } from './policy-rules.ts';
import type { PolicyBody, PriorityLevel } from './policy-schema.ts';

export type { PolicyBody, PriorityLevel } from './policy-schema.ts';

export const DEFAULT_POLICY: PolicyBody = {
  priorities: [
    {
      label: 'Business failure',
      firstResponseMin: 15,
      updateEveryMin: 30,
      retryMin: 10,
      resolutionMin: 240,
      clock: '24x7',
      planned: false,
    },
    {
      label: 'Critical',
      firstResponseMin: 30,
      updateEveryMin: 60,
      retryMin: 20,
      resolutionMin: 480,
      clock: 'business',
      planned: false,
    },
    {
      label: 'Routine service',
      firstResponseMin: 240,
      updateEveryMin: 1440,
      retryMin: 120,
      resolutionMin: 4320,
      clock: 'business',
      planned: false,
    },
    {
      label: 'Planned event',
      firstResponseMin: 1440,
      updateEveryMin: 2880,
      retryMin: 240,
      resolutionMin: 10080,
      clock: 'business',
      planned: true,
    },
  ],
  matrix: [
    [1, 2, 3],
    [2, 3, 3],
    [3, 3, 4],
  ],
  atRiskShare: 0.75,
  escalation: DEFAULT_ESCALATION_RULES,
  wallboard: DEFAULT_WALLBOARD_THRESHOLDS,
};

export function policyPriority(policy: PolicyBody, impact: 1 | 2 | 3, urgency: 1 | 2 | 3): number {
  const p = policy.matrix[impact - 1]?.[urgency - 1];
  if (p === undefined) throw new RangeError(`no priority for impact ${impact}, urgency ${urgency}`);
  return p;
}

/**
 * Minutes before trying an unanswered customer again. Policies written before call-backs had no
 * retry time: they retry after a quarter of the update interval, at least 5 minutes, at most 4 hours.
 */
export function retryAfterMin(level: PriorityLevel): number {
  return level.retryMin ?? Math.min(240, Math.max(5, Math.round(level.updateEveryMin / 4)));
}
