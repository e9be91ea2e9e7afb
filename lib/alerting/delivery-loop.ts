import { randomUUID } from 'node:crypto';
import type { ChannelKind, ChannelProvider, ChannelEvent, ProviderContext, EventKind } from './channel-types';
import { DeliveryError } from './channel-types';
import { monitorLink } from './render-text';
import { claimDueDeliveries, downWasUndelivered, recordAttempt, releaseLeases, type ClaimedDelivery, type AttemptOutcome } from '@/lib/data/deliveries';
import { backoffDelay } from '@/lib/shared/retry';
import { HOUR_MS, MINUTE_MS } from '@/lib/shared/time';
import { logger } from '@/lib/logger';

// The "deliver" step: claims due deliveries from the outbox with a lease, sends each through
// its channel's provider, and records the outcome. Temporary failures come back later with
// exponential backoff and jitter until ALERT_RETRY_HOURS have passed; permanent ones stop at
// once. Sends run concurrently with a cap per channel, so a slow or dead channel holds only its
// own slots and never another channel's messages (and never a check: this loop is separate).

/** How long finished sends are gathered before the next claim. */
const SOON_MS = 20;

export type ProviderRegistry = { readonly [K in ChannelKind]: ChannelProvider };

export interface DeliveryLoopOptions {
  providers: ProviderRegistry;
  context: ProviderContext;
  /** Give up on a delivery this long after its event. */
  retryHours: number;
  /** First retry delay; doubled each time, with jitter, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs?: number;
  pollMs?: number;
  leaseMs?: number;
  maxInFlight?: number;
  maxPerChannel?: number;
  now?: () => Date;
  /** The lease owner written on claimed rows: the instance id, so leases of a dead instance can be voided. */
  owner?: string;
}

export class DeliveryLoop {
  /** This instance's lease name: rows it claimed carry it until the outcome is recorded. */
  readonly owner: string;
  private readonly inFlight = new Map<string, { channelId: string | null; done: Promise<void> }>();
  private timer: NodeJS.Timeout | null = null;
  private timerDueAt: number | null = null;
  private ticking: Promise<void> | null = null;
  private again = false;
  private running = false;
  private readonly o: Required<Omit<DeliveryLoopOptions, 'providers' | 'context' | 'owner'>> & Pick<DeliveryLoopOptions, 'providers' | 'context'>;

