import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getEnv } from '@/lib/env';

// Values people paste from tutorials; a secret anyone can guess signs anyone's token.
const PLACEHOLDERS = new Set([
  'secret',
  'changeme',
  'change-me',
  'changethis',
  'your-secret',
  'your_secret',
  'your-secret-key',
  'your_jwt_secret',
  'jwt_secret',
  'jwt-secret',
  'supersecret',
  'mysecret',
  'please-change-me',
  'replace-me',
  'development',
  'test',
]);

export class InsecureSecretError extends Error {}

/** Refuses short or well-known secrets; the message says how to fix it. */
export function assertStrongSecret(secret: string): void {
  const normalized = secret.trim().toLowerCase();
  const looksPlaceholder =
    PLACEHOLDERS.has(normalized) ||
    // One short unit repeated ("aaaa...", "secretsecret...", "abc123abc123...") is padding, not randomness.
    /^(.{1,16}?)\1+$/s.test(normalized) ||
    /change.?(me|this|it)|replace.?(me|this)|your.?(super.?)?secret|super.?secret|placeholder|example|insecure|do.?not.?use|at.?least.?32/.test(normalized);
  if (Buffer.byteLength(secret, 'utf8') < 32) {
    throw new InsecureSecretError(
      'JWT_SECRET must be at least 32 bytes. Unset it to let Pingboard generate one, or use `openssl rand -hex 32`.',
    );
  }
  if (looksPlaceholder) {
    throw new InsecureSecretError('JWT_SECRET is a known placeholder value. Unset it or set a random value (`openssl rand -hex 32`).');
  }
}

const globalForSecret = globalThis as unknown as { __pingboardJwtKey?: Uint8Array };

/** The HS256 key: JWT_SECRET when set, else a random 256-bit secret generated once and kept in the data directory. */
export function getJwtKey(): Uint8Array {
  if (globalForSecret.__pingboardJwtKey) return globalForSecret.__pingboardJwtKey;
  const env = getEnv();
  let secret = env.JWT_SECRET;
  if (secret !== undefined && secret !== '') {
    assertStrongSecret(secret);
  } else {
    const file = path.join(env.dataDir, 'jwt-secret');
    fs.mkdirSync(env.dataDir, { recursive: true });
    try {
      secret = fs.readFileSync(file, 'utf8').trim();
    } catch {
      secret = randomBytes(32).toString('hex');
      // 'wx' so two processes starting at once cannot overwrite each other's secret.
      try {
        fs.writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
      } catch {
        secret = fs.readFileSync(file, 'utf8').trim();
      }
    }
  }
  globalForSecret.__pingboardJwtKey = new TextEncoder().encode(secret);
  return globalForSecret.__pingboardJwtKey;
}
