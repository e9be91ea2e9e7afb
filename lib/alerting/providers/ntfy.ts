// ntfy JSON publishing: POST {topic, title, message, priority, tags, click} to the server's
// root URL, with `Authorization: Bearer <token>` when the topic is protected. Priority follows
// the event: an outage is urgent (5), a reminder or a certificate high (4), recovery default (3).
import { z } from 'zod';
import type { ChannelEvent, ChannelProvider, EventKind } from '../channel-types';
import { messageParts, plainText, truncate } from '../render-text';
import { postJson } from './post-json';
import { httpUrl, joinUrl, token } from './settings-fields';

/** ntfy's own rule for topic names. */
const TOPIC = /^[-_A-Za-z0-9]{1,64}$/;

export const ntfySettingsSchema = z.strictObject({
  serverUrl: httpUrl('Enter the ntfy server URL, such as https://ntfy.sh'),
  topic: token('Enter the topic name', TOPIC, 'A topic is 1 to 64 letters, digits, - and _'),
  /** Optional; an empty string or null means none. */
  token: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    token('Enter the access token', /^[\x21-\x7e]{1,256}$/, 'An access token is letters, digits and symbols without spaces').optional(),
  ),
});
export type NtfySettings = z.infer<typeof ntfySettingsSchema>;

export const NTFY_PRIORITIES: Record<EventKind, 1 | 2 | 3 | 4 | 5> = {
  DOWN: 5,
  UP: 3,
  REMINDER: 4,
  CERT_EXPIRING: 4,
  CERT_EXPIRED: 4,
  DEGRADED: 4,
  DEGRADED_RESOLVED: 3,
};

/** Emoji short codes ntfy shows before the title. */
const TAGS: Record<EventKind, string[]> = {
  DOWN: ['rotating_light'],
  UP: ['white_check_mark'],
  REMINDER: ['hourglass_flowing_sand'],
  CERT_EXPIRING: ['lock', 'warning'],
  CERT_EXPIRED: ['lock', 'x'],
  DEGRADED: ['warning', 'turtle'],
  DEGRADED_RESOLVED: ['white_check_mark'],
};

function priority(event: ChannelEvent): number {
  return event.test ? 3 : NTFY_PRIORITIES[event.kind];
}

export const ntfyProvider: ChannelProvider<typeof ntfySettingsSchema> = {
  kind: 'ntfy',
  label: 'ntfy',
  help: 'Enter your ntfy server (https://ntfy.sh or your own), a topic, and an access token if the topic is protected.',
  settings: ntfySettingsSchema,
  secretFields: ['token'],
  urlFields: ['serverUrl'],
  async send(settings, event, ctx) {
    const parts = messageParts(event);
    const payload = {
      topic: settings.topic,
      title: truncate(parts.title, 250),
      // Over 4096 bytes ntfy turns a message into an attachment.
      message: truncate(plainText(parts, { includeLink: false, maxChars: 3000 }), 3000),
      priority: priority(event),
      tags: event.test ? [...TAGS[event.kind], 'test_tube'] : TAGS[event.kind],
      click: parts.link,
    };
    const headers: Record<string, string> = settings.token ? { Authorization: `Bearer ${settings.token}` } : {};
    return postJson(ctx, joinUrl(settings.serverUrl, ''), payload, { headers, secrets: settings.token ? [settings.token] : [] });
  },
};
