import { getEnv } from '@/lib/env';
import { clear, take } from '@/lib/auth/attempt-counters';

// Failed logins within 15 minutes, counted three ways. Per (account, client address): what
// locks a guesser out, without locking the owner out at another address. Per account, with a
// higher limit: guessing spread over many addresses. Per address: one address spraying many
// accounts. An attempt is counted before its password is compared and forgotten when the
// password was right, so parallel guesses cannot all be compared before the first is counted.
// On PostgreSQL the counts are the database's, shared by every instance (attempt-counters.ts);
// when it cannot count, the login is refused as unavailable (503), never compared uncounted.

const KIND = 'login';
const WINDOW_MS = 15 * 60 * 1000;

export type LoginAttempt =
  | {
      allowed: true;
      /** The password was right: the attempt was no failure, and this address's failures for the account are forgiven. */
      succeeded: () => Promise<void>;
      /** The attempt could not be judged (the database failed): it does not count. */
      cancel: () => Promise<void>;
    }
  | { allowed: false; retryAfterSeconds: number };

const pairKey = (email: string, address: string) => `pair:${address} ${email}`;

/** Counts the attempt as a failure now, or refuses it when a limit is reached. */
export async function reserveLoginAttempt(email: string, address: string): Promise<LoginAttempt> {
  const env = getEnv();
  const taken = await take(KIND, [
    { key: pairKey(email, address), max: env.LOGIN_MAX_FAILURES_PER_PAIR, windowMs: WINDOW_MS },
    { key: `acct:${email}`, max: env.LOGIN_MAX_FAILURES_PER_ACCOUNT, windowMs: WINDOW_MS },
    { key: `addr:${address}`, max: env.LOGIN_MAX_FAILURES_PER_ADDRESS, windowMs: WINDOW_MS },
  ]);
  if (!taken.allowed) return taken;
  return {
    allowed: true,
    succeeded: async () => {
      await taken.release();
      await clear(KIND, pairKey(email, address));
    },
    cancel: taken.release,
  };
}