  constructor(options: DeliveryLoopOptions) {
    this.owner = options.owner ?? `loop-${randomUUID()}`;
    this.o = {
      maxDelayMs: 5 * MINUTE_MS,
      pollMs: 1000,
      leaseMs: 2 * MINUTE_MS,
      maxInFlight: 100,
      maxPerChannel: 16,
      now: () => new Date(),
      ...options,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** New deliveries were written: look now rather than at the next poll. */
  poke(): void {
    if (!this.running) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    // Replace the waiting poll with an immediate look.
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerDueAt = null;
    this.schedule(0);
  }

  private soon(): void {
    if (!this.running) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    if (this.timerDueAt !== null && this.timerDueAt <= Date.now() + SOON_MS) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerDueAt = null;
    this.schedule(SOON_MS);
  }

  /** Stops claiming, waits for sends under way (up to `waitMs`), and gives back what it still holds. */
  async stop(waitMs = 10_000): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerDueAt = null;
    const settled = Promise.allSettled([...this.inFlight.values()].map((f) => f.done));
    await Promise.race([settled, new Promise((r) => setTimeout(r, waitMs).unref())]);
    await releaseLeases(this.owner).catch((err) => logger.warn({ err }, 'releasing delivery leases failed'));
  }

  get pending(): number {
    return this.inFlight.size;
  }

  private schedule(delayMs: number): void {
    if (!this.running || this.timer) return;
    this.timerDueAt = Date.now() + delayMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerDueAt = null;
      this.ticking = this.tick()
        .catch((err) => logger.warn({ err }, 'claiming deliveries failed; will retry'))
        .finally(() => {
          this.ticking = null;
          const more = this.again;
          this.again = false;
          this.schedule(more ? 0 : this.o.pollMs);
        });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    const free = this.o.maxInFlight - this.inFlight.size;
    if (free <= 0) return;
    const now = this.o.now();
    const claimed = await claimDueDeliveries(this.owner, now, new Date(now.getTime() + this.o.leaseMs), free, [...this.inFlight.keys()]);
    const perChannel = new Map<string, number>();
    for (const f of this.inFlight.values()) if (f.channelId) perChannel.set(f.channelId, (perChannel.get(f.channelId) ?? 0) + 1);
    const over: string[] = [];
    for (const d of claimed) {
      const busy = d.channelId ? (perChannel.get(d.channelId) ?? 0) : 0;
      if (d.channelId && busy >= this.o.maxPerChannel) {
        over.push(d.id);
        continue;
      }
      if (d.channelId) perChannel.set(d.channelId, busy + 1);
      const done = this.deliver(d).finally(() => {
        this.inFlight.delete(d.id);
        // A freed slot may let the next message of this channel go; gather the slots freed
        // within a few milliseconds into one claim rather than one claim per finished send.
        this.soon();
      });
      this.inFlight.set(d.id, { channelId: d.channelId, done });
    }
    if (over.length) await releaseLeases(this.owner, over);
    // A full claim means there may be more waiting.
    if (claimed.length >= free && over.length < claimed.length) this.again = true;
  }

  private async deliver(d: ClaimedDelivery): Promise<void> {
    const log = { deliveryId: d.id, eventId: d.eventId, kind: d.event.kind, channelKind: d.channelKind, monitorId: d.monitorId, attempt: d.attempts + 1 };
    let outcome: AttemptOutcome;
    try {
      const result = await this.send(d);
      outcome = { state: 'delivered', lastError: null, providerStatus: result.providerStatus ?? null, at: this.o.now() };
      logger.info(log, 'alert delivered');
    } catch (err) {
      outcome = this.failure(d, err);
      logger.warn({ ...log, state: outcome.state, error: outcome.lastError }, outcome.state === 'failed' ? 'alert delivery failed' : 'alert delivery will be retried');
    }
    try {
      if (!(await recordAttempt(d.id, this.owner, outcome))) logger.warn(log, 'delivery lease lost before its outcome was recorded');
    } catch (err) {
      // The lease expires and the row is sent again: at least once, never lost.
      logger.error({ ...log, err }, 'recording a delivery outcome failed');
    }
  }

  private async send(d: ClaimedDelivery) {
    const channel = d.channel;
    if (!channel) throw new DeliveryError('The channel was deleted', true);
    if (!channel.enabled) throw new DeliveryError('The channel was disabled', true);
    const provider = this.o.providers[channel.kind];
    if (provider.handles && !provider.handles(d.event.kind as EventKind)) throw new DeliveryError(`${provider.label} does not take ${d.event.kind} alerts`, true);
    const parsed = provider.settings.safeParse(channel.settings);
    if (!parsed.success) throw new DeliveryError(`Invalid settings: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`, true);
    const event = toChannelEvent(d, this.o.context.env.appUrl);
    if (event.kind === 'UP' && event.incidentId) event.outageAlertUndelivered = await downWasUndelivered(event.incidentId, channel.id);
    return provider.send(parsed.data, event, this.o.context);
  }

  private failure(d: ClaimedDelivery, err: unknown): AttemptOutcome {
    const now = this.o.now();
    const e = err instanceof DeliveryError ? err : new DeliveryError(err instanceof Error ? err.message : String(err), false);
    const base = { lastError: e.message, providerStatus: e.providerStatus ?? null, at: now };
    if (e.permanent) return { ...base, state: 'failed' };
    const deadline = d.event.createdAt.getTime() + this.o.retryHours * HOUR_MS;
    if (now.getTime() >= deadline) {
      return { ...base, state: 'failed', lastError: `Gave up after ${d.attempts + 1} attempts over ${this.o.retryHours} h: ${e.message}` };
    }
    const delay = Math.max(backoffDelay(d.attempts + 1, { baseDelayMs: this.o.baseDelayMs, maxDelayMs: this.o.maxDelayMs, jitter: 0.3 }), e.retryAfterMs ?? 0);
    const next = Math.min(now.getTime() + Math.min(delay, this.o.maxDelayMs), deadline);
    return { ...base, state: 'retrying', nextAttemptAt: new Date(next) };
  }
}

export function toChannelEvent(d: Pick<ClaimedDelivery, 'event' | 'eventId'>, appUrl: string): ChannelEvent {
  const e = d.event;
  return {
    eventId: d.eventId,
    kind: e.kind as EventKind,
    at: e.at,
    monitor: { id: e.monitorId, name: e.monitorName, target: e.monitorTarget, link: monitorLink(appUrl, e.monitorId) },
    incidentId: e.incidentId,
    cause: e.cause,
    error: e.error,
    downtimeMs: e.downtimeMs,
    certExpiresAt: e.certExpiresAt,
  };
}
