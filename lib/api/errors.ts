import { z } from 'zod';

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

export interface ErrorIssue {
  path: (string | number)[];
  message: string;
  code?: string;
}

/** The one error type route code throws; the handler wrapper turns it into a response. */
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

export function errorBody(err: ApiError): { error: { code: ErrorCode; message: string; issues?: ErrorIssue[] } } {
  return { error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } };
}
