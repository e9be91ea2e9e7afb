import type { Monitor } from '@/lib/generated/prisma/client';
import type { NewCheck } from '@/lib/data/checks';
import { UnavailableError } from '@/lib/errors';

// What the web side may ask of the scheduler, and nothing else. Use cases call these
// commands; start-up installs the implementation (lib/cluster/commands.ts), which runs each
// on whichever instance owns the monitor.

export interface WorkerStatus {
  running: boolean;
  /** Timers this instance holds. */
  scheduled: number;
  /** Monitors this instance owns and checks (0 with WORKER=off). */
  owned: number;
  /** Check results waiting to be written. */
  pendingResults: number;
  /** Status changes, reminders and certificate warnings waiting to be written. */
  pendingStateWrites: number;
  /** Writes are queuing up (the database is locked or slow): nothing is lost, but the API lags. */
  degraded: boolean;
  /** offline: every connectivity canary fails, so failures are stored as probe_offline; disabled: no canaries (or no worker). */
  connectivity: 'online' | 'offline' | 'disabled';
  /** ISO time the canaries started failing, while offline. */
  offlineSince: string | null;
}

/** Which instance answers, for the health check. */
export interface InstanceInfo {
  /** Distinct per process. */
  id: string;
  /** worker: checks its share of the monitors; web: WORKER=off, pages and API only. */
  role: 'worker' | 'web';
  database: 'sqlite' | 'postgresql';
  /** Holds the maintenance lease (retention, partitions, recovery). */
  leader: boolean;
}

export interface WorkerCommands {
  /** A monitor was created or updated (also paused or resumed): (re)schedule it as its settings say. */
  monitorChanged(monitor: Monitor): Promise<void>;
  /** A monitor was deleted: stop checking it. */
  monitorRemoved(monitorId: string): Promise<void>;
  /** Check now, applied like a scheduled check; resolves with the stored result. */
  checkNow(monitor: Monitor): Promise<NewCheck>;
  /** A push monitor's job pinged (ok) or reported a failure. */
  heartbeatReceived(monitor: Monitor, ok: boolean, at: Date): Promise<void>;
  /** An account and its monitors are gone: stop every one of them. */
  userDeleted(userId: string, monitorIds: string[]): Promise<void>;
  /** This instance's worker, for the health check. */
  status(): WorkerStatus;
  /** This instance, for the health check. */
  instance(): InstanceInfo | null;
}

// On globalThis: instrumentation and each route bundle may load this module separately,
// and all of them must reach the one port start-up installed.
const globalForPort = globalThis as unknown as { __pingboardWorkerCommands?: WorkerCommands };

/** Start-up code installs the implementation once the worker runs. */
export function installWorkerCommands(commands: WorkerCommands | undefined): void {
  globalForPort.__pingboardWorkerCommands = commands;
}

/** The installed port; before start-up (or with no worker) every command says so plainly. */
export function workerCommands(): WorkerCommands {
  return globalForPort.__pingboardWorkerCommands ?? NO_WORKER;
}

const unavailable = async (): Promise<never> => {
  throw new UnavailableError('The monitor worker is not running');
};

/** Before start-up: changes are already stored and the worker loads them when it starts; on-demand work cannot run. */
const NO_WORKER: WorkerCommands = {
  monitorChanged: async () => undefined,
  monitorRemoved: async () => undefined,
  userDeleted: async () => undefined,
  checkNow: unavailable,
  heartbeatReceived: unavailable,
  status: () => ({ running: false, scheduled: 0, owned: 0, pendingResults: 0, pendingStateWrites: 0, degraded: false, connectivity: 'disabled', offlineSince: null }),
  instance: () => null,
};
