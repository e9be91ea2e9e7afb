import type { UptimeCounts } from '@/lib/data/checks';

/** Percentage with two decimals, or null when there is nothing to measure. */
export function uptimePercent(up: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.round((up / total) * 10_000) / 100;
}

export function averageLatency(c: Pick<UptimeCounts, 'latencySum' | 'latencyCount'>): number | null {
  return c.latencyCount > 0 ? Math.round(c.latencySum / c.latencyCount) : null;
}

export interface UptimeBucket {
  start: string;
  end: string;
  totalChecks: number;
  upChecks: number;
  uptimePercent: number | null;
  avgLatencyMs: number | null;
}

export interface UptimeReport {
  uptimePercent: number | null;
  totalChecks: number;
  upChecks: number;
  avgLatencyMs: number | null;
  buckets: UptimeBucket[];
}

/** Folds per-bucket counts into the API's report; the totals are the sums of the buckets, so they always agree. */
export function buildUptimeReport(from: Date, to: Date, counts: UptimeCounts[]): UptimeReport {
  const width = (to.getTime() - from.getTime()) / counts.length;
  const buckets = counts.map((c, i) => ({
    start: new Date(from.getTime() + Math.round(i * width)).toISOString(),
    end: new Date(from.getTime() + Math.round((i + 1) * width)).toISOString(),
    totalChecks: c.totalChecks,
    upChecks: c.upChecks,
    uptimePercent: uptimePercent(c.upChecks, c.totalChecks),
    avgLatencyMs: averageLatency(c),
  }));
  const total = counts.reduce(
    (acc, c) => ({
      totalChecks: acc.totalChecks + c.totalChecks,
      upChecks: acc.upChecks + c.upChecks,
      latencySum: acc.latencySum + c.latencySum,
      latencyCount: acc.latencyCount + c.latencyCount,
    }),
    { totalChecks: 0, upChecks: 0, latencySum: 0, latencyCount: 0 },
  );
  return {
    uptimePercent: uptimePercent(total.upChecks, total.totalChecks),
    totalChecks: total.totalChecks,
    upChecks: total.upChecks,
    avgLatencyMs: averageLatency(total),
    buckets,
  };
}
