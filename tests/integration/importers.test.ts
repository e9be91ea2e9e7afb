// Importing from Uptime Kuma and Gatus through the running server, on SQLite and PostgreSQL:
// each test file (tests/fixtures/importers) is posted to POST /api/import?source=... as a dry
// run (a plan of what would be created, every unmappable item skipped with its reason, nothing
// written), then for real (the same plan, and the monitors, tags and channels exist with the
// mapped fields), then again (every item unchanged, nothing written). A file that is not the
// source's format is refused with the path of the problem and changes nothing. The server runs
// with WORKER=off: the imported monitors point at example hosts, and this test is about what is
// stored, so nothing is checked and no request leaves 127.0.0.1.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api } from '../support/api';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'importers', name), 'utf8');
const KUMA = fixture('uptime-kuma-backup.json');
const GATUS = fixture('gatus-config.yaml');

interface PlanLine {
  type: string;
  name: string;
  action: string;
  reason?: string;
}

let app: AppServer;

beforeAll(async () => {
  app = await startApp({ env: { WORKER: 'off' } });
});
afterAll(async () => {
  await app?.dispose();
});

async function user(): Promise<Api> {
  const api = new Api(app.url);
  await api.signup();
  return api;
}

function post(api: Api, source: string, text: string, dryRun: boolean) {
  const type = source === 'gatus' ? 'application/yaml' : 'application/json';
  return api.request<{ plan: PlanLine[]; applied: boolean; error?: { issues: { path: unknown[] }[] } }>('POST', `/api/import?source=${source}&dryRun=${dryRun}`, text, { 'content-type': type });
}

/** The account's monitors, tags and channels, each list sorted as the API returns it. */
async function contents(api: Api) {
  const [monitors, tags, channels] = await Promise.all([api.get('/api/monitors'), api.get('/api/tags'), api.get('/api/channels')]);
  return { monitors: monitors.body.monitors as any[], tags: tags.body.tags as any[], channels: channels.body.channels as any[] };
}

const lines = (plan: PlanLine[]) => plan.map((l) => `${l.type} ${l.action}: ${l.name}`);
const reasonOf = (plan: PlanLine[], type: string, name: string) => plan.find((l) => l.type === type && l.name === name)?.reason ?? '';

/** Dry run, import, import again: the dry run and the import plan the same, the second import changes nothing. */
async function importThrice(api: Api, source: string, text: string) {
  const dry = await post(api, source, text, true);
  expect(dry.status, JSON.stringify(dry.body)).toBe(200);
  expect(dry.body.applied).toBe(false);
  const untouched = await contents(api);
  const real = await post(api, source, text, false);
  expect(real.status, JSON.stringify(real.body)).toBe(200);
  expect(real.body).toEqual({ plan: dry.body.plan, applied: true });
  const after = await contents(api);
  const again = await post(api, source, text, false);
  expect(again.status, JSON.stringify(again.body)).toBe(200);
  expect(again.body.plan.filter((l) => l.action !== 'skipped').map((l) => l.action)).toEqual(again.body.plan.filter((l) => l.action !== 'skipped').map(() => 'unchanged'));
  expect(again.body.plan.filter((l) => l.action === 'skipped')).toEqual(dry.body.plan.filter((l) => l.action === 'skipped'));
  const final = await contents(api);
  expect(final.monitors.map((m) => [m.id, m.updatedAt])).toEqual(after.monitors.map((m) => [m.id, m.updatedAt]));
  expect(final.channels.map((c) => [c.id, c.updatedAt])).toEqual(after.channels.map((c) => [c.id, c.updatedAt]));
  expect(final.tags).toEqual(after.tags);
  return { plan: dry.body.plan, untouched, after };
}

