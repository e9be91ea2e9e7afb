import 'server-only';
import { ForbiddenError, InvalidError, RateLimitedError, UnauthenticatedError } from '@/lib/errors';
import { getEnv } from '@/lib/env';
import { burnPasswordCheck, hashPassword, passwordTooLong, verifyPassword } from '@/lib/auth/password';
import { reserveLoginAttempt } from '@/lib/auth/login-throttle';
import { takeSignupAttempt } from '@/lib/auth/signup-throttle';
import { issueSession } from '@/lib/auth/session';
import * as users from '@/lib/data/users';
import { listMonitors } from '@/lib/data/monitors';
import { workerCommands } from '@/lib/worker/command-port';
import { ensureOwnEmailChannel } from '@/lib/services/own-email-channel';
import type { ChangePasswordInput, LoginInput, SignupInput } from '@/lib/schemas/auth';

export interface IssuedSession {
  token: string;
  expiresAt: Date;
  user: users.SessionUser;
}

const INVALID_LOGIN = 'Invalid email or password';

export const SIGNUP_CLOSED = 'Sign-up is closed on this server; ask its operator to add your account';

/** Whether a visitor could create an account now: always with SIGNUP=open, else only on an empty install. */
export async function signupIsOpen(): Promise<boolean> {
  return getEnv().SIGNUP === 'open' || !(await users.hasAnyUser());
}

/**
 * Sign-up from the web or the API: throttled per client address, and with SIGNUP=closed only
 * the first account (an empty install must be usable); the check and the insert are one
 * transaction, so two racing first sign-ups cannot both get in.
 */
export async function signup(input: SignupInput, address: string): Promise<IssuedSession> {
  const slot = await takeSignupAttempt(address);
  if (!slot.allowed) throw new RateLimitedError('Too many sign-ups from this address; try again later', slot.retryAfterSeconds);
  const hash = await hashPassword(input.password);
  const user = getEnv().SIGNUP === 'open' ? await users.createUser(input.email, hash) : await users.createFirstUser(input.email, hash);
  if (!user) throw new ForbiddenError(SIGNUP_CLOSED);
  await ensureOwnEmailChannel(user.id);
  return { ...(await issueSession(user)), user };
}

/** The operator's way in (`npm run user:add`): no throttle and no SIGNUP setting, the same validation and defaults. */
export async function addUser(input: SignupInput): Promise<users.SessionUser> {
  const user = await users.createUser(input.email, await hashPassword(input.password));
  await ensureOwnEmailChannel(user.id);
  return user;
}

/**
 * Same status, body and bcrypt cost for an unknown email and a wrong password. The attempt is
 * counted as a failure before the password is compared, so parallel guesses cannot outrun the
 * throttle, and forgotten when the password was right.
 */
export async function login(input: LoginInput, address: string): Promise<IssuedSession> {
  const attempt = await reserveLoginAttempt(input.email, address);
  if (!attempt.allowed) throw new RateLimitedError('Too many failed logins; try again later', attempt.retryAfterSeconds);
  let user: users.SessionUser | null;
  let ok: boolean;
  try {
    user = await users.findUserByEmail(input.email);
    const hash = user ? await users.findPasswordHash(user.id) : null;
    ok = hash ? await verifyPassword(input.password, hash) : await burnPasswordCheck(input.password);
  } catch (err) {
    await attempt.cancel();
    throw err;
  }
  // bcrypt would compare only the first 72 bytes; a longer password is wrong, in the same time.
  if (!user || !ok || passwordTooLong(input.password)) throw new UnauthenticatedError(INVALID_LOGIN);
  await attempt.succeeded();
  return { ...(await issueSession(user)), user };
}

export async function logout(userId: string): Promise<void> {
  await users.bumpTokenVersion(userId);
}

async function requirePassword(userId: string, password: string): Promise<void> {
  const hash = await users.findPasswordHash(userId);
  if (!hash || !(await verifyPassword(password, hash))) {
    throw InvalidError.field(['currentPassword'], 'Current password is incorrect');
  }
}

/** A new password revokes every earlier token and every API key (lib/data/users.ts setPassword); the caller gets a fresh token. */
export async function changePassword(userId: string, input: ChangePasswordInput): Promise<IssuedSession> {
  await requirePassword(userId, input.currentPassword);
  const user = await users.setPassword(userId, await hashPassword(input.newPassword));
  return { ...(await issueSession(user)), user };
}

export async function deleteAccount(userId: string, password: string): Promise<void> {
  const hash = await users.findPasswordHash(userId);
  if (!hash || !(await verifyPassword(password, hash))) {
    throw InvalidError.field(['password'], 'Password is incorrect');
  }
  const owned = await listMonitors(userId);
  await users.deleteUser(userId);
  await workerCommands().userDeleted(userId, owned.map((m) => m.id));
}
