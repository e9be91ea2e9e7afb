import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '@/lib/alerting/channel-types';
import { webhookProvider, webhookSettingsSchema } from '@/lib/alerting/providers/webhook';
import { renderTemplate, TEMPLATE_PLACEHOLDERS } from '@/lib/alerting/providers/webhook-template';
import { templateValues } from '@/lib/alerting/providers/webhook-payload';
import { CERT, DOWN, TEST, UP, fakeContext } from '@/tests/support/channel-fixtures';
import { startFakeProviders, type FakeProviders } from '@/tests/support/fake-providers';

// The generic webhook: payload v1, the event id headers, the HMAC signature as a receiver
// verifies it, extra headers, body templates (escaping, validation), and the outbound policy.

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const SECRET = 'whsec_0123456789abcdef';
const ctx = () => fakeContext(fake.url);
const parse = (raw: unknown) => webhookSettingsSchema.parse(raw);

/** What the docs tell a receiver to do. */
function verify(rawBody: string, header: string | undefined, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('webhook payload and headers', () => {
  it('posts payload v1 with the event id headers and a signature a receiver can verify', async () => {
    await webhookProvider.send(parse({ url: `${fake.url}/hooks/pingboard`, secret: SECRET }), DOWN, ctx());
    const [req] = fake.requests;
    expect(req).toMatchObject({ method: 'POST', path: '/hooks/pingboard' });
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(req.headers['user-agent']).toBe('Pingboard');
    expect(req.headers['x-pingboard-event-id']).toBe(DOWN.eventId);
    expect(req.headers['idempotency-key']).toBe(DOWN.eventId);
    expect(verify(req.raw, req.headers['x-pingboard-signature'] as string, SECRET)).toBe(true);
    expect(verify(req.raw, req.headers['x-pingboard-signature'] as string, 'another-secret-value')).toBe(false);
    expect(req.json).toEqual({
      version: 1,
      eventId: DOWN.eventId,
      kind: 'DOWN',
      time: '2025-03-04T05:06:07.000Z',
      monitor: { id: 'mon_1', name: 'Checkout "API"', target: 'https://shop.example/health', link: 'https://pingboard.example/monitors/mon_1' },
      status: 'down',
      cause: 'timeout',
      error: 'Timed out after 10 s',
      downtimeMs: null,
      incidentId: 'inc_1',
      certificateExpiresAt: null,
      message: 'Checkout "API" is down.',
      outageAlertUndelivered: false,
      test: false,
    });
  });

  it('carries UP, certificate and test details', async () => {
    const settings = parse({ url: `${fake.url}/h` });
    for (const event of [UP, CERT, TEST]) await webhookProvider.send(settings, event, ctx());
    const [up, cert, test] = fake.requests.map((r) => r.json);
    expect(up).toMatchObject({ kind: 'UP', status: 'up', downtimeMs: 192_000, outageAlertUndelivered: true, message: 'Checkout "API" is back up. It was down for 3 min 12 s.' });
    expect(cert).toMatchObject({ kind: 'CERT_EXPIRING', status: null, certificateExpiresAt: CERT.certExpiresAt!.toISOString() });
    expect(test).toMatchObject({ test: true, eventId: TEST.eventId });
    expect(fake.requests[0].headers['x-pingboard-signature']).toBeUndefined();
  });

  it('adds the channel’s extra headers, given as an object or a list', async () => {
    const asList = parse({ url: `${fake.url}/h`, headers: [{ name: 'Authorization', value: 'Bearer abc' }, { name: 'X-Team', value: 'ops' }] });
    expect(asList.headers).toEqual({ Authorization: 'Bearer abc', 'X-Team': 'ops' });
    await webhookProvider.send(asList, DOWN, ctx());
    expect(fake.requests[0].headers).toMatchObject({ authorization: 'Bearer abc', 'x-team': 'ops' });
  });

  it('refuses a URL the outbound policy blocks, and the receiver gets nothing', async () => {
    const blocked = fakeContext(fake.url, { policy: { blockPrivateTargets: true } });
    const err = (await webhookProvider.send(parse({ url: `${fake.url}/h` }), DOWN, blocked).catch((e: unknown) => e)) as DeliveryError;
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ permanent: true, message: 'Refused: loopback address' });
    const meta = (await webhookProvider.send(parse({ url: 'http://169.254.169.254/latest' }), DOWN, ctx()).catch((e: unknown) => e)) as DeliveryError;
    expect(meta.message).toBe('Refused: cloud metadata address');
    expect(fake.requests).toHaveLength(0);
  });

  it('never shows the secret or header values in an error', async () => {
    fake.on('/h', { status: 500, body: `{"message":"bad ${SECRET} and Bearer abcdefgh"}` });
    const settings = parse({ url: `${fake.url}/h`, secret: SECRET, headers: { Authorization: 'Bearer abcdefgh' } });
    const err = (await webhookProvider.send(settings, DOWN, ctx()).catch((e: unknown) => e)) as DeliveryError;
    expect(err.permanent).toBe(false);
    expect(err.message).not.toContain(SECRET);
    expect(err.message).not.toContain('abcdefgh');
  });
});

