import bcrypt from 'bcryptjs';
import { getEnv } from '@/lib/env';

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, getEnv().BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummyHash: Promise<string> | undefined;

/**
 * Burns the same bcrypt time as a real comparison, so a login for an unknown email
 * answers as slowly as a wrong password and timing reveals nothing.
 */
export async function burnPasswordCheck(password: string): Promise<false> {
  dummyHash ??= bcrypt.hash('pingboard-dummy-password', getEnv().BCRYPT_COST);
  await bcrypt.compare(password, await dummyHash);
  return false;
}