describe.concurrent('importers', () => {
  it('imports the Uptime Kuma backup: plan, monitors, tags and channels, then nothing the second time', async () => {
    const api = await user();
    const { plan, untouched, after } = await importThrice(api, 'uptime-kuma', KUMA);
    expect(untouched).toEqual({ monitors: [], tags: [], channels: [] });

    expect(lines(plan)).toEqual([
      'tag create: Production',
      'tag create: Web',
      'tag create: EU cluster',
      'tag create: Databases',
      'channel create: Ops Slack',
      'channel create: On-call Telegram',
      'monitor create: Storefront',
      'monitor create: Checkout API',
      'monitor create: Docs search',
      'monitor create: Status page is error-free',
      'monitor create: Payments health',
      'monitor create: Worker pool',
      'monitor create: Postgres primary',
      'monitor create: SMTP relay',
      'monitor create: Nightly backup',
      'monitor create: Internal dashboard',
      'monitor create: Storefront',
      'channel skipped: Engineering Matrix room',
      'monitor skipped: EU cluster',
      'monitor skipped: Office gateway',
      'monitor skipped: example.com MX',
      'monitor skipped: Redis container',
      'monitor skipped: Sensor broker',
      'monitor skipped: Maintenance page down check',
    ]);
    expect(reasonOf(plan, 'channel', 'Engineering Matrix room')).toBe(`Uptime Kuma's "matrix" notifications have no Pingboard channel kind`);
    expect(reasonOf(plan, 'monitor', 'Office gateway')).toMatch(/"ping" monitors have no Pingboard equivalent/);
    expect(reasonOf(plan, 'monitor', 'Maintenance page down check')).toMatch(/Upside down mode/);
    expect(reasonOf(plan, 'monitor', 'Worker pool')).toMatch(/only the status code is checked/);
    expect(reasonOf(plan, 'monitor', 'Internal dashboard')).toMatch(/interval 172800 s lowered to 86400 s/);

    const tagId = Object.fromEntries(after.tags.map((t) => [t.name, t.id]));
    expect(after.tags.map((t) => [t.name, t.color]).sort()).toEqual([['Databases', '#7c3aed'], ['EU cluster', '#64748b'], ['Production', '#dc2626'], ['Web', '#2563eb']]);
    const channel = Object.fromEntries(after.channels.map((c) => [c.name, c]));
    expect(channel['Ops Slack']).toMatchObject({ kind: 'slack', isDefault: true, enabled: true, settings: { webhookUrl: null } });
    expect(channel['On-call Telegram']).toMatchObject({ kind: 'telegram', isDefault: false, settings: { botToken: null, chatId: '-1001987654321' } });

    expect(after.monitors).toHaveLength(11);
    const monitor = (name: string) => after.monitors.filter((m) => m.name === name);
    expect(monitor('Storefront').map((m) => m.url).sort()).toEqual(['https://shop.example.com/', 'https://shop.example.com/en/']);
    const [checkout] = monitor('Checkout API');
    expect(checkout).toMatchObject({
      type: 'http',
      method: 'POST',
      url: 'https://api.example.com/v2/checkout/health',
      intervalSeconds: 30,
      timeoutSeconds: 24,
      retries: 3,
      retryIntervalSeconds: 20,
      reminderIntervalMinutes: 5,
      acceptedStatusCodes: ['200-299', '304'],
      body: '{"probe": true, "cart": []}',
      headers: [
        { name: 'Authorization', value: null, secret: true },
        { name: 'X-Request-Source', value: 'uptime-kuma', secret: false },
        { name: 'Content-Type', value: 'application/json', secret: false },
      ],
    });
    expect([...checkout.tagIds].sort()).toEqual([tagId.Production, tagId['EU cluster']].sort());
    expect([...checkout.channelIds].sort()).toEqual([channel['Ops Slack'].id, channel['On-call Telegram'].id].sort());
    expect(monitor('Docs search')[0]).toMatchObject({ keyword: 'Installation guide', keywordMode: 'present', intervalSeconds: 300 });
    expect(monitor('Status page is error-free')[0]).toMatchObject({ keyword: 'Internal Server Error', keywordMode: 'absent', followRedirects: false });
    expect(monitor('Payments health')[0]).toMatchObject({ jsonAssertions: [{ path: 'status', op: '==', value: 'ok' }], ignoreTlsErrors: true, retries: 4 });
    expect(monitor('Postgres primary')[0]).toMatchObject({ type: 'tcp', host: 'db1.internal.example.com', port: 5432, retries: 2 });
    expect(monitor('SMTP relay')[0]).toMatchObject({ type: 'tcp', active: false, status: 'PENDING', timeoutSeconds: 60, channelIds: [] });
    expect(monitor('Nightly backup')[0]).toMatchObject({ type: 'heartbeat', intervalSeconds: 86_400, graceSeconds: 1200, heartbeatUrl: expect.stringMatching(/\/api\/heartbeat\/\S+$/) });
    expect(monitor('Internal dashboard')[0]).toMatchObject({ intervalSeconds: 86_400, retries: 10, headers: [{ name: 'Authorization', value: null, secret: true }] });
  });

  it('imports the Gatus config.yaml: plan, monitors, tags and channels, then nothing the second time', async () => {
    const api = await user();
    const { plan, untouched, after } = await importThrice(api, 'gatus', GATUS);
    expect(untouched).toEqual({ monitors: [], tags: [], channels: [] });

    expect(lines(plan)).toEqual([
      'tag create: frontend',
      'tag create: backend',
      'tag create: jobs',
      'channel create: Gatus slack',
      'channel create: Gatus pagerduty',
      'channel create: Gatus email (ops@example.com)',
      'channel create: Gatus email (oncall@example.com)',
      'channel create: Gatus custom',
      'monitor create: website',
      'monitor create: login page',
      'monitor create: health (frontend)',
      'monitor create: health (backend)',
      'monitor create: search',
      'monitor create: postgres',
      'monitor create: legacy admin',
      'monitor create: quarterly report',
      'monitor create: nightly backup',
      'channel skipped: Gatus mattermost',
      'monitor skipped: resolver',
      'monitor skipped: office router',
      'monitor skipped: git server',
    ]);
    expect(reasonOf(plan, 'monitor', 'resolver')).toMatch(/no DNS query check/);
    expect(reasonOf(plan, 'monitor', 'office router')).toMatch(/no ICMP ping check/);
    expect(reasonOf(plan, 'monitor', 'search')).toMatch(/condition "len\(\[BODY\]\.hits\) > 0" left out/);
    expect(reasonOf(plan, 'monitor', 'postgres')).toMatch(/marks it DEGRADED instead/);

    const tagId = Object.fromEntries(after.tags.map((t) => [t.name, t.id]));
    const channelId = Object.fromEntries(after.channels.map((c) => [c.name, c.id]));
    expect(after.channels.map((c) => [c.name, c.kind]).sort()).toEqual([
      ['Gatus custom', 'webhook'],
      ['Gatus email (oncall@example.com)', 'email'],
      ['Gatus email (ops@example.com)', 'email'],
      ['Gatus pagerduty', 'pagerduty'],
      ['Gatus slack', 'slack'],
    ]);
    expect(after.channels.find((c) => c.name === 'Gatus custom').settings).toEqual({ url: 'https://hooks.example.com/gatus', headers: { Authorization: null } });

    expect(after.monitors).toHaveLength(9);
    const monitor = (name: string) => after.monitors.find((m) => m.name === name);
    expect(monitor('website')).toMatchObject({ url: 'https://www.example.com/', acceptedStatusCodes: ['200'], maxResponseTimeMs: 799, certExpiryThresholdDays: 10, retries: 2, successThreshold: 2, tagIds: [tagId.frontend] });
    expect([...monitor('website').channelIds].sort()).toEqual([channelId['Gatus slack'], channelId['Gatus pagerduty']].sort());
    expect(monitor('login page')).toMatchObject({ keyword: 'Sign in to your account', acceptedStatusCodes: ['100-299'], intervalSeconds: 120 });
    const backend = monitor('health (backend)');
    expect(backend.jsonAssertions.map((a: { path: string }) => a.path)).toEqual(['status', 'components.db.status']);
    expect([backend.maxResponseTimeMs, backend.retries, backend.successThreshold, backend.reminderIntervalMinutes, backend.tagIds]).toEqual([300, 1, 1, 30, [tagId.backend]]);
    expect(monitor('search')).toMatchObject({ method: 'POST', headers: [{ name: 'Content-Type', value: 'application/json', secret: false }, { name: 'Authorization', value: null, secret: true }], channelIds: [channelId['Gatus custom']] });
    expect(monitor('postgres')).toMatchObject({ type: 'tcp', host: 'db.internal.example.com', port: 5432, degraded: { totalMs: 149, consecutive: 1 } });
    expect(monitor('legacy admin')).toMatchObject({ active: false, ignoreTlsErrors: true, followRedirects: false });
    expect(monitor('nightly backup')).toMatchObject({ type: 'heartbeat', intervalSeconds: 86_400, graceSeconds: 3600, channelIds: [channelId['Gatus slack']], tagIds: [tagId.jobs] });
  });

  it.each([
    ['uptime-kuma', '{"version": "1.23.0", "monitorList": [{"id": 1, "type": "http"}]}', ['monitorList', 0, 'name']],
    ['gatus', 'endpoints:\n  - name: api\n    url: https://api.example.com\n    interval: 60\n', ['endpoints', 0, 'interval']],
  ])('refuses a %s file that is not its format, naming the path, and changes nothing', async (source, text, path) => {
    const api = await user();
    const res = await post(api, source, text, false);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error?.issues.map((i) => i.path)).toContainEqual(path);
    expect(await contents(api)).toEqual({ monitors: [], tags: [], channels: [] });
  });
});
