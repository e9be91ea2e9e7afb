// Every alert channel and its provider. A Record over the channel union, so adding a channel
// without a provider is a compile error.
import { getEnv } from '@/lib/env';
import { createSendgridProvider } from './providers/sendgrid-email';
import type { AlertChannel, AlertProvider } from './types';

export type ProviderRegistry = Record<AlertChannel, AlertProvider>;

// Kept on globalThis like the Prisma client: Next.js may evaluate this module once per bundle.
const globalForAlerting = globalThis as unknown as { __pingboardAlertProviders?: ProviderRegistry };

function buildProviders(): ProviderRegistry {
  const env = getEnv();
  return {
    email: createSendgridProvider({
      apiKey: env.SENDGRID_API_KEY,
      baseUrl: env.SENDGRID_API_BASE_URL,
      from: env.ALERT_EMAIL_FROM,
    }),
  };
}

export function getProviders(): ProviderRegistry {
  return (globalForAlerting.__pingboardAlertProviders ??= buildProviders());
}
