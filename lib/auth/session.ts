import 'server-only';
import { verifyToken, signToken } from '@/lib/auth/tokens';
import { hashApiKey, isApiKeyCredential, isExpired, isWellFormedApiKey, lastUseIsStale, LAST_USED_RESOLUTION_MS } from '@/lib/auth/api-keys';
import { findUserById, type SessionUser } from '@/lib/data/users';
import { findApiKeyByHash, recordApiKeyUse } from '@/lib/data/api-keys';
import type { ApiKeyScope } from '@/lib/schemas/api-key';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/logger';

export const SESSION_COOKIE = 'pingboard_session';

/**
 * Who is calling, and how they proved it: the session cookie (mutations need a same-origin
 * check), a login token, or an API key (with its scope; it may not manage the account).
 */
export type Session =
  | { user: SessionUser; via: 'bearer' | 'cookie' }
  | { user: SessionUser; via: 'apikey'; apiKey: { id: string; scope: ApiKeyScope } };

function readCookie(headers: Headers, name: string): string | null {
  const raw = headers.get('cookie');
  if (!raw) return null;
  for (const part of raw.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/**
 * Resolves the caller from a Bearer value (an API key when it starts with pb_, else a login
 * token) or the session cookie; a token must match the user's current version.
 */
export async function authenticate(headers: Headers, now = new Date()): Promise<Session | null> {
  const authorization = headers.get('authorization');
  let token: string | null = null;
  let via: 'bearer' | 'cookie' = 'cookie';
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) return null;
    token = match[1];
    if (isApiKeyCredential(token)) return authenticateApiKey(token, now);
    via = 'bearer';
  } else {
    token = readCookie(headers, SESSION_COOKIE);
  }
  if (!token || token.length > 4096) return null;
  const claims = await verifyToken(token);
  if (!claims) return null;
  const user = await findUserById(claims.userId);
  if (!user || user.tokenVersion !== claims.tokenVersion) return null;
  return { user, via };
}

/** A key is looked up on every request, so a revoked one stops at once on every instance; logout leaves keys alone. */
async function authenticateApiKey(key: string, now: Date): Promise<Session | null> {
  if (!isWellFormedApiKey(key)) return null;
  const found = await findApiKeyByHash(hashApiKey(key));
  if (!found || isExpired(found.expiresAt, now)) return null;
  if (lastUseIsStale(found.lastUsedAt, now)) {
    // Bookkeeping only: a busy database must not fail the request it describes.
    await recordApiKeyUse(found.id, now, new Date(now.getTime() - LAST_USED_RESOLUTION_MS)).catch((err) => logger.warn({ err }, 'could not record an API key use'));
  }
  return { user: found.user, via: 'apikey', apiKey: { id: found.id, scope: found.scope } };
}

export function isHttps(headers: Headers, url: string): boolean {
  if (url.startsWith('https:')) return true;
  return getEnv().TRUST_PROXY && headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

export function sessionCookie(token: string, expiresAt: Date, req: Request): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  const secure = isHttps(req.headers, req.url) ? '; Secure' : '';
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
}

export function clearedSessionCookie(req: Request): string {
  const secure = isHttps(req.headers, req.url) ? '; Secure' : '';
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
}

export async function issueSession(user: SessionUser): Promise<{ token: string; expiresAt: Date }> {
  return signToken({ userId: user.id, tokenVersion: user.tokenVersion });
}
