import type { ChannelKind } from '@/lib/alerting/channel-types';
import { CHANNEL_NOTES, emailChannels, textValue as text, type ChannelSpec, type Notes } from '@/lib/config-io/importers/draft';

// Gatus's `alerting:` section as Pingboard channels. Gatus has one configuration per provider
// (`alerting.slack.webhook-url`, ...), used by every endpoint whose `alerts:` name that type;
// each provider Pingboard has a kind for becomes one channel (an email to several addresses, one
// per address). Presentation options (titles, priorities, sounds) are Gatus's own and left out.

type Config = Record<string, unknown>;

const hook = (kind: ChannelKind) => (c: Config): ChannelSpec[] => [{ kind, settings: { webhookUrl: text(c['webhook-url']) } }];

function custom(c: Config, notes: Notes): ChannelSpec[] {
  notes.push(`${CHANNEL_NOTES.webhook}; the body template in the file is not used`);
  const method = text(c.method)?.toUpperCase();
  if (method && method !== 'POST') notes.push(`sent with POST, not ${method}`);
  const headers = c.headers && typeof c.headers === 'object' ? Object.fromEntries(Object.entries(c.headers as Config).map(([k, v]) => [k, String(v)])) : {};
  return [{ kind: 'webhook', settings: { url: text(c.url), ...(Object.keys(headers).length ? { headers } : {}) } }];
}

function telegram(c: Config, notes: Notes): ChannelSpec[] {
  const server = text(c['api-url']);
  if (server) notes.push(CHANNEL_NOTES.telegramServer(server));
  if (text(c['topic-id'])) notes.push('its topic left out (alerts go to the chat)');
  return [{ kind: 'telegram', settings: { botToken: text(c.token), chatId: text(c.id) } }];
}

/** Gatus provider names (keys of `alerting:`) that Pingboard has a channel kind for. */
const PROVIDERS: Record<string, (c: Config, notes: Notes) => ChannelSpec[]> = {
  slack: hook('slack'),
  discord: hook('discord'),
  teams: (c, notes) => (notes.push(CHANNEL_NOTES.teams), hook('teams')(c)),
  'teams-workflows': hook('teams'),
  googlechat: hook('google_chat'),
  telegram,
  ntfy: (c) => [{ kind: 'ntfy', settings: { serverUrl: text(c.url) ?? 'https://ntfy.sh', topic: text(c.topic), token: text(c.token) } }],
  pushover: (c) => [{ kind: 'pushover', settings: { userKey: text(c['user-key']), appToken: text(c['application-token']) } }],
  gotify: (c) => [{ kind: 'gotify', settings: { serverUrl: text(c['server-url']), appToken: text(c.token) } }],
  pagerduty: (c) => [{ kind: 'pagerduty', settings: { routingKey: text(c['integration-key']) } }],
  email: (c, notes) => emailChannels(c.to, notes),
  custom,
};

/** The channels one provider becomes, or why it cannot become any. */
export function gatusChannels(provider: string, config: Config, notes: Notes): ChannelSpec[] | { problem: string } {
  const mapper = PROVIDERS[provider];
  if (!mapper) return { problem: `Gatus's "${provider}" alerts have no Pingboard channel kind` };
  if (Array.isArray(config.overrides) && config.overrides.length) notes.push('its per-group overrides left out (every group alerts this channel)');
  return mapper(config, notes);
}
