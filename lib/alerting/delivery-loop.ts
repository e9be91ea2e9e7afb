import { randomUUID } from 'node:crypto';
import type { ChannelKind, ChannelProvider, ChannelEvent, ProviderContext, EventKind } from './channel-types';
import { DeliveryError, isGroupable } from './channel-types';
import { monitorLink } from './render-text';
import {
  claimDueDeliveries,
  claimDueGroups,
  nextDueAfter,
  recordAttempt,
  releaseLeases,
  undeliveredOpenings,
  type AttemptOutcome,
  type ClaimedDelivery,
} from '@/lib/data/deliveries';
import { backoffDelay } from '@/lib/shared/retry';
import { HOUR_MS, MINUTE_MS } from '@/lib/shared/time';
import { logger } from '@/lib/logger';

// The "deliver" step: claims due deliveries from the outbox with a lease, sends each through
// its channel's provider, and records the outcome. Temporary failures come back later with
// exponential backoff and jitter until ALERT_RETRY_HOURS have passed; permanent ones stop at
// once. Sends run concurrently with a cap per channel, so a slow or dead channel holds only its
// own slots and never another channel's messages (and never a check: this loop is separate).
// With a grouping window, one message carries every claimed delivery of one channel and kind
// whose events fell within the window (claimDueGroups); the loop wakes when the next held
// delivery falls due, so the first alert waits no longer than the window.

/** How long finished sends are gathered before the next claim. */
const SOON_MS = 20;
/** Monitors named in one message at most; the rest go in the next. */
export const MAX_GROUP = 100;

/** What each of the kinds that end something (UP, DEGRADED_RESOLVED) ends. */
const OPENED_BY: Partial<Record<EventKind, 'DOWN' | 'DEGRADED'>> = { UP: 'DOWN', DEGRADED_RESOLVED: 'DEGRADED' };

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
  /** ALERT_GROUP_WINDOW_SECONDS in ms: alerts of one channel and kind within it go in one message; 0 (default): one message each. */
  groupWindowMs?: number;
}

/** One message in flight: the deliveries it carries (one, or a group's members). */
interface Send {
  channelId: string | null;
  ids: string[];
  done: Promise<void>;
}

