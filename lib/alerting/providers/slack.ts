// Slack incoming webhooks: POST {text, blocks} to the webhook URL. `text` is the notification
// fallback; the blocks carry the lead, the facts and the link. User values are escaped for
// Slack's mrkdwn (&, <, >), so a monitor name cannot become a link or an @channel.
import { z } from 'zod';
import type { ChannelProvider } from '../channel-types';
import { messageParts, truncate } from '../render-text';
import { postJson } from './post-json';
import { httpUrl } from './settings-fields';

export const slackSettingsSchema = z.strictObject({
  webhookUrl: httpUrl('Enter the webhook URL from Slack'),
});
export type SlackSettings = z.infer<typeof slackSettingsSchema>;

/** Slack's escaping for mrkdwn text: only these three characters are control characters. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Raw value caps that keep escaped text within Slack's block limits (3000 per section, 2000 per field). */
const MAX_VALUE = 300;

export const slackProvider: ChannelProvider<typeof slackSettingsSchema> = {
  kind: 'slack',
  label: 'Slack',
  help: 'In Slack, add the Incoming Webhooks app to a channel and paste its webhook URL.',
  settings: slackSettingsSchema,
  secretFields: ['webhookUrl'],
  urlFields: ['webhookUrl'],
  async send(settings, event, ctx) {
    const parts = messageParts(event);
    const lead = [`*${escapeSlack(parts.lead)}*`, ...parts.notes.map((n) => `_${escapeSlack(n)}_`)].join('\n');
    const payload = {
      text: escapeSlack(truncate(`${parts.title}: ${parts.lead}`, 1000)),
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: truncate(parts.title, 150), emoji: false } },
        { type: 'section', text: { type: 'mrkdwn', text: lead } },
        {
          type: 'section',
          fields: parts.facts.map(([k, v]) => ({ type: 'mrkdwn', text: `*${escapeSlack(k)}*\n${escapeSlack(truncate(v, MAX_VALUE))}` })),
        },
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: `<${parts.link}|View the monitor> · Event id: ${escapeSlack(parts.eventId)}` }],
        },
      ],
    };
    return postJson(ctx, settings.webhookUrl, payload, { secrets: [settings.webhookUrl] });
  },
};
