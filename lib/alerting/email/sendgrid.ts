// Email through SendGrid's v3 mail API, posted with the providers' own HTTP client: one
// deadline, the outbound policy (a trusted endpoint: metadata refused), Retry-After and the
// temporary/permanent split come with it, and the API key is never in an error message.
// (The @sendgrid/mail library is not used: it resets the base URL in setApiKey and carries
// the key in its error objects; see lib/alerting/providers/sendgrid-email.ts.)
import { DeliveryError, type EmailMessage, type OutboundHttp } from '../channel-types';
import { USER_AGENT } from '../providers/post-json';
import { joinUrl } from '../providers/settings-fields';

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

export function createSendgridSender(config: SendgridConfig, http: OutboundHttp) {
  return async (message: EmailMessage): Promise<{ providerStatus?: number }> => {
    try {
      const res = await http({
        url: joinUrl(config.baseUrl, 'v3/mail/send'),
        method: 'POST',
        headers: { Authorization: `Bearer ${config.apiKey}`, 'Content-Type': 'application/json', 'User-Agent': USER_AGENT },
        body: JSON.stringify(sendgridBody(message, config.from)),
        secrets: [config.apiKey],
        trusted: true,
      });
      return { providerStatus: res.status };
    } catch (err) {
      if (!(err instanceof DeliveryError)) throw err;
      throw new DeliveryError(`SendGrid: ${err.message}`, err.permanent, err.providerStatus, err.retryAfterMs);
    }
  };
}
