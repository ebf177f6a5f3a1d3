/**
 * The result envelope every method returns over every wire, and the error type handlers throw.
 * Codes are stable: the UI and scripts branch on them; messages are Chinese, for people.
 */

export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  /** The wire's own guard refused the call (the bridge's launch token, an unknown window). */
  'UNAUTHORIZED',
  /** No logged-in operator: the session is missing, expired or ended (logout, account disabled). */
  'UNAUTHENTICATED',
  /** The session was locked after the idle time: re-enter the password (auth/unlock). */
  'SESSION_LOCKED',
  /** The operator must change their password (auth/changePassword) before anything else. */
  'PASSWORD_CHANGE_REQUIRED',
  /** The installation has not been set up yet (setup/complete or setup/demo). */
  'SETUP_REQUIRED',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'RULE_VIOLATION',
  'BAD_FILE',
  'CANCELLED',
  /** Too many long jobs are running or waiting: try again once one has finished. */
  'BUSY',
  'DB_KEY_INVALID',
  'DB_TOO_NEW',
  'DB_UNAVAILABLE',
  'PLATFORM_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

/** Thrown by handlers and services; the dispatcher turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toBody(): ApiErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function ok<T>(data: T): Envelope<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string, details?: unknown): Envelope<never> {
  return {
    ok: false,
    error: details === undefined ? { code, message } : { code, message, details },
  };
}
