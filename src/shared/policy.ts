/**
 * The company's priority policy: an impact × urgency matrix that yields a priority, and per
 * priority its label and targets. Versioned in the store; a ticket keeps the version it was
 * opened under.
 */
import { z } from 'zod';

export const POLICY_CLOCKS = ['business', '24x7'] as const;

export const priorityLevelSchema = z.strictObject({
  label: z.string().trim().min(1).max(60),
  /** Minutes of clock time. */
  firstResponseMin: z.number().int().min(1).max(525_600),
  updateEveryMin: z.number().int().min(1).max(525_600),
  resolutionMin: z.number().int().min(1).max(5_256_000),
  clock: z.enum(POLICY_CLOCKS),
  /** Planned work is due at its scheduled window, not counted from creation. */
  planned: z.boolean().default(false),
});

export const policyBodySchema = z
  .strictObject({
    /** Two to four priorities; index 0 is priority 1, the most severe. */
    priorities: z.array(priorityLevelSchema).min(2).max(4),
    /** matrix[impact - 1][urgency - 1] = priority (1-based). */
    matrix: z.array(z.array(z.number().int().min(1)).length(3)).length(3),
    /** Share of a target used before a clock is at risk. */
    atRiskShare: z.number().min(0.05).max(0.99).default(0.75),
  })
  .superRefine((p, ctx) => {
    p.matrix.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v > p.priorities.length) {
          ctx.addIssue({
            code: 'custom',
            path: ['matrix', i, j],
            message: `No priority ${v}`,
            params: { rule: 'unknown' },
          });
        }
      }),
    );
    p.priorities.forEach((l, i) => {
      if (l.resolutionMin < l.firstResponseMin) {
        ctx.addIssue({
          code: 'custom',
          path: ['priorities', i, 'resolutionMin'],
          message: 'Resolution cannot come before first response',
          params: { rule: 'order' },
        });
      }
    });
  });

export type PolicyBody = z.output<typeof policyBodySchema>;
export type PriorityLevel = PolicyBody['priorities'][number];

export const DEFAULT_POLICY: PolicyBody = {
  priorities: [
    {
      label: 'Business failure',
      firstResponseMin: 15,
      updateEveryMin: 30,
      resolutionMin: 240,
      clock: '24x7',
      planned: false,
    },
    {
      label: 'Critical',
      firstResponseMin: 30,
      updateEveryMin: 60,
      resolutionMin: 480,
      clock: 'business',
      planned: false,
    },
    {
      label: 'Routine service',
      firstResponseMin: 240,
      updateEveryMin: 1440,
      resolutionMin: 4320,
      clock: 'business',
      planned: false,
    },
    {
      label: 'Planned event',
      firstResponseMin: 1440,
      updateEveryMin: 2880,
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
};

export function policyPriority(policy: PolicyBody, impact: 1 | 2 | 3, urgency: 1 | 2 | 3): number {
  const p = policy.matrix[impact - 1]?.[urgency - 1];
  if (p === undefined) throw new RangeError(`no priority for impact ${impact}, urgency ${urgency}`);
  return p;
}
