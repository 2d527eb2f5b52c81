/** The policy's validation schema, apart from policy.ts so the renderer can rate calls without zod. */
import { z } from 'zod';
import { DEFAULT_ESCALATION_RULES, DEFAULT_WALLBOARD_THRESHOLDS } from './policy-rules.ts';

export const POLICY_CLOCKS = ['business', '24x7'] as const;

export const priorityLevelSchema = z.strictObject({
  label: z.string().trim().min(1).max(60),
  /** Minutes of clock time. */
  firstResponseMin: z.number().int().min(1).max(525_600),
  updateEveryMin: z.number().int().min(1).max(525_600),
  /**
   * After a call that reached nobody, try again this many minutes later. Absent in policies
   * written before call-backs: see `retryAfterMin`.
   */
  retryMin: z.number().int().min(1).max(525_600).optional(),
  resolutionMin: z.number().int().min(1).max(5_256_000),
  clock: z.enum(POLICY_CLOCKS),
  /** Planned work is due at its scheduled window, not counted from creation. */
  planned: z.boolean().default(false),
});

const minutesOrOff = z.number().int().min(1).max(525_600).nullable();

/** See EscalationRules (policy-rules.ts). */
export const escalationRulesSchema = z.strictObject({
  breachUp: z.boolean(),
  maxInTierMin: z.tuple([minutesOrOff, minutesOrOff]),
  reopenedToTier2: z.number().int().min(1).max(20).nullable(),
  alertPriority1: z.boolean(),
});

/** [amber at, red at], red no lower than amber. */
const threshold = z
  .tuple([z.number().int().min(0).max(100_000), z.number().int().min(0).max(100_000)])
  .refine(([amber, red]) => red >= amber, 'Red must not come before amber');

export const wallboardThresholdsSchema = z.strictObject({
  breached: threshold,
  atRisk: threshold,
  awaitingAcceptance: threshold,
  callbacksOverdue: threshold,
  oldestWaitingMin: threshold,
});

export const policyBodySchema = z
  .strictObject({
    /** Two to four priorities; index 0 is priority 1, the most severe. */
    priorities: z.array(priorityLevelSchema).min(2).max(4),
    /** matrix[impact - 1][urgency - 1] = priority (1-based). */
    matrix: z.array(z.array(z.number().int().min(1)).length(3)).length(3),
    /** Share of a target used before a clock is at risk. */
    atRiskShare: z.number().min(0.05).max(0.99).default(0.75),
    /** Policies written before escalation rules get the defaults. */
    escalation: escalationRulesSchema.default(DEFAULT_ESCALATION_RULES),
    /** Where the wall-board's tiles turn amber and red. */
    wallboard: wallboardThresholdsSchema.default(DEFAULT_WALLBOARD_THRESHOLDS),
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
      if (l.retryMin !== undefined && l.retryMin > l.updateEveryMin) {
        ctx.addIssue({
          code: 'custom',
          path: ['priorities', i, 'retryMin'],
          message: 'A retry must come before the next regular update',
          params: { rule: 'order' },
        });
      }
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
export type { EscalationRules } from './policy-rules.ts';
