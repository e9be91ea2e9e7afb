import { deleteChecksBefore, prepareCheckStorage } from '@/lib/data/checks';
import { dropLease, holdLease } from '@/lib/data/leases';
import { liveInstanceIds, removeDeadInstances } from '@/lib/data/instances';
import { releaseLeasesOfDeadInstances } from '@/lib/data/deliveries';
import { removeOldCommands } from '@/lib/data/worker-commands';
import { logger } from '@/lib/logger';
import { DAY_MS, HOUR_MS } from '@/lib/shared/time';

// Jobs for one instance at a time, under the "maintenance" leader lease: retention (whole day
// partitions on PostgreSQL), partitions for the coming days, voiding delivery leases of dead
// instances so their alerts go out now, and forgetting dead instances and old commands.
// Whichever instance holds the lease runs them; when it dies, another takes the lease once it
// expires.

const LEASE_NAME = 'maintenance';
const LEASE_MS = 30_000;
const RENEW_MS = 10_000;
/** Delivery leases of dead instances are voided this often: missed alerts go out within about this. */
const RECOVERY_MS = 10_000;

export class Maintenance {
  private timer: NodeJS.Timeout | null = null;
  private leader = false;
  private lastHourly = 0;
  private lastRecovery = 0;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly instanceId: string,
    private readonly retentionDays: number,
    /** The first retention pass waits this long after becoming leader (start-up stays quick). */
    private readonly firstHourlyDelayMs = 60_000,
  ) {}

  get isLeader(): boolean {
    return this.leader;
  }

  start(): void {
    this.lastHourly = Date.now() - HOUR_MS + this.firstHourlyDelayMs;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    if (this.leader) await dropLease(LEASE_NAME, this.instanceId).catch(() => undefined);
    this.leader = false;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
        this.schedule(RENEW_MS);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const now = Date.now();
    try {
      const held = await holdLease(LEASE_NAME, this.instanceId, new Date(now), new Date(now + LEASE_MS), await liveInstanceIds(new Date(now)));
      if (held !== this.leader) logger.info({ instance: this.instanceId, leader: held }, held ? 'this instance now runs maintenance' : 'another instance runs maintenance now');
      this.leader = held;
    } catch (err) {
      logger.warn({ err }, 'renewing the maintenance lease failed');
      this.leader = false;
    }
    if (!this.leader) return;
    if (now - this.lastRecovery >= RECOVERY_MS) {
      this.lastRecovery = now;
      await this.job('recovering deliveries of dead instances', async () => {
        const released = await releaseLeasesOfDeadInstances(await liveInstanceIds(new Date()));
        if (released) logger.info({ released }, 'resumed deliveries that a dead instance had claimed');
      });
    }
    if (now - this.lastHourly >= HOUR_MS) {
      this.lastHourly = now;
      await this.job('preparing check partitions', () => prepareCheckStorage());
      await this.job('pruning old checks', async () => {
        const removed = await deleteChecksBefore(new Date(Date.now() - this.retentionDays * DAY_MS));
        if (removed.partitions > 0 || (removed.rows ?? 0) > 0) logger.info({ ...removed, retentionDays: this.retentionDays }, 'pruned old checks');
      });
      await this.job('forgetting dead instances and old commands', async () => {
        await removeDeadInstances(new Date(Date.now() - HOUR_MS));
        await removeOldCommands(new Date(Date.now() - HOUR_MS));
      });
    }
  }

  private async job(what: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (err) {
      logger.warn({ err, what }, 'a maintenance job failed; it runs again later');
    }
  }
}
