import { MonitorWorker } from '@/lib/worker/monitor-worker';
import { installWorkerCommands } from '@/lib/worker/command-port';
import { IncidentAlerts } from '@/lib/worker/status-alerts';
import { runCheck } from '@/lib/checker/run-check';
import { createDeliveryLoop, outboxFor } from '@/lib/alerting/runtime';
import type { DeliveryLoop } from '@/lib/alerting/delivery-loop';
import { loadMonitorState } from '@/lib/data/monitor-state';
import { loadCalendarWindows } from '@/lib/data/maintenance-windows';
import { MaintenanceWatch } from '@/lib/worker/maintenance-watch';
import { FailureTriage } from '@/lib/worker/failure-triage';
import { ConnectivityGuard } from '@/lib/worker/connectivity-guard';
import { parseCanaries } from '@/lib/worker/canaries';
import { monitorToProbe } from '@/lib/worker/probe';
import { loadMonitor } from '@/lib/data/monitor-state';
import { setInstanceOffline } from '@/lib/data/instances';
import type { OutboundPolicy } from '@/lib/checker/types';
import { forgetPublicStatus } from '@/lib/status-pages/view-cache';
import { publishSignal, SIGNAL, signalsCanBeLost, subscribeSignals } from '@/lib/data/signals';
import { getDialectName } from '@/lib/data/database';
import { getEnv } from '@/lib/env';
import { installMetricsSource } from '@/lib/metrics/registry';
import { countDeliveriesByKind, listPausedMonitors } from '@/lib/data/metrics-facts';
import { logger } from '@/lib/logger';
import { ClusterCommands, parseMonitorSignal } from './commands';
import { newInstanceId } from './identity';
import { Maintenance } from './maintenance';
import { Membership } from './membership';
import { Ownership } from './ownership';
import { COMMAND_POLL_MS } from './timing';

// Start-up of this instance: its membership (lease), and unless WORKER=off its MonitorWorker,
// the share of monitors it owns and its delivery loop; maintenance under the leader lease;
// the signals that carry monitor changes and commands between instances. Only start-up code
// imports this file; everything else reaches the worker through the command port. Kept on
// globalThis so a second evaluation of this module (Next.js bundles) cannot start a second one.

const globalForInstance = globalThis as unknown as { __pingboardInstance?: string };

