// Gotify: POST {serverUrl}/message with the application token in `X-Gotify-Key` (not in the
// query, where proxies log it) and {title, message, priority, extras}. Priority 8 and above
// pops up on Android, so an outage gets 8 and a recovery 5.
import { z } from 'zod';
import type { ChannelEvent, ChannelProvider, EventKind } from '../channel-types';
import { messageParts, plainText, truncate } from '../render-text';
import { postJson } from './post-json';
import { httpUrl, joinUrl, token } from './settings-fields';

export const gotifySettingsSchema = z.strictObject({
  serverUrl: httpUrl('Enter the URL of your Gotify server'),
  appToken: token('Enter the token of a Gotify application', /^[A-Za-z0-9._-]{8,128}$/, 'A Gotify application token is letters, digits, ., - and _'),
});
export type GotifySettings = z.infer<typeof gotifySettingsSchema>;

export const GOTIFY_PRIORITIES: Record<EventKind, number> = {
  DOWN: 8,
  REMINDER: 6,
  UP: 5,
  CERT_EXPIRING: 6,
  CERT_EXPIRED: 6,
  DEGRADED: 6,
  DEGRADED_RESOLVED: 5,
};

function priority(event: ChannelEvent): number {
  return event.test ? 4 : GOTIFY_PRIORITIES[event.kind];
}

export const gotifyProvider: ChannelProvider<typeof gotifySettingsSchema> = {
  kind: 'gotify',
  label: 'Gotify',
  help: 'In Gotify, create an application and enter your server URL and the application token.',
  settings: gotifySettingsSchema,
  secretFields: ['appToken'],
  urlFields: ['serverUrl'],
  async send(settings, event, ctx) {
    const parts = messageParts(event);
    const payload = {
      title: truncate(parts.title, 250),
      message: truncate(plainText(parts, { includeLink: false, maxChars: 4000 }), 4000),
      priority: priority(event),
      extras: {
        'client::display': { contentType: 'text/plain' },
        'client::notification': { click: { url: parts.link } },
      },
    };
    return postJson(ctx, joinUrl(settings.serverUrl, 'message'), payload, {
      headers: { 'X-Gotify-Key': settings.appToken },
      secrets: [settings.appToken],
    });
  },
};
