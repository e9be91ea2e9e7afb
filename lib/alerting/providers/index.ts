// Every channel kind and its provider. A Record over the kind union (`satisfies`), so adding a
// kind without a provider, or a provider for no kind, is a compile error.
import type { ChannelKind, ChannelProvider, EventKind } from '../channel-types';
import { discordProvider } from './discord';
import { emailProvider } from './email';
import { googleChatProvider } from './google-chat';
import { gotifyProvider } from './gotify';
import { ntfyProvider } from './ntfy';
import { pagerdutyProvider } from './pagerduty';
import { pushoverProvider } from './pushover';
import { slackProvider } from './slack';
import { teamsProvider } from './teams';
import { telegramProvider } from './telegram';
import { webhookProvider } from './webhook';

const PROVIDERS = {
  email: emailProvider,
  webhook: webhookProvider,
  slack: slackProvider,
  discord: discordProvider,
  teams: teamsProvider,
  google_chat: googleChatProvider,
  telegram: telegramProvider,
  ntfy: ntfyProvider,
  pushover: pushoverProvider,
  gotify: gotifyProvider,
  pagerduty: pagerdutyProvider,
} satisfies Record<ChannelKind, ChannelProvider>;

/**
 * Typed loosely on purpose: callers pick a provider by a runtime kind and send it settings its
 * own schema has just parsed. (Each module exports its precisely typed provider too.)
 */
export const CHANNEL_PROVIDERS: Readonly<Record<ChannelKind, ChannelProvider>> = PROVIDERS;

export function providerFor(kind: ChannelKind): ChannelProvider {
  return CHANNEL_PROVIDERS[kind];
}

/** Whether a channel of this kind is sent this event at all. */
export function providerHandles(kind: ChannelKind, event: EventKind): boolean {
  const provider = providerFor(kind);
  return provider.handles ? provider.handles(event) : true;
}

/** Whether a channel of this kind may get several monitors' alerts in one message (and so have them held for company). */
export function providerGroups(kind: ChannelKind): boolean {
  return providerFor(kind).groups !== false;
}
