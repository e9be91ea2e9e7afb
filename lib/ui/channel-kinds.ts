import type { ChannelKind } from '@/lib/alerting/channel-types';
import type { ChannelDto, ChannelStatus } from '@/lib/dto/channels';

// The channel form as plain data, safe for the browser: the provider modules validate and
// send (and import node-only code), so the inputs each kind shows are described here, one
// entry per kind in an exhaustive record. tests/unit/channel-kinds.test.ts checks the keys
// and secret flags against each provider's own settings schema.

export type SettingsFieldType = 'text' | 'email' | 'url' | 'password' | 'textarea' | 'headers';

export interface SettingsField {
  key: string;
  label: string;
  type: SettingsFieldType;
  required: boolean;
  /** Write-only: never shown again, an empty input on edit keeps the saved value. */
  secret: boolean;
  placeholder?: string;
  hint?: string;
}

/** A kind's label and help line, as the provider states them (passed from the server). */
export interface ChannelKindInfo {
  kind: ChannelKind;
  label: string;
  help: string;
}

/** What the monitor form and page need to know of a channel. */
export interface ChannelChoice {
  id: string;
  name: string;
  kind: ChannelKind;
  kindLabel: string;
  status: ChannelStatus;
  isDefault: boolean;
}

const chatWebhook = (placeholder: string): SettingsField => ({ key: 'webhookUrl', label: 'Webhook URL', type: 'password', required: true, secret: true, placeholder });

export const CHANNEL_FORMS: Record<ChannelKind, readonly SettingsField[]> = {
  email: [{ key: 'address', label: 'Email address', type: 'email', required: true, secret: false, placeholder: 'ops@example.com', hint: 'An address other than your account’s gets a confirmation link first.' }],
  webhook: [
    { key: 'url', label: 'URL', type: 'url', required: true, secret: false, placeholder: 'https://example.com/hooks/pingboard' },
    { key: 'secret', label: 'Signing secret', type: 'password', required: false, secret: true, hint: 'At least 16 characters; each body is signed with HMAC-SHA256 in X-Pingboard-Signature.' },
    { key: 'headers', label: 'Extra headers', type: 'headers', required: false, secret: true },
    { key: 'template', label: 'Body template', type: 'textarea', required: false, secret: false, placeholder: '{"text": "{{monitor.name}} is {{kind}}"}', hint: 'JSON with {{placeholders}}; empty sends the standard payload.' },
  ],
  slack: [chatWebhook('https://hooks.slack.com/services/…')],
  discord: [chatWebhook('https://discord.com/api/webhooks/…')],
  teams: [chatWebhook('https://….logic.azure.com/workflows/…')],
  google_chat: [chatWebhook('https://chat.googleapis.com/v1/spaces/…')],
  telegram: [
    { key: 'botToken', label: 'Bot token', type: 'password', required: true, secret: true, placeholder: '123456789:AAE…' },
    { key: 'chatId', label: 'Chat id', type: 'text', required: true, secret: false, placeholder: '-1001234567890 or @channelname' },
  ],
  ntfy: [
    { key: 'serverUrl', label: 'Server URL', type: 'url', required: true, secret: false, placeholder: 'https://ntfy.sh' },
    { key: 'topic', label: 'Topic', type: 'text', required: true, secret: false, placeholder: 'pingboard-alerts' },
    { key: 'token', label: 'Access token', type: 'password', required: false, secret: true, hint: 'Only for a protected topic.' },
  ],
  pushover: [
    { key: 'userKey', label: 'User key', type: 'password', required: true, secret: true },
    { key: 'appToken', label: 'API token', type: 'password', required: true, secret: true },
  ],
  gotify: [
    { key: 'serverUrl', label: 'Server URL', type: 'url', required: true, secret: false, placeholder: 'https://gotify.example.com' },
    { key: 'appToken', label: 'Application token', type: 'password', required: true, secret: true },
  ],
  pagerduty: [{ key: 'routingKey', label: 'Integration key', type: 'password', required: true, secret: true }],
};

export const STATUS_LABEL: Record<ChannelStatus, string> = {
  ready: 'Ready',
  disabled: 'Disabled',
  unconfirmed: 'Awaiting confirmation',
  unavailable: 'Email not configured on this server',
};

export interface HeaderRow {
  key: number;
  name: string;
  value: string;
  /** A saved header: its value is not shown, and an empty input keeps it. */
  stored: boolean;
}

export interface SettingsState {
  /** Every non-header input's text, by settings key. */
  text: Record<string, string>;
  headers: HeaderRow[];
  /** Secret keys that have a saved value (the API shows them as null). */
  saved: Record<string, boolean>;
  /** Optional saved secrets the user asked to remove. */
  remove: Record<string, boolean>;
}

let nextKey = 1;
export const headerRowKey = (): number => nextKey++;

export function initialSettings(kind: ChannelKind, channel?: Pick<ChannelDto, 'settings'>): SettingsState {
  const stored = (channel?.settings ?? {}) as Record<string, unknown>;
  const state: SettingsState = { text: {}, headers: [], saved: {}, remove: {} };
  for (const f of CHANNEL_FORMS[kind]) {
    if (f.type === 'headers') {
      const map = (stored[f.key] ?? {}) as Record<string, unknown>;
      state.headers = Object.keys(map).map((name) => ({ key: headerRowKey(), name, value: '', stored: true }));
      state.saved[f.key] = state.headers.length > 0;
    } else if (f.secret) {
      state.text[f.key] = '';
      state.saved[f.key] = f.key in stored;
    } else {
      const v = stored[f.key];
      state.text[f.key] = v === undefined || v === null ? '' : String(v);
    }
  }
  return state;
}

/**
 * The `settings` body. On create an empty input is left out (the server names a missing
 * required field). On edit an empty secret is left out (kept), an empty plain field is sent
 * as '' (removed), and a saved optional secret marked for removal is sent as ''.
 */
export function settingsBody(kind: ChannelKind, s: SettingsState, editing: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of CHANNEL_FORMS[kind]) {
    if (f.type === 'headers') {
      if (s.headers.length || s.saved[f.key]) out[f.key] = s.headers.map((h) => ({ name: h.name.trim(), value: h.stored && h.value === '' ? null : h.value }));
      continue;
    }
    const value = s.text[f.key] ?? '';
    if (f.secret) {
      if (value !== '') out[f.key] = value;
      else if (editing && s.remove[f.key]) out[f.key] = '';
    } else if (value !== '' || editing) {
      out[f.key] = value;
    }
  }
  return out;
}

/** Where an API issue belongs: ['settings', 'webhookUrl'] -> 'webhookUrl', ['name'] -> 'name'. */
export function channelIssueKey(path: ReadonlyArray<PropertyKey>): string {
  const [head, field] = path;
  if (head === 'settings') return field === undefined ? '_form' : String(field);
  return head === undefined ? '_form' : String(head);
}
