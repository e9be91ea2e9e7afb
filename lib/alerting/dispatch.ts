// The "alert" step of check -> store -> alert. A dispatch renders the message, delivers it on
// every channel with retries and records one Alert row per channel. It never throws and the
// caller need not await it; pendingAlerts() lets shutdown wait for what is still in flight.
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/logger';
import { deliverWithRetry, errorText, type DeliveryResult } from './deliver';
import { findMissedAlerts } from './find-missed-alerts';
import { hasDeliveredAlert, recordAlert, type AlertRecord } from './record-alert';
import { getProviders, type ProviderRegistry } from './registry';
import { renderAlert } from './templates';
import type { AlertEvent, AlertKind, AlertMessage, AlertProvider } from './types';

export interface DispatchDeps {
  providers?: ProviderRegistry;
  sleep?: (ms: number) => Promise<void>;
  retryBaseMs?: number;
  now?: () => Date;
  appUrl?: string;
  /** Stores one Alert row; resolves false when it could not. Default: recordAlert (DB). */
  record?: (record: AlertRecord) => Promise<boolean>;
  /** Whether a DOWN/UP alert of this incident was already sent or skipped. Default: DB lookup. */
  wasDelivered?: (incidentId: string, kind: AlertKind) => Promise<boolean>;
}

// Process-wide, like the Prisma client: the worker and route bundles may each load this module,
// and the exactly-once guard only works if they share one set of claims.
interface DispatchState {
  inFlight: Set<Promise<void>>;
  /** `${incidentId}:${kind}` of DOWN/UP alerts being dispatched, or delivered but not recorded. */
  claimed: Set<string>;
}
const globalForDispatch = globalThis as unknown as { __pingboardDispatch?: DispatchState };
const state: DispatchState = (globalForDispatch.__pingboardDispatch ??= { inFlight: new Set(), claimed: new Set() });

const DAY_MS = 86_400_000;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Only incident transitions are once-only; reminders and certificate alerts have their own bookkeeping. */
function guardKey(event: AlertEvent): string | null {
  if ((event.kind === 'DOWN' || event.kind === 'UP') && event.incidentId) return `${event.incidentId}:${event.kind}`;
  return null;
}

async function alreadyDelivered(event: AlertEvent, deps: DispatchDeps): Promise<boolean> {
  try {
    return await (deps.wasDelivered ?? hasDeliveredAlert)(event.incidentId!, event.kind);
  } catch (err) {
    // Sending a possible duplicate beats losing a DOWN alert; the in-memory claim still holds.
    logger.warn({ err, incidentId: event.incidentId, kind: event.kind }, 'alert history lookup failed; sending anyway');
    return false;
  }
}

async function deliverOne(
  provider: AlertProvider,
  event: AlertEvent,
  message: AlertMessage,
  deps: DispatchDeps,
): Promise<{ delivered: boolean; recorded: boolean }> {
  const log = { channel: provider.channel, kind: event.kind, monitorId: event.monitorId, incidentId: event.incidentId };
  let result: DeliveryResult;
  if (!provider.isConfigured()) {
    logger.info({ ...log, recipient: event.recipient, subject: message.subject }, 'alert not sent: channel not configured');
    result = { outcome: 'skipped', error: null, attempts: 0 };
  } else {
    const retryBaseMs = deps.retryBaseMs ?? getEnv().ALERT_RETRY_BASE_MS;
    result = await deliverWithRetry(provider, event.recipient, message, { sleep: deps.sleep ?? delay, retryBaseMs });
    if (result.outcome === 'sent') logger.info({ ...log, attempts: result.attempts }, 'alert sent');
    else logger.error({ ...log, attempts: result.attempts, error: result.error }, 'alert failed');
  }

  const record: AlertRecord = {
    monitorId: event.monitorId,
    incidentId: event.incidentId,
    kind: event.kind,
    channel: provider.channel,
    recipient: event.recipient,
    outcome: result.outcome,
    error: result.error,
    cause: event.cause,
    createdAt: (deps.now ?? (() => new Date()))(),
  };
  const recorded = await (deps.record ?? recordAlert)(record).catch((err: unknown) => {
    logger.error({ ...log, error: errorText(err) }, 'could not record alert');
    return false;
  });
  return { delivered: result.outcome !== 'failed', recorded };
}

async function runDispatch(event: AlertEvent, deps: DispatchDeps): Promise<void> {
  const key = guardKey(event);
  if (key && state.claimed.has(key)) {
    logger.debug({ key }, 'duplicate alert skipped: already being dispatched');
    return;
  }
  if (key) state.claimed.add(key);
  let keepClaim = false;
  try {
    if (key && (await alreadyDelivered(event, deps))) {
      logger.debug({ key }, 'duplicate alert skipped: already delivered');
      return;
    }
    const message = renderAlert(event, deps.appUrl ?? getEnv().APP_URL);
    const providers = Object.values(deps.providers ?? getProviders());
    const results = await Promise.all(providers.map((p) => deliverOne(p, event, message, deps)));
    // Delivered but not stored: the DB cannot stop a repeat, so this process keeps the claim.
    keepClaim = results.some((r) => r.delivered && !r.recorded);
  } finally {
    if (key && !keepClaim) state.claimed.delete(key);
  }
}

export function dispatchAlert(event: AlertEvent, deps: DispatchDeps = {}): Promise<void> {
  const task = runDispatch(event, deps).catch((err: unknown) => {
    logger.error({ err, kind: event.kind, monitorId: event.monitorId }, 'alert dispatch failed');
  });
  state.inFlight.add(task);
  void task.finally(() => state.inFlight.delete(task));
  return task;
}

/** Settles once every dispatch started so far (and any started while waiting) has finished. */
export async function pendingAlerts(): Promise<void> {
  while (state.inFlight.size > 0) await Promise.allSettled([...state.inFlight]);
}

/**
 * Worker start-up: dispatches DOWN/UP alerts of the last 24 h that were never attempted.
 * Resolves with how many once they are all done; never throws. Call it without awaiting.
 */
export async function resendMissedAlerts(deps: DispatchDeps = {}): Promise<number> {
  try {
    const now = (deps.now ?? (() => new Date()))();
    const groups = await findMissedAlerts(new Date(now.getTime() - DAY_MS));
    const count = groups.reduce((n, g) => n + g.length, 0);
    if (count > 0) logger.info({ count }, 'resending alerts missed before the last shutdown');
    await Promise.all(
      groups.map(async (events) => {
        for (const event of events) await dispatchAlert(event, deps);
      }),
    );
    return count;
  } catch (err) {
    logger.error({ err }, 'could not resend missed alerts');
    return 0;
  }
}
