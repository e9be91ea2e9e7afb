import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { getEnv } from '@/lib/env';
import { getJwtKey } from '@/lib/auth/jwt-secret';

export interface TokenClaims {
  userId: string;
  tokenVersion: number;
}

const CLOCK_SKEW_SECONDS = 5;

export async function signToken(claims: TokenClaims): Promise<{ token: string; expiresAt: Date }> {
  const ttl = getEnv().JWT_EXPIRES_IN_SECONDS;
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ ver: claims.tokenVersion })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuedAt(now)
    .setExpirationTime(now + ttl)
    .sign(getJwtKey());
  return { token, expiresAt: new Date((now + ttl) * 1000) };
}

/** Null for anything that is not a valid, current HS256 token of ours. */
export async function verifyToken(token: string): Promise<TokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, getJwtKey(), {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat', 'sub'],
      clockTolerance: CLOCK_SKEW_SECONDS,
    });
    // jose accepts an iat in the future; a token "issued later" than now was not issued by us.
    if (typeof payload.iat !== 'number' || payload.iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) return null;
    if (typeof payload.sub !== 'string' || typeof payload.ver !== 'number' || !Number.isInteger(payload.ver)) return null;
    return { userId: payload.sub, tokenVersion: payload.ver };
  } catch (err) {
    if (err instanceof joseErrors.JOSEError || err instanceof TypeError) return null;
    throw err;
  }
}
