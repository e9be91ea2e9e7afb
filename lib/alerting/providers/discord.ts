// Discord webhooks: POST {content, embeds, allowed_mentions} to the webhook URL (204 No Content).
// Everything stays within Discord's limits (content 2000, embed title 256, description 4096,
// field value 1024, 6000 in all); markdown in user values is escaped and mentions are off, so
// a monitor name cannot ping @everyone. A group's monitors are lines of the description (an
// embed takes at most 25 fields); those that do not fit in it are counted.
import { z } from 'zod';
import type { ChannelProvider, ChannelEvent } from '../channel-types';
import { eventIdText, fitItems, isGroupEvent, messageParts, moreLine, truncate, MORE_LINE_ROOM, type MessageParts } from '../render-text';
import { postJson } from './post-json';
import { httpUrl } from './settings-fields';

export const discordSettingsSchema = z.strictObject({
  webhookUrl: httpUrl('Enter the webhook URL from Discord (Channel settings, Integrations, Webhooks)'),
});
export type DiscordSettings = z.infer<typeof discordSettingsSchema>;

/** Backslash before Discord's markdown and mention characters; Discord shows the character alone. */
export function escapeDiscord(text: string): string {
  return text.replace(/[\\*_~`|>#[\]()<@:-]/g, '\\$&');
}

/** A description's limit: 4096. */
const MAX_DESCRIPTION = 4096;

/** Notes, then one line per monitor, within the description's limit. */
function groupDescription(parts: MessageParts): string {
  const notes = parts.notes.map(escapeDiscord);
  const lines = parts.facts.map(([k, v]) => `**${escapeDiscord(k)}**: ${escapeDiscord(truncate(v, 300))}`);
  const room = MAX_DESCRIPTION - notes.join('\n').length - MORE_LINE_ROOM - 2;
  const { shown, hidden } = fitItems(lines, room, (l) => l.length);
  return truncate([...notes, ...shown, ...(hidden ? [escapeDiscord(moreLine(hidden))] : [])].join('\n'), MAX_DESCRIPTION);
}

function color(event: ChannelEvent): number {
  if (event.test) return 0x5865f2;
  if (event.kind === 'UP' || event.kind === 'DEGRADED_RESOLVED') return 0x12b76a;
  if (event.kind === 'DOWN' || event.kind === 'CERT_EXPIRED') return 0xd92d20;
  return 0xf79009;
}

export const discordProvider: ChannelProvider<typeof discordSettingsSchema> = {
  kind: 'discord',
  label: 'Discord',
  help: 'In Discord, open the channel settings, Integrations, Webhooks, create one and copy its URL.',
  settings: discordSettingsSchema,
  secretFields: ['webhookUrl'],
  urlFields: ['webhookUrl'],
  async send(settings, event, ctx) {
    const parts = messageParts(event);
    const group = isGroupEvent(event);
    const payload = {
      content: truncate(escapeDiscord(parts.title), 2000),
      embeds: [
        {
          title: truncate(parts.lead, 256),
          description: group ? groupDescription(parts) : parts.notes.length ? truncate(parts.notes.map(escapeDiscord).join('\n'), 4096) : undefined,
          url: parts.link,
          color: color(event),
          fields: group ? [] : parts.facts.map(([name, value]) => ({ name, value: truncate(escapeDiscord(truncate(value, 500)), 1024), inline: false })),
          timestamp: event.at.toISOString(),
          footer: { text: `Pingboard · ${eventIdText(parts)}` },
        },
      ],
      allowed_mentions: { parse: [] },
    };
    return postJson(ctx, settings.webhookUrl, payload, { secrets: [settings.webhookUrl] });
  },
};
