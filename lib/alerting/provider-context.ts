import { getEnv } from '@/lib/env';
import type { ProviderContext } from './channel-types';
import { buildProviderContext } from './provider-env';

// One provider context per process (the policy-checked HTTP client, the mailer, the operator's
// endpoints), kept on globalThis like the database client: Next.js may load this module once
// per bundle, and SMTP connections or settings must not be built twice.
const globalForContext = globalThis as unknown as { __pingboardProviderContext?: ProviderContext };

export function getProviderContext(): ProviderContext {
  return (globalForContext.__pingboardProviderContext ??= buildProviderContext(getEnv()));
}