describe('webhook body template', () => {
  const template = '{"text": "{{message}}", "id": "{{eventId}}", "who": "{{monitor.name}}", "ms": {{downtimeMs}}, "why": "{{ error }}"}';

  it('fills placeholders with JSON-escaped values, so quotes and line breaks stay valid JSON', async () => {
    const event = { ...UP, monitor: { ...UP.monitor, name: 'He said "hi"\nthen \\left' }, error: 'line1\r\nline2\t"x"' };
    await webhookProvider.send(parse({ url: `${fake.url}/t`, template, secret: SECRET }), event, ctx());
    const [req] = fake.requests;
    expect(req.json).toEqual({
      text: 'He said "hi" then \\left is back up. It was down for 3 min 12 s. Timeout — line1 line2 "x"',
      id: UP.eventId,
      who: 'He said "hi"\nthen \\left',
      ms: 192_000,
      why: 'line1\r\nline2\t"x"',
    });
    expect(verify(req.raw, req.headers['x-pingboard-signature'] as string, SECRET)).toBe(true);
    expect(req.headers['x-pingboard-event-id']).toBe(UP.eventId);
  });

  it('writes a missing downtime as null and missing strings as empty', () => {
    const out = renderTemplate(template, templateValues(DOWN));
    expect(JSON.parse(out)).toMatchObject({ ms: null, why: 'Timed out after 10 s' });
    expect(JSON.parse(renderTemplate('{"c":"{{incidentId}}"}', templateValues(CERT)))).toEqual({ c: '' });
  });

  it('offers every documented placeholder', () => {
    expect(TEMPLATE_PLACEHOLDERS).toEqual(
      expect.arrayContaining(['eventId', 'kind', 'time', 'monitor.id', 'monitor.name', 'monitor.target', 'monitor.link', 'status', 'cause', 'error', 'downtimeMs', 'downtime', 'incidentId', 'message']),
    );
  });

  it('refuses an unknown placeholder, naming it, on the template field', () => {
    const result = webhookSettingsSchema.safeParse({ url: 'https://example.com/h', template: '{"a":"{{monitor.secret}}","b":"{{env.HOME}}"}' });
    expect(result.success).toBe(false);
    const issues = result.error!.issues;
    expect(issues.map((i) => i.path)).toEqual([['template'], ['template']]);
    expect(issues[0].message).toMatch(/^Unknown placeholder \{\{monitor\.secret\}\}/);
    expect(issues[1].message).toMatch(/^Unknown placeholder \{\{env\.HOME\}\}/);
  });

  it('refuses a template that does not give valid JSON', () => {
    for (const bad of ['{"a": {{monitor.name}}}', '{"a": "x"', 'not json', '{"a": "{{error}}" "b": 1}']) {
      const result = webhookSettingsSchema.safeParse({ url: 'https://example.com/h', template: bad });
      expect(result.success, bad).toBe(false);
      expect(result.error!.issues[0]).toMatchObject({ path: ['template'] });
      expect(result.error!.issues[0].message).toMatch(/valid JSON/);
    }
  });
});
