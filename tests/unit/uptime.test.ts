import { describe, expect, it } from 'vitest';
import { averageLatency, buildUptimeReport, uptimePercent } from '@/lib/domain/uptime';

describe('uptime maths', () => {
  it.each([
    [0, 0, null],
    [1, 1, 100],
    [3, 4, 75],
    [2, 3, 66.67],
    [999, 1000, 99.9],
    [0, 5, 0],
  ])('%i up of %i -> %s', (up, total, pct) => {
    expect(uptimePercent(up, total)).toBe(pct);
  });

  it('averages latency only over checks that have one', () => {
    expect(averageLatency({ latencySum: 0, latencyCount: 0 })).toBeNull();
    expect(averageLatency({ latencySum: 301, latencyCount: 2 })).toBe(151);
  });

  it('builds equal buckets that cover the window and totals that agree with them', () => {
    const from = new Date('2026-01-01T00:00:00.000Z');
    const to = new Date('2026-01-02T00:00:00.000Z');
    const counts = Array.from({ length: 24 }, (_, i) => ({ totalChecks: i % 2 ? 60 : 0, upChecks: i % 2 ? 59 : 0, latencySum: i % 2 ? 600 : 0, latencyCount: i % 2 ? 60 : 0, maintenanceChecks: 0, maintenanceUpChecks: 0 }));
    const r = buildUptimeReport(from, to, counts);
    expect(r.buckets).toHaveLength(24);
    expect(r.buckets[0].start).toBe(from.toISOString());
    expect(r.buckets[23].end).toBe(to.toISOString());
    for (let i = 1; i < 24; i++) expect(r.buckets[i].start).toBe(r.buckets[i - 1].end);
    expect(r.buckets[0]).toMatchObject({ totalChecks: 0, uptimePercent: null, avgLatencyMs: null });
    expect(r.buckets[1]).toMatchObject({ totalChecks: 60, upChecks: 59, uptimePercent: 98.33, avgLatencyMs: 10 });
    expect(r.totalChecks).toBe(720);
    expect(r.upChecks).toBe(708);
    expect(r.uptimePercent).toBe(98.33);
    expect(r.avgLatencyMs).toBe(10);
  });

  it('reports uptime with and without the checks made during maintenance', () => {
    const counts = [{ totalChecks: 100, upChecks: 80, latencySum: 0, latencyCount: 0, maintenanceChecks: 20, maintenanceUpChecks: 0 }];
    const r = buildUptimeReport(new Date(0), new Date(3_600_000), counts);
    expect(r).toMatchObject({ uptimePercent: 80, uptimeExcludingMaintenancePercent: 100, maintenanceChecks: 20 });
    const all = buildUptimeReport(new Date(0), new Date(3_600_000), [{ ...counts[0], maintenanceChecks: 100, maintenanceUpChecks: 80 }]);
    expect(all).toMatchObject({ uptimePercent: 80, uptimeExcludingMaintenancePercent: null, maintenanceChecks: 100 });
  });

  it('reports null uptime for an empty window', () => {
    const r = buildUptimeReport(new Date(0), new Date(3_600_000), Array.from({ length: 24 }, () => ({ totalChecks: 0, upChecks: 0, latencySum: 0, latencyCount: 0, maintenanceChecks: 0, maintenanceUpChecks: 0 })));
    expect(r).toMatchObject({ uptimePercent: null, totalChecks: 0, upChecks: 0, avgLatencyMs: null });
  });
});
