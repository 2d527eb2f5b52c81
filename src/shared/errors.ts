/** Errors cross every process boundary as values, never as thrown exceptions. */

export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  /** Too many failed sign-ins: the issue's `limit` is the wait in minutes. */
  'THROTTLED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * One field-level problem. `path` is dotted (`problems.2.title`) so a form can put the message
 * next to the field; `rule` names what was broken so the UI can say it in the user's language.
 */
export interface Issue {
  path: string;
  rule: string;
  message: string;
  limit?: number;
  /** What the rule's words name (a ticket key, a tier): the renderer fills them in. */
  params?: Record<string, string | number>;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  issues: Issue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function fail(code: ErrorCode, message: string, issues: Issue[] = []): Result<never> {
  return { ok: false, error: { code, message, issues } };
}

/** HTTP status for a transport that speaks HTTP. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  THROTTLED: 429,
  INTERNAL: 500,
};
