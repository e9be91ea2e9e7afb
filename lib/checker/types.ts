// The contract between the worker and the check engine: a monitor's probe settings go in,
// one plain result comes out. Nothing here touches the database.

/**
 * BLOCKED: the outbound policy refused the target (cause blocked_target), so nothing was
 * learnt about it. Not a failure: it raises no incident and counts toward no uptime.
 */
export type CheckStatus = 'UP' | 'DOWN' | 'BLOCKED';

/** Why a check failed; a fixed set so alerts, incidents and charts can group by it. */
export const FAILURE_CAUSES = [
  'dns_failure',
  'connection_refused',
  'connection_reset',
  'timeout',
  'tls_error',
  'http_status',
  'keyword_missing',
  'keyword_present',
  'json_assertion_failed',
  'too_slow',
  'too_many_redirects',
  'response_too_large',
  'blocked_target',
  'heartbeat_missed',
  'heartbeat_failed',
  'network_error',
  // Not the target's failures: the worker stores them instead of the check's cause (lib/worker/failure-triage.ts).
  /** Every connectivity canary failed too: Pingboard's own network is down. */
  'probe_offline',
  /** The monitor's parent is down: its failure follows from that. */
  'parent_down',
] as const;
export type FailureCause = (typeof FAILURE_CAUSES)[number];

/** Phase durations in milliseconds; a phase that did not happen (no TLS on http, reused socket) is null. */
export interface CheckTimings {
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  ttfbMs: number | null;
  transferMs: number | null;
  totalMs: number;
}

export interface TlsCertificateInfo {
  validTo: Date;
  issuer: string;
}

export interface CheckOutcome {
  status: CheckStatus;
  /** Total wall time of the check, in whole milliseconds. */
  latencyMs: number;
  /** Final HTTP status code, when a response arrived. */
  statusCode: number | null;
  cause: FailureCause | null;
  /**
   * Short readable reason, e.g. "HTTP 503 Service Unavailable", "Timed out after 10 s" or
   * "Refused: private network address" (never the address a host name resolved to). Null when UP.
   */
  error: string | null;
  timings: CheckTimings | null;
  /** Leaf certificate of the final https hop, when there was one. */
  tls: TlsCertificateInfo | null;
  startedAt: Date;
}

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
export type JsonAssertionOperator = '==' | '!=' | '<' | '>' | 'contains' | 'exists';

export interface JsonAssertion {
  /** e.g. `data.status` or `items[0].id` */
  path: string;
  op: JsonAssertionOperator;
  /** Compared as a number when both sides parse as numbers, else as a string. Unused by `exists`. */
  value?: string | null;
}

export interface HttpProbe {
  type: 'http';
  url: string;
  method: HttpMethod;
  /** `secret` headers, like credentials, are not sent on after a redirect to another origin. */
  headers: Array<{ name: string; value: string; secret?: boolean }>;
  body: string | null;
  timeoutMs: number;
  /** e.g. ["200-299", "301"] */
  acceptedStatusCodes: string[];
  /** Off: a 3xx is the final response, judged by acceptedStatusCodes. */
  followRedirects: boolean;
  maxRedirects: number;
  keyword: string | null;
  keywordMode: 'present' | 'absent';
  keywordCaseSensitive: boolean;
  jsonAssertions: JsonAssertion[];
  maxResponseTimeMs: number | null;
  ignoreTlsErrors: boolean;
}

export interface TcpProbe {
  type: 'tcp';
  host: string;
  port: number;
  timeoutMs: number;
}

export type Probe = HttpProbe | TcpProbe;

/** Outbound rules, fixed per process from the environment. */
export interface OutboundPolicy {
  /** Refuse loopback, private, link-local, CGNAT and unique-local targets too (metadata is always refused). */
  blockPrivateTargets: boolean;
  /**
   * Exact addresses exempt from blockPrivateTargets (e.g. one intranet host). Never exempts
   * metadata or link-local addresses. Optional: absent means no exemptions.
   */
  allowedAddresses?: readonly string[];
}
