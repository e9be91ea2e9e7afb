import type { UptimeCounts } from '@/lib/data/checks';

/** Percentage with two decimals, or null when there is nothing to measure. */
export function uptimePercent(up: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.round((up / total) * 10_000) / 100;
}

export function averageLatency(c: Pick<UptimeCounts, 'latencySum' | 'latencyCount'>): number | null {
  return c.latencyCount > 0 ? Math.round(c.latencySum / c.latencyCount) : null;
}

/** Uptime with maintenance counted (every check) and without it (checks made during maintenance left out). */
export interface MaintenanceAwareUptime {
  uptimePercent: number | null;
  uptimeExcludingMaintenancePercent: number | null;
  maintenanceChecks: number;
}

export function maintenanceAwareUptime(c: Pick<UptimeCounts, 'totalChecks' | 'upChecks' | 'maintenanceChecks' | 'maintenanceUpChecks'>): MaintenanceAwareUptime {
  return {
    uptimePercent: uptimePercent(c.upChecks, c.totalChecks),
    uptimeExcludingMaintenancePercent: uptimePercent(c.upChecks - c.maintenanceUpChecks, c.totalChecks - c.maintenanceChecks),
    maintenanceChecks: c.maintenanceChecks,
  };
}

export interface UptimeBucket extends MaintenanceAwareUptime {
  start: string;
  end: string;
  totalChecks: number;
  upChecks: number;
  avgLatencyMs: number | null;
}

export interface UptimeReport extends MaintenanceAwareUptime {
  totalChecks: number;
  upChecks: number;
  avgLatencyMs: number | null;
  buckets: UptimeBucket[];
}

/** Adds counts up (buckets into a window, days into 90 days). */
export function sumUptimeCounts(counts: Iterable<UptimeCounts>): UptimeCounts {
  const total: UptimeCounts = { totalChecks: 0, upChecks: 0, latencySum: 0, latencyCount: 0, maintenanceChecks: 0, maintenanceUpChecks: 0 };
  for (const c of counts) {
    total.totalChecks += c.totalChecks;
    total.upChecks += c.upChecks;
    total.latencySum += c.latencySum;
    total.latencyCount += c.latencyCount;
    total.maintenanceChecks += c.maintenanceChecks;
    total.maintenanceUpChecks += c.maintenanceUpChecks;
  }
  return total;
}

/** Folds per-bucket counts into the API's report; the totals are the sums of the buckets, so they always agree. */
export function buildUptimeReport(from: Date, to: Date, counts: UptimeCounts[]): UptimeReport {
  const width = (to.getTime() - from.getTime()) / counts.length;
  const buckets = counts.map((c, i) => ({
    start: new Date(from.getTime() + Math.round(i * width)).toISOString(),
    end: new Date(from.getTime() + Math.round((i + 1) * width)).toISOString(),
    totalChecks: c.totalChecks,
    upChecks: c.upChecks,
    ...maintenanceAwareUptime(c),
    avgLatencyMs: averageLatency(c),
  }));
  const total = sumUptimeCounts(counts);
  return {
    ...maintenanceAwareUptime(total),
    totalChecks: total.totalChecks,
    upChecks: total.upChecks,
    avgLatencyMs: averageLatency(total),
    buckets,
  };
}
