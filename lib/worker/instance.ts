import { MonitorWorker } from '@/lib/worker/monitor-worker';
import { installWorkerCommands } from '@/lib/worker/command-port';
import { inProcessCommands } from '@/lib/worker/in-process-commands';
import { IncidentAlerts } from '@/lib/worker/status-alerts';
import { startRetention } from '@/lib/worker/retention';
import { runCheck } from '@/lib/checker/run-check';
import { dispatchAlert, pendingAlerts, resendMissedAlerts } from '@/lib/alerting/dispatch';
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
  const worker = new MonitorWorker({
    runCheck,
    loadActiveMonitors,
    alerts: new IncidentAlerts(dispatchAlert),
    policy: { blockPrivateTargets: env.BLOCK_PRIVATE_TARGETS },
  });
  globalForWorker.__pingboardWorker = worker;
  installWorkerCommands(inProcessCommands(worker));
  await worker.start();
  startRetention(env.CHECK_RETENTION_DAYS);
  void resendMissedAlerts().catch((err) => logger.warn({ err }, 'resending missed alerts failed'));
  installShutdown(worker);
  return worker;
}

function installShutdown(worker: MonitorWorker): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: stopping timers and flushing results');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    void worker
      .stop()
      .then(() => pendingAlerts())
      .catch((err) => logger.error({ err }, 'flush on shutdown failed'))
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
