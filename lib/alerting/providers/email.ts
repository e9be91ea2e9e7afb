// Email: the operator's mail transport (SMTP or SendGrid, see lib/alerting/email/mailer.ts)
// sends to the channel's address. The layout is a lead, a table of facts and a link, built
// from the same message parts as the chat kinds; every value is escaped in the HTML part.
// Message-ID carries the event id. A group lists every monitor (mail has no length limit worth
// meeting at 100 lines) and every event id; its Message-ID is the group's key (messageKey).
import { z } from 'zod';
import { DeliveryError, type ChannelEvent, type ChannelProvider, type EmailMessage } from '../channel-types';
import { escapeHtml, messageKey, messageParts } from '../render-text';

export const emailSettingsSchema = z.strictObject({
  address: z
    .string({ error: 'Enter the email address to send alerts to' })
    .trim()
    .toLowerCase()
    .min(1, 'Enter the email address to send alerts to')
    .max(254, 'An email address is at most 254 characters')
    .pipe(z.email('Enter a valid email address, such as ops@example.com')),
});
export type EmailSettings = z.infer<typeof emailSettingsSchema>;

export const NOT_CONFIGURED = 'Email is not configured on this server (set SMTP_HOST or SENDGRID_API_KEY)';

export function emailMessageId(eventId: string): string {
  return `<${eventId}@pingboard>`;
}

export function renderEmail(event: ChannelEvent, to: string): EmailMessage {
  const parts = messageParts(event);
  const ids = parts.eventIds.length > 1 ? `Event ids: ${parts.eventIds.join(', ')}` : `Event id: ${parts.eventId}`;
  const text = [
    parts.lead,
    ...parts.notes,
    '',
    ...parts.facts.map(([k, v]) => `${k}: ${v}`),
    '',
    `${parts.linkText}: ${parts.link}`,
    '',
    ids,
    '',
  ].join('\n');

  const cell = 'style="padding:2px 12px 2px 0;vertical-align:top"';
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;color:#111">',
    `<p style="font-size:16px"><strong>${escapeHtml(parts.lead)}</strong></p>`,
    ...parts.notes.map((n) => `<p><em>${escapeHtml(n)}</em></p>`),
    '<table style="border-collapse:collapse">',
    ...parts.facts.map(([k, v]) => `<tr><td ${cell}><strong>${escapeHtml(k)}</strong></td><td ${cell}>${escapeHtml(v)}</td></tr>`),
    '</table>',
    `<p><a href="${escapeHtml(parts.link)}">${escapeHtml(parts.linkText)}</a></p>`,
    `<p style="color:#667085;font-size:12px">${escapeHtml(ids)}</p>`,
    '</body></html>',
  ].join('\n');

  return {
    to,
    subject: parts.title,
    text,
    html,
    messageId: emailMessageId(messageKey(event)),
    headers: { 'X-Pingboard-Event-Id': event.eventId },
  };
}

export const emailProvider: ChannelProvider<typeof emailSettingsSchema> = {
  kind: 'email',
  label: 'Email',
  help: 'Alerts go to this address through the mail server this Pingboard is configured with.',
  settings: emailSettingsSchema,
  secretFields: [],
  urlFields: [],
  async send(settings, event, ctx) {
    if (ctx.mailer.transport === null) throw new DeliveryError(NOT_CONFIGURED, true);
    return ctx.mailer.send(renderEmail(event, settings.address));
  },
};
