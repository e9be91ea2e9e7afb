import 'server-only';
import { verifyToken, signToken } from '@/lib/auth/tokens';
import { findUserById, type SessionUser } from '@/lib/data/users';
import { getEnv } from '@/lib/env';

export const SESSION_COOKIE = 'pingboard_session';

export interface Session {
  user: SessionUser;
  /** How the caller proved who they are; cookie sessions need a same-origin check on mutations. */
  via: 'bearer' | 'cookie';
}

function readCookie(headers: Headers, name: string): string | null {
  const raw = headers.get('cookie');
  if (!raw) return null;
  for (const part of raw.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** Resolves the caller from a Bearer token or the session cookie; the token must match the user's current version. */
export async function authenticate(headers: Headers): Promise<Session | null> {
  const authorization = headers.get('authorization');
  let token: string | null = null;
  let via: Session['via'] = 'cookie';
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) return null;
    token = match[1];
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
