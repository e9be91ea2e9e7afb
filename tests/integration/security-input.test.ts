// Matrix items 9 (monitor URLs: http and https only, no credentials; oversized and malformed
// input refused fast, writing nothing) and 11 (server-owned fields are never applied).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api } from '../support/api';
import { answerToUpload, count, dbRow, raw, uniqueEmail, type RawResponse } from './security-support';

let app: AppServer;
let api: Api;
let userId: string;
let existing: { id: string; url: string };

beforeAll(async () => {
  app = await startApp();
  api = new Api(app.url);
  userId = (await api.signup(uniqueEmail('input'))).id;
  const m = (await api.post('/api/monitors', { name: 'Existing', url: 'https://example.com/health', active: false })).body.monitor;
  existing = { id: m.id, url: m.url };
});
afterAll(async () => {
  await app?.dispose();
});

const monitorRows = () => count(app, 'SELECT COUNT(*) AS n FROM "Monitor"');
const storedExisting = async () => (await dbRow(app, 'SELECT * FROM "Monitor" WHERE id = ?', existing.id))!;

function post(path: string, body: string | Uint8Array | ReadableStream, headers: Record<string, string> = {}): Promise<RawResponse> {
  return raw(app.url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json', ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit & { headers: Record<string, string> });
}

/**
 * Best of five, after a warm-up: a slow path is slow every time, a busy machine is not (a busy
 * 2-core machine, with the PostgreSQL run beside this one, once held the best of three at 103 ms).
 */
async function fastest(fn: () => Promise<RawResponse>): Promise<{ ms: number; res: RawResponse }> {
  await fn();
  let best = { ms: Infinity, res: null as unknown as RawResponse };
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const res = await fn();
    const ms = performance.now() - started;
    if (ms < best.ms) best = { ms, res };
  }
  return best;
}

