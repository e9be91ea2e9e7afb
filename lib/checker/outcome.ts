// Builds the one result shape every path returns.
import type { Failure } from './causes';
import type { CheckOutcome, CheckTimings, TlsCertificateInfo } from './types';

export interface OutcomeParts {
  startedAt: number;
  failure: Failure | null;
  statusCode: number | null;
  timings: CheckTimings;
  tls: TlsCertificateInfo | null;
}

export function buildOutcome({ startedAt, failure, statusCode, timings, tls }: OutcomeParts): CheckOutcome {
  return {
    status: failure ? 'DOWN' : 'UP',
    latencyMs: Math.round(timings.totalMs),
    statusCode,
    cause: failure?.cause ?? null,
    error: failure?.message ?? null,
    timings,
    tls,
    startedAt: new Date(startedAt),
  };
}
