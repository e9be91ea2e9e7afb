// Email through the operator's SMTP server (SMTP_HOST...), with nodemailer. One connection per
// message (no pool: alerts are rare and a pooled socket would outlive a stopped server), short
// timeouts at every stage plus one deadline, and replies mapped to DeliveryError: a 4xx reply
// or a connection problem is temporary, a 5xx reply or an authentication failure permanent.
import nodemailer from 'nodemailer';
import { checkHostTargetAllowed } from '@/lib/checker/address-policy';
import { formatMs } from '@/lib/shared/durations';
import { DeliveryError, type EmailMessage } from '../channel-types';
import { clip } from '../http-failures';

export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  /** The whole send, connection to final reply. */
  timeoutMs?: number;
}

interface SmtpErrorFields {
  code?: string;
  responseCode?: number;
  response?: string;
  permanent?: boolean;
  message?: string;
}

function redact(text: string, config: SmtpConfig): string {
  return [config.password, config.user].reduce<string>((acc, s) => (s && s.length >= 4 ? acc.split(s).join('[redacted]') : acc), text);
}

/** Maps nodemailer's error fields (code, responseCode, permanent) to a DeliveryError. */
export function smtpFailure(err: unknown, config: SmtpConfig, timeoutMs: number): DeliveryError {
  const e = (err ?? {}) as SmtpErrorFields;
  const where = `${config.host}:${config.port}`;
  const say = (text: string) => clip(redact(text, config));
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH') {
    return new DeliveryError(say(`SMTP authentication failed at ${where}${e.response ? `: ${e.response}` : ''}`), true, e.responseCode);
  }
  if (typeof e.responseCode === 'number') {
    const permanent = typeof e.permanent === 'boolean' ? e.permanent : e.responseCode >= 500 && e.responseCode !== 503;
    return new DeliveryError(say(`SMTP server ${where} answered ${e.response ?? e.responseCode}`), permanent, e.responseCode);
  }
  if (e.code === 'EABORT') return new DeliveryError(`SMTP send to ${where} timed out after ${formatMs(timeoutMs)}`, false);
  if (e.code === 'EENVELOPE') return new DeliveryError(say(`SMTP envelope refused: ${e.message ?? 'invalid address'}`), true);
  const what = e.code === 'ETIMEDOUT' ? 'timed out' : e.code === 'EDNS' ? 'could not be resolved' : `failed (${e.code ?? 'error'})`;
  return new DeliveryError(say(`SMTP connection to ${where} ${what}`), false);
}

export function createSmtpSender(config: SmtpConfig) {
  const timeoutMs = config.timeoutMs ?? 30_000;
  // The operator's own server may be on a private network; a metadata address never is.
  const verdict = checkHostTargetAllowed(config.host, { blockPrivateTargets: false });
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
    connectionTimeout: Math.min(10_000, timeoutMs),
    greetingTimeout: Math.min(10_000, timeoutMs),
    socketTimeout: timeoutMs,
    dnsTimeout: Math.min(10_000, timeoutMs),
    socketCloseTimeout: 0,
  });

  return async (message: EmailMessage): Promise<{ providerStatus?: number }> => {
    if (!verdict.allowed) throw new DeliveryError('Refused: SMTP_HOST is a cloud metadata or link-local address', true);
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const info = await transport.sendMail({
        from: config.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.messageId,
        headers: message.headers,
        signal,
      });
      const code = Number.parseInt(String(info.response ?? ''), 10);
      return { providerStatus: Number.isFinite(code) ? code : undefined };
    } catch (err) {
      throw smtpFailure(err, config, timeoutMs);
    }
  };
}
