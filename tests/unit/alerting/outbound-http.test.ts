import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOutboundHttp, MAX_RESPONSE_BYTES } from '@/lib/alerting/outbound-http';
import { deliveryFailure, tableLookup } from '@/tests/support/channel-fixtures';
import { startFakeProviders, type FakeProviders } from '@/tests/support/fake-providers';

// The providers' HTTP client against a loopback fake: the outbound policy on every hop, the
// temporary/permanent split, Retry-After, one deadline, a capped body, and error messages
// that never show a path, a token or a resolved address.

let fake: FakeProviders;
let port: string;
const open = () => createOutboundHttp({ policy: { blockPrivateTargets: false }, timeoutMs: 2_000, lookup: tableLookup({ 'hooks.test': '127.0.0.1', localhost: '127.0.0.1' }) });

beforeAll(async () => {
  fake = await startFakeProviders();
  port = new URL(fake.url).port;
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('outbound HTTP: success', () => {
  it('posts the body with its headers and returns status, headers and body', async () => {
    fake.on('/hook', { status: 202, body: 'accepted', headers: { 'x-answer': 'yes' } });
    const res = await open()({ url: `${fake.url}/hook?x=1`, headers: { 'Content-Type': 'application/json', 'X-Test': 'a' }, body: '{"a":1}' });
    expect(res).toMatchObject({ status: 202, body: 'accepted' });
    expect(res.headers['x-answer']).toBe('yes');
    const [req] = fake.requests;
    expect(req).toMatchObject({ method: 'POST', path: '/hook', query: { x: '1' }, raw: '{"a":1}', json: { a: 1 } });
    expect(req.headers['x-test']).toBe('a');
    expect(req.headers['content-length']).toBe('7');
  });

  it('resolves names through the given lookup', async () => {
    await open()({ url: `http://hooks.test:${port}/named`, body: '{}' });
    expect(fake.requests.map((r) => r.path)).toEqual(['/named']);
  });

  it('keeps at most 64 KiB of a response body', async () => {
    fake.on('/big', { body: 'x'.repeat(MAX_RESPONSE_BYTES * 3) });
    const res = await open()({ url: `${fake.url}/big`, body: '{}' });
    expect(res.body.length).toBe(MAX_RESPONSE_BYTES);
  });
});

describe('outbound HTTP: the outbound policy', () => {
  it('refuses a loopback literal when private targets are blocked, before connecting', async () => {
    const http = createOutboundHttp({ policy: { blockPrivateTargets: true }, lookup: tableLookup({}) });
    const err = await deliveryFailure(http({ url: `${fake.url}/blocked`, body: '{}' }));
    expect(err).toMatchObject({ permanent: true, message: 'Refused: loopback address' });
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a name that resolves to a private address at connect time, without naming the address', async () => {
    const http = createOutboundHttp({ policy: { blockPrivateTargets: true }, lookup: tableLookup({ 'sneaky.test': '127.0.0.1' }) });
    const err = await deliveryFailure(http({ url: `http://sneaky.test:${port}/x`, body: '{}' }));
    expect(err).toMatchObject({ permanent: true, message: 'Refused: loopback address' });
    expect(err.message).not.toContain('127.0.0.1');
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses the metadata address whatever the policy, trusted requests included, without any connection', async () => {
    // tableLookup has no entry: if the client tried DNS or a socket for the literal, this would fail differently.
    const http = createOutboundHttp({ policy: { blockPrivateTargets: false }, lookup: tableLookup({}) });
    for (const trusted of [false, true]) {
      const err = await deliveryFailure(http({ url: 'http://169.254.169.254/latest/meta-data/', body: '{}', trusted }));
      expect(err).toMatchObject({ permanent: true, message: 'Refused: cloud metadata address' });
    }
    const viaName = createOutboundHttp({ policy: { blockPrivateTargets: false }, lookup: tableLookup({ 'meta.test': '169.254.169.254' }) });
    const err = await deliveryFailure(viaName({ url: 'http://meta.test/', body: '{}' }));
    expect(err.message).toBe('Refused: cloud metadata address');
  });

  it('lets trusted (operator-configured) requests reach private addresses', async () => {
    const http = createOutboundHttp({ policy: { blockPrivateTargets: true }, lookup: tableLookup({}) });
    await http({ url: `${fake.url}/operator`, body: '{}', trusted: true });
    expect(fake.requests.map((r) => r.path)).toEqual(['/operator']);
  });

  it('refuses URLs that are not http(s)', async () => {
    const err = await deliveryFailure(open()({ url: 'file:///etc/passwd' }));
    expect(err.permanent).toBe(true);
  });
});

describe('outbound HTTP: redirects', () => {
  it('follows a 307 with the same method and body', async () => {
    fake.on('/old', { status: 307, headers: { location: '/new' } });
    const res = await open()({ url: `${fake.url}/old`, body: '{"n":1}', headers: { Authorization: 'Bearer t' } });
    expect(res.status).toBe(200);
    expect(fake.requests.map((r) => [r.method, r.path, r.raw])).toEqual([
      ['POST', '/old', '{"n":1}'],
      ['POST', '/new', '{"n":1}'],
    ]);
    expect(fake.requests[1].headers.authorization).toBe('Bearer t');
  });

  it('re-checks each hop: a 308 to a refused address stops there', async () => {
    const http = createOutboundHttp({ policy: { blockPrivateTargets: true, allowedAddresses: ['127.0.0.1'] }, lookup: tableLookup({}) });
    fake.on('/hop', { status: 308, headers: { location: `http://127.0.0.2:${port}/inside` } });
    const err = await deliveryFailure(http({ url: `${fake.url}/hop`, body: '{}' }));
    expect(err).toMatchObject({ permanent: true, message: 'Refused: loopback address' });
    fake.on('/meta', { status: 307, headers: { location: 'http://169.254.169.254/' } });
    expect((await deliveryFailure(http({ url: `${fake.url}/meta`, body: '{}' }))).message).toBe('Refused: cloud metadata address');
    expect(fake.requests.map((r) => r.path)).toEqual(['/hop', '/meta']);
  });

  it('sends only harmless headers to another origin', async () => {
    fake.on('/away', { status: 307, headers: { location: `http://localhost:${port}/there` } });
    await open()({ url: `${fake.url}/away`, body: '{}', headers: { Authorization: 'Bearer t', 'X-Gotify-Key': 'k', 'X-Pingboard-Event-Id': 'e1' } });
    const second = fake.requests[1];
    expect(second.path).toBe('/there');
    expect(second.headers.authorization).toBeUndefined();
    expect(second.headers['x-gotify-key']).toBeUndefined();
    expect(second.headers['x-pingboard-event-id']).toBe('e1');
  });

  it('stops after three redirects, and refuses a 302 that would drop the body', async () => {
    fake.on('/loop', { status: 307, headers: { location: '/loop' } });
    const err = await deliveryFailure(open()({ url: `${fake.url}/loop`, body: '{}' }));
    expect(err).toMatchObject({ permanent: true });
    expect(err.message).toMatch(/Too many redirects/);
    expect(fake.requests).toHaveLength(4);
    fake.on('/moved', { status: 302, headers: { location: '/elsewhere' } });
    const moved = await deliveryFailure(open()({ url: `${fake.url}/moved`, body: '{}' }));
    expect(moved).toMatchObject({ permanent: true, providerStatus: 302 });
    expect(moved.message).toContain('HTTP 302');
  });
});

describe('outbound HTTP: failures', () => {
  it('treats 5xx, 408 and 429 as temporary and other 4xx as permanent', async () => {
    const cases: Array<[number, boolean]> = [
      [500, false],
      [502, false],
      [408, false],
      [429, false],
      [400, true],
      [401, true],
      [403, true],
      [404, true],
      [410, true],
    ];
    for (const [status, permanent] of cases) {
      fake.on(`/s${status}`, { status });
      const err = await deliveryFailure(open()({ url: `${fake.url}/s${status}`, body: '{}' }));
      expect({ status, permanent: err.permanent, providerStatus: err.providerStatus }).toEqual({ status, permanent, providerStatus: status });
    }
  });

  it('honours Retry-After on 429 and 503 (seconds, HTTP date, or Telegram’s retry_after)', async () => {
    fake.on('/slow-down', { status: 429, headers: { 'retry-after': '7' } });
    expect((await deliveryFailure(open()({ url: `${fake.url}/slow-down`, body: '{}' }))).retryAfterMs).toBe(7_000);
    fake.on('/busy', { status: 503, headers: { 'retry-after': new Date(Date.now() + 60_000).toUTCString() } });
    const busy = (await deliveryFailure(open()({ url: `${fake.url}/busy`, body: '{}' }))).retryAfterMs!;
    expect(busy).toBeGreaterThan(55_000);
    expect(busy).toBeLessThanOrEqual(60_000);
    fake.on('/tg', { status: 429, body: '{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5","parameters":{"retry_after":5}}' });
    const tg = await deliveryFailure(open()({ url: `${fake.url}/tg`, body: '{}' }));
    expect(tg.retryAfterMs).toBe(5_000);
    expect(tg.message).toContain('Too Many Requests');
  });

  it('times out within the deadline as a temporary failure', async () => {
    fake.on('/hang', { hang: true });
    const http = createOutboundHttp({ policy: { blockPrivateTargets: false }, timeoutMs: 300, lookup: tableLookup({}) });
    const started = Date.now();
    const err = await deliveryFailure(http({ url: `${fake.url}/hang`, body: '{}' }));
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(err).toMatchObject({ permanent: false, message: `Timed out after 300 ms waiting for ${fake.url}` });
  });

  it('one deadline covers every hop', async () => {
    fake.on('/a', { status: 307, delayMs: 200, headers: { location: '/b' } });
    fake.on('/b', { delayMs: 200 });
    const http = createOutboundHttp({ policy: { blockPrivateTargets: false }, timeoutMs: 300, lookup: tableLookup({}) });
    expect((await deliveryFailure(http({ url: `${fake.url}/a`, body: '{}' }))).message).toMatch(/Timed out after 300 ms/);
  });

  it('reports refused connections and unknown names as temporary', async () => {
    const closed = await startFakeProviders();
    const url = closed.url;
    await closed.close();
    expect(await deliveryFailure(open()({ url: `${url}/x`, body: '{}' }))).toMatchObject({ permanent: false, message: `Connection refused by ${url}` });
    expect(await deliveryFailure(open()({ url: 'https://nowhere.invalid/hook', body: '{}' }))).toMatchObject({
      permanent: false,
      message: 'Could not resolve nowhere.invalid',
    });
  });

  it('never shows the path, the query or a declared secret, even when the server echoes them', async () => {
    const token = '123456789:AAE-secret-token-value-0123456789';
    fake.on('/bot', { status: 401, body: JSON.stringify({ ok: false, description: `Unauthorized: bad token ${token} for /bot${token}/sendMessage?key=abc` }) });
    const err = await deliveryFailure(open()({ url: `${fake.url}/bot${token}/sendMessage?key=abcdef`, body: '{}', secrets: [token] }));
    expect(err.permanent).toBe(true);
    expect(err.message).toContain(fake.url);
    expect(err.message).not.toContain(token);
    expect(err.message).not.toContain('sendMessage');
    expect(err.message.length).toBeLessThanOrEqual(300);
  });
});
