import type { ChannelKind } from '@/lib/alerting/channel-types';
import { CHANNEL_NOTES, emailChannels, textValue as text, type ChannelSpec, type Notes } from '@/lib/config-io/importers/draft';

// Uptime Kuma notifications as Pingboard channels. A Kuma notification keeps its settings in
// `config`, a JSON string whose `type` names the service and whose other keys are that
// service's form fields (slackwebhookURL, telegramBotToken, ...). Each kind Pingboard has maps
// its credentials; cosmetic options (bot names, icons, templates) are Kuma's own and left out,
// with a note when leaving them out changes where or how an alert arrives.

type Config = Record<string, unknown>;

/** A JSON object given as a JSON string (Kuma's header fields), or null when it is not one. */
export function jsonObject(raw: unknown): Record<string, unknown> | null {
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) return raw as Record<string, unknown>;
  if (typeof raw !== 'string' || raw.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const webhookUrl = (kind: ChannelKind, field: string) => (c: Config): ChannelSpec[] => [{ kind, settings: { webhookUrl: text(c[field]) } }];

function email(c: Config, notes: Notes): ChannelSpec[] {
  if (text(c.smtpCC) || text(c.smtpBCC)) notes.push('CC and BCC addresses left out');
  return emailChannels(c.smtpTo, notes);
}

function webhook(c: Config, notes: Notes): ChannelSpec[] {
  const headers = jsonObject(c.webhookAdditionalHeaders);
  if (headers === null) notes.push('its additional headers are not a JSON object: left out');
  notes.push(`${CHANNEL_NOTES.webhook}, not Uptime Kuma's`);
  if (c.webhookContentType === 'custom' && text(c.webhookCustomBody)) notes.push('its custom body template left out');
  const settings: Record<string, unknown> = { url: text(c.webhookURL) };
  if (headers && Object.keys(headers).length) settings.headers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]));
  return [{ kind: 'webhook', settings }];
}

function telegram(c: Config, notes: Notes): ChannelSpec[] {
  const server = text(c.telegramServerUrl);
  if (server && !/^https:\/\/api\.telegram\.org\/?$/.test(server)) notes.push(CHANNEL_NOTES.telegramServer(server));
  if (text(c.telegramMessageThreadID)) notes.push('its message thread left out (alerts go to the chat)');
  return [{ kind: 'telegram', settings: { botToken: text(c.telegramBotToken), chatId: text(c.telegramChatID) } }];
}

function ntfy(c: Config, notes: Notes): ChannelSpec[] {
  const settings: Record<string, unknown> = { serverUrl: text(c.ntfyserverurl) ?? 'https://ntfy.sh', topic: text(c.ntfytopic) };
  const token = text(c.ntfyaccesstoken);
  if (token && c.ntfyAuthenticationMethod !== 'usernamePassword') settings.token = token;
  else if (text(c.ntfyusername)) notes.push('ntfy user name and password left out: Pingboard sends an access token, so add one');
  return [{ kind: 'ntfy', settings }];
}

function pagerduty(c: Config, notes: Notes): ChannelSpec[] {
  const url = text(c.pagerdutyIntegrationUrl);
  if (url && !/^https:\/\/events\.pagerduty\.com\/v2\/enqueue\/?$/.test(url)) notes.push(`its integration URL ${url} left out (Pingboard uses the server's PAGERDUTY_EVENTS_URL)`);
  return [{ kind: 'pagerduty', settings: { routingKey: text(c.pagerdutyIntegrationKey) } }];
}

function slack(c: Config, notes: Notes): ChannelSpec[] {
  if (text(c.slackchannel)) notes.push(`its channel override ${text(c.slackchannel)} left out (the webhook's own channel is used)`);
  return webhookUrl('slack', 'slackwebhookURL')(c);
}

/** Kuma's notification `type` values that Pingboard has a channel kind for. */
const MAPPERS: Record<string, (c: Config, notes: Notes) => ChannelSpec[]> = {
  slack,
  discord: webhookUrl('discord', 'discordWebhookUrl'),
  teams: (c, notes) => (notes.push(CHANNEL_NOTES.teams), webhookUrl('teams', 'webhookUrl')(c)),
  GoogleChat: webhookUrl('google_chat', 'googleChatWebhookURL'),
  telegram,
  webhook,
  smtp: email,
  ntfy,
  pushover: (c) => [{ kind: 'pushover', settings: { userKey: text(c.pushoveruserkey), appToken: text(c.pushoverapptoken) } }],
  gotify: (c) => [{ kind: 'gotify', settings: { serverUrl: text(c.gotifyserverurl), appToken: text(c.gotifyapplicationToken) } }],
  PagerDuty: pagerduty,
};

/** The channels one Kuma notification becomes, or why it cannot become any. */
export function kumaChannels(config: Config, notes: Notes): ChannelSpec[] | { problem: string } {
  const type = typeof config.type === 'string' ? config.type : '';
  const mapper = MAPPERS[type];
  if (!mapper) return { problem: type ? `Uptime Kuma's "${type}" notifications have no Pingboard channel kind` : 'Its config names no notification type' };
  return mapper(config, notes);
}
