import type { FailureCause } from '@/lib/checker/types';

// Readable names of failure causes, shared by the pages and the alert emails. A Record over
// the union, so a cause added to the engine without a label is a compile error.

export const CAUSE_LABELS: Record<FailureCause, string> = {
  dns_failure: 'DNS failure',
  connection_refused: 'Connection refused',
  connection_reset: 'Connection reset',
  timeout: 'Timeout',
  tls_error: 'TLS error',
  http_status: 'Unexpected status',
  keyword_missing: 'Keyword missing',
  keyword_present: 'Unwanted keyword',
  json_assertion_failed: 'JSON assertion failed',
  too_slow: 'Too slow',
  too_many_redirects: 'Too many redirects',
  response_too_large: 'Response too large',
  blocked_target: 'Blocked target',
  heartbeat_missed: 'Heartbeat missed',
  heartbeat_failed: 'Job reported failure',
  network_error: 'Network error',
};

/** "Timeout"; an unknown cause (stored by a newer server) is shown as stored rather than hidden. */
export function causeLabel(cause: string | null | undefined): string | null {
  if (!cause) return null;
  return (CAUSE_LABELS as Record<string, string>)[cause] ?? cause.replace(/_/g, ' ');
}
