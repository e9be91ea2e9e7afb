// The Uptime Kuma importer without a server: the test backup (tests/fixtures/importers) maps to
// a document the import accepts as it is, monitor by monitor and notification by notification,
// and each field rule (types, keyword, JSON query, auth, body, codes, ranges, notifications of
// every kind Pingboard has) is checked on a small backup of its own.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importUptimeKuma } from '@/lib/config-io/importers/uptime-kuma';
import { InvalidError } from '@/lib/errors';
import { expectImportable, noteOf, skippedByName } from './importers-support';

const fixture = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'importers', 'uptime-kuma-backup.json'), 'utf8'));

/** A backup of these monitors and notifications; each monitor gets an id and a name unless given. */
function backup(monitors: Record<string, unknown>[], notifications: Record<string, unknown>[] = []) {
  return {
    version: '1.23.11',
    notificationList: notifications.map((config, i) => ({ id: i + 1, name: `N${i + 1}`, config: JSON.stringify(config), active: true, is_default: 0 })),
    monitorList: monitors.map((m, i) => ({ id: i + 1, name: `M${i + 1}`, type: 'http', url: 'https://example.com/', interval: 60, ...m })),
  };
}
const one = (m: Record<string, unknown>) => {
  const out = importUptimeKuma(backup([m]));
  expectImportable(out);
  return { out, monitor: out.document.monitors[0], skipped: out.skipped[0], note: out.notes[0]?.reason ?? '' };
};

