// Domain errors: what went wrong, in the application's words. Data and use-case code throw
// these; only lib/api turns them into HTTP statuses, so no layer below the API knows HTTP.

export type DomainErrorKind =
  | 'not_found'
  | 'conflict'
  | 'limit_reached'
  | 'invalid'
  | 'unavailable'
  | 'rate_limited'
  | 'unauthenticated'
  | 'forbidden';

/** One problem with one input field, as forms show it: `path` names the field. */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
  code?: string;
}

/** Marks a DomainError whichever copy of this module made it. */
const DOMAIN_ERROR = Symbol.for('pingboard.DomainError');

export class DomainError extends Error {
  /**
   * Next.js may load this module once per bundle (instrumentation, each route), and the worker's
   * command port is shared through globalThis, so an error thrown by one copy can reach the API
   * mapping of another. `instanceof DomainError` checks the brand, so it holds across copies;
   * the subclasses keep the ordinary prototype check.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (this !== DomainError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DOMAIN_ERROR] === true;
  }

  readonly [DOMAIN_ERROR] = true;

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: { issues?: FieldIssue[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  /** "Monitor not found": the thing is named, never whose it is, so another user's looks missing. */
  constructor(what = 'Resource') {
    super('not_found', `${what} not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super('conflict', message);
  }
}

export class LimitReachedError extends DomainError {
  constructor(message: string) {
    super('limit_reached', message);
  }
}

/** Input that is well-formed but not acceptable; each issue names its field. */
export class InvalidError extends DomainError {
  constructor(message: string, issues: FieldIssue[] = []) {
    super('invalid', message, { issues });
  }

  /** One field, one message: the common case. */
  static field(path: (string | number)[], message: string, summary = message): InvalidError {
    return new InvalidError(summary, [{ path, message }]);
  }
}

export class UnavailableError extends DomainError {
  constructor(message: string) {
    super('unavailable', message);
  }
}

export class RateLimitedError extends DomainError {
  constructor(message: string, retryAfterSeconds: number) {
    super('rate_limited', message, { retryAfterSeconds });
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentication required') {
    super('unauthenticated', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super('forbidden', message);
  }
}
