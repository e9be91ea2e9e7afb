// Microsoft Teams through a Workflows webhook ("Post to a channel when a webhook request is
// received"): POST a message with one Adaptive Card attachment (version 1.4, the highest the
// Teams clients render everywhere). The old Office 365 connector cards are retired. A group is
// one fact per monitor; Teams takes about 28 KB a message, so facts past FACTS_BUDGET are counted.
import { z } from 'zod';
import type { ChannelEvent, ChannelProvider } from '../channel-types';
import { eventIdText, fitItems, messageParts, moreLine, truncate } from '../render-text';
import { postJson } from './post-json';
import { httpUrl } from './settings-fields';

export const teamsSettingsSchema = z.strictObject({
  webhookUrl: httpUrl('Enter the webhook URL of the Teams workflow'),
});
export type TeamsSettings = z.infer<typeof teamsSettingsSchema>;

/** Characters of fact text a card carries, well within Teams' message size with the JSON around it. */
const FACTS_BUDGET = 16_000;

function titleColor(event: ChannelEvent): 'Attention' | 'Good' | 'Warning' | 'Accent' {
  if (event.test) return 'Accent';
  if (event.kind === 'UP' || event.kind === 'DEGRADED_RESOLVED') return 'Good';
  if (event.kind === 'DOWN' || event.kind === 'CERT_EXPIRED') return 'Attention';
  return 'Warning';
}

export function adaptiveCard(event: ChannelEvent) {
  const parts = messageParts(event);
  const facts = parts.facts.map(([title, value]) => ({ title, value: truncate(value, 1000) }));
  // 40: a fact's JSON around its text.
  const { shown, hidden } = fitItems(facts, FACTS_BUDGET, (f) => f.title.length + f.value.length + 40);
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full' },
    body: [
      { type: 'TextBlock', text: parts.title, weight: 'Bolder', size: 'Medium', color: titleColor(event), wrap: true },
      { type: 'TextBlock', text: parts.lead, wrap: true },
      ...parts.notes.map((note) => ({ type: 'TextBlock', text: note, weight: 'Bolder', wrap: true })),
      { type: 'FactSet', facts: shown },
      ...(hidden ? [{ type: 'TextBlock', text: moreLine(hidden), wrap: true }] : []),
      { type: 'TextBlock', text: eventIdText(parts), size: 'Small', isSubtle: true, wrap: true },
    ],
    actions: [{ type: 'Action.OpenUrl', title: parts.linkText, url: parts.link }],
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
