import os from 'node:os';
import { registerInstance, removeInstance, removeOtherInstances, renewInstance, retireWorker } from '@/lib/data/instances';
import { logger } from '@/lib/logger';
import { FENCE_MS, HEARTBEAT_MS, LEASE_MS } from './timing';

// This instance's row in Instance, renewed every HEARTBEAT_MS. When renewing fails for
// FENCE_MS (the database is unreachable, the process stalled), the instance fences itself:
// `onLost` stops every check before its lease can run out and another instance takes over.
// When it finds its row expired or gone, it registers afresh and `onRegained` lets it claim again.

export interface MembershipHooks {
  onLost: () => void;
  onRegained: () => void;
}

export class Membership {
  private timer: NodeJS.Timeout | null = null;
  private fence: NodeJS.Timeout | null = null;
  private lastRenewedAt = 0;
  private stopped = false;
  /** True while this instance's lease is known to hold. */
  live = false;

  constructor(
    readonly id: string,
    readonly worker: boolean,
    private readonly hooks: MembershipHooks,
    /** SQLite: one process owns the file, so rows of earlier processes are void at once. */
    private readonly soleInstance: boolean,
  ) {}

  async start(): Promise<void> {
    await this.register();
    if (this.soleInstance) {
      const removed = await removeOtherInstances(this.id);
      if (removed) logger.info({ removed }, 'forgot instances of earlier processes on this database');
    }
    this.schedule();
    // A renewal that hangs (a lock, a dead connection) must not keep this instance checking past
    // its lease. The sole instance of a SQLite file has nobody to hand over to: it keeps checking.
    if (this.soleInstance) return;
    this.fence = setInterval(() => {
      if (this.live && Date.now() - this.lastRenewedAt >= FENCE_MS) {
        logger.error({ instance: this.id }, 'this instance lease was not renewed in time; stopping checks until it is');
        this.lose();
      }
    }, 500);
    this.fence.unref();
  }

  /** Shutdown, first step: the others size their shares without this instance before it hands its monitors back. */
  async retire(): Promise<void> {
    await retireWorker(this.id).catch((err) => logger.warn({ err }, 'marking this instance as stopping failed'));
  }

  async leave(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.fence) clearInterval(this.fence);
    this.live = false;
    await removeInstance(this.id).catch((err) => logger.warn({ err }, 'removing this instance from the database failed'));
  }

  private async register(): Promise<void> {
    const now = Date.now();
    await registerInstance({ id: this.id, worker: this.worker, hostname: os.hostname(), pid: process.pid }, new Date(now), new Date(now + LEASE_MS));
    this.lastRenewedAt = now;
    this.live = true;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.beat().finally(() => this.schedule()), HEARTBEAT_MS);
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    const started = Date.now();
    try {
      if (await renewInstance(this.id, new Date(started), new Date(started + LEASE_MS), this.soleInstance)) {
        this.lastRenewedAt = started;
        if (!this.live) {
          this.live = true;
          this.hooks.onRegained();
        }
        return;
      }
      // Expired or removed: the others may have taken our monitors. Drop them, then rejoin.
      logger.warn({ instance: this.id }, 'this instance lost its lease; stopping its checks and registering again');
      this.lose();
      await this.register();
      this.hooks.onRegained();
    } catch (err) {
      if (Date.now() - this.lastRenewedAt >= FENCE_MS && this.live && !this.soleInstance) {
        logger.error({ err, instance: this.id }, 'cannot renew this instance lease; stopping checks until the database answers');
        this.lose();
      } else {
        logger.warn({ err }, 'renewing this instance lease failed; retrying');
      }
    }
  }

  private lose(): void {
    if (!this.live) return;
    this.live = false;
    this.hooks.onLost();
  }
}
