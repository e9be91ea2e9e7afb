// Matrix item 3 (a weak JWT_SECRET stops the server at start with a clear message; the
// generated default is kept as it is) and the start-up half of item 8 (bcrypt cost >= 10).
// The refused starts run concurrently: each is a whole server process that exits at once.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api } from '../support/api';
import { queryRow } from '../support/app-db';
import { randomSecret } from './security-support';
import { assertStrongSecret } from '@/lib/auth/jwt-secret';

const started: AppServer[] = [];
afterAll(async () => {
  for (const a of started) await a.dispose();
});

/** Starts the server expecting it to refuse; resolves to its output. */
async function refusedStart(env: Record<string, string>): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingboard-test-'));
  try {
    started.push(await startApp({ env, dataDir }));
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    return (err as Error).message;
  }
  throw new Error(`the server started with ${JSON.stringify(env)}`);
}

describe('3. JWT_SECRET strength is enforced at start', () => {
  const tooShort = ['short', 'x'.repeat(31), '0123456789abcdef0123456789abcde', 'é'.repeat(15)];
  const placeholders = [
    'changeme',
    'secret',
    'your-256-bit-secret',
    'changeme-changeme-changeme-changeme',
    'a'.repeat(64),
    '0'.repeat(32),
    'secret'.repeat(6),
    'your-secret-key-that-is-at-least-32-chars',
    'super-secret-jwt-token-with-at-least-32-characters-long',
    'please-replace-me-with-a-real-secret-value',
    'placeholder-placeholder-placeholder',
  ];

  // The rule itself, over many values, without a process each.
  it('the secret check refuses every short or placeholder value and accepts random ones', () => {
    for (const secret of tooShort) expect(() => assertStrongSecret(secret), secret).toThrow(/at least 32 bytes/);
    for (const secret of placeholders) expect(() => assertStrongSecret(secret), secret).toThrow(/JWT_SECRET (must be at least 32 bytes|is a known placeholder)/);
    for (let i = 0; i < 50; i++) {
      expect(() => assertStrongSecret(randomSecret())).not.toThrow();
      expect(() => assertStrongSecret(randomBytes(32).toString('base64'))).not.toThrow();
    }
  });

  // And the wiring: the real server exits non-zero with the message before it serves anything.
  it.concurrent.each([
    ['of 31 bytes', 'x'.repeat(31), /JWT_SECRET must be at least 32 bytes/],
    ['that is a known placeholder', 'changeme-changeme-changeme-changeme', /JWT_SECRET is a known placeholder/],
    ['that is one word repeated', 'secret'.repeat(6), /JWT_SECRET is a known placeholder/],
  ])('refuses to start with a secret %s and says why', async (_what, secret, message) => {
    const output = await refusedStart({ JWT_SECRET: secret });
    expect(output).toMatch(/exited with [1-9]/);
    expect(output).toMatch(/Pingboard cannot start/);
    expect(output).toMatch(message);
    expect(output).toMatch(/openssl rand -hex 32/);
    // The message does not echo the secret it refused.
    expect(output).not.toContain(secret);
  });

  // Kept in DATA_DIR/jwt-secret on SQLite, in the database (the Setting table) on PostgreSQL,
  // where every instance of the install must find the same one.
  async function storedSecret(app: AppServer): Promise<string | undefined> {
    if (app.engine === 'postgresql') return (await queryRow<{ value: string }>(app, `SELECT value FROM "Setting" WHERE key = 'jwt-secret'`))?.value;
    const file = path.join(app.dataDir, 'jwt-secret');
    expect(fs.statSync(file).mode & 0o077, 'the secret file is private to the owner').toBe(0);
    return fs.readFileSync(file, 'utf8').trim();
  }

  it('without JWT_SECRET generates one random 256-bit secret once, private to the owner, and keeps it across restarts', async () => {
    const first = await startApp({ env: { JWT_SECRET: '' } });
    started.push(first);
    const secret = await storedSecret(first);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const api = new Api(first.url);
    await api.signup();
    await first.stop();

    const second = await startApp({ env: { JWT_SECRET: '' }, dataDir: first.dataDir });
    started.push(second);
    expect(await storedSecret(second)).toBe(secret);
    expect((await new Api(second.url, api.token).get('/api/auth/me')).status).toBe(200);
  });
});

describe('8. bcrypt cost', () => {
  it.concurrent.each(['9'])('refuses to start with BCRYPT_COST=%s', async (cost) => {
    const output = await refusedStart({ BCRYPT_COST: cost });
    expect(output).toMatch(/exited with [1-9]/);
    expect(output).toMatch(/BCRYPT_COST/);
  });
});
