import 'server-only';
import { InvalidError, RateLimitedError, UnauthenticatedError } from '@/lib/errors';
import { burnPasswordCheck, hashPassword, passwordTooLong, verifyPassword } from '@/lib/auth/password';
import { clearAccountFailures, loginRetryAfterSeconds, recordLoginFailure } from '@/lib/auth/login-throttle';
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

export async function signup(input: SignupInput): Promise<IssuedSession> {
  const user = await users.createUser(input.email, await hashPassword(input.password));
  await ensureOwnEmailChannel(user.id);
  return { ...(await issueSession(user)), user };
}

/** Same status, body and bcrypt cost for an unknown email and a wrong password. */
export async function login(input: LoginInput, address: string): Promise<IssuedSession> {
  const retryAfter = loginRetryAfterSeconds(input.email, address);
  if (retryAfter > 0) {
    throw new RateLimitedError('Too many failed logins; try again later', retryAfter);
  }
  const user = await users.findUserByEmail(input.email);
  const hash = user ? await users.findPasswordHash(user.id) : null;
  const ok = hash ? await verifyPassword(input.password, hash) : await burnPasswordCheck(input.password);
  // bcrypt would compare only the first 72 bytes; a longer password is wrong, in the same time.
  if (!user || !ok || passwordTooLong(input.password)) {
    recordLoginFailure(input.email, address);
    throw new UnauthenticatedError(INVALID_LOGIN);
  }
  clearAccountFailures(input.email);
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

/** A new password revokes every earlier token; the caller gets a fresh one. */
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
