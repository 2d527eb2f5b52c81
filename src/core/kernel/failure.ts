import type { ErrorCode, Issue } from '../../shared/errors.ts';

/** What the caller of a failed call is told: the cause stays in the desk's log, never in the answer. */
export const INTERNAL_MESSAGE = 'Something went wrong on this desk; nothing was saved';

/** Thrown inside core to abort a transaction; the dispatcher turns it into a typed error value. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly issues: Issue[];
  constructor(code: ErrorCode, message: string, issues: Issue[] = []) {
    super(message);
    this.code = code;
    this.issues = issues;
  }
}

export const notFound = (what: string): DomainError =>
  new DomainError('NOT_FOUND', `${what} was not found`);

/**
 * Someone else's change came first: `rule` and `params` are what the renderer words (in the
 * reader's language), `message` the same in English for the log.
 */
export const conflict = (
  rule: string,
  message: string,
  params?: Record<string, string | number>,
): DomainError => new DomainError('CONFLICT', message, [issue('', rule, message, params)]);

export function invalid(issues: Issue[]): DomainError {
  const first = issues[0];
  return new DomainError(
    'VALIDATION',
    issues.length === 1 && first
      ? `${first.path}: ${first.message}`
      : `${issues.length} fields need attention`,
    issues,
  );
}

/**
 * A field's problem: `rule` is what the renderer words (in the user's language), with `params`;
 * `message` is the same in English, for logs and for a caller that is not a person.
 */
export const issue = (
  path: string,
  rule: string,
  message: string,
  params?: Record<string, string | number>,
): Issue => ({
  path,
  rule,
  message,
  ...(params ? { params } : {}),
});
