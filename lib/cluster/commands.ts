import type { Monitor } from '@/lib/generated/prisma/client';
import type { NewCheck } from '@/lib/data/checks';
import type { MonitorWorker } from '@/lib/worker/monitor-worker';
import type { InstanceInfo, WorkerCommands, WorkerStatus } from '@/lib/worker/command-port';
import { loadMonitor } from '@/lib/data/ownership';
import { liveWorkerIds } from '@/lib/data/instances';
import {
  abandonCommand,
  claimCommands,
  commandOutcome,
  finishCommand,
  postCommand,
  type CommandKind,
  type PostedCommand,
} from '@/lib/data/worker-commands';
import { publishSignal, SIGNAL } from '@/lib/data/signals';
import { NotFoundError, UnavailableError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { sleep } from '@/lib/shared/time';
import type { Ownership } from './ownership';

// The worker command port for any number of instances. Settings changes are signalled to every
// instance (the owner re-reads the monitor). A manual check or a heartbeat ping runs on the
// monitor's owner, so it is serialised with that owner's scheduled checks and applied to the
// same state: here when this instance owns it (or can claim it), otherwise posted as a
// WorkerCommand for the owner, whose answer comes back in the same row.

export interface LocalWorker {
  worker: MonitorWorker;
  ownership: Ownership;
}

interface HeartbeatPayload {
  ok: boolean;
  at: number;
}

type Outcome = NewCheck | null;

/** How long a forwarded command may wait for its owner beyond the check's own timeout. */
const FORWARD_MARGIN_MS = 15_000;
const ROUTE_ATTEMPTS = 3;

export class ClusterCommands implements WorkerCommands {
  private readonly waiters = new Map<string, () => void>();

  constructor(
    private readonly instanceId: string,
    private readonly local: LocalWorker | null,
    private readonly describe: () => InstanceInfo,
  ) {}

  instance(): InstanceInfo {
    return this.describe();
  }

  async monitorChanged(monitor: Monitor): Promise<void> {
    await this.signal(monitor.id);
  }

  async monitorRemoved(monitorId: string): Promise<void> {
    await this.signal(monitorId);
  }

  async userDeleted(_userId: string, monitorIds: string[]): Promise<void> {
    await Promise.all(monitorIds.map((id) => this.signal(id)));
  }

  async checkNow(monitor: Monitor): Promise<NewCheck> {
    const row = await this.route(monitor.id, 'check', null, monitor.timeoutSeconds);
    if (!row) throw new UnavailableError('The check did not run');
    return row;
  }

  async heartbeatReceived(monitor: Monitor, ok: boolean, at: Date): Promise<void> {
    await this.route(monitor.id, 'heartbeat', { ok, at: at.getTime() } satisfies HeartbeatPayload, 5);
  }

  status(): WorkerStatus {
    if (!this.local) {
      return { running: false, scheduled: 0, owned: 0, pendingResults: 0, pendingStateWrites: 0, degraded: false, connectivity: 'disabled', offlineSince: null };
    }
    return { ...this.local.worker.status(), owned: this.local.ownership.count };
  }

  /** A signal arrived: commands wait for this instance. */
  onCommandSignal(instanceId: string): void {
    if (instanceId === this.instanceId) void this.serveCommands();
  }

  /** A signal arrived: a command was answered. */
  onCommandDone(commandId: string): void {
    this.waiters.get(commandId)?.();
  }

  private serving: Promise<void> | null = null;
  private again = false;

  /** Runs the commands posted for this instance (on a signal, and on a poll where signals can be lost). */
  serveCommands(): Promise<void> {
    if (!this.local) return Promise.resolve();
    if (this.serving) {
      this.again = true;
      return this.serving;
    }
    this.serving = (async () => {
      do {
        this.again = false;
        const commands = await claimCommands(this.instanceId);
        // Each command in its own task: a slow check must not hold up a heartbeat behind it.
        for (const c of commands) void this.serveOne(c);
      } while (this.again);
    })()
      .catch((err) => logger.warn({ err }, 'reading commands for this instance failed'))
      .finally(() => {
        this.serving = null;
      });
    return this.serving;
  }

  private async serveOne(c: PostedCommand): Promise<void> {
    try {
      const row = await this.route(c.monitorId, c.kind, c.payload, 30);
      await finishCommand(c.id, { result: row });
    } catch (err) {
      await finishCommand(c.id, { error: err instanceof Error ? err.message : String(err) }).catch(() => undefined);
    }
    await publishSignal(SIGNAL.commandDone, c.id).catch(() => undefined);
  }

  /** Applies the change here before answering (so this instance's own view is current), then tells the others. */
  private async signal(monitorId: string): Promise<void> {
    await this.local?.ownership.onMonitorSignal(monitorId);
    try {
      await publishSignal(SIGNAL.monitor, monitorSignal(this.instanceId, monitorId));
    } catch (err) {
      // The change is stored; owners that missed the signal find it when they reconcile.
      logger.warn({ err, monitorId }, 'signalling a monitor change failed; owners will notice it on their next reconcile');
    }
  }

  /** Runs the command here when this instance owns the monitor (or can claim it), else on its owner. */
  private async route(monitorId: string, kind: CommandKind, payload: unknown, timeoutSeconds: number): Promise<Outcome> {
    for (let attempt = 0; attempt < ROUTE_ATTEMPTS; attempt++) {
      const m = await loadMonitor(monitorId);
      if (!m) throw new NotFoundError('Monitor');
      const live = await liveWorkerIds(new Date());
      const ownerLive = m.ownerId !== null && live.includes(m.ownerId);
      if (this.local && (m.ownerId === this.instanceId || !ownerLive)) {
        if (m.active && m.ownerId !== this.instanceId && !(await this.local.ownership.claimOne(m.id))) continue;
        return this.runHere(m, kind, payload);
      }
      const target = ownerLive ? m.ownerId! : live[Math.floor(Math.random() * live.length)];
      if (!target) throw new UnavailableError('No instance is checking monitors (every instance runs with WORKER=off)');
      return this.forward(target, m.id, kind, payload, timeoutSeconds);
    }
    throw new UnavailableError('The monitor is changing hands between instances; try again');
  }

  private async runHere(m: Monitor, kind: CommandKind, payload: unknown): Promise<Outcome> {
    const { worker } = this.local!;
    if (kind === 'check') {
      const run = await worker.checkNow(m);
      // Answer once the check and what it changed are stored, so a read right after sees them.
      await Promise.all([run.written, run.stored]);
      return run.row;
    }
    const p = payload as HeartbeatPayload;
    const run = await worker.heartbeat(m, p.ok, new Date(p.at));
    await run.stored;
    return null;
  }

  private async forward(target: string, monitorId: string, kind: CommandKind, payload: unknown, timeoutSeconds: number): Promise<Outcome> {
    const id = await postCommand(target, monitorId, kind, payload);
    let wake: () => void = () => undefined;
    this.waiters.set(id, () => wake());
    try {
      await publishSignal(SIGNAL.command, target).catch(() => undefined);
      const deadline = Date.now() + timeoutSeconds * 1000 + FORWARD_MARGIN_MS;
      for (;;) {
        const outcome = await commandOutcome(id);
        if (outcome?.state === 'done') return reviveCheck(outcome.result);
        if (outcome?.state === 'failed') {
          if (outcome.error === 'Monitor not found') throw new NotFoundError('Monitor');
          throw new UnavailableError(`The instance checking this monitor could not run it: ${outcome.error}`);
        }
        if (Date.now() >= deadline) {
          if (await abandonCommand(id)) throw new UnavailableError('The instance checking this monitor did not answer in time');
          continue;
        }
        // Woken by the "done" signal, or look again shortly: signals can be lost.
        await Promise.race([new Promise<void>((r) => (wake = r)), sleep(250)]);
      }
    } finally {
      this.waiters.delete(id);
    }
  }
}

/** A check row that crossed the database as JSON gets its Date back. */
function reviveCheck(result: unknown): Outcome {
  if (!result || typeof result !== 'object') return null;
  const row = result as NewCheck;
  return { ...row, checkedAt: new Date(row.checkedAt) };
}

/** A monitor signal names the instance that sent it, which has applied the change already. */
export function monitorSignal(origin: string, monitorId: string): string {
  return `${origin} ${monitorId}`;
}

export function parseMonitorSignal(payload: string): { origin: string; monitorId: string } {
  const [origin, monitorId] = payload.split(' ');
  return monitorId ? { origin, monitorId } : { origin: '', monitorId: origin };
}
