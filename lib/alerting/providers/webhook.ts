// Generic webhook: POST of the versioned JSON payload (webhook-payload.ts) or of the channel's
// own template, with the event id in `X-Pingboard-Event-Id` and `Idempotency-Key`, and, when
// the channel has a secret, `X-Pingboard-Signature: sha256=<hex HMAC-SHA256 of the raw body>`.
// A group's Idempotency-Key is the group's key (messageKey), its X-Pingboard-Event-Id the first event's.
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { FORBIDDEN_HEADERS, MAX_HEADERS } from '@/lib/schemas/monitor';
import { DeliveryError, type ChannelProvider } from '../channel-types';
import { messageKey } from '../render-text';
import { postJsonBody } from './post-json';
import { httpUrl } from './settings-fields';
import { webhookPayload, templateValues } from './webhook-payload';
import { MAX_TEMPLATE_CHARS, renderTemplate, templateProblems } from './webhook-template';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/** Set by Pingboard on every webhook request; a channel cannot override them. */
export const WEBHOOK_OWN_HEADERS = ['content-type', 'user-agent', 'x-pingboard-event-id', 'idempotency-key', 'x-pingboard-signature'];
const RESERVED = new Set<string>([...FORBIDDEN_HEADERS, ...WEBHOOK_OWN_HEADERS]);

/** A list of {name, value} (as monitors take headers) becomes the stored {name: value} object. */
export function headersAsObject(v: unknown): unknown {
  if (v === null || v === '') return undefined;
  if (!Array.isArray(v)) return v;
  const valid = v.every((h) => typeof h === 'object' && h !== null && typeof (h as { name?: unknown }).name === 'string');
  return valid ? Object.fromEntries(v.map((h: { name: string; value?: unknown }) => [h.name, h.value ?? null])) : v;
}

const headerMapSchema = z
  .record(
    z
      .string()
      .regex(HEADER_NAME, 'Header name must be a valid HTTP token')
      .refine((n) => !RESERVED.has(n.toLowerCase()), 'This header is set by Pingboard and cannot be overridden'),
    z
      .string({ error: 'Enter the header value' })
      .max(4096, 'Header value must be at most 4096 characters')
      .refine((v) => !/[\r\n\0]/.test(v), 'Header value must not contain line breaks'),
    { error: 'Headers are an object of {"Name": "value"} or a list of {name, value}' },
  )
  .superRefine((headers, ctx) => {
    const names = Object.keys(headers);
    if (names.length > MAX_HEADERS) ctx.addIssue({ code: 'custom', message: `At most ${MAX_HEADERS} headers` });
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name.toLowerCase())) ctx.addIssue({ code: 'custom', path: [name], message: 'This header is given twice' });
      seen.add(name.toLowerCase());
    }
  });

export const webhookSettingsSchema = z.strictObject({
  url: httpUrl('Enter the URL to POST alerts to'),
  /** Signs each body; optional, an empty string or null means none. */
  secret: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z
      .string({ error: 'The signing secret must be text' })
      .min(16, 'Use a signing secret of at least 16 characters')
      .max(256, 'The signing secret must be at most 256 characters')
      .optional(),
  ),
  headers: z.preprocess(headersAsObject, headerMapSchema.optional()),
  template: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z
      .string({ error: 'The template must be text' })
      .max(MAX_TEMPLATE_CHARS, `The template must be at most ${MAX_TEMPLATE_CHARS / 1024} KiB`)
      .superRefine((template, ctx) => {
        for (const message of templateProblems(template)) ctx.addIssue({ code: 'custom', message });
      })
      .optional(),
  ),
});
export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;

/** `sha256=<hex>`: what a receiver recomputes over the raw body with the shared secret. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export const webhookProvider: ChannelProvider<typeof webhookSettingsSchema> = {
  kind: 'webhook',
  label: 'Webhook',
  help: 'Pingboard POSTs a JSON payload to this URL; see the webhook documentation for its fields and signature.',
  settings: webhookSettingsSchema,
  secretFields: ['secret', 'headers'],
  urlFields: ['url'],
  normalizeInput: (raw) => (Array.isArray(raw.headers) ? { ...raw, headers: headersAsObject(raw.headers) } : raw),
  async send(settings, event, ctx) {
    const body = settings.template ? renderTemplate(settings.template, templateValues(event)) : JSON.stringify(webhookPayload(event));
    if (settings.template) {
      try {
        JSON.parse(body);
      } catch {
        throw new DeliveryError('The body template did not give valid JSON for this event; edit the template', true);
      }
    }
    const headers: Record<string, string> = {
      ...settings.headers,
      'X-Pingboard-Event-Id': event.eventId,
      'Idempotency-Key': messageKey(event),
      ...(settings.secret ? { 'X-Pingboard-Signature': webhookSignature(settings.secret, body) } : {}),
    };
    const secrets = [...(settings.secret ? [settings.secret] : []), ...Object.values(settings.headers ?? {})];
    return postJsonBody(ctx, settings.url, body, { headers, secrets });
  },
};
