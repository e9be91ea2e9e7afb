// Pushover: POST {base}/1/messages.json with {token, user, title, message, priority, url,
// url_title, timestamp}. The base URL is the operator's (PUSHOVER_API_BASE_URL), so the
// request is trusted; the app token and user key travel in the body and are never shown.
import { z } from 'zod';
import type { ChannelEvent, ChannelProvider } from '../channel-types';
import { messageParts, plainText, truncate } from '../render-text';
import { postJson } from './post-json';
import { joinUrl, token } from './settings-fields';

/** Pushover user, group and application keys are 30 letters and digits. */
const KEY = /^[A-Za-z0-9]{30}$/;

export const pushoverSettingsSchema = z.strictObject({
  userKey: token('Enter your Pushover user key (or a group key)', KEY, 'A Pushover user key is 30 letters and digits'),
  appToken: token('Enter the API token of your Pushover application', KEY, 'A Pushover API token is 30 letters and digits'),
});
export type PushoverSettings = z.infer<typeof pushoverSettingsSchema>;

/** High (1, sounds through quiet hours) when a monitor goes down; normal otherwise. */
function priority(event: ChannelEvent): number {
  return event.kind === 'DOWN' && !event.test ? 1 : 0;
}

export const pushoverProvider: ChannelProvider<typeof pushoverSettingsSchema> = {
  kind: 'pushover',
  label: 'Pushover',
  help: 'Create an application at pushover.net for its API token, and enter your user key.',
  settings: pushoverSettingsSchema,
  secretFields: ['userKey', 'appToken'],
  urlFields: [],
  async send(settings, event, ctx) {
    const parts = messageParts(event);
    const payload = {
      token: settings.appToken,
      user: settings.userKey,
      title: truncate(parts.title, 250),
      message: truncate(plainText(parts, { includeLink: false, maxChars: 1024 }), 1024),
      priority: priority(event),
      url: parts.link.length <= 512 ? parts.link : undefined,
      url_title: parts.linkText,
      timestamp: Math.floor(event.at.getTime() / 1000),
    };
    const url = joinUrl(ctx.env.pushoverApiBaseUrl, '1/messages.json');
    return postJson(ctx, url, payload, { secrets: [settings.appToken, settings.userKey], trusted: true });
  },
};
