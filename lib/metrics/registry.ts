import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { checkLabels, SeriesCache, type CheckCounts, type MonitorFacts } from './monitor-series';

// This process's Prometheus metrics. The worker and the result writer call the hooks below as
// they work (each an array push or a histogram bucket, nothing more); GET /metrics renders it
// all (lib/metrics/render.ts). The state lives on globalThis under one Symbol.for key: start-up
// (instrumentation) and the route bundle may each load this module, and both must reach the
// one registry. Imports point one way: lib/worker and lib/cluster call in here; this folder
// imports neither, and learns about monitors only through the source start-up installs.

/** What GET /metrics asks of this instance at each scrape. */
export interface MetricsSource {
  /** The monitors this instance checks, from memory (no I/O). */
  monitors(): Iterable<MonitorFacts>;
  /** Timers this instance's worker holds. */
  scheduledTimers(): number;
  /**
   * Facts about the whole installation that exactly one instance reports, so sums over
   * instances do not double them: paused monitors and alert deliveries. Null on the others.
   */
  shared(): Promise<SharedFacts | null>;
}

export interface SharedFacts {
  /** Monitors nobody checks because they are paused (status is ignored: -1). */
  paused: MonitorFacts[];
  /** Per channel kind: deliveries still to be sent (pending or retrying) and given up on (failed). */
  deliveries: Array<{ channelKind: string; pending: number; failed: number }>;
}

export interface MetricsState {
  registry: Registry;
  scheduleLag: Histogram;
  writeBatchSize: Histogram;
  writeDuration: Histogram;
  /** Stored checks by monitor id, counted as the result writer stores them. */
  checkCounts: Map<string, CheckCounts>;
  series: SeriesCache;
  source: MetricsSource | null;
}

const KEY = Symbol.for('pingboard.metrics');

/** The process's metrics, created on first use (default process and event-loop metrics included). */
export function metricsState(): MetricsState {
  const global = globalThis as unknown as Record<symbol, MetricsState | undefined>;
  return (global[KEY] ??= createState());
}

function createState(): MetricsState {
  const registry = new Registry();
  // process_* (CPU, memory, open handles) and nodejs_* (event-loop delay, heap, GC).
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    scheduleLag: new Histogram({
      name: 'pingboard_schedule_lag_seconds',
      help: 'How late a monitor timer fired after the moment it was due.',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    writeBatchSize: new Histogram({
      name: 'pingboard_result_write_batch_size',
      help: 'Check results written in one batch (one transaction).',
      buckets: [1, 5, 10, 25, 50, 100, 250, 500],
      registers: [registry],
    }),
    writeDuration: new Histogram({
      name: 'pingboard_result_write_duration_seconds',
      help: 'How long writing one batch of check results took, for batches the database took.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    checkCounts: new Map(),
    series: new SeriesCache(),
    source: null,
  };
}

/** Start-up installs what the scrape reads of this instance (lib/cluster/instance.ts). */
export function installMetricsSource(source: MetricsSource | null): void {
  metricsState().source = source;
}

/** A monitor timer fired `lateMs` after its due time. */
export function observeScheduleLag(lateMs: number): void {
  metricsState().scheduleLag.observe(Math.max(0, lateMs) / 1000);
}

/** A batch of check results is in the database: its size, how long it took, and each check for checks_total. */
export function observeResultWrite(rows: ReadonlyArray<{ monitorId: string; status: string; cause?: string | null }>, durationMs: number): void {
  const state = metricsState();
  state.writeBatchSize.observe(rows.length);
  state.writeDuration.observe(durationMs / 1000);
  for (const row of rows) {
    let counts = state.checkCounts.get(row.monitorId);
    if (!counts) state.checkCounts.set(row.monitorId, (counts = new Map()));
    const key = `${row.status}\u0000${row.cause ?? ''}`;
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { ...checkLabels(row.status, row.cause), count: 1 });
  }
}
