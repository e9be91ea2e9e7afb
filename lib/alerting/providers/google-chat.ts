// Google Chat incoming webhooks: POST {text} to the space's webhook URL (it carries key and
// token in its query). Chat's text syntax is *bold*, _italic_ and <url|label>; angle brackets
// in user values are swapped for look-alikes so a name cannot become a link or <users/all>.
// A group's monitors that do not fit in the text's limit are counted.
import { z } from 'zod';
import type { ChannelProvider } from '../channel-types';
import { eventIdText, fitItems, messageParts, moreLine, truncate, MORE_LINE_ROOM } from '../render-text';
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
    const head = [`*${neutralizeChat(parts.title)}*`, neutralizeChat(parts.lead), ...parts.notes.map((n) => `_${n}_`), ''];
    const tail = ['', `<${parts.link}|${parts.linkText}>`, eventIdText(parts)];
    const facts = parts.facts.map(([k, v]) => `${neutralizeChat(k)}: ${neutralizeChat(truncate(v, 500))}`);
    const room = MAX_TEXT - [...head, ...tail].join('\n').length - MORE_LINE_ROOM;
    const { shown, hidden } = fitItems(facts, room, (l) => l.length);
    const lines = [...head, ...shown, ...(hidden ? [moreLine(hidden)] : []), ...tail];
    return postJson(ctx, settings.webhookUrl, { text: truncate(lines.join('\n'), MAX_TEXT) }, { secrets: [settings.webhookUrl] });
  },
};
