// The one Mailer of a server: SMTP when SMTP_HOST is set, else SendGrid when its key is set,
// else none (email channels then fail permanently with a message saying what to configure).
import type { EmailMessage, Mailer } from '../channel-types';
import { createSendgridSender, type SendgridConfig } from './sendgrid';
import { createSmtpSender, type SmtpConfig } from './smtp';

export interface MailerConfig {
  smtp: SmtpConfig | null;
  sendgrid: SendgridConfig | null;
}

export function createMailer(config: MailerConfig): Mailer {
  if (config.smtp) {
    const send = createSmtpSender(config.smtp);
    return { transport: 'smtp', send: (message: EmailMessage) => send(message) };
  }
  if (config.sendgrid && config.sendgrid.apiKey.trim()) {
    const send = createSendgridSender({ ...config.sendgrid, apiKey: config.sendgrid.apiKey.trim() });
    return { transport: 'sendgrid', send: (message: EmailMessage) => send(message) };
  }
  return {
    transport: null,
    send: () => Promise.reject(new Error('No mail transport is configured')),
  };
}
