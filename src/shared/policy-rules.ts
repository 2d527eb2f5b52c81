/** The escalation rules a policy starts with (zod-free: the renderer reads it too). */

/** Automatic escalation: each rule fires once per condition, on a schedule and on every change. */
export interface EscalationRules {
  /** A breach of first response or of resolution moves the ticket up a tier (at the top: alerts). */
  breachUp: boolean;
  /** Minutes (on the priority's clock) a ticket may stay in tier 1, and in tier 2; null: no limit. */
  maxInTierMin: [number | null, number | null];
  /** A ticket reopened this many times goes to tier 2; null: never. */
  reopenedToTier2: number | null;
  /** A ticket at priority 1 (Business failure) alerts the supervisors at once. */
  alertPriority1: boolean;
}

export const DEFAULT_ESCALATION_RULES: EscalationRules = {
  breachUp: true,
  maxInTierMin: [240, 960],
  reopenedToTier2: 2,
  alertPriority1: true,
};

/** Where a wall-board tile turns amber, then red: [amber at, red at]. */
export interface WallboardThresholds {
  breached: [number, number];
  atRisk: [number, number];
  awaitingAcceptance: [number, number];
  callbacksOverdue: [number, number];
  /** Minutes the oldest ticket has waited for its first response. */
  oldestWaitingMin: [number, number];
}

export const DEFAULT_WALLBOARD_THRESHOLDS: WallboardThresholds = {
  breached: [1, 5],
  atRisk: [3, 10],
  awaitingAcceptance: [2, 5],
  callbacksOverdue: [1, 5],
  oldestWaitingMin: [15, 30],
};

/** 'calm', 'amber' or 'red' for a value against its thresholds. */
export function thresholdLevel(
  value: number,
  [amber, red]: [number, number],
): 'calm' | 'amber' | 'red' {
  return value >= red ? 'red' : value >= amber ? 'amber' : 'calm';
}
