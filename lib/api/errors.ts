import { z } from 'zod';
import { Prisma } from '@/lib/generated/prisma/client';
import { DomainError, type DomainErrorKind, type FieldIssue } from '@/lib/errors';
import { isDatabaseBusy } from '@/lib/data/database';

export type ErrorCode =
  | 'validation_failed'
  | 'invalid_json'
  | 'payload_too_large'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'limit_reached'
  | 'method_not_allowed'
  | 'unavailable'
  | 'internal_error';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_json: 400,
  // 400 rather than 413: clients get one status for "this body is unacceptable".
  payload_too_large: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  limit_reached: 409,
  method_not_allowed: 405,
  unavailable: 503,
  internal_error: 500,
};

export type ErrorIssue = FieldIssue;

/** The HTTP error: only lib/api builds it, from its own checks or by mapping a thrown error (toApiError). */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  get status(): number {
    return STATUS[this.code];
  }

  static validation(error: z.ZodError, message = 'Request validation failed'): ApiError {
    return new ApiError(
      'validation_failed',
      message,
      error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message, code: i.code })),
    );
  }

  static notFound(what = 'Resource'): ApiError {
    return new ApiError('not_found', `${what} not found`);
  }

  static unauthorized(message = 'Authentication required'): ApiError {
    return new ApiError('unauthorized', message);
  }
}

const DOMAIN_CODES: Record<DomainErrorKind, ErrorCode> = {
  not_found: 'not_found',
  conflict: 'conflict',
  limit_reached: 'limit_reached',
  invalid: 'validation_failed',
  unavailable: 'unavailable',
  rate_limited: 'rate_limited',
  unauthenticated: 'unauthorized',
  forbidden: 'forbidden',
};

/**
 * The one mapping from what lib/ throws to HTTP: domain errors by kind, zod errors as 400 with
 * their issues, and Prisma's "unique key taken" / "row gone" as 409 / 404 (a race the code
 * above did not see coming still gets an honest answer). Anything else is null: a 500.
 */
export function toApiError(err: unknown): ApiError | null {
  if (err instanceof ApiError) return err;
  if (err instanceof DomainError) {
    const { issues, retryAfterSeconds } = err.details;
    const headers = retryAfterSeconds !== undefined ? { 'Retry-After': String(retryAfterSeconds) } : undefined;
    return new ApiError(DOMAIN_CODES[err.kind], err.message, issues, headers);
  }
  if (err instanceof z.ZodError) return ApiError.validation(err);
  if (isDatabaseBusy(err)) return new ApiError('unavailable', 'The database is busy; try again in a moment', undefined, { 'Retry-After': '1' });
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (err.code === 'P2002') return new ApiError('conflict', 'This already exists');
    if (err.code === 'P2025') return ApiError.notFound();
  }
  return null;
}

export function errorBody(err: ApiError): { error: { code: ErrorCode; message: string; issues?: ErrorIssue[] } } {
  return { error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } };
}
