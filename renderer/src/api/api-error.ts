/**
 * The error the typed client throws for `{ ok: false }` envelopes and transport failures, so UI code
 * handles one shape whatever the wire. `NETWORK` is the client's own code: the core was unreachable.
 */
import { ERROR_CODES, type ApiErrorBody, type ErrorCode } from '@shared/api/envelope';

export type ClientErrorCode = ErrorCode | 'NETWORK';

export class ApiError extends Error {
  readonly code: ClientErrorCode;
  readonly details: unknown;

  constructor(code: ClientErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }

  /** Codes this build does not know (a newer core) are shown as INTERNAL, with the core's message. */
  static fromBody(
    body: ApiErrorBody | { code: string; message: string; details?: unknown },
  ): ApiError {
    const code: ClientErrorCode =
      isErrorCode(body.code) || body.code === 'NETWORK' ? body.code : 'INTERNAL';
    return new ApiError(code, body.message, body.details);
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

export function isCancelled(value: unknown): boolean {
  return isApiError(value) && value.code === 'CANCELLED';
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Any thrown value as an ApiError, so a programming error still reaches the user as text. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof Error) return new ApiError('INTERNAL', error.message);
  return new ApiError('INTERNAL', String(error));
}
