import type { FailureCause } from '@/lib/checker/types';

// Readable names of failure causes and the one wording of "why it failed", shared by the pages
// and the alert emails. A Record over the union, so a cause added to the engine without a label
// is a compile error.

/** Causes the worker gives rather than a probe: slow beyond the monitor's limits, a parent monitor down, Pingboard's own network down. */
export type StateCause = 'degraded' | 'parent_down' | 'probe_offline';

export const CAUSE_LABELS: Record<FailureCause | StateCause, string> = {
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
  degraded: 'Degraded',
  parent_down: 'Parent down',
  probe_offline: 'Pingboard offline',
};

/** "Timeout"; an unknown cause (stored by a newer server) is shown as stored rather than hidden. */
export function causeLabel(cause: string | null | undefined): string | null {
  if (!cause) return null;
  return (CAUSE_LABELS as Record<string, string>)[cause] ?? cause.replace(/_/g, ' ');
}

/**
 * "Timeout — Timed out after 10 s": the cause's label, then the error when it adds something.
 * The error alone when it already starts with the label ("DNS failure for example.invalid"),
 * the label alone when there is no error, the error alone when there is no cause.
 */
export function causeText(cause: string | null | undefined, error: string | null | undefined): string | null {
  const label = causeLabel(cause);
  if (!label) return error ?? null;
  if (!error) return label;
  return error.toLowerCase().startsWith(label.toLowerCase()) ? error : `${label} — ${error}`;
}