describe('the test backup', () => {
  const out = importUptimeKuma(fixture);
  const doc = expectImportable(out);
  const byName = (name: string) => doc.monitors.filter((m) => m.name === name);

  it('creates every HTTP, keyword, JSON query, port and push monitor, both Storefronts among them', () => {
    expect(doc.monitors.map((m) => [m.name, m.type])).toEqual([
      ['Storefront', 'http'],
      ['Checkout API', 'http'],
      ['Docs search', 'http'],
      ['Status page is error-free', 'http'],
      ['Payments health', 'http'],
      ['Worker pool', 'http'],
      ['Postgres primary', 'tcp'],
      ['SMTP relay', 'tcp'],
      ['Nightly backup', 'heartbeat'],
      ['Internal dashboard', 'http'],
      ['Storefront', 'http'],
    ]);
    expect(byName('Storefront').map((m) => m.url)).toEqual(['https://shop.example.com/', 'https://shop.example.com/en/']);
  });

  it('skips the group, the unmappable types and the upside-down monitor, each with its reason', () => {
    const skipped = skippedByName(out, 'monitor');
    expect(Object.keys(skipped)).toEqual(['EU cluster', 'Office gateway', 'example.com MX', 'Redis container', 'Sensor broker', 'Maintenance page down check']);
    expect(skipped['EU cluster']).toMatch(/group.*tag "EU cluster"/);
    expect(skipped['Office gateway']).toMatch(/"ping" monitors have no Pingboard equivalent/);
    expect(skipped['example.com MX']).toMatch(/"dns"/);
    expect(skipped['Redis container']).toMatch(/"docker"/);
    expect(skipped['Sensor broker']).toMatch(/"mqtt"/);
    expect(skipped['Maintenance page down check']).toMatch(/Upside down/);
  });

  it('maps the request, the rules and the alerting of each monitor', () => {
    const [storefront] = byName('Storefront');
    expect(storefront).toMatchObject({ intervalSeconds: 60, retries: 2, retryIntervalSeconds: 30, timeoutSeconds: 48, certExpiryThresholdDays: 21, acceptedStatusCodes: ['200-299'], tags: ['Production', 'Web', 'EU cluster'] });
    expect(byName('Checkout API')[0]).toMatchObject({
      method: 'POST',
      body: '{"probe": true, "cart": []}',
      acceptedStatusCodes: ['200-299', '304'],
      reminderIntervalMinutes: 5,
      headers: [
        { name: 'Authorization', value: 'Bearer sk_live_51Hx9uFakeKeyForPingboardTests', secret: true },
        { name: 'X-Request-Source', value: 'uptime-kuma' },
        { name: 'Content-Type', value: 'application/json' },
      ],
      channels: ['uptime-kuma-notification-1', 'uptime-kuma-notification-2'],
    });
    expect(byName('Docs search')[0]).toMatchObject({ keyword: 'Installation guide', keywordMode: 'present', keywordCaseSensitive: true });
    expect(byName('Status page is error-free')[0]).toMatchObject({ keyword: 'Internal Server Error', keywordMode: 'absent', followRedirects: false, maxRedirects: 0 });
    expect(byName('Payments health')[0]).toMatchObject({ jsonAssertions: [{ path: 'status', op: '==', value: 'ok' }], ignoreTlsErrors: true, retries: 4 });
    expect(byName('Worker pool')[0].jsonAssertions).toBeUndefined();
    expect(byName('Postgres primary')[0]).toMatchObject({ host: 'db1.internal.example.com', port: 5432, tags: ['Databases', 'Production'] });
    expect(byName('SMTP relay')[0]).toMatchObject({ active: false, timeoutSeconds: 60 });
    expect(byName('Nightly backup')[0]).toMatchObject({ intervalSeconds: 86_400, graceSeconds: 1200, channels: ['uptime-kuma-notification-1'] });
    expect(byName('Internal dashboard')[0]).toMatchObject({ intervalSeconds: 86_400, retries: 10, retryIntervalSeconds: 3600, headers: [{ name: 'Authorization', value: `Basic ${Buffer.from('monitor:pr0be-only-pass').toString('base64')}`, secret: true }] });
  });

  it('notes what changed on the way', () => {
    expect(noteOf(out, 'monitor', 'Checkout API')).toMatch(/value "eu-west-1" of tag Production left out/);
    expect(noteOf(out, 'monitor', 'Worker pool')).toMatch(/is an expression, not a plain path: only the status code is checked/);
    expect(noteOf(out, 'monitor', 'SMTP relay')).toBe("timeout 90 s lowered to 60 s (Pingboard's maximum)");
    expect(noteOf(out, 'monitor', 'Nightly backup')).toMatch(/push URL changes/);
    expect(noteOf(out, 'monitor', 'Internal dashboard')).toMatch(/interval 172800 s lowered to 86400 s.*retries 15 lowered to 10.*retry interval 7200 s lowered to 3600 s.*timeout 300 s lowered to 60 s/);
    expect(noteOf(out, 'monitor', 'Payments health')).toBe('');
  });

  it('makes channels of the Slack and Telegram notifications and skips the Matrix one', () => {
    expect(doc.channels).toEqual([
      { key: 'uptime-kuma-notification-1', kind: 'slack', name: 'Ops Slack', settings: { webhookUrl: 'https://hooks.slack.com/services/T01ABCDEF/B02GHIJKL/q8w7e6r5t4y3u2i1o0p9a8s7' }, enabled: true, isDefault: true },
      { key: 'uptime-kuma-notification-2', kind: 'telegram', name: 'On-call Telegram', settings: { botToken: '6123456789:AAHfakeTokenForPingboardImportTests', chatId: '-1001987654321' }, enabled: true, isDefault: false },
    ]);
    expect(skippedByName(out, 'channel')).toEqual({ 'Engineering Matrix room': `Uptime Kuma's "matrix" notifications have no Pingboard channel kind` });
    expect(noteOf(out, 'channel', 'Ops Slack')).toMatch(/channel override #ops-alerts left out/);
  });

  it('makes tags with their colours, and the group a tag', () => {
    expect(doc.tags).toEqual([
      { name: 'Production', color: '#dc2626' },
      { name: 'Web', color: '#2563eb' },
      { name: 'EU cluster', color: '#64748b' },
      { name: 'Databases', color: '#7c3aed' },
    ]);
  });
});

describe('monitor fields', () => {
  it.each([
    ['a URL with a user name and password', { url: 'https://ops:s3cret@example.com/x' }, { url: 'https://example.com/x', headers: [{ name: 'Authorization', value: `Basic ${Buffer.from('ops:s3cret').toString('base64')}`, secret: true }] }],
    ['an unknown method', { method: 'PROPFIND' }, { method: 'GET' }],
    ['a body on GET', { method: 'get', body: '{"a":1}' }, { method: 'GET' }, ['body']],
    ['an XML body', { method: 'POST', body: '<a/>', httpBodyEncoding: 'xml' }, { body: '<a/>', headers: [{ name: 'Content-Type', value: 'text/xml; charset=utf-8' }] }],
    ['its own Content-Type', { method: 'PUT', body: '{}', headers: '{"content-type":"application/merge-patch+json"}' }, { headers: [{ name: 'content-type', value: 'application/merge-patch+json' }] }],
    ['headers that are not JSON', { headers: '{oops' }, { headers: [] }],
    ['Host and forbidden headers', { headers: '{"Host":"x","X-Api-Key":"k1"}' }, { headers: [{ name: 'X-Api-Key', value: 'k1', secret: true }] }],
    ['status codes Pingboard cannot read', { accepted_statuscodes: ['200-299', 'abc', '700'] }, { acceptedStatusCodes: ['200-299'] }],
    ['a 0/1 active flag and numbers as text', { active: 0, interval: '120', maxretries: '2' }, { active: false, intervalSeconds: 120, retries: 2 }],
    ['a resend interval in checks', { interval: 300, resendInterval: 3 }, { reminderIntervalMinutes: 15 }],
    ['no retry interval', { interval: 45, retryInterval: 0 }, { retryIntervalSeconds: 45 }],
    ['an interval under a second', { interval: 0.2 }, { intervalSeconds: 1 }],
    ['a json-query with an operator', { type: 'json-query', jsonPath: '$.queue.depth', jsonPathOperator: '<', expectedValue: 1000 }, { jsonAssertions: [{ path: 'queue.depth', op: '<', value: '1000' }] }],
    ['a json-query with <=', { type: 'json-query', jsonPath: 'n', jsonPathOperator: '<=', expectedValue: '3' }, { type: 'http' }, ['jsonAssertions']],
    ['an expiry notification', { expiryNotification: 1 }, { certExpiryThresholdDays: 21 }],
  ] as [string, Record<string, unknown>, Record<string, unknown>, string[]?][])('%s', (_what, input, expected, absent = []) => {
    const { monitor } = one(input);
    expect(monitor).toMatchObject(expected);
    for (const key of absent) expect(monitor).not.toHaveProperty(key);
  });

  it.each([
    ['ping', { type: 'ping', hostname: '192.0.2.1' }, /"ping" monitors have no Pingboard equivalent/],
    ['real-browser', { type: 'real-browser' }, /"real-browser"/],
    ['an upside-down HTTP monitor', { upsideDown: true }, /Upside down/],
    ['a relative URL', { url: '/health' }, /not an absolute URL/],
    ['an FTP URL', { url: 'ftp://files.example.com' }, /scheme ftp: is not http or https/],
    ['a port monitor without a port', { type: 'port', hostname: 'db.example.com', port: null }, /port \(none\) is not a port number/],
    ['a port monitor with a bad host', { type: 'port', hostname: 'db example', port: 5432 }, /host "db example" is not a host name/],
  ])('skips %s', (_what, input, reason) => {
    const { out, skipped } = one(input);
    expect(out.document.monitors).toEqual([]);
    expect(skipped).toMatchObject({ type: 'monitor', action: 'skipped', reason: expect.stringMatching(reason) });
  });

  it('notes the authentication, proxy and body it leaves out', () => {
    expect(one({ authMethod: 'ntlm', basic_auth_user: 'u', basic_auth_pass: 'p', proxyId: 2, method: 'GET', body: 'x' }).note).toBe(
      'its proxy left out (Pingboard connects directly); ntlm authentication left out (Pingboard sends request headers only); its request body left out (GET requests have none)',
    );
  });

  it('gives a push monitor its retries as grace time, within Pingboard\'s range', () => {
    expect(one({ type: 'push', interval: 300, retryInterval: 60, maxretries: 3 }).monitor).toMatchObject({ type: 'heartbeat', intervalSeconds: 300, graceSeconds: 180 });
    const long = one({ type: 'push', interval: 3600, retryInterval: 7200, maxretries: 20 });
    expect(long.monitor).toMatchObject({ graceSeconds: 86_400 });
    expect(long.note).toMatch(/grace time 144000 s lowered to 86400 s/);
  });

  it('tags a monitor with every group it sits in', () => {
    const out = importUptimeKuma(backup([{ type: 'group', name: 'EU' }, { type: 'group', name: 'Shop', parent: 1 }, { name: 'Cart', parent: 2 }]));
    expect(out.document.monitors[0].tags).toEqual(['Shop', 'EU']);
  });
});

describe('notifications', () => {
  it.each([
    ['discord', { type: 'discord', discordWebhookUrl: 'https://discord.com/api/webhooks/1/abc' }, 'discord', { webhookUrl: 'https://discord.com/api/webhooks/1/abc' }],
    ['teams', { type: 'teams', webhookUrl: 'https://example.webhook.office.com/x' }, 'teams', { webhookUrl: 'https://example.webhook.office.com/x' }],
    ['Google Chat', { type: 'GoogleChat', googleChatWebhookURL: 'https://chat.googleapis.com/v1/spaces/x/messages?key=k' }, 'google_chat', { webhookUrl: 'https://chat.googleapis.com/v1/spaces/x/messages?key=k' }],
    ['webhook', { type: 'webhook', webhookURL: 'https://hooks.example.com/kuma', webhookContentType: 'json', webhookAdditionalHeaders: '{"X-Token":"abc"}' }, 'webhook', { url: 'https://hooks.example.com/kuma', headers: { 'X-Token': 'abc' } }],
    ['ntfy with a token', { type: 'ntfy', ntfyserverurl: 'https://ntfy.example.com', ntfytopic: 'alerts', ntfyAuthenticationMethod: 'accessToken', ntfyaccesstoken: 'tk_abc' }, 'ntfy', { serverUrl: 'https://ntfy.example.com', topic: 'alerts', token: 'tk_abc' }],
    ['pushover', { type: 'pushover', pushoveruserkey: 'u'.repeat(30), pushoverapptoken: 'a'.repeat(30) }, 'pushover', { userKey: 'u'.repeat(30), appToken: 'a'.repeat(30) }],
    ['gotify', { type: 'gotify', gotifyserverurl: 'https://push.example.com', gotifyapplicationToken: 'AbCdEf123456' }, 'gotify', { serverUrl: 'https://push.example.com', appToken: 'AbCdEf123456' }],
    ['PagerDuty', { type: 'PagerDuty', pagerdutyIntegrationKey: 'f'.repeat(32), pagerdutyIntegrationUrl: 'https://events.pagerduty.com/v2/enqueue' }, 'pagerduty', { routingKey: 'f'.repeat(32) }],
  ])('%s becomes a %s channel', (_what, config, kind, settings) => {
    const out = importUptimeKuma(backup([], [config]));
    expectImportable(out);
    expect(out.document.channels).toEqual([{ key: 'uptime-kuma-notification-1', name: 'N1', kind, settings, enabled: true, isDefault: false }]);
  });

  it('makes one email channel per address, all of them alerted by its monitors', () => {
    const out = importUptimeKuma(backup([{ notificationIDList: { 1: true } }], [{ type: 'smtp', smtpHost: 'smtp.example.com', smtpPassword: 'pw', smtpTo: 'ops@example.com, oncall@example.com' }]));
    expectImportable(out);
    expect(out.document.channels.map((c) => [c.name, c.settings])).toEqual([
      ['N1 (ops@example.com)', { address: 'ops@example.com' }],
      ['N1 (oncall@example.com)', { address: 'oncall@example.com' }],
    ]);
    expect(out.document.monitors[0].channels).toEqual(['uptime-kuma-notification-1-1', 'uptime-kuma-notification-1-2']);
    expect(noteOf(out, 'channel', 'N1 (ops@example.com)')).toMatch(/this server's own mail settings/);
  });

  it('skips a notification whose settings do not work here, naming them, and its monitors alert the others', () => {
    const out = importUptimeKuma(backup([{ notificationIDList: { 1: true, 2: true } }], [{ type: 'slack', slackwebhookURL: '' }, { type: 'telegram', telegramBotToken: '123456789:AAHfakeTokenForPingboardImportTests', telegramChatID: 42 }]));
    expectImportable(out);
    expect(skippedByName(out, 'channel')).toEqual({ N1: expect.stringMatching(/^Its slack settings do not work here: webhookUrl: Enter the webhook URL from Slack/) });
    expect(out.document.monitors[0].channels).toEqual(['uptime-kuma-notification-2']);
  });

  it('skips a notification whose config is not JSON, and keeps a disabled one disabled', () => {
    const file = backup([], [{ type: 'slack', slackwebhookURL: 'https://hooks.slack.com/services/a/b/c' }]);
    file.notificationList.push({ id: 2, name: 'Broken', config: '{not json', active: true, is_default: 0 });
    file.notificationList[0].active = false;
    const out = importUptimeKuma(file);
    expect(out.document.channels[0].enabled).toBe(false);
    expect(skippedByName(out, 'channel')).toEqual({ Broken: 'Its config is not valid JSON' });
  });
});

describe('files that are not a backup', () => {
  it.each([
    ['a list', [], []],
    ['no monitorList', { version: '1.23.0', notificationList: [] }, ['monitorList']],
    ['a monitor without a name', { monitorList: [{ id: 1, type: 'http' }] }, ['monitorList', 0, 'name']],
    ['a notification without config', { monitorList: [], notificationList: [{ id: 1 }] }, ['notificationList', 0, 'config']],
  ])('refuses %s, naming the path', (_what, file, firstPath) => {
    let error: unknown;
    try {
      importUptimeKuma(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidError);
    expect((error as InvalidError).details.issues?.[0].path).toEqual(firstPath);
  });
});
