// Slack incoming webhooks: POST {text, blocks} to the webhook URL. `text` is the notification
// fallback; the blocks carry the lead, the facts and the link. User values are escaped for
// Slack's mrkdwn (&, <, >), so a monitor name cannot become a link or an @channel. A group's
// monitors are lines of text sections (a fields section takes at most 10), up to Slack's
// 50 blocks.
import { z } from 'zod';
import type { ChannelProvider } from '../channel-types';
import { eventIdText, fitItems, isGroupEvent, messageParts, moreLine, truncate, type MessageParts } from '../render-text';
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
/** A section's text limit, and the blocks a group's lines may fill (of Slack's 50, 3 are header, lead and context). */
const MAX_SECTION = 3000;
const MAX_LINE_BLOCKS = 40;

/** One fact per line, packed into as few sections as fit; what would not fit is counted in a last line. */
function groupSections(parts: MessageParts) {
  const lines = parts.facts.map(([k, v]) => `*${escapeSlack(k)}*: ${escapeSlack(truncate(v, MAX_VALUE))}`);
  const { shown, hidden } = fitItems(lines, MAX_SECTION * MAX_LINE_BLOCKS * 0.9, (l) => l.length);
  if (hidden) shown.push(escapeSlack(moreLine(hidden)));
  const sections: string[] = [];
  for (const line of shown) {
    const last = sections.length - 1;
    if (last >= 0 && sections[last].length + 1 + line.length <= MAX_SECTION) sections[last] += `\n${line}`;
    else sections.push(line);
  }
  return sections.slice(0, MAX_LINE_BLOCKS).map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

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
        ...(isGroupEvent(event)
          ? groupSections(parts)
          : [
              {
                type: 'section',
                fields: parts.facts.map(([k, v]) => ({ type: 'mrkdwn', text: `*${escapeSlack(k)}*\n${escapeSlack(truncate(v, MAX_VALUE))}` })),
              },
            ]),
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: `<${parts.link}|${parts.linkText}> · ${escapeSlack(eventIdText(parts))}` }],
        },
      ],
    };
    return postJson(ctx, settings.webhookUrl, payload, { secrets: [settings.webhookUrl] });
  },
};
