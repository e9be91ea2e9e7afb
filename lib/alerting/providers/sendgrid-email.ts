// Email through SendGrid's v3 mail API. The base URL is a setting so a fake server (or a
// regional endpoint) can stand in for api.sendgrid.com.
import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import { z } from 'zod';
import type { AlertMessage, AlertProvider } from '../types';

const settingsSchema = z.object({
  /** Absent or empty: the provider reports itself unconfigured and alerts are stored as skipped. */
  apiKey: z.string().optional(),
  baseUrl: z.url(),
  from: z.string().min(1),
  /** A hung SendGrid must not hold an alert (and the shutdown flush) forever. */
  timeoutMs: z.number().int().positive().default(15_000),
});

export type SendgridSettings = z.input<typeof settingsSchema>;

/** Why a send failed, without the library's error object: that one carries the request headers, API key included. */
export class AlertSendError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'AlertSendError';
  }
}

const MAX_DETAIL = 300;

function sendgridDetail(err: unknown): string {
  const body = (err as { response?: { body?: unknown } }).response?.body;
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (Array.isArray(errors)) {
    const messages = errors
      .map((e) => (typeof e?.message === 'string' ? e.message : null))
      .filter((m): m is string => !!m);
    if (messages.length) return messages.join('; ');
  }
  return typeof body === 'string' ? body : '';
}

function toSendError(err: unknown, apiKey: string): AlertSendError {
  const code = (err as { code?: unknown }).code;
  const status = typeof code === 'number' ? code : null;
  const detail = status !== null ? sendgridDetail(err) : '';
  const raw =
    status !== null
      ? `SendGrid answered HTTP ${status}${detail ? `: ${detail}` : ''}`
      : `SendGrid request failed: ${err instanceof Error ? err.message : String(err)}`;
  // Belt and braces: an echoed key (some proxies quote the request) never reaches logs or the DB.
  const safe = apiKey ? raw.split(apiKey).join('[redacted]') : raw;
  return new AlertSendError(safe.length > MAX_DETAIL ? `${safe.slice(0, MAX_DETAIL - 1)}…` : safe, status);
}

export function createSendgridProvider(settings: SendgridSettings): AlertProvider {
  const { apiKey, baseUrl, from, timeoutMs } = settingsSchema.parse(settings);
  const key = apiKey?.trim() ?? '';
  let mailer: MailService | undefined;

  // Order matters: setApiKey resets baseUrl to SendGrid's own, so the base URL goes on after it.
  // A MailService of our own (not the module singleton) keeps two providers from sharing a client.
  function getMailer(): MailService {
    if (mailer) return mailer;
    const client = new Client();
    client.setApiKey(key);
    client.setDefaultRequest('baseUrl', baseUrl);
    mailer = new MailService();
    mailer.setClient(client);
    mailer.setTimeout(timeoutMs);
    return mailer;
  }

  return {
    channel: 'email',
    isConfigured: () => key.length > 0,
    async send(recipient: string, message: AlertMessage): Promise<void> {
      if (!key) throw new AlertSendError('SendGrid is not configured (no API key)', null);
      try {
        await getMailer().send({
          to: recipient,
          from,
          subject: message.subject,
          text: message.text,
          html: message.html,
          // Click tracking would rewrite the monitor link through SendGrid's redirector.
          trackingSettings: { clickTracking: { enable: false, enableText: false } },
        });
      } catch (err) {
        throw toSendError(err, key);
      }
    },
  };
}
