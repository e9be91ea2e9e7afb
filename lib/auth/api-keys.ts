import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyScope } from '@/lib/schemas/api-key';

// The pure rules of API keys: what a key looks like, how it is stored (its SHA-256; 256 random
// bits need no slow hash), when its last use is written down, and what a key may not do.

export const API_KEY_PREFIX = 'pb_';
/** 32 random bytes in base64url: 43 characters after the prefix. */
const KEY_PATTERN = /^pb_[A-Za-z0-9_-]{43}$/;
/** Shown in lists: the prefix and 8 characters, enough to tell keys apart, far too few to guess the rest. */
const SHOWN_LENGTH = API_KEY_PREFIX.length + 8;
/** lastUsedAt is written at most this often per key, so a busy script does not write on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface NewApiKey {
  /** The whole key: given to the user once, never stored. */
  key: string;
  prefix: string;
  hash: string;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateApiKey(random: (n: number) => Buffer = randomBytes): NewApiKey {
  const key = API_KEY_PREFIX + random(32).toString('base64url');
  return { key, prefix: key.slice(0, SHOWN_LENGTH), hash: hashApiKey(key) };
}

/** A Bearer value meant as an API key (not a login token): it starts with the prefix. */
export function isApiKeyCredential(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX);
}

/** Whether it could be one of our keys at all, so garbage costs no database lookup. */
export function isWellFormedApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

export function isExpired(expiresAt: Date | null, now: Date): boolean {
  return expiresAt !== null && expiresAt.getTime() <= now.getTime();
}

/** Whether this use should be written down: never used, or last written over a minute ago. */
export function lastUseIsStale(lastUsedAt: Date | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS;
}

export const SESSION_ONLY_MESSAGE =
  'API keys cannot manage the account or its keys; sign in with your password (the session cookie or a token from POST /api/auth/login)';
export const READ_ONLY_MESSAGE = 'This API key is read-only; POST, PUT, PATCH and DELETE need a key with the write scope';

/**
 * Why a key may not make this request, or null when it may. Account and key management
 * (`allowApiKey: false`) need the password's session; a read key may not change anything on a
 * route that acts for its user (routes open to everyone ignore who calls).
 */
export function apiKeyRefusal(scope: ApiKeyScope, route: { mutating: boolean; auth: boolean; allowApiKey: boolean }): string | null {
  if (!route.allowApiKey) return SESSION_ONLY_MESSAGE;
  if (scope === 'read' && route.mutating && route.auth) return READ_ONLY_MESSAGE;
  return null;
}
