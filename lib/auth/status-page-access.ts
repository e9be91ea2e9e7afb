import 'server-only';
import { createHash } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { getJwtKey } from '@/lib/auth/jwt-secret';
import { isHttps } from '@/lib/auth/session';
import { take, type Limit } from '@/lib/auth/attempt-counters';
import { verifyPassword } from '@/lib/auth/password';
import { RateLimitedError } from '@/lib/errors';

// The password gate of a protected status page: the right password earns a signed cookie for
// that page only (its name and path are the page's), carrying the password's version, so
// changing or removing the password ends every earlier unlock. Guesses are throttled per page
// and client address, as logins are.

const AUDIENCE = 'pingboard:status-page';
const ACCESS_TTL_SECONDS = 30 * 24 * 3600;
const GUESS_LIMIT = { max: 10, windowMs: 15 * 60_000 };

export function accessCookieName(pageId: string): string {
  return `pingboard_sp_${createHash('sha256').update(pageId).digest('hex').slice(0, 16)}`;
}

function cookieValue(req: Request, name: string): string | null {
  for (const part of (req.headers.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

export async function hasAccess(req: Request, page: { id: string; passwordVersion: number }): Promise<boolean> {
  const token = cookieValue(req, accessCookieName(page.id));
  if (!token) return false;
  try {
    const { payload } = await jwtVerify(token, getJwtKey(), { algorithms: ['HS256'], audience: AUDIENCE, subject: page.id });
    return payload.ver === page.passwordVersion;
  } catch {
    return false;
  }
}

/** Checks a password guess; a right one answers the Set-Cookie value, a wrong one null. */
export async function unlock(
  req: Request,
  page: { id: string; passwordHash: string; passwordVersion: number },
  password: string,
  clientAddress: string,
  path: string,
): Promise<string | null> {
  const limit: Limit = { key: `${page.id}:${clientAddress}`, ...GUESS_LIMIT };
  const taken = await take('status-page-password', [limit]);
  if (!taken.allowed) throw new RateLimitedError('Too many password attempts; try again later', taken.retryAfterSeconds);
  if (!(await verifyPassword(password, page.passwordHash))) return null;
  await taken.release();
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ ver: page.passwordVersion })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setAudience(AUDIENCE)
    .setSubject(page.id)
    .setIssuedAt(now)
    .setExpirationTime(now + ACCESS_TTL_SECONDS)
    .sign(getJwtKey());
  const secure = isHttps(req.headers, req.url) ? '; Secure' : '';
  return `${accessCookieName(page.id)}=${token}; Path=${path || '/'}; HttpOnly; SameSite=Lax; Max-Age=${ACCESS_TTL_SECONDS}${secure}`;
}
