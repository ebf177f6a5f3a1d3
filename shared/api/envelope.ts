/**
 * The result envelope every method returns over every wire, and the error type handlers throw.
 * Codes are stable: the UI and scripts branch on them; messages are Chinese, for people.
 */

export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'UNAUTHORIZED',
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
