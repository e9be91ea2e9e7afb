import bcrypt from 'bcryptjs';
import { getEnv } from '@/lib/env';

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, getEnv().BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** bcrypt compares only the first 72 bytes; longer passwords are refused rather than silently cut. */
export const MAX_PASSWORD_BYTES = 72;

export function passwordTooLong(password: string): boolean {
  return Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES;
}

/**
 * A well-formed hash at the configured cost that no password matches. Built, not computed,
 * so even the first login for an unknown email costs exactly one bcrypt comparison.
 */
function dummyHash(): string {
  const cost = String(getEnv().BCRYPT_COST).padStart(2, '0');
  return `$2b$${cost}$PingboardDummySaltAAAePingboardDummyHashNeverMatches0`;
}

/**
 * Burns the same bcrypt time as a real comparison, so a login for an unknown email
 * answers as slowly as a wrong password and timing reveals nothing.
 */
export async function burnPasswordCheck(password: string): Promise<false> {
  await bcrypt.compare(password, dummyHash());
  return false;
}
