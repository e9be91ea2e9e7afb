import 'server-only';
import { provisionOwnEmailChannels } from '@/lib/data/channels';
import { getProviderContext } from '@/lib/alerting/provider-context';

// When the operator configured email (SMTP or SendGrid), every account alerts its own address
// by default, as Pingboard did before channels existed. Each user gets that channel once; a
// user who deletes it is not given it again.

export const OWN_EMAIL_CHANNEL_NAME = 'Email (account address)';

/** For one new user, or (no id) for every user not yet provisioned; 0 when email is not configured. */
export async function ensureOwnEmailChannel(userId?: string): Promise<number> {
  if (getProviderContext().mailer.transport === null) return 0;
  return provisionOwnEmailChannels(OWN_EMAIL_CHANNEL_NAME, userId);
}