/** Starts this instance once; returns its id. */
export async function startInstance(): Promise<string> {
  const existing = globalForInstance.__pingboardInstance;
  if (existing) return existing;
  const env = getEnv();
  const id = newInstanceId();
  const database = getDialectName();

  let worker: MonitorWorker | null = null;
  let ownership: Ownership | null = null;
  let deliveries: DeliveryLoop | null = null;
  const membership = new Membership(
    id,
    env.WORKER,
    {
      onLost: () => ownership?.dropAll(),
      onRegained: () => ownership?.regained(),
    },
    database === 'sqlite',
  );
  await membership.start();

  const maintenanceWatch = env.WORKER ? new MaintenanceWatch(() => loadCalendarWindows()) : null;
  // Parsed before anything starts, so a mistyped canary stops start-up with a clear message.
  const canaries = parseCanaries(env.CONNECTIVITY_CANARIES);
  const connectivity = env.WORKER
    ? new ConnectivityGuard(canaries, {
        // In the database too, so every instance's dashboard can say this one is cut off.
        onChange: (s) => void setInstanceOffline(id, s.offlineSince).catch((err) => logger.warn({ err }, 'recording connectivity failed')),
      })
    : null;
  if (env.WORKER) {
    deliveries = createDeliveryLoop(id);
    const policy: OutboundPolicy = { blockPrivateTargets: env.BLOCK_PRIVATE_TARGETS };
    const w = new MonitorWorker({
      maintenance: maintenanceWatch ?? undefined,
      connectivity: connectivity ?? undefined,
      triage: new FailureTriage({
        connectivity,
        loadParent: (parentId) => loadMonitor(parentId),
        parentFailsNow: async (parentId) => {
          const parent = await loadMonitor(parentId);
          const probe = parent && monitorToProbe(parent);
          if (!probe) return null;
          const failing = (await runCheck(probe, policy)).status === 'DOWN';
          // Its own schedule confirms the outage; when it is checked here, that starts now rather than an interval later.
          if (failing) w.checkSoon(parentId);
          return failing;
        },
      }),
      runCheck,
      alerts: new IncidentAlerts(outboxFor(deliveries), undefined, undefined, (monitorId) => {
        void loadMonitorState(monitorId)
          .then((state) => state && w.refreshState(monitorId, state))
          .catch((err) => logger.warn({ err, monitorId }, 're-reading a monitor state failed'));
      }),
      policy,
      maxChecksPerSecondPerHost: env.MAX_CHECKS_PER_SECOND_PER_HOST,
      // Monitors overdue when claimed (a dead instance's) start within 1.5 s: soon, but not one burst.
      startSpreadMs: 1500,
    });
    worker = w;
    connectivity?.onRecover(() => {
      const rechecks = w.recheckSuppressed('probe_offline');
      logger.info({ rechecks }, 'the network is back: re-checking the monitors whose failures were Pingboard being offline');
    });
    ownership = new Ownership(
      id,
      w,
      () => membership.live,
      () => void publishSignal(SIGNAL.rebalance, id).catch(() => undefined),
    );
  }
  const role = env.WORKER ? 'worker' : 'web';
  let maintenance: Maintenance | null = null;
  const commands = new ClusterCommands(id, worker && ownership ? { worker, ownership } : null, () => ({
    id,
    role,
    database,
    leader: maintenance?.isLeader ?? false,
  }));
  installWorkerCommands(commands);
  // /metrics: the monitors this instance checks, from memory; paused monitors and deliveries
  // from the maintenance leader only, so a sum over instances counts each once.
  const metricsWorker = worker;
  installMetricsSource({
    monitors: () => metricsWorker?.metricFacts() ?? [],
    scheduledTimers: () => metricsWorker?.scheduled ?? 0,
    shared: async () => {
      if (!maintenance?.isLeader) return null;
      const [paused, deliveries] = await Promise.all([listPausedMonitors(), countDeliveriesByKind()]);
      return { paused: paused.map((m) => ({ ...m, status: 'PENDING', active: false, lastLatencyMs: null, certExpiresAt: null })), deliveries };
    },
  });

  const own = ownership;
  const unsubscribe = await subscribeSignals(
    [SIGNAL.monitor, SIGNAL.command, SIGNAL.commandDone, SIGNAL.rebalance, SIGNAL.maintenance, SIGNAL.statusPage],
    (channel, payload) => {
      if (channel === SIGNAL.monitor) {
        const { origin, monitorId } = parseMonitorSignal(payload);
        // Its badge or its place on a status page may have changed.
        if (origin !== id) forgetPublicStatus(monitorId);
        if (origin !== id) void own?.onMonitorSignal(monitorId);
      }
      else if (channel === SIGNAL.command) commands.onCommandSignal(payload);
      else if (channel === SIGNAL.commandDone) commands.onCommandDone(payload);
      else if (channel === SIGNAL.rebalance && payload !== id) own?.poke();
      else if (channel === SIGNAL.maintenance) void maintenanceWatch?.refresh().catch((err) => logger.warn({ err }, 'reading maintenance windows failed'));
      else if (channel === SIGNAL.statusPage) forgetPublicStatus(payload);
    },
    () => {
      // Signals sent while the listening connection was down are gone: look for what they said.
      own?.poke();
      void commands.serveCommands();
    },
  );
  const commandPoll = signalsCanBeLost() && worker ? setInterval(() => void commands.serveCommands(), COMMAND_POLL_MS) : null;
  commandPoll?.unref();

  if (worker && ownership) {
    await maintenanceWatch?.start();
    await worker.start();
    ownership.start();
    deliveries?.start();
  }
  const jobs = new Maintenance(id, env.CHECK_RETENTION_DAYS);
  maintenance = jobs;
  jobs.start();

  globalForInstance.__pingboardInstance = id;
  logger.info({ instance: id, role, database }, 'instance started');

  installShutdown(async () => {
    if (commandPoll) clearInterval(commandPoll);
    // Hand monitors back first (with their next due times), so the others continue them at once;
    // retired first, so the others size their shares without this instance.
    if (ownership) await membership.retire();
    await ownership?.stop();
    await worker?.stop();
    maintenanceWatch?.stop();
    connectivity?.stop();
    await deliveries?.stop();
    await jobs.stop();
    await unsubscribe();
    await membership.leave();
  });
  return id;
}

function installShutdown(stopAll: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: handing monitors back, flushing results and finishing sends under way');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    void stopAll()
      .catch((err) => logger.error({ err }, 'clean shutdown failed'))
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
