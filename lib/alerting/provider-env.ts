// The operator's settings the channel providers read, taken from the parsed environment in one
// place: base URLs for ProviderEnv, the mail transport's configuration, and the whole
// ProviderContext built from them. Tests build their own contexts pointing at fakes.
import type { Env } from '@/lib/env';
import type { ProviderContext, ProviderEnv } from './channel-types';
import { createMailer, type MailerConfig } from './email/mailer';
import { createOutboundHttp } from './outbound-http';

export function providerEnvFrom(env: Env): ProviderEnv {
  return {
    appUrl: env.APP_URL,
    telegramApiBaseUrl: env.TELEGRAM_API_BASE_URL,
    pushoverApiBaseUrl: env.PUSHOVER_API_BASE_URL,
    pagerdutyEventsUrl: env.PAGERDUTY_EVENTS_URL,
  };
}

/** SMTP when SMTP_HOST is set; else SendGrid when its key is set; else neither. */
export function mailerConfigFrom(env: Env): MailerConfig {
  const from = env.ALERT_EMAIL_FROM;
  if (env.SMTP_HOST) {
    return {
      smtp: {
        host: env.SMTP_HOST,
        port: env.SMTP_PORT,
        secure: env.SMTP_SECURE,
        user: env.SMTP_USER || undefined,
        password: env.SMTP_PASSWORD || undefined,
        from,
      },
      sendgrid: null,
    };
  }
  const apiKey = env.SENDGRID_API_KEY?.trim();
  return { smtp: null, sendgrid: apiKey ? { apiKey, baseUrl: env.SENDGRID_API_BASE_URL, from } : null };
}

/** Everything a provider's send() needs, for this server's environment. */
export function buildProviderContext(env: Env): ProviderContext {
  const http = createOutboundHttp({ policy: { blockPrivateTargets: env.BLOCK_PRIVATE_TARGETS } });
  return { http, mailer: createMailer(mailerConfigFrom(env)), env: providerEnvFrom(env) };
}