describe('9. monitor URLs', () => {
  const refused = [
    'file:///etc/passwd',
    'file://localhost/etc/passwd',
    'data:text/plain,hello',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    '  javascript:alert(1)',
    'gopher://127.0.0.1:6379/_FLUSHALL',
    'ftp://example.com/file.txt',
    'ws://example.com/socket',
    'mailto:someone@example.com',
    'http://user:pass@example.com/',
    'https://user@example.com/',
    'https://:secret@example.com/',
    'https://user%40x:p%3Ass@example.com/',
    'example.com',
    '//example.com/path',
    'http://',
  ];

  it.each(refused)('refuses %j with 400 on create and on update, writing nothing', async (url) => {
    const before = await monitorRows();
    const created = await api.post('/api/monitors', { name: 'Bad scheme', url });
    expect(created.status).toBe(400);
    expect(created.body.error.code).toBe('validation_failed');
    expect(created.body.error.issues.some((i: { path: string[] }) => i.path.includes('url'))).toBe(true);
    for (const method of ['PATCH', 'PUT']) {
      const updated = await api.request(method, `/api/monitors/${existing.id}`, { url });
      expect(updated.status, method).toBe(400);
    }
    expect(await monitorRows()).toBe(before);
    expect((await storedExisting()).url).toBe(existing.url);
  });

  it('accepts http and https (the control for the refusals above)', async () => {
    for (const url of ['http://example.com/', 'https://example.com/path?q=1']) {
      const res = await api.post('/api/monitors', { name: 'Fine', url, active: false });
      expect(res.status, url).toBe(201);
      await api.delete(`/api/monitors/${res.body.monitor.id}`);
    }
  });

  it('answers a 100,000-character URL, a 1 MiB name, a 10 MB body and malformed JSON with 400/413 in under 100 ms, writing nothing', async () => {
    const before = await monitorRows();
    const tenMb = new Uint8Array(10 * 1024 * 1024).fill(0x61);
    const json = { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' };
    const cases: Array<[string, () => Promise<RawResponse>]> = [
      ['100,000-character URL', () => post('/api/monitors', JSON.stringify({ name: 'Long URL', url: `https://example.com/${'a'.repeat(100_000)}` }))],
      ['1 MiB name', () => post('/api/monitors', JSON.stringify({ name: 'n'.repeat(1024 * 1024), url: 'https://example.com' }))],
      ['malformed JSON', () => post('/api/monitors', '{"name": "Broken", "url": "https://example.com",')],
      ['a JSON array', () => post('/api/monitors', '[{"name":"x","url":"https://example.com"}]')],
      ['JSON null', () => post('/api/monitors', 'null')],
      ['an empty body', () => post('/api/monitors', '')],
    ];
    for (const [what, send] of cases) {
      const { ms, res } = await fastest(send);
      expect([400, 413], what).toContain(res.status);
      expect(res.json?.error?.code, what).toMatch(/^(invalid_json|payload_too_large|validation_failed)$/);
      expect(ms, `${what} took ${ms.toFixed(0)} ms`).toBeLessThan(100);
    }

    // 10 MB uploads: the answer is timed over a plain socket, from the request's first byte to
    // the answer's last, while the upload is still going (a fetch resolves only once it has sent
    // everything, which on a busy machine takes 100 ms by itself). A server that read the body
    // before answering would be as slow as the upload. A fetch of each then shows that a real
    // client gets the same answer.
    const uploads: Array<[string, string, string, Record<string, string>, boolean]> = [
      ['10 MB body', 'POST', '/api/monitors', json, false],
      ['10 MB body without Content-Length', 'POST', '/api/monitors', json, true],
      ['10 MB body on PATCH', 'PATCH', `/api/monitors/${existing.id}`, json, false],
      ['10 MB body on login', 'POST', '/api/auth/login', { 'content-type': 'application/json' }, false],
    ];
    for (const [what, method, path, headers, chunked] of uploads) {
      const send = () => answerToUpload(app.url + path, { method, headers, size: tenMb.byteLength, chunked });
      await send();
      let best = Infinity;
      for (let i = 0; i < 5; i++) {
        const answer = await send();
        expect([400, 413], what).toContain(answer.status);
        expect(answer.json?.error?.code, what).toBe('payload_too_large');
        best = Math.min(best, answer.ms);
      }
      expect(best, `${what} answered in ${best.toFixed(0)} ms`).toBeLessThan(100);
      const res = await raw(app.url + path, { method, headers, body: tenMb });
      expect([400, 413], `${what} by fetch`).toContain(res.status);
      expect(res.json?.error?.code, `${what} by fetch`).toBe('payload_too_large');
    }
    expect(await monitorRows()).toBe(before);
    expect((await storedExisting()).name).toBe('Existing');
    // The server is still healthy after all that.
    expect((await api.get('/api/monitors')).status).toBe(200);
  });
});

describe('11. fields a client must not set', () => {
  const serverOwned: Record<string, unknown> = {
    id: 'chosen-id',
    userId: 'someone-else',
    status: 'UP',
    createdAt: '2000-01-01T00:00:00.000Z',
    updatedAt: '2000-01-01T00:00:00.000Z',
    statusChangedAt: '2000-01-01T00:00:00.000Z',
    lastCheckedAt: '2000-01-01T00:00:00.000Z',
    lastStatusCode: 200,
    lastError: 'planted error',
    lastLatencyMs: 1,
    lastCause: 'timeout',
    heartbeatToken: 'chosen-token',
    heartbeatUrl: 'https://evil.example/hb',
    certExpiresAt: '2100-01-01T00:00:00.000Z',
    lastHeartbeatAt: '2100-01-01T00:00:00.000Z',
    uptime24h: 100,
    tokenVersion: 0,
  };

  /** The stored form of a value the client tried to plant: timestamps are stored as epoch milliseconds. */
  const asStored = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? new Date(v).getTime() : v);
  const row = (id: string) => dbRow(app, 'SELECT * FROM "Monitor" WHERE id = ?', id);

  it.each(Object.entries(serverOwned))('refuses or ignores %s on create, PATCH and PUT, never applies it', async (field, value) => {
    const before = await monitorRows();
    const created = await api.post('/api/monitors', { name: 'Mass assignment', url: 'https://example.com', active: false, [field]: value });
    if (created.status === 201) {
      // Ignored is allowed too: then neither the response nor the stored row carries the value.
      const id = created.body.monitor.id as string;
      expect(id).not.toBe(value);
      const stored = (await row(id))!;
      expect(stored, 'a created monitor must be stored').toBeDefined();
      if (field in stored) expect(stored[field]).not.toEqual(asStored(value));
      if (field in created.body.monitor) expect(created.body.monitor[field]).not.toEqual(value);
      expect(stored.userId).toBe(userId);
      await api.delete(`/api/monitors/${id}`);
    } else {
      expect(created.status).toBe(400);
      expect(JSON.stringify(created.body.error.issues)).toContain(field);
    }
    expect(await monitorRows()).toBe(before);

    const snapshot = await storedExisting();
    for (const method of ['PATCH', 'PUT']) {
      const res = await api.request(method, `/api/monitors/${existing.id}`, { [field]: value });
      expect([200, 400], method).toContain(res.status);
      if (res.status === 200 && field in res.body.monitor) expect(res.body.monitor[field], method).not.toEqual(value);
    }
    const after = await storedExisting();
    if (field !== 'updatedAt') {
      delete after.updatedAt;
      delete snapshot.updatedAt;
    } else {
      expect(after.updatedAt).not.toEqual(asStored(value));
    }
    expect(after).toEqual(snapshot);
  });

  it('cannot move a monitor to another user or plant a prototype', async () => {
    const other = new Api(app.url);
    const otherId = (await other.signup(uniqueEmail('other'))).id;
    const moved = await api.patch(`/api/monitors/${existing.id}`, { userId: otherId });
    expect([200, 400]).toContain(moved.status);
    for (const body of [
      `{"name":"Proto","url":"https://example.com","active":false,"__proto__":{"userId":"${otherId}","status":"UP"}}`,
      '{"name":"Ctor","url":"https://example.com","active":false,"constructor":{"prototype":{"status":"UP"}}}',
    ]) {
      const res = await post('/api/monitors', body);
      expect([201, 400], body).toContain(res.status);
      if (res.status === 201) {
        expect(await row(res.json.monitor.id)).toMatchObject({ userId, status: 'PENDING' });
        await api.delete(`/api/monitors/${res.json.monitor.id}`);
      }
    }
    expect(await dbRow(app, 'SELECT "userId" FROM "Monitor" WHERE id = ?', existing.id)).toEqual({ userId });
    expect((await other.get('/api/monitors')).body.monitors).toEqual([]);
    // Nothing in the process picked up a polluted prototype either.
    expect((await api.get(`/api/monitors/${existing.id}`)).body.monitor.status).toBe('PENDING');
    expect(({} as Record<string, unknown>).status).toBeUndefined();
  });

  it('refuses or ignores extra fields at signup (id, tokenVersion, passwordHash)', async () => {
    for (const extra of [{ id: 'chosen' }, { tokenVersion: -1 }, { passwordHash: '$2b$10$abcdefghijklmnopqrstuuH9e1c7m3zjXb7WQy1t0c5v5Q7r3y8uW' }, { admin: true }]) {
      const email = uniqueEmail('extra');
      const res = await new Api(app.url).post('/api/auth/signup', { email, password: 'extra-password-1', ...extra });
      expect([201, 400], JSON.stringify(extra)).toContain(res.status);
      if (res.status === 400) {
        expect(await count(app, 'SELECT COUNT(*) AS n FROM "User" WHERE email = ?', email)).toBe(0);
      } else {
        const user = (await dbRow(app, 'SELECT id, "tokenVersion", "passwordHash" FROM "User" WHERE email = ?', email))!;
        expect(user.id).not.toBe('chosen');
        expect(user.tokenVersion).toBe(0);
        expect(user.passwordHash).not.toBe((extra as { passwordHash?: string }).passwordHash);
      }
    }
  });

  it('returns no server-internal or secret columns in monitor responses', async () => {
    const hb = await api.post('/api/monitors', { name: 'Heartbeat', type: 'heartbeat', intervalSeconds: 60 });
    expect(hb.status).toBe(201);
    const m = hb.body.monitor;
    for (const key of ['userId', 'heartbeatToken', 'headersJson', 'passwordHash', 'user']) expect(m).not.toHaveProperty(key);
    expect(m.heartbeatUrl).toMatch(/\/api\/heartbeat\/[A-Za-z0-9_-]{20,}$/);
    await api.delete(`/api/monitors/${m.id}`);
  });
});
