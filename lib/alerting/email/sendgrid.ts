// Email through SendGrid's v3 mail API with @sendgrid/mail. The client gets its own base URL
// (SENDGRID_API_BASE_URL: a regional endpoint, or a fake in tests) after setApiKey, which would
// otherwise reset it, and a timeout; failures become DeliveryErrors whose text never holds the
// key (the library's error objects carry the request headers, so they are never passed on).
import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import { DeliveryError, type EmailMessage } from '../channel-types';
import { clip, createRedactor, errorDetail } from '../http-failures';

export interface SendgridConfig {
  apiKey: string;
  /** SENDGRID_API_BASE_URL: https://api.sendgrid.com, a regional endpoint, or a fake in tests. */
  baseUrl: string;
  /** ALERT_EMAIL_FROM: "alerts@example.com" or "Pingboard <alerts@example.com>". */
  from: string;
}

/** SendGrid wants the sender as {email, name}; "Name <address>" is split like @sendgrid/mail does. */
export function sendgridAddress(from: string): { email: string; name?: string } {
  const match = /^\s*(.*?)\s*<([^<>\s]+)>\s*$/.exec(from);
  if (!match) return { email: from.trim() };
  const name = match[1].replace(/^"(.*)"$/, '$1');
  return name ? { email: match[2], name } : { email: match[2] };
}

export function sendgridBody(message: EmailMessage, from: string) {
  return {
    personalizations: [{ to: [{ email: message.to }] }],
    from: sendgridAddress(from),
    subject: message.subject,
    content: [
      { type: 'text/plain', value: message.text },
      { type: 'text/html', value: message.html },
    ],
    headers: { 'Message-ID': message.messageId, ...message.headers },
    // Click tracking would rewrite the monitor link through SendGrid's redirector.
    tracking_settings: { click_tracking: { enable: false, enable_text: false } },
  };
}

const TIMEOUT_MS = 10_000;

function sendgridFailure(err: unknown, apiKey: string): DeliveryError {
  const redact = createRedactor(null, [apiKey]);
  const code = (err as { code?: unknown }).code;
  const status = typeof code === 'number' ? code : undefined;
  if (status === undefined) {
    const reason = err instanceof Error ? err.message : String(err);
    return new DeliveryError(clip(redact(`SendGrid: could not be reached: ${reason}`)), false);
  }
  const body = (err as { response?: { body?: unknown } }).response?.body;
  const detail = errorDetail(typeof body === 'string' ? body : JSON.stringify(body ?? ''));
  const temporary = status === 408 || status === 429 || status >= 500;
  return new DeliveryError(clip(redact(`SendGrid: HTTP ${status}${detail ? `: ${detail}` : ''}`)), !temporary, status);
}

export function createSendgridSender(config: SendgridConfig) {
  const client = new Client();
  client.setApiKey(config.apiKey);
  client.setDefaultRequest('baseUrl', config.baseUrl);
  const mailer = new MailService();
  mailer.setClient(client);
  mailer.setTimeout(TIMEOUT_MS);
  return async (message: EmailMessage): Promise<{ providerStatus?: number }> => {
    const body = sendgridBody(message, config.from);
    try {
      const [res] = await mailer.send({
        to: message.to,
        from: body.from,
        subject: body.subject,
        text: message.text,
        html: message.html,
        headers: body.headers,
        trackingSettings: { clickTracking: { enable: false, enableText: false } },
      });
      return { providerStatus: res.statusCode };
    } catch (err) {
      throw sendgridFailure(err, config.apiKey);
    }
  };
}
