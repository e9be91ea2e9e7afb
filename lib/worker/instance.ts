import { MonitorWorker } from '@/lib/worker/monitor-worker';
import { installWorkerCommands } from '@/lib/worker/command-port';
import { inProcessCommands } from '@/lib/worker/in-process-commands';
import { IncidentAlerts } from '@/lib/worker/status-alerts';
import { startRetention } from '@/lib/worker/retention';
import { runCheck } from '@/lib/checker/run-check';
import { createDeliveryLoop, outboxFor } from '@/lib/alerting/runtime';
import type { DeliveryLoop } from '@/lib/alerting/delivery-loop';
import { releaseAllLeases } from '@/lib/data/deliveries';
import { loadActiveMonitors } from '@/lib/data/monitor-state';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/logger';

// Start-up's handle on this process's worker. Only start-up code imports this file; everything
// else reaches the worker through the command port (lib/worker/command-port.ts). Kept on
// globalThis so a second evaluation of this module (Next.js bundles) cannot start a second worker.
const globalForWorker = globalThis as unknown as { __pingboardWorker?: MonitorWorker };

export async function startWorker(): Promise<MonitorWorker> {
  const existing = globalForWorker.__pingboardWorker;
  if (existing) return existing;
  const env = getEnv();
  const deliveries = createDeliveryLoop();
  const worker = new MonitorWorker({
    runCheck,
    loadActiveMonitors,
    alerts: new IncidentAlerts(outboxFor(deliveries)),
    policy: { blockPrivateTargets: env.BLOCK_PRIVATE_TARGETS },
    maxChecksPerSecondPerHost: env.MAX_CHECKS_PER_SECOND_PER_HOST,
  });
  globalForWorker.__pingboardWorker = worker;
  installWorkerCommands(inProcessCommands(worker));
  await worker.start();
  startRetention(env.CHECK_RETENTION_DAYS);
  // One process owns the SQLite file: leases left by a process that died are void now, so
  // the deliveries it was sending go out at once instead of when their lease would expire.
  const released = await releaseAllLeases();
  if (released > 0) logger.info({ released }, 'resuming deliveries a previous process had claimed');
  deliveries.start();
  installShutdown(worker, deliveries);
  return worker;
}

function installShutdown(worker: MonitorWorker, deliveries: DeliveryLoop): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: stopping timers, flushing results and finishing sends under way');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    void worker
      .stop()
      .then(() => deliveries.stop())
      .catch((err) => logger.error({ err }, 'flush on shutdown failed'))
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
