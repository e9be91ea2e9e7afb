// Builds the one result shape every path returns. A refusal by the outbound policy is BLOCKED,
// not DOWN: the target was never asked, so it is neither up nor down.
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
    status: !failure ? 'UP' : failure.cause === 'blocked_target' ? 'BLOCKED' : 'DOWN',
    latencyMs: Math.round(timings.totalMs),
    statusCode,
    cause: failure?.cause ?? null,
    error: failure?.message ?? null,
    timings,
    tls,
    startedAt: new Date(startedAt),
  };
}