export class DeliveryLoop {
  /** This instance's lease name: rows it claimed carry it until the outcome is recorded. */
  readonly owner: string;
  /** By the first delivery's id. */
  private readonly inFlight = new Map<string, Send>();
  private timer: NodeJS.Timeout | null = null;
  private timerDueAt: number | null = null;
  private ticking: Promise<void> | null = null;
  private again = false;
  private running = false;
  /** How long until the next held or retried delivery falls due (grouping only; else the poll decides). */
  private wakeInMs = Infinity;
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
      groupWindowMs: 0,
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
          this.schedule(more ? 0 : Math.min(this.o.pollMs, this.wakeInMs));
        });
    }, delayMs);
  }

  /** Whether deliveries of this event kind on this channel kind may share a message. */
  private groups(channelKind: ChannelKind, eventKind: string): boolean {
    return this.o.groupWindowMs > 0 && isGroupable(eventKind as EventKind) && this.o.providers[channelKind].groups !== false;
  }

  private async claim(now: Date, free: number): Promise<ClaimedDelivery[][]> {
    const leaseUntil = new Date(now.getTime() + this.o.leaseMs);
    const exclude = [...this.inFlight.values()].flatMap((f) => f.ids);
    if (this.o.groupWindowMs <= 0) return (await claimDueDeliveries(this.owner, now, leaseUntil, free, exclude)).map((d) => [d]);
    const grouping = { windowMs: this.o.groupWindowMs, maxSize: MAX_GROUP, groups: (c: ChannelKind, e: string) => this.groups(c, e) };
    return claimDueGroups(this.owner, now, leaseUntil, free, exclude, grouping);
  }

  private async tick(): Promise<void> {
    this.wakeInMs = Infinity;
    const free = this.o.maxInFlight - this.inFlight.size;
    if (free <= 0) return;
    const now = this.o.now();
    const claimed = await this.claim(now, free);
    const perChannel = new Map<string, number>();
    for (const f of this.inFlight.values()) if (f.channelId) perChannel.set(f.channelId, (perChannel.get(f.channelId) ?? 0) + 1);
    const over: string[] = [];
    for (const group of claimed) {
      const [d] = group;
      const ids = group.map((m) => m.id);
      const busy = d.channelId ? (perChannel.get(d.channelId) ?? 0) : 0;
      if (d.channelId && busy >= this.o.maxPerChannel) {
        over.push(...ids);
        continue;
      }
      if (d.channelId) perChannel.set(d.channelId, busy + 1);
      const done = this.deliver(group).finally(() => {
        this.inFlight.delete(d.id);
        // A freed slot may let the next message of this channel go; gather the slots freed
        // within a few milliseconds into one claim rather than one claim per finished send.
        this.soon();
      });
      this.inFlight.set(d.id, { channelId: d.channelId, ids, done });
    }
    if (over.length) await releaseLeases(this.owner, over);
    // A full claim means there may be more waiting (a group counts its members: it may have taken all that were due).
    const rows = claimed.reduce((n, g) => n + g.length, 0);
    if (rows >= free && over.length < rows) this.again = true;
    if (this.o.groupWindowMs > 0) {
      const next = await nextDueAfter(now);
      if (next) this.wakeInMs = Math.max(0, next.getTime() - this.o.now().getTime());
    }
  }

  /** Sends one message (one delivery, or a group) and records its outcome on every delivery it carries. */
  private async deliver(group: ClaimedDelivery[]): Promise<void> {
    const [d] = group;
    const ids = group.map((m) => m.id);
    const log = {
      deliveryId: d.id,
      eventId: d.eventId,
      kind: d.event.kind,
      channelKind: d.channelKind,
      monitorId: d.monitorId,
      attempt: d.attempts + 1,
      ...(group.length > 1 ? { groupSize: group.length, deliveryIds: ids } : {}),
    };
    let outcome: AttemptOutcome;
    try {
      const result = await this.send(group);
      outcome = { state: 'delivered', lastError: null, providerStatus: result.providerStatus ?? null, at: this.o.now() };
      logger.info(log, 'alert delivered');
    } catch (err) {
      outcome = this.failure(d, err);
      logger.warn({ ...log, state: outcome.state, error: outcome.lastError }, outcome.state === 'failed' ? 'alert delivery failed' : 'alert delivery will be retried');
    }
    try {
      const recorded = await recordAttempt(ids, this.owner, outcome);
      if (recorded < ids.length) logger.warn({ ...log, lost: ids.length - recorded }, 'delivery lease lost before its outcome was recorded');
    } catch (err) {
      // The lease expires and the row is sent again: at least once, never lost.
      logger.error({ ...log, err }, 'recording a delivery outcome failed');
    }
  }

  private async send(group: ClaimedDelivery[]) {
    const [d] = group;
    const channel = d.channel;
    if (!channel) throw new DeliveryError('The channel was deleted', true);
    if (!channel.enabled) throw new DeliveryError('The channel was disabled', true);
    const provider = this.o.providers[channel.kind];
    if (provider.handles && !provider.handles(d.event.kind as EventKind)) throw new DeliveryError(`${provider.label} does not take ${d.event.kind} alerts`, true);
    const parsed = provider.settings.safeParse(channel.settings);
    if (!parsed.success) throw new DeliveryError(`Invalid settings: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`, true);
    const events = group.map((m) => toChannelEvent(m, this.o.context.env.appUrl));
    const opening = OPENED_BY[events[0].kind];
    if (opening) {
      const incidents = events.flatMap((e) => (e.incidentId ? [e.incidentId] : []));
      const missed = await undeliveredOpenings(incidents, channel.id, opening);
      for (const e of events) if (e.incidentId) e.outageAlertUndelivered = missed.has(e.incidentId);
    }
    const event = events.length > 1 ? { ...events[0], group: events } : events[0];
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
