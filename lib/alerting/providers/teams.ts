// Microsoft Teams through a Workflows webhook ("Post to a channel when a webhook request is
// received"): POST a message with one Adaptive Card attachment (version 1.4, the highest the
// Teams clients render everywhere). The old Office 365 connector cards are retired.
import { z } from 'zod';
import type { ChannelEvent, ChannelProvider } from '../channel-types';
import { messageParts, truncate } from '../render-text';
import { postJson } from './post-json';
import { httpUrl } from './settings-fields';

export const teamsSettingsSchema = z.strictObject({
  webhookUrl: httpUrl('Enter the webhook URL of the Teams workflow'),
});
export type TeamsSettings = z.infer<typeof teamsSettingsSchema>;

function titleColor(event: ChannelEvent): 'Attention' | 'Good' | 'Warning' | 'Accent' {
  if (event.test) return 'Accent';
  if (event.kind === 'UP') return 'Good';
  if (event.kind === 'DOWN' || event.kind === 'CERT_EXPIRED') return 'Attention';
  return 'Warning';
}

export function adaptiveCard(event: ChannelEvent) {
  const parts = messageParts(event);
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full' },
    body: [
      { type: 'TextBlock', text: parts.title, weight: 'Bolder', size: 'Medium', color: titleColor(event), wrap: true },
      { type: 'TextBlock', text: parts.lead, wrap: true },
      ...parts.notes.map((note) => ({ type: 'TextBlock', text: note, weight: 'Bolder', wrap: true })),
      { type: 'FactSet', facts: parts.facts.map(([title, value]) => ({ title, value: truncate(value, 1000) })) },
      { type: 'TextBlock', text: `Event id: ${parts.eventId}`, size: 'Small', isSubtle: true, wrap: true },
    ],
    actions: [{ type: 'Action.OpenUrl', title: 'View the monitor', url: parts.link }],
  };
}

export const teamsProvider: ChannelProvider<typeof teamsSettingsSchema> = {
  kind: 'teams',
  label: 'Microsoft Teams',
  help: 'In Teams, add the workflow "Post to a channel when a webhook request is received" and paste its URL.',
  settings: teamsSettingsSchema,
  secretFields: ['webhookUrl'],
  urlFields: ['webhookUrl'],
  async send(settings, event, ctx) {
    const payload = {
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: adaptiveCard(event) }],
    };
    return postJson(ctx, settings.webhookUrl, payload, { secrets: [settings.webhookUrl] });
  },
};
