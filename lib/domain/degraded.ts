import type { CheckTimings } from '@/lib/checker/types';

// A monitor's response-time thresholds: when a successful check is slower than one of them, it
// counts toward DEGRADED (lib/domain/transition.ts). Pure, so the worker, the API and the
// alert wording read one set of rules.

export const DEGRADED_LIMITS = ['totalMs', 'dnsMs', 'connectMs', 'tlsMs', 'ttfbMs'] as const;
export type DegradedLimit = (typeof DEGRADED_LIMITS)[number];

export interface DegradedThresholds {
  totalMs?: number;
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
  ttfbMs?: number;
  /** Checks in a row over (or back under) a threshold before the status changes. */
  consecutive: number;
}

export const DEFAULT_DEGRADED_CONSECUTIVE = 3;

const LABELS: Record<DegradedLimit, string> = {
  totalMs: 'Response time',
  dnsMs: 'DNS lookup',
  connectMs: 'TCP connect',
  tlsMs: 'TLS handshake',
  ttfbMs: 'Time to first byte',
};

/** One threshold a check went over. */
export interface Slowness {
  limit: DegradedLimit;
  valueMs: number;
  limitMs: number;
}

/** The stored JSON as thresholds; null when absent, malformed or without any limit (never DEGRADED). */
export function readThresholds(value: unknown): DegradedThresholds | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const raw = value as Record<string, unknown>;
  const out: DegradedThresholds = { consecutive: DEFAULT_DEGRADED_CONSECUTIVE };
  let any = false;
  for (const k of DEGRADED_LIMITS) {
    const v = raw[k];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) {
      out[k] = v;
      any = true;
    }
  }
  if (typeof raw.consecutive === 'number' && Number.isInteger(raw.consecutive) && raw.consecutive >= 1) out.consecutive = raw.consecutive;
  return any ? out : null;
}

/**
 * The threshold this check went over the furthest (by ratio), or null when it stayed under all
 * of them. A phase the check did not have (no TLS on http, a reused socket) is never over.
 */
export function slowness(thresholds: DegradedThresholds, timings: CheckTimings | null, latencyMs: number): Slowness | null {
  let worst: Slowness | null = null;
  for (const limit of DEGRADED_LIMITS) {
    const limitMs = thresholds[limit];
    if (limitMs === undefined) continue;
    const valueMs = limit === 'totalMs' ? latencyMs : timings?.[limit];
    if (valueMs === null || valueMs === undefined || valueMs <= limitMs) continue;
    if (!worst || valueMs / limitMs > worst.valueMs / worst.limitMs) worst = { limit, valueMs: Math.round(valueMs), limitMs };
  }
  return worst;
}

/** "TLS handshake 850 ms > 500 ms for 3 checks": the reason a monitor is DEGRADED, as alerts and pages say it. */
export function slownessText(s: Slowness, checks: number): string {
  return `${LABELS[s.limit]} ${s.valueMs} ms > ${s.limitMs} ms for ${checks} check${checks === 1 ? '' : 's'}`;
}
