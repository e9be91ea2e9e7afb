import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  apiKeyRefusal,
  generateApiKey,
  hashApiKey,
  isApiKeyCredential,
  isExpired,
  isWellFormedApiKey,
  lastUseIsStale,
  READ_ONLY_MESSAGE,
  SESSION_ONLY_MESSAGE,
} from '@/lib/auth/api-keys';
import { createApiKeySchema } from '@/lib/schemas/api-key';

// The pure rules of API keys (lib/auth/api-keys.ts) and their request schema: the key's shape
// and randomness, what is stored, when a use is written down, what a key may not do.

describe('generateApiKey', () => {
  it('makes pb_ and 43 base64url characters (32 random bytes), with its 11-character prefix and SHA-256', () => {
    const { key, prefix, hash } = generateApiKey();
    expect(key).toMatch(/^pb_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(3), 'base64url')).toHaveLength(32);
    expect(prefix).toBe(key.slice(0, 11));
    expect(hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(hashApiKey(key)).toBe(hash);
    expect(isWellFormedApiKey(key)).toBe(true);
  });

  it('takes its bytes from the random source it is given, and never repeats with the real one', () => {
    const fixed = generateApiKey((n) => Buffer.alloc(n, 0xff));
    expect(fixed.key).toBe(`pb_${'_'.repeat(42)}8`);
    const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey().key));
    expect(keys.size).toBe(1000);
  });
});

describe('recognising a key', () => {
  it('treats any Bearer value starting with pb_ as a key, and only the exact shape as possibly ours', () => {
    expect(isApiKeyCredential('pb_x')).toBe(true);
    expect(isApiKeyCredential('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(false);
    const { key } = generateApiKey();
    for (const bad of ['pb_', 'pb_x', `${key}x`, key.slice(0, -1), `${key.slice(0, -1)}=`, `PB_${key.slice(3)}`, `pb_${'a'.repeat(42)}.`]) {
      expect(isWellFormedApiKey(bad), bad).toBe(false);
    }
  });
});

describe('expiry and last use', () => {
  const now = new Date('2027-01-01T12:00:00Z');
  it('expires at the instant given, never without one', () => {
    expect(isExpired(null, now)).toBe(false);
    expect(isExpired(new Date(now.getTime() + 1), now)).toBe(false);
    expect(isExpired(now, now)).toBe(true);
    expect(isExpired(new Date(now.getTime() - 1), now)).toBe(true);
  });

  it('writes a use down when none is recorded or the last is a minute old', () => {
    expect(lastUseIsStale(null, now)).toBe(true);
    expect(lastUseIsStale(new Date(now.getTime() - 59_999), now)).toBe(false);
    expect(lastUseIsStale(new Date(now.getTime() - 60_000), now)).toBe(true);
    expect(lastUseIsStale(now, now)).toBe(false);
  });
});

describe('apiKeyRefusal', () => {
  const cases: Array<[scope: 'read' | 'write', route: { mutating: boolean; auth: boolean; allowApiKey: boolean }, expected: string | null]> = [
    ['read', { mutating: false, auth: true, allowApiKey: true }, null],
    ['read', { mutating: true, auth: true, allowApiKey: true }, READ_ONLY_MESSAGE],
    ['write', { mutating: true, auth: true, allowApiKey: true }, null],
    ['write', { mutating: false, auth: true, allowApiKey: true }, null],
    // Account and key management: neither scope, reading included.
    ['write', { mutating: true, auth: true, allowApiKey: false }, SESSION_ONLY_MESSAGE],
    ['write', { mutating: false, auth: true, allowApiKey: false }, SESSION_ONLY_MESSAGE],
    ['read', { mutating: false, auth: true, allowApiKey: false }, SESSION_ONLY_MESSAGE],
    ['read', { mutating: true, auth: false, allowApiKey: false }, SESSION_ONLY_MESSAGE],
    // Routes open to everyone (heartbeat pings, login) do not act for the key's user.
    ['read', { mutating: true, auth: false, allowApiKey: true }, null],
  ];
  it.each(cases)('%s key on %j', (scope, route, expected) => {
    expect(apiKeyRefusal(scope, route)).toBe(expected);
  });
});

describe('createApiKeySchema', () => {
  const paths = (body: unknown) => {
    const r = createApiKeySchema.safeParse(body);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };

  it('trims the name, takes a scope and an optional ISO expiry', () => {
    expect(createApiKeySchema.parse({ name: '  CI deploy ', scope: 'write' })).toEqual({ name: 'CI deploy', scope: 'write' });
    expect(createApiKeySchema.parse({ name: 'x'.repeat(100), scope: 'read', expiresAt: null }).expiresAt).toBeNull();
    expect(createApiKeySchema.parse({ name: 'n', scope: 'read', expiresAt: '2027-03-01T10:00:00+01:00' }).expiresAt).toEqual(new Date('2027-03-01T09:00:00Z'));
  });

  it('names the field of each problem', () => {
    expect(paths({ scope: 'read' })).toEqual(['name']);
    expect(paths({ name: '   ', scope: 'read' })).toEqual(['name']);
    expect(paths({ name: 'x'.repeat(101), scope: 'read' })).toEqual(['name']);
    expect(paths({ name: 'n' })).toEqual(['scope']);
    expect(paths({ name: 'n', scope: 'admin' })).toEqual(['scope']);
    expect(paths({ name: 'n', scope: 'read', expiresAt: 'tomorrow' })).toEqual(['expiresAt']);
    expect(paths({ name: 'n', scope: 'read', expiresAt: '2027-03-01' })).toEqual(['expiresAt']);
    expect(paths({ name: 'n', scope: 'read', expiresAt: 1800000000000 })).toEqual(['expiresAt']);
    expect(paths({ name: 'n', scope: 'read', prefix: 'pb_mine' })).toEqual(['']);
  });
});
