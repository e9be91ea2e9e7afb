import { getEnv } from '@/lib/env';
import { CHANNEL_KINDS, type AlertOutbox, type ChannelKind, type EventKind } from './channel-types';
import { DeliveryLoop } from './delivery-loop';
import { getProviderContext } from './provider-context';
import { CHANNEL_PROVIDERS, providerGroups, providerHandles } from './providers';

// How start-up builds this process's alerting: the delivery loop over every provider, and the
// outbox the worker writes alert events into.

/** Channel kinds that take this kind of event here: email only when a mail transport is configured. */
export function channelKindsFor(kind: EventKind): ChannelKind[] {
  const email = getProviderContext().mailer.transport !== null;
  return CHANNEL_KINDS.filter((k) => (k !== 'email' || email) && providerHandles(k, kind));
}

/** ALERT_GROUP_WINDOW_SECONDS in ms: the hold of groupable alerts, and the window the loop groups them by. */
export function groupWindowMs(): number {
  return getEnv().ALERT_GROUP_WINDOW_SECONDS * 1000;
}

export function createDeliveryLoop(instanceId: string): DeliveryLoop {
  const env = getEnv();
  return new DeliveryLoop({
    owner: instanceId,
    providers: CHANNEL_PROVIDERS,
    context: getProviderContext(),
    retryHours: env.ALERT_RETRY_HOURS,
    baseDelayMs: env.ALERT_RETRY_BASE_MS,
    groupWindowMs: groupWindowMs(),
  });
}

export function outboxFor(loop: DeliveryLoop): AlertOutbox {
  const windowMs = groupWindowMs();
  return { channelKindsFor, holdMs: (kind) => (providerGroups(kind) ? windowMs : 0), written: () => loop.poke() };
}
