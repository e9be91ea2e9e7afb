// Decides UP or DOWN for a response that arrived. Order is part of the contract: status code,
// then keyword, then JSON assertions, then response time; the first failure wins.
import { formatMs } from '@/lib/shared/durations';
import type { Failure } from './causes';
import { evaluateJsonAssertions } from './json-assertions';
import { evaluateKeyword } from './keyword';
import { DEFAULT_ACCEPTED_STATUS_CODES, matchesStatusCodes } from './status-codes';
import type { HttpProbe } from './types';

export interface ReceivedResponse {
  statusCode: number;
  statusMessage: string;
  /** Body text when the probe needs it (see bodyMatters), else null. */
  body: string | null;
  /** The body went past the size cap and was cut. */
  truncated: boolean;
}

/** Whether the probe looks inside the body (so it must be kept, and complete). */
export function bodyMatters(probe: HttpProbe): boolean {
  return Boolean(probe.keyword) || probe.jsonAssertions.length > 0;
}

export function evaluateResponse(probe: HttpProbe, res: ReceivedResponse, totalMs: number): Failure | null {
  const accepted = probe.acceptedStatusCodes.length > 0 ? probe.acceptedStatusCodes : DEFAULT_ACCEPTED_STATUS_CODES;
  if (!matchesStatusCodes(res.statusCode, accepted)) {
    return { cause: 'http_status', message: `HTTP ${res.statusCode} ${res.statusMessage}`.trim() };
  }
  if (bodyMatters(probe) && res.truncated) {
    return {
      cause: 'response_too_large',
      message: 'Response body is larger than 1 MiB, too large for keyword/JSON checks',
    };
  }
  const body = res.body ?? '';
  const keyword = evaluateKeyword(body, probe);
  if (!keyword.success) return { cause: keyword.cause, message: keyword.message };
  if (probe.jsonAssertions.length > 0) {
    const json = evaluateJsonAssertions(body, probe.jsonAssertions);
    if (!json.success) return { cause: 'json_assertion_failed', message: json.message };
  }
  if (probe.maxResponseTimeMs !== null && totalMs > probe.maxResponseTimeMs) {
    return {
      cause: 'too_slow',
      message: `Response took ${formatMs(totalMs)} (limit ${formatMs(probe.maxResponseTimeMs)})`,
    };
  }
  return null;
}
