import { Registry } from 'prom-client';
import { logger } from '@/lib/logger';
import { metricsState, type SharedFacts } from './registry';
import { monitorMetrics, scrapeMetric } from './monitor-series';

// One scrape: the per-monitor series from what the worker holds in memory, the instance's own
// metrics (histograms, default process metrics), and, on the one instance that reports them,
// the installation-wide facts, which cost one grouped query each. The per-scrape series go in a
// registry of their own, merged for writing, so two scrapes at once never see each other's.

export interface RenderedMetrics {
  body: string;
  contentType: string;
}

export async function renderMetrics(): Promise<RenderedMetrics> {
  const state = metricsState();
  const source = state.source;
  const shared = source ? await sharedFacts(source.shared) : null;
  const monitors = source ? [...source.monitors()] : [];
  const exposed = new Set(monitors.map((m) => m.id));
  // A monitor paused a moment ago may still be held by a worker finishing its check: listed once.
  for (const m of shared?.paused ?? []) {
    if (exposed.has(m.id)) continue;
    monitors.push(m);
    exposed.add(m.id);
  }
  const scrape = new Registry();
  for (const m of monitorMetrics(monitors, state.checkCounts, state.series)) scrape.registerMetric(m);
  // Counts of monitors this instance no longer checks go: the next owner counts afresh.
  for (const id of state.checkCounts.keys()) if (!exposed.has(id)) state.checkCounts.delete(id);
  scrape.registerMetric(scrapeMetric('pingboard_scheduled_timers', 'Monitor timers this instance holds (the monitors it checks).', 'gauge', [{ labels: {}, value: source?.scheduledTimers() ?? 0 }]));
  if (shared) {
    const kinds = shared.deliveries;
    scrape.registerMetric(scrapeMetric('pingboard_alert_deliveries_pending', 'Alert deliveries waiting to be sent (pending or retrying), by channel kind. Reported by one instance.', 'gauge', kinds.map((d) => ({ labels: { channel_kind: d.channelKind }, value: d.pending }))));
    scrape.registerMetric(scrapeMetric('pingboard_alert_deliveries_failed', 'Alert deliveries that were given up on (failed), by channel kind. Reported by one instance.', 'gauge', kinds.map((d) => ({ labels: { channel_kind: d.channelKind }, value: d.failed }))));
  }
  const body = await Registry.merge([state.registry, scrape]).metrics();
  return { body, contentType: state.registry.contentType };
}

/** A scrape still answers when the database does not: without the shared facts, and says so in the log. */
async function sharedFacts(read: () => Promise<SharedFacts | null>): Promise<SharedFacts | null> {
  try {
    return await read();
  } catch (err) {
    logger.warn({ err }, 'reading paused monitors and alert deliveries for /metrics failed; this scrape goes without them');
    return null;
  }
}
