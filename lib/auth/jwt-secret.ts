import 'server-only';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getEnv } from '@/lib/env';
import { getOrCreateSetting } from '@/lib/data/settings';

// The HS256 key that signs and verifies every session token. JWT_SECRET when set (checked for
// strength); otherwise one random 256-bit secret generated once and kept where every process
// that serves this install finds it: in DATA_DIR/jwt-secret on SQLite (one process, one
// directory), in the database on PostgreSQL (several instances, one database), so a token
// signed by one instance is valid on all. Start-up awaits loadJwtKey() after the migrations;
// getJwtKey() then answers synchronously from the cached key.

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

/** The Setting row that holds the generated secret on PostgreSQL. */
const SETTING_KEY = 'jwt-secret';

const newSecret = () => randomBytes(32).toString('hex');

function cache(secret: string): Uint8Array {
  globalForSecret.__pingboardJwtKey = new TextEncoder().encode(secret);
  return globalForSecret.__pingboardJwtKey;
}

/** JWT_SECRET, refused when weak; undefined when unset. */
function configuredSecret(): string | undefined {
  const secret = getEnv().JWT_SECRET;
  if (secret === undefined || secret === '') return undefined;
  assertStrongSecret(secret);
  return secret;
}

/** SQLite's generated secret: read from the data directory, or made and written there once. */
function fileSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const secret = newSecret();
    // 'wx' so two processes starting at once cannot overwrite each other's secret.
    try {
      fs.writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      return fs.readFileSync(file, 'utf8').trim();
    }
  }
}

/** PostgreSQL's generated secret: the first instance to start stores it, every other one reads that. */
async function databaseSecret(): Promise<string> {
  const secret = await getOrCreateSetting(SETTING_KEY, newSecret);
  if (Buffer.byteLength(secret, 'utf8') < 32) {
    throw new InsecureSecretError(`The JWT secret stored in the database (Setting "${SETTING_KEY}") is shorter than 32 bytes; delete that row to have a new one generated, or set JWT_SECRET.`);
  }
  return secret;
}

/**
 * Loads the key once, at start-up after the migrations (the database must hold the Setting
 * table): JWT_SECRET when set, else the generated secret of this install. Cached for the process.
 */
export async function loadJwtKey(): Promise<Uint8Array> {
  if (globalForSecret.__pingboardJwtKey) return globalForSecret.__pingboardJwtKey;
  const env = getEnv();
  const secret = configuredSecret() ?? (env.databaseEngine === 'postgresql' ? await databaseSecret() : fileSecret(env.dataDir));
  return cache(secret);
}

/**
 * The loaded key. JWT_SECRET and SQLite's file need no loading, so scripts may call this
 * without loadJwtKey(); PostgreSQL's generated secret must have been loaded first.
 */
export function getJwtKey(): Uint8Array {
  if (globalForSecret.__pingboardJwtKey) return globalForSecret.__pingboardJwtKey;
  const env = getEnv();
  const secret = configuredSecret();
  if (secret !== undefined) return cache(secret);
  if (env.databaseEngine === 'postgresql') {
    throw new Error('The JWT secret is not loaded: on PostgreSQL it is kept in the database, so start-up must await loadJwtKey() after the migrations.');
  }
  return cache(fileSecret(env.dataDir));
}
