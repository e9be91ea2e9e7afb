import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '@/lib/alerting/channel-types';
import { gotifyProvider } from '@/lib/alerting/providers/gotify';
import { ntfyProvider } from '@/lib/alerting/providers/ntfy';
import { pagerdutyProvider } from '@/lib/alerting/providers/pagerduty';
import { pushoverProvider } from '@/lib/alerting/providers/pushover';
import { telegramProvider } from '@/lib/alerting/providers/telegram';
import { CERT, DOWN, TEST, UP, fakeContext } from '@/tests/support/channel-fixtures';
import { startFakeProviders, type FakeProviders } from '@/tests/support/fake-providers';

// Telegram, ntfy, Pushover, Gotify and PagerDuty request shapes against a loopback fake, with
// the operator base URLs (Telegram, Pushover, PagerDuty) pointed at it through ProviderEnv.

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const ctx = () => fakeContext(fake.url);
const bodies = () => fake.requests.map((r) => r.json);

describe('Telegram', () => {
  const TOKEN = '123456789:AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-bs';
  const settings = () => telegramProvider.settings.parse({ botToken: TOKEN, chatId: -1001234567890 });

  it('posts sendMessage under /bot<token> with HTML text and no link preview', async () => {
    await telegramProvider.send(settings(), DOWN, ctx());
    const [req] = fake.requests;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(`/bot${TOKEN}/sendMessage`);
    expect(req.json).toMatchObject({ chat_id: '-1001234567890', parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
    const lines = req.json.text.split('\n');
    expect(lines[0]).toBe('<b>[DOWN] Checkout &quot;API&quot; (https://shop.example/health)</b>');
    expect(lines).toContain('<b>Reason:</b> Timeout — Timed out after 10 s');
    expect(lines).toContain(`<a href="${DOWN.monitor.link}">View the monitor</a>`);
    expect(lines.at(-1)).toBe(`Event id: <code>${DOWN.eventId}</code>`);
  });

  it('says what UP and test messages are', async () => {
    await telegramProvider.send(settings(), UP, ctx());
    await telegramProvider.send(settings(), { ...TEST, monitor: { ...TEST.monitor, name: '<b>bold</b> & co' } }, ctx());
    const [up, test] = bodies().map((b) => b.text as string);
    expect(up).toContain('<i>The alert that this monitor went down could not be delivered on this channel.</i>');
    expect(up).toContain('It was down for 3 min 12 s.');
    expect(test).toMatch(/^<b>\[TEST\] \[DOWN\] &lt;b&gt;bold&lt;\/b&gt; &amp; co/);
    expect(test).toContain('<i>Test message from Pingboard');
  });

  it('never shows the token when Telegram refuses it', async () => {
    fake.on('/bot', { status: 401, body: `{"ok":false,"error_code":401,"description":"Unauthorized ${TOKEN}"}` });
    const err = (await telegramProvider.send(settings(), DOWN, ctx()).catch((e: unknown) => e)) as DeliveryError;
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err.permanent).toBe(true);
    expect(err.message).not.toContain(TOKEN);
    expect(err.message).not.toContain(TOKEN.split(':')[1]);
    expect(err.message).toContain('HTTP 401');
  });
});

describe('ntfy', () => {
  it('publishes JSON to the server root with a bearer token and a priority by event', async () => {
    const settings = ntfyProvider.settings.parse({ serverUrl: `${fake.url}/`, topic: 'ops-alerts', token: 'tk_abcdefghijklmnopqrstuvwxyz012' });
    for (const event of [DOWN, UP, { ...DOWN, kind: 'REMINDER' as const, eventId: 'r1' }, CERT, TEST]) await ntfyProvider.send(settings, event, ctx());
    const [down] = fake.requests;
    expect(down.path).toBe('/');
    expect(down.headers.authorization).toBe('Bearer tk_abcdefghijklmnopqrstuvwxyz012');
    expect(down.json).toMatchObject({ topic: 'ops-alerts', title: '[DOWN] Checkout "API" (https://shop.example/health)', priority: 5, tags: ['rotating_light'], click: DOWN.monitor.link });
    expect(down.json.message).toContain(`Event id: ${DOWN.eventId}`);
    expect(bodies().map((b) => b.priority)).toEqual([5, 3, 4, 4, 3]);
    expect(bodies()[1].message).toContain('could not be delivered on this channel');
    expect(bodies()[4].title).toMatch(/^\[TEST\] /);
    expect(bodies()[4].tags).toContain('test_tube');
  });

  it('sends no Authorization header without a token, and publishes under a sub-path server', async () => {
    const settings = ntfyProvider.settings.parse({ serverUrl: `${fake.url}/ntfy`, topic: 'alerts', token: '' });
    expect(settings.token).toBeUndefined();
    await ntfyProvider.send(settings, DOWN, ctx());
    expect(fake.requests[0].path).toBe('/ntfy/');
    expect(fake.requests[0].headers.authorization).toBeUndefined();
  });
});

describe('Pushover', () => {
  const settings = () => pushoverProvider.settings.parse({ userKey: 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG', appToken: 'azGDORePK8gMaC0QOYAMyEEuzJnyUi' });

  it('posts /1/messages.json with token, user, title, message, priority and url', async () => {
    await pushoverProvider.send(settings(), DOWN, ctx());
    const [req] = fake.requests;
    expect(req.path).toBe('/1/messages.json');
    expect(req.json).toMatchObject({
      token: 'azGDORePK8gMaC0QOYAMyEEuzJnyUi',
      user: 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG',
      title: '[DOWN] Checkout "API" (https://shop.example/health)',
      priority: 1,
      url: DOWN.monitor.link,
      url_title: 'View the monitor',
      timestamp: Math.floor(DOWN.at.getTime() / 1000),
    });
    expect(req.json.message).toContain(`Event id: ${DOWN.eventId}`);
    expect(req.json.message.length).toBeLessThanOrEqual(1024);
  });

  it('sends UP and tests at normal priority, with their notes', async () => {
    await pushoverProvider.send(settings(), UP, ctx());
    await pushoverProvider.send(settings(), TEST, ctx());
    const [up, test] = bodies();
    expect([up.priority, test.priority]).toEqual([0, 0]);
    expect(up.message).toContain('could not be delivered on this channel');
    expect(test.message).toContain('Test message from Pingboard');
  });
});

describe('Gotify', () => {
  it('posts /message with the X-Gotify-Key header and {title, message, priority, extras}', async () => {
    const settings = gotifyProvider.settings.parse({ serverUrl: `${fake.url}/gotify/`, appToken: 'AbCdEf.123-xyz_' });
    for (const event of [DOWN, UP, TEST]) await gotifyProvider.send(settings, event, ctx());
    const [down] = fake.requests;
    expect(down.path).toBe('/gotify/message');
    expect(down.headers['x-gotify-key']).toBe('AbCdEf.123-xyz_');
    expect(down.query).toEqual({});
    expect(down.json).toMatchObject({
      title: '[DOWN] Checkout "API" (https://shop.example/health)',
      priority: 8,
      extras: { 'client::display': { contentType: 'text/plain' }, 'client::notification': { click: { url: DOWN.monitor.link } } },
    });
    expect(down.json.message).toContain(`Event id: ${DOWN.eventId}`);
    expect(bodies().map((b) => b.priority)).toEqual([8, 5, 4]);
    expect(bodies()[1].message).toContain('could not be delivered on this channel');
    expect(bodies()[2].message).toContain('Test message from Pingboard');
  });
});

describe('PagerDuty', () => {
  const KEY = 'R0123456789abcdef0123456789ABCDE';
  const settings = () => pagerdutyProvider.settings.parse({ routingKey: KEY });

  it('triggers on DOWN and resolves on UP under one dedup_key per incident, the event id in custom_details', async () => {
    fake.on('/v2/enqueue', { status: 202, body: '{"status":"success","message":"Event processed"}' });
    expect(await pagerdutyProvider.send(settings(), DOWN, ctx())).toEqual({ providerStatus: 202 });
    await pagerdutyProvider.send(settings(), UP, ctx());
    const [trigger, resolve] = fake.requests;
    expect(trigger.path).toBe('/v2/enqueue');
    expect(trigger.json).toMatchObject({
      routing_key: KEY,
      event_action: 'trigger',
      dedup_key: 'pingboard:incident:inc_1',
      payload: {
        summary: 'Checkout "API" is down. Timeout — Timed out after 10 s',
        source: 'https://shop.example/health',
        severity: 'critical',
        timestamp: DOWN.at.toISOString(),
        component: 'Checkout "API"',
        class: 'timeout',
        custom_details: { eventId: DOWN.eventId, monitorId: 'mon_1', incidentId: 'inc_1' },
      },
      links: [{ href: DOWN.monitor.link, text: 'View the monitor in Pingboard' }],
      client: 'Pingboard',
    });
    expect(resolve.json).toMatchObject({ event_action: 'resolve', dedup_key: 'pingboard:incident:inc_1', payload: { custom_details: { eventId: UP.eventId } } });
    expect(resolve.json.payload.custom_details.notes).toEqual(['The alert that this monitor went down could not be delivered on this channel.']);
  });

  it('skips reminders, keys certificates by expiry, and marks tests as info', async () => {
    expect(pagerdutyProvider.handles?.('REMINDER')).toBe(false);
    expect(['DOWN', 'UP', 'CERT_EXPIRING', 'CERT_EXPIRED'].every((k) => pagerdutyProvider.handles?.(k as never))).toBe(true);
    await pagerdutyProvider.send(settings(), CERT, ctx());
    await pagerdutyProvider.send(settings(), TEST, ctx());
    const [cert, test] = bodies();
    expect(cert).toMatchObject({ event_action: 'trigger', dedup_key: `pingboard:cert:mon_1:${CERT.certExpiresAt!.toISOString()}`, payload: { severity: 'warning' } });
    expect(test).toMatchObject({ event_action: 'trigger', dedup_key: `pingboard:test:${TEST.eventId}`, payload: { severity: 'info' } });
    expect(test.payload.summary).toMatch(/^\[TEST\] /);
  });

  it('a 400 (invalid event) is permanent, a 429 temporary, and the key never shows', async () => {
    fake.on('/v2/enqueue', { status: 400, times: 1, body: `{"status":"invalid event","errors":["routing_key ${KEY} is invalid"]}` });
    fake.on('/v2/enqueue', { status: 429, times: 1, body: '' });
    const bad = (await pagerdutyProvider.send(settings(), DOWN, ctx()).catch((e: unknown) => e)) as DeliveryError;
    expect(bad).toMatchObject({ permanent: true, providerStatus: 400 });
    expect(bad.message).not.toContain(KEY);
    const busy = (await pagerdutyProvider.send(settings(), DOWN, ctx()).catch((e: unknown) => e)) as DeliveryError;
    expect(busy).toMatchObject({ permanent: false, providerStatus: 429 });
  });
});
