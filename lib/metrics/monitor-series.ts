import type { Metric } from 'prom-client';

// The per-monitor series of one scrape, built from what the worker holds in memory. No I/O: the
// facts go in, prom-client metric objects come out, and prom-client writes (and escapes) the
// exposition text. Each monitor's labels are one object reused across series and scrapes,
// passed as prom-client's `sharedLabels`, whose formatted text prom-client caches by object,
// and its sample objects are reused too: at 10,000 monitors that cut a render from about 400 ms
// to under 100 ms on a busy 2-core machine. `sharedLabels` is how prom-client 15 writes
// histogram buckets and is not in its typings; tests/unit/metrics.test.ts renders through a
// real Registry and parses the text back, so an upgrade that changes it fails there.

/** What the worker knows of a monitor it checks (or, on the leader, of a paused one). */
export interface MonitorFacts {
  id: string;
  name: string;
  type: string;
  /** The account that owns the monitor (not the instance that checks it). */
  userId: string;
  /** The status as the worker holds it: PENDING, UP, DEGRADED, DOWN or BLOCKED. */
  status: string;
  active: boolean;
  /** Total time of the last check in ms; null before the first. */
  lastLatencyMs: number | null;
  /** When the last certificate seen expires; null when none was seen (plain http, tcp, heartbeat). */
  certExpiresAt: Date | null;
}

export interface MonitorLabels extends Record<string, string> {
  id: string;
  name: string;
  type: string;
  owner_id: string;
}

/** Checks stored for one monitor since this process started, with one result and cause. */
export interface CheckCount {
  result: string;
  cause: string;
  count: number;
  /** Its sample, built for one labels object of its monitor (lib/metrics/monitor-series.ts). */
  sample?: { for: MonitorLabels; value: Value };
}

/** A monitor's checks by result and cause. */
export type CheckCounts = Map<string, CheckCount>;

/**
 * 1 up (UP, and DEGRADED: slow but up), 0 down, -1 no verdict: pending, paused, or BLOCKED (the
 * outbound policy refuses the target, so nothing was learnt about it and nobody is alerted).
 */
export function upValue(status: string, active: boolean): 1 | 0 | -1 {
  if (!active) return -1;
  if (status === 'UP' || status === 'DEGRADED') return 1;
  if (status === 'DOWN') return 0;
  return -1;
}

/** The checks_total labels of a stored check: result up/down/blocked, cause "none" for a success. */
export function checkLabels(status: string, cause: string | null | undefined): { result: string; cause: string } {
  return { result: status.toLowerCase(), cause: cause ?? 'none' };
}

interface Value {
  labels: Record<string, string>;
  sharedLabels?: Record<string, string>;
  value: number;
}

const NO_LABELS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** A monitor's labels and its samples, kept from scrape to scrape and only given new values. */
interface MonitorSeries {
  labels: MonitorLabels;
  up: Value;
  latency: Value;
  cert: Value;
  /** The scrape that last listed the monitor. */
  scrape: number;
}

const sample = (labels: Record<string, string>): Value => ({ labels: NO_LABELS, sharedLabels: labels, value: 0 });

/**
 * One labels object and one set of sample objects per monitor while its labels stay the same
 * (a rename gets new ones), so a scrape allocates next to nothing. `prune` forgets monitors the
 * last scrape did not list, so the cache is as big as the monitor list.
 */
export class SeriesCache {
  private readonly byId = new Map<string, MonitorSeries>();
  private scrape = 0;

  seriesOf(m: Pick<MonitorFacts, 'id' | 'name' | 'type' | 'userId'>): MonitorSeries {
    let series = this.byId.get(m.id);
    const l = series?.labels;
    if (!series || !l || l.name !== m.name || l.type !== m.type || l.owner_id !== m.userId) {
      const labels: MonitorLabels = { id: m.id, name: m.name, type: m.type, owner_id: m.userId };
      series = { labels, up: sample(labels), latency: sample(labels), cert: sample(labels), scrape: this.scrape };
      this.byId.set(m.id, series);
    }
    series.scrape = this.scrape;
    return series;
  }

  prune(): void {
    for (const [id, series] of this.byId) if (series.scrape !== this.scrape) this.byId.delete(id);
    this.scrape++;
  }
}

/** A metric whose values are computed for this scrape only (prom-client calls get() once when writing). */
export function scrapeMetric(name: string, help: string, type: 'gauge' | 'counter', values: Value[]): Metric {
  const snapshot = { name, help, type, values, aggregator: 'sum' as const };
  const custom = { name, help, type, aggregator: 'sum' as const, get: async () => snapshot, reset: () => undefined };
  // prom-client's Registry takes any object with a name and get(); its typings name only its own classes.
  return custom as unknown as Metric;
}

/** A count's sample, with the monitor's labels and its result and cause in one cached object. */
function countSample(c: CheckCount, labels: MonitorLabels): Value {
  if (!c.sample || c.sample.for !== labels) c.sample = { for: labels, value: sample({ ...labels, result: c.result, cause: c.cause }) };
  c.sample.value.value = c.count;
  return c.sample.value;
}

/** The per-monitor metrics of one scrape (each monitor once). `counts` are this process's stored checks by monitor id. */
export function monitorMetrics(monitors: Iterable<MonitorFacts>, counts: ReadonlyMap<string, CheckCounts>, cache: SeriesCache) {
  const up: Value[] = [];
  const latency: Value[] = [];
  const cert: Value[] = [];
  const checks: Value[] = [];
  for (const m of monitors) {
    const series = cache.seriesOf(m);
    series.up.value = upValue(m.status, m.active);
    up.push(series.up);
    if (m.lastLatencyMs !== null) {
      series.latency.value = m.lastLatencyMs / 1000;
      latency.push(series.latency);
    }
    if (m.certExpiresAt) {
      series.cert.value = Math.floor(m.certExpiresAt.getTime() / 1000);
      cert.push(series.cert);
    }
    const own = counts.get(m.id);
    if (own) for (const c of own.values()) checks.push(countSample(c, series.labels));
  }
  cache.prune();
  return [
    scrapeMetric('pingboard_monitor_up', 'Whether the monitor is up: 1 up (or degraded), 0 down, -1 pending, paused or blocked.', 'gauge', up),
    scrapeMetric('pingboard_monitor_response_time_seconds', "The last check's total response time.", 'gauge', latency),
    scrapeMetric('pingboard_monitor_checks_total', 'Checks stored by this process since it started, by result (up, down, blocked) and cause (none for a success).', 'counter', checks),
    scrapeMetric('pingboard_monitor_cert_expiry_timestamp_seconds', 'When the TLS certificate the last check saw expires (Unix time).', 'gauge', cert),
  ];
}
