import { getEnv } from '@/lib/env';
import { take, type Refused, type Taken } from '@/lib/auth/attempt-counters';

// Sign-up attempts per client address and hour, whatever their outcome: each one costs a
// bcrypt hash, and "already exists" answers would otherwise let one address test any number
// of emails.

const HOUR_MS = 60 * 60 * 1000;

export function takeSignupAttempt(address: string): Promise<Taken | Refused> {
  return take('signup', [{ key: address, max: getEnv().SIGNUP_MAX_PER_HOUR, windowMs: HOUR_MS }]);
}
