// The Gatus importer without a server: Go durations, each condition kind as the monitor field it
// becomes (or the note that leaves it out), the test config.yaml (tests/fixtures/importers) as a
// document the import accepts as it is, alerts and their thresholds, and files that are not a
// Gatus config refused with the path or line of the problem.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGatus } from '@/lib/config-io/importers/gatus';
import { goDurationMs, mapConditions } from '@/lib/config-io/importers/gatus-conditions';
import { InvalidError } from '@/lib/errors';
import { expectImportable, noteOf, skippedByName } from './importers-support';

const fixture = fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'importers', 'gatus-config.yaml'), 'utf8');

describe('Go durations', () => {
  it.each([
    ['30s', 30_000],
    ['1m', 60_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1.5h', 5_400_000],
    ['500ms', 500],
    ['0', 0],
    ['48h', 172_800_000],
    ['', null],
    ['60', null],
    ['1d', null],
    ['s', null],
    ['1 m', null],
  ])('%s is %s ms', (text, ms) => {
    expect(goDurationMs(text)).toBe(ms);
  });
});

describe('conditions', () => {
  it.each([
    ['[STATUS] == 200', { acceptedStatusCodes: ['200'] }],
    ['[STATUS] < 300', { acceptedStatusCodes: ['100-299'] }],
    ['[STATUS] <= 299', { acceptedStatusCodes: ['100-299'] }],
    ['[STATUS] >= 200', { acceptedStatusCodes: ['200-599'] }],
    ['[STATUS] == any(200, 201, 204)', { acceptedStatusCodes: ['200-201', '204'] }],
    ['[STATUS] == pat(2*)', { acceptedStatusCodes: ['200-299'] }],
    ['[STATUS] != 503', { acceptedStatusCodes: ['100-502', '504-599'] }],
    ['200 == [STATUS]', { acceptedStatusCodes: ['200'] }],
    ['[status] == 201', { acceptedStatusCodes: ['201'] }],
    ['[RESPONSE_TIME] < 500', { maxResponseTimeMs: 499 }],
    ['[RESPONSE_TIME] <= 500', { maxResponseTimeMs: 500 }],
    ['[RESPONSE_TIME] < 2s', { maxResponseTimeMs: 1999 }],
    ['[BODY] == pat(*ok*)', { keyword: 'ok', keywordMode: 'present', keywordCaseSensitive: true }],
    ['[BODY] != pat(*maintenance*)', { keyword: 'maintenance', keywordMode: 'absent' }],
    ['[BODY].status == UP', { jsonAssertions: [{ path: 'status', op: '==', value: 'UP' }] }],
    ['[BODY].data[0].name != none', { jsonAssertions: [{ path: 'data[0].name', op: '!=', value: 'none' }] }],
    ['[BODY][0].id > 10', { jsonAssertions: [{ path: '[0].id', op: '>', value: '10' }] }],
    ['[BODY].version == pat(*beta*)', { jsonAssertions: [{ path: 'version', op: 'contains', value: 'beta' }] }],
    ['has([BODY].errors) == true', { jsonAssertions: [{ path: 'errors', op: 'exists', value: null }] }],
    ['[CERTIFICATE_EXPIRATION] > 48h', { certExpiryThresholdDays: 2 }],
    ['[CERTIFICATE_EXPIRATION] > 259200000', { certExpiryThresholdDays: 3 }],
    ['[CONNECTED] == true', {}],
  ])('%s', (condition, fields) => {
    const out = mapConditions(['[STATUS] < 600', condition], 'http');
    expect(out.fatal).toBeUndefined();
    expect(out.fields).toMatchObject(fields);
    expect(out.notes.filter((n) => n.startsWith('condition'))).toEqual([]);
  });

  it.each([
    ['len([BODY].items) > 0', 'Pingboard does not compare lengths'],
    ['[BODY] == {"ok":true}', 'Pingboard looks for text in the body'],
    ['[BODY] == pat(ok*)', 'Pingboard looks for text in the body'],
    ['[BODY].count >= 3', 'Pingboard compares JSON values with ==, !=, <, > and contains only'],
    ['[BODY].state == any(UP, OK)', 'Pingboard compares JSON values'],
    ["[BODY].items[?(@.ok)] == true", 'its JSON path is not a plain path'],
    ['has([BODY].errors) == false', 'Pingboard checks only that a value exists'],
    ['[RESPONSE_TIME] > 10', 'Pingboard limits only the slowest response time'],
    ['[IP] == 203.0.113.7', 'Pingboard does not compare the resolved address'],
    ['[DOMAIN_EXPIRATION] > 720h', 'Pingboard does not check domain registrations'],
    ['[CONTEXT].token == abc', 'Pingboard cannot express it'],
    ['[STATUS] == pending', 'Pingboard cannot read this status comparison'],
    ['[STATUS]==200', 'not a comparison Gatus would accept'],
  ])('leaves out %s with a note', (condition, why) => {
    const out = mapConditions(['[STATUS] == 200', condition], 'http');
    expect(out.fatal).toBeUndefined();
    expect(out.fields.acceptedStatusCodes).toEqual(['200']);
    expect(out.notes).toEqual([expect.stringContaining(`condition "${condition}" left out (${why}`)]);
  });

  it('keeps the lowest response time, one keyword and every status condition together', () => {
    const out = mapConditions(['[STATUS] >= 200', '[STATUS] < 400', '[STATUS] != 304', '[RESPONSE_TIME] < 900', '[RESPONSE_TIME] <= 300', '[BODY] == pat(*a*)', '[BODY] == pat(*b*)'], 'http');
    expect(out.fields).toMatchObject({ acceptedStatusCodes: ['200-303', '305-399'], maxResponseTimeMs: 300, keyword: 'a' });
    expect(out.notes).toEqual(['condition "[BODY] == pat(*b*)" left out (Pingboard checks one keyword per monitor)']);
  });

  it('accepts every status code when no condition names one, as Gatus does', () => {
    expect(mapConditions(['[RESPONSE_TIME] < 100'], 'http')).toMatchObject({ fields: { acceptedStatusCodes: ['100-599'], maxResponseTimeMs: 99 }, notes: ['no [STATUS] condition: every status code counts as up, as in Gatus'] });
  });

  it('makes a slow TCP connection DEGRADED, and leaves out HTTP conditions on it', () => {
    const out = mapConditions(['[CONNECTED] == true', '[RESPONSE_TIME] < 150', '[STATUS] == 200'], 'tcp');
    expect(out.fields).toEqual({ degraded: { totalMs: 149, consecutive: 1 } });
    expect(out.notes).toEqual([
      'condition "[STATUS] == 200" left out (it has no meaning for a TCP check)',
      'a TCP check cannot fail on slowness here: slower than 149 ms marks it DEGRADED instead',
    ]);
  });

  it.each([
    [['[CONNECTED] == false'], 'It expects the connection to fail'],
    [['[STATUS] == 200', '[STATUS] == 404'], 'Its [STATUS] conditions accept no status code'],
  ])('cannot import %j', (conditions, fatal) => {
    expect(mapConditions(conditions, 'http').fatal).toMatch(fatal);
  });
});

describe('the test config.yaml', () => {
  const out = importGatus(fixture);
  const doc = expectImportable(out);
  const monitor = (name: string) => doc.monitors.find((m) => m.name === name)!;

  it('creates the HTTP, TCP and heartbeat monitors and skips the DNS, ICMP and SSH endpoints', () => {
    expect(doc.monitors.map((m) => [m.name, m.type, m.tags])).toEqual([
      ['website', 'http', ['frontend']],
      ['login page', 'http', ['frontend']],
      ['health (frontend)', 'http', ['frontend']],
      ['health (backend)', 'http', ['backend']],
      ['search', 'http', ['backend']],
      ['postgres', 'tcp', ['backend']],
      ['legacy admin', 'http', ['backend']],
      ['quarterly report', 'http', []],
      ['nightly backup', 'heartbeat', ['jobs']],
    ]);
    expect(skippedByName(out, 'monitor')).toEqual({
      resolver: 'Pingboard has no DNS query check (it checks HTTP(S), TCP ports and heartbeats)',
      'office router': 'Pingboard has no ICMP ping check (it checks HTTP(S), TCP ports and heartbeats)',
      'git server': 'Pingboard has no SSH check (it checks HTTP(S), TCP ports and heartbeats)',
    });
    expect(doc.tags.map((t) => t.name)).toEqual(['frontend', 'backend', 'jobs']);
  });

  it('maps each endpoint\'s request, conditions and alerts', () => {
    expect(monitor('website')).toMatchObject({ url: 'https://www.example.com/', intervalSeconds: 60, acceptedStatusCodes: ['200'], maxResponseTimeMs: 799, certExpiryThresholdDays: 10, retries: 2, successThreshold: 2, retryIntervalSeconds: 60, channels: ['gatus-slack', 'gatus-pagerduty'] });
    expect(monitor('login page')).toMatchObject({ acceptedStatusCodes: ['100-299'], keyword: 'Sign in to your account', keywordMode: 'present', intervalSeconds: 120 });
    expect(monitor('health (frontend)')).toMatchObject({ acceptedStatusCodes: ['200', '204'], timeoutSeconds: 5, intervalSeconds: 30, channels: [] });
    expect(monitor('health (backend)')).toMatchObject({
      jsonAssertions: [{ path: 'status', op: '==', value: 'UP' }, { path: 'components.db.status', op: '==', value: 'UP' }],
      maxResponseTimeMs: 300,
      retries: 1,
      successThreshold: 1,
      reminderIntervalMinutes: 30,
      channels: ['gatus-pagerduty', 'gatus-email-1', 'gatus-email-2'],
    });
    expect(monitor('search')).toMatchObject({
      method: 'POST',
      body: '{"query": "gatus probe", "limit": 1}\n',
      headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'Authorization', value: 'Bearer ${SEARCH_API_TOKEN}', secret: true }],
      jsonAssertions: [{ path: 'took', op: '<', value: '250' }],
      channels: ['gatus-custom'],
    });
    expect(monitor('postgres')).toMatchObject({ host: 'db.internal.example.com', port: 5432, degraded: { totalMs: 149, consecutive: 1 } });
    expect(monitor('legacy admin')).toMatchObject({ active: false, ignoreTlsErrors: true, followRedirects: false, intervalSeconds: 600 });
    expect(monitor('quarterly report').intervalSeconds).toBe(86_400);
    expect(monitor('nightly backup')).toMatchObject({ intervalSeconds: 86_400, graceSeconds: 3600, channels: ['gatus-slack'] });
  });

  it('notes what it changed or left out', () => {
    expect(noteOf(out, 'monitor', 'website')).toMatch(/certificate expiring within 10 days sends a certificate warning.*every channel is alerted after 3 failures and back up after 2 successes/);
    expect(noteOf(out, 'monitor', 'health (backend)')).toMatch(/named with its group/);
    expect(noteOf(out, 'monitor', 'search')).toMatch(/header Authorization holds \$\{SEARCH_API_TOKEN\}.*condition "len\(\[BODY\]\.hits\) > 0" left out.*its mattermost alert left out \(its channel is not imported\)/);
    expect(noteOf(out, 'monitor', 'postgres')).toMatch(/marks it DEGRADED instead/);
    expect(noteOf(out, 'monitor', 'quarterly report')).toBe("interval 259200 s lowered to 86400 s (Pingboard's maximum)");
    expect(noteOf(out, 'monitor', 'nightly backup')).toMatch(/push URL changes/);
    expect(noteOf(out, 'monitor', 'login page')).toBe('');
  });

  it('makes channels of the providers Pingboard has, and skips the others', () => {
    expect(doc.channels.map((c) => [c.key, c.kind, c.name, c.settings])).toEqual([
      ['gatus-slack', 'slack', 'Gatus slack', { webhookUrl: 'https://hooks.slack.com/services/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' }],
      ['gatus-pagerduty', 'pagerduty', 'Gatus pagerduty', { routingKey: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' }],
      ['gatus-email-1', 'email', 'Gatus email (ops@example.com)', { address: 'ops@example.com' }],
      ['gatus-email-2', 'email', 'Gatus email (oncall@example.com)', { address: 'oncall@example.com' }],
      ['gatus-custom', 'webhook', 'Gatus custom', { url: 'https://hooks.example.com/gatus', headers: { Authorization: 'Bearer whk_3f9a7c1e5b2d4f6a8c0e' } }],
    ]);
    expect(skippedByName(out, 'channel')).toEqual({ 'Gatus mattermost': `Gatus's "mattermost" alerts have no Pingboard channel kind` });
  });
});

describe('endpoints and alerts', () => {
  const endpoint = (yaml: string, alerting = '') => {
    const out = importGatus(`${alerting}\nendpoints:\n${yaml}`);
    expectImportable(out);
    return out;
  };

  it.each([
    ['a GraphQL query', '  - {name: q, url: "https://api.example.com/graphql", method: POST, graphql: true, body: "{ health }", conditions: ["[STATUS] == 200"]}', { body: '{"query":"{ health }"}', headers: [{ name: 'Content-Type', value: 'application/json' }] }],
    ['credentials in the URL', '  - {name: c, url: "https://bot:pw@example.com/", conditions: ["[STATUS] == 200"]}', { url: 'https://example.com/', headers: [{ name: 'Authorization', value: `Basic ${Buffer.from('bot:pw').toString('base64')}`, secret: true }] }],
    ['an IPv6 TCP address', '  - {name: t, url: "tcp://[2001:db8::1]:6379", conditions: ["[CONNECTED] == true"]}', { type: 'tcp', host: '2001:db8::1', port: 6379 }],
    ['a timeout over the interval', '  - {name: s, url: "https://example.com", interval: 20s, client: {timeout: 45s}, conditions: ["[STATUS] == 200"]}', { intervalSeconds: 20, timeoutSeconds: 20 }],
    ['a sub-second interval', '  - {name: f, url: "https://example.com", interval: 500ms, conditions: ["[STATUS] == 200"]}', { intervalSeconds: 1 }],
  ])('%s', (_what, yaml, fields) => {
    expect(endpoint(yaml).document.monitors[0]).toMatchObject(fields);
  });

  it.each([
    ['an environment variable in the URL', '  - {name: e, url: "https://${API_HOST}/health", conditions: ["[STATUS] == 200"]}', /URL holds \$\{API_HOST\}/],
    ['a WebSocket endpoint', '  - {name: w, url: "wss://example.com/socket", conditions: ["[CONNECTED] == true"]}', /no WebSocket check/],
    ['a TCP address without a port', '  - {name: t, url: "tcp://db.example.com", conditions: ["[CONNECTED] == true"]}', /is not tcp:\/\/host:port/],
    ['an endpoint that expects a closed port', '  - {name: closed, url: "tcp://db.example.com:23", conditions: ["[CONNECTED] == false"]}', /expects the connection to fail/],
  ])('skips %s', (_what, yaml, reason) => {
    const out = endpoint(yaml);
    expect(out.document.monitors).toEqual([]);
    expect(out.skipped[0].reason).toMatch(reason);
  });

  it('takes thresholds from the provider\'s default alert, Gatus\'s defaults, and an alert of its own', () => {
    const alerting = 'alerting:\n  discord:\n    webhook-url: "https://discord.com/api/webhooks/1/x"\n    default-alert: {failure-threshold: 4, success-threshold: 3}\n  teams-workflows:\n    webhook-url: "https://example.com/workflows/1"\n';
    const out = endpoint(
      [
        '  - {name: a, url: "https://example.com/a", interval: 2m, conditions: ["[STATUS] == 200"], alerts: [{type: discord}]}',
        '  - {name: b, url: "https://example.com/b", conditions: ["[STATUS] == 200"], alerts: [{type: teams-workflows}]}',
        '  - {name: c, url: "https://example.com/c", conditions: ["[STATUS] == 200"], alerts: [{type: discord, failure-threshold: 20, enabled: true}, {type: teams-workflows, enabled: false}, {type: opsgenie}]}',
      ].join('\n'),
      alerting,
    );
    const [a, b, c] = out.document.monitors;
    expect(a).toMatchObject({ retries: 3, successThreshold: 3, retryIntervalSeconds: 120, channels: ['gatus-discord'] });
    expect(b).toMatchObject({ retries: 2, successThreshold: 2, channels: ['gatus-teams-workflows'] });
    expect(c).toMatchObject({ retries: 2, successThreshold: 2, channels: ['gatus-discord'] });
    expect(noteOf(out, 'monitor', 'c')).toMatch(/its opsgenie alert left out \(no opsgenie provider under alerting:\)/);
  });

  it('skips a provider whose settings do not work here, naming them', () => {
    const out = importGatus('alerting:\n  telegram:\n    token: "not-a-token"\n    id: "-100123"\nendpoints:\n  - {name: x, url: "https://example.com", conditions: ["[STATUS] == 200"], alerts: [{type: telegram}]}');
    expectImportable(out);
    expect(skippedByName(out, 'channel')).toEqual({ 'Gatus telegram': expect.stringMatching(/^Its telegram settings do not work here: botToken: A bot token looks like/) });
    expect(out.document.monitors[0].channels).toEqual([]);
  });

  it('makes an external endpoint without a heartbeat, a suite and the maintenance schedule skipped items', () => {
    const out = importGatus('endpoints: []\nexternal-endpoints:\n  - {name: pushed, token: abc}\nsuites:\n  - {name: checkout flow, endpoints: []}\nmaintenance:\n  start: "23:00"\n  duration: 1h\n');
    expect(out.skipped.map((s) => [s.type, s.name])).toEqual([
      ['monitor', 'pushed'],
      ['monitor', 'checkout flow'],
      ['maintenanceWindow', 'Gatus maintenance'],
    ]);
  });
});

describe('files that are not a Gatus config', () => {
  const refusal = (text: string) => {
    try {
      importGatus(text);
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidError);
      return (e as InvalidError).details.issues ?? [];
    }
    throw new Error('expected the file to be refused');
  };

  it('names the line of a YAML error', () => {
    expect(refusal('endpoints:\n  - name: a\n   url: b\n')[0].message).toMatch(/^Line \d+: /);
  });

  it.each([
    ['no endpoints', 'storage:\n  type: memory\n', ['endpoints']],
    ['an endpoint without a URL', 'endpoints:\n  - name: a\n    conditions: ["[STATUS] == 200"]\n', ['endpoints', 0, 'url']],
    ['an interval that is not a duration', 'endpoints:\n  - {name: a, url: "https://example.com", interval: 60}\n', ['endpoints', 0, 'interval']],
    ['a list at the top', '- a\n- b\n', []],
  ])('names the path of %s', (_what, text, firstPath) => {
    expect(refusal(text)[0].path).toEqual(firstPath);
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`), 'endpoints: []'].join('\n');
    expect(refusal(bomb).length).toBeGreaterThan(0);
  });
});
