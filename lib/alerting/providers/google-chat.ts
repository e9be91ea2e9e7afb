// Google Chat incoming webhooks: POST {text} to the space's webhook URL (it carries key and
// token in its query). Chat's text syntax is *bold*, _italic_ and <url|label>; angle brackets
// in user values are swapped for look-alikes so a name cannot become a link or <users/all>.
import { z } from 'zod';
import type { ChannelProvider } from '../channel-types';
import { messageParts, truncate } from '../render-text';
import { postJson } from './post-json';
import { httpUrl } from './settings-fields';

export const googleChatSettingsSchema = z.strictObject({
  webhookUrl: httpUrl('Enter the webhook URL of the Google Chat space (Apps & integrations, Webhooks)'),
});
export type GoogleChatSettings = z.infer<typeof googleChatSettingsSchema>;

/** Chat has no escape for its <...> syntax, so user text gets single angle quotation marks instead. */
export function neutralizeChat(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}

/** Google Chat refuses text over 4096 characters. */
const MAX_TEXT = 4096;

export const googleChatProvider: ChannelProvider<typeof googleChatSettingsSchema> = {
  kind: 'google_chat',
  label: 'Google Chat',
  help: 'In the Google Chat space, open Apps & integrations, add a webhook and copy its URL.',
  settings: googleChatSettingsSchema,
  secretFields: ['webhookUrl'],
  urlFields: ['webhookUrl'],
  async send(settings, event, ctx) {
    const parts = messageParts(event);
    const lines = [
      `*${neutralizeChat(parts.title)}*`,
      neutralizeChat(parts.lead),
      ...parts.notes.map((n) => `_${n}_`),
      '',
      ...parts.facts.map(([k, v]) => `${k}: ${neutralizeChat(truncate(v, 500))}`),
      '',
      `<${parts.link}|View the monitor>`,
      `Event id: ${parts.eventId}`,
    ];
    return postJson(ctx, settings.webhookUrl, { text: truncate(lines.join('\n'), MAX_TEXT) }, { secrets: [settings.webhookUrl] });
  },
};
