// The notification channel API against the real server: CRUD, owner scoping, write-only
// secrets in every response, a 400 naming the field for each kind's bad settings, channels on
// monitors, default channels, the email confirmation flow end to end through a real SMTP peer,
// and the outbound policy refusing private webhook addresses when BLOCK_PRIVATE_TARGETS is on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { startTarget, type TargetServer } from '../support/target-server';
import { startFakeProviders, type FakeProviders } from '../support/fake-providers';
import { startFakeSmtp, type FakeSmtp } from '../support/fake-smtp';

let app: AppServer;
let blocked: AppServer;
let fake: FakeProviders;
let smtp: FakeSmtp;
let target: TargetServer;
let owner: Api;
let ownerEmail: string;
let stranger: Api;

const TG_TOKEN = '123456789:AAEtelegramSecretToken_0123456789';
const SECRETS = {
  webhookSecret: 'webhook-signing-secret-0001',
  headerValue: 'header-secret-value-0002',
  slack: 'slackSecretPath0003',
  discord: 'discordSecretPath0004',
  teams: 'teamsSecretPath0005',
  gchat: 'gchatSecretToken0006',
  ntfy: 'tk_ntfySecretToken0007',
  pushoverUser: 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG',
  pushoverApp: 'azGDORePK8gMaC0QOYAMyEEuzJnyUi',
  gotify: 'gotifySecretToken0008',
  pagerduty: 'R0ut1ngK3yR0ut1ngK3yR0ut1ngK3y00',
};

/** Valid settings of every kind, all pointing at the fake, each secret a distinct string. */
function validSettings(email: string): Record<string, Record<string, unknown>> {
  const f = fake.url;
  return {
    email: { address: email },
    webhook: { url: `${f}/api/hook`, secret: SECRETS.webhookSecret, headers: { 'X-Api-Key': SECRETS.headerValue } },
    slack: { webhookUrl: `${f}/api/slack/${SECRETS.slack}` },
    discord: { webhookUrl: `${f}/api/discord/${SECRETS.discord}` },
    teams: { webhookUrl: `${f}/api/teams/${SECRETS.teams}` },
    google_chat: { webhookUrl: `${f}/api/gchat?key=k&token=${SECRETS.gchat}` },
    telegram: { botToken: TG_TOKEN, chatId: '-1001234567890' },
    ntfy: { serverUrl: `${f}/api/ntfy`, topic: 'pingboard-alerts', token: SECRETS.ntfy },
    pushover: { userKey: SECRETS.pushoverUser, appToken: SECRETS.pushoverApp },
    gotify: { serverUrl: `${f}/api/gotify`, appToken: SECRETS.gotify },
    pagerduty: { routingKey: SECRETS.pagerduty },
  };
}

/** What every response must show instead. */
function maskedSettings(email: string): Record<string, Record<string, unknown>> {
  const f = fake.url;
  return {
    email: { address: email },
    webhook: { url: `${f}/api/hook`, secret: null, headers: { 'X-Api-Key': null } },
    slack: { webhookUrl: null },
    discord: { webhookUrl: null },
    teams: { webhookUrl: null },
    google_chat: { webhookUrl: null },
    telegram: { botToken: null, chatId: '-1001234567890' },
    ntfy: { serverUrl: `${f}/api/ntfy`, topic: 'pingboard-alerts', token: null },
    pushover: { userKey: null, appToken: null },
    gotify: { serverUrl: `${f}/api/gotify`, appToken: null },
    pagerduty: { routingKey: null },
  };
}

const CHANNEL_KEYS = ['id', 'kind', 'name', 'settings', 'enabled', 'isDefault', 'confirmed', 'status', 'monitorCount', 'createdAt', 'updatedAt'];

function expectNoSecrets(body: unknown) {
  const text = JSON.stringify(body);
  for (const secret of [...Object.values(SECRETS), TG_TOKEN]) expect(text).not.toContain(secret);
}

function expectIssue(res: { status: number; body: any }, path: (string | number)[]) {
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('validation_failed');
  const paths: unknown[][] = res.body.error.issues.map((i: { path: unknown[] }) => i.path);
  expect(paths.some((p) => path.every((seg, i) => p[i] === seg)), `issues ${JSON.stringify(res.body.error.issues)} name ${JSON.stringify(path)}`).toBe(true);
}

/** The text of a MIME message with quoted-printable and base64 parts decoded. */
function mailText(raw: string): string {
  const qp = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  const b64 = [...raw.matchAll(/Content-Transfer-Encoding: base64\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/gi)].map((m) =>
    Buffer.from(m[1].replace(/\s+/g, ''), 'base64').toString('utf8'),
  );
  return [qp, ...b64].join('\n');
}

const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
const requestsTo = (path: string) => fake.requests.filter((r) => r.path.startsWith(path));

async function createChannel(api: Api, kind: string, settings: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const res = await api.post('/api/channels', { kind, name: `My ${kind}`, settings, ...extra });
  if (res.status !== 201) throw new Error(`create ${kind}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.channel;
}

beforeAll(async () => {
  [fake, smtp, target] = await Promise.all([startFakeProviders(), startFakeSmtp(), startTarget(200)]);
  const env = {
    SMTP_HOST: smtp.host,
    SMTP_PORT: String(smtp.port),
    TELEGRAM_API_BASE_URL: `${fake.url}/api/telegram`,
    ALERT_EMAIL_FROM: 'alerts@pingboard.test',
  };
  [app, blocked] = await Promise.all([startApp({ env }), startApp({ env: { BLOCK_PRIVATE_TARGETS: 'true' } })]);
  owner = new Api(app.url);
  stranger = new Api(app.url);
  ownerEmail = (await owner.signup()).email;
  await stranger.signup();
});
afterAll(async () => {
  await Promise.all([app?.dispose(), blocked?.dispose()]);
  await Promise.all([fake?.close(), smtp?.close(), target?.close()]);
});

describe('channel CRUD', () => {
  it('creates every kind, and never shows a secret in create, list, GET or PATCH', async () => {
    const valid = validSettings(ownerEmail);
    const masked = maskedSettings(ownerEmail);
    const ids: Record<string, string> = {};
    for (const kind of Object.keys(valid)) {
      const res = await owner.post('/api/channels', { kind, name: `All ${kind}`, settings: valid[kind] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const c = res.body.channel;
      expect(Object.keys(c).sort()).toEqual([...CHANNEL_KEYS].sort());
      expect(c).toMatchObject({ kind, name: `All ${kind}`, settings: masked[kind], enabled: true, isDefault: false, confirmed: true, status: 'ready', monitorCount: 0 });
      expect(new Date(c.createdAt).toISOString()).toBe(c.createdAt);
      expectNoSecrets(res.body);
      ids[kind] = c.id;
    }

    const list = await owner.get('/api/channels');
    expect(list.status).toBe(200);
    expectNoSecrets(list.body);
    for (const [kind, id] of Object.entries(ids)) {
      expect(list.body.channels.find((c: { id: string }) => c.id === id)?.settings).toEqual(masked[kind]);
      const one = await owner.get(`/api/channels/${id}`);
      expect(one.status).toBe(200);
      expect(one.body.channel.settings).toEqual(masked[kind]);
      expectNoSecrets(one.body);
      const patched = await owner.patch(`/api/channels/${id}`, { name: `Renamed ${kind}` });
      expect(patched.status).toBe(200);
      expect(patched.body.channel).toMatchObject({ name: `Renamed ${kind}`, settings: masked[kind] });
      expectNoSecrets(patched.body);
    }

    expect((await owner.delete(`/api/channels/${ids.discord}`)).status).toBe(204);
    expect((await owner.get(`/api/channels/${ids.discord}`)).status).toBe(404);
    expect((await owner.get('/api/channels')).body.channels.map((c: { id: string }) => c.id)).not.toContain(ids.discord);
  });

  it('keeps stored secrets when a PATCH leaves them out or sends null, as the next test message shows', async () => {
    const hook = await createChannel(owner, 'webhook', validSettings(ownerEmail).webhook);
    let res = await owner.patch(`/api/channels/${hook.id}`, { settings: { url: `${fake.url}/api/hook-moved` } });
    expect(res.status).toBe(200);
    expect(res.body.channel.settings).toEqual({ url: `${fake.url}/api/hook-moved`, secret: null, headers: { 'X-Api-Key': null } });
    res = await owner.patch(`/api/channels/${hook.id}`, { settings: { secret: null, headers: { 'X-Api-Key': null } } });
    expect(res.status).toBe(200);
    expectNoSecrets(res.body);

    const test = await owner.post(`/api/channels/${hook.id}/test`);
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({ ok: true, providerStatus: 200 });
    const [req] = requestsTo('/api/hook-moved');
    expect(req.headers['x-api-key']).toBe(SECRETS.headerValue);
    expect(req.headers['x-pingboard-signature']).toBe(`sha256=${createHmac('sha256', SECRETS.webhookSecret).update(req.raw).digest('hex')}`);
    expect(req.json).toMatchObject({ test: true, eventId: req.headers['x-pingboard-event-id'] });

    const tg = await createChannel(owner, 'telegram', validSettings(ownerEmail).telegram);
    res = await owner.patch(`/api/channels/${tg.id}`, { settings: { chatId: '@pingboard_ops' } });
    expect(res.body.channel.settings).toEqual({ botToken: null, chatId: '@pingboard_ops' });
    expect((await owner.post(`/api/channels/${tg.id}/test`)).body.ok).toBe(true);
    const sent = requestsTo('/api/telegram/').at(-1)!;
    expect(sent.path).toBe(`/api/telegram/bot${TG_TOKEN}/sendMessage`);
    expect(sent.json).toMatchObject({ chat_id: '@pingboard_ops', parse_mode: 'HTML' });
    expect(sent.json.text).toContain('[TEST]');

    const slack = await createChannel(owner, 'slack', validSettings(ownerEmail).slack);
    expect((await owner.patch(`/api/channels/${slack.id}`, { settings: { webhookUrl: null } })).status).toBe(200);
    expect((await owner.post(`/api/channels/${slack.id}/test`)).body.ok).toBe(true);
    expect(requestsTo(`/api/slack/${SECRETS.slack}`)).toHaveLength(1);
  });

  it('a test message to a failing endpoint answers ok: false with the provider status, and no secret', async () => {
    fake.on('/api/broken', { status: 500 });
    const c = await createChannel(owner, 'slack', { webhookUrl: `${fake.url}/api/broken/${SECRETS.slack}` });
    const res = await owner.post(`/api/channels/${c.id}/test`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, providerStatus: 500 });
    expect(res.body.error).toMatch(/500/);
    expectNoSecrets(res.body);
  });
});

describe('validation', () => {
  const good = 'https://hooks.example.com/x';
  const bad: Array<[string, Record<string, unknown>, string[]]> = [
    ['email', { address: 'not an address' }, ['settings', 'address']],
    ['email', {}, ['settings', 'address']],
    ['webhook', { url: 'ftp://example.com/x' }, ['settings', 'url']],
    ['webhook', { url: good, secret: 'short' }, ['settings', 'secret']],
    ['webhook', { url: good, headers: { 'Bad Header': 'x' } }, ['settings', 'headers']],
    ['webhook', { url: good, template: '{"a": {{nope}}}' }, ['settings', 'template']],
    ['slack', { webhookUrl: 'not a url' }, ['settings', 'webhookUrl']],
    ['slack', { webhookUrl: good, channel: '#general' }, ['settings']],
    ['discord', {}, ['settings', 'webhookUrl']],
    ['teams', { webhookUrl: 'https://user:pw@example.com/x' }, ['settings', 'webhookUrl']],
    ['google_chat', { webhookUrl: 42 }, ['settings', 'webhookUrl']],
    ['telegram', { botToken: 'nope', chatId: '1' }, ['settings', 'botToken']],
    ['telegram', { botToken: TG_TOKEN, chatId: 'not a chat' }, ['settings', 'chatId']],
    ['ntfy', { serverUrl: 'https://ntfy.sh', topic: 'has spaces' }, ['settings', 'topic']],
    ['ntfy', { topic: 'alerts' }, ['settings', 'serverUrl']],
    ['pushover', { userKey: 'short', appToken: SECRETS.pushoverApp }, ['settings', 'userKey']],
    ['pushover', { userKey: SECRETS.pushoverUser, appToken: '' }, ['settings', 'appToken']],
    ['gotify', { serverUrl: 'gotify.local', appToken: 'abcdefgh1' }, ['settings', 'serverUrl']],
    ['gotify', { serverUrl: 'https://gotify.example', appToken: 'x' }, ['settings', 'appToken']],
    ['pagerduty', { routingKey: 'too-short' }, ['settings', 'routingKey']],
    ['webhook', { url: 'http://169.254.169.254/latest' }, ['settings', 'url']],
  ];
  it.each(bad)('%s with %j: 400 at %j', async (kind, settings, path) => {
    expectIssue(await owner.post('/api/channels', { kind, name: 'Bad', settings }), path);
  });

  it('refuses a bad kind, name, settings or unknown key, on create and on update; the kind never changes', async () => {
    const settings = { webhookUrl: 'https://hooks.example.com/x' };
    expectIssue(await owner.post('/api/channels', { kind: 'carrier_pigeon', name: 'x', settings }), ['kind']);
    expectIssue(await owner.post('/api/channels', { kind: 'slack', name: '', settings }), ['name']);
    expectIssue(await owner.post('/api/channels', { kind: 'slack', name: 'x' }), ['settings']);
    const extra = await owner.post('/api/channels', { kind: 'slack', name: 'x', settings, userId: 'someone' });
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe('validation_failed');

    const c = await createChannel(owner, 'slack', settings);
    expectIssue(await owner.patch(`/api/channels/${c.id}`, { kind: 'discord' }), ['kind']);
    expectIssue(await owner.patch(`/api/channels/${c.id}`, { settings: { webhookUrl: 'nope' } }), ['settings', 'webhookUrl']);
    // An unknown setting is named by its own path.
    expectIssue(await owner.post('/api/channels', { kind: 'slack', name: 'x', settings: { ...settings, channel: '#ops' } }), ['settings', 'channel']);
    expect((await owner.patch(`/api/channels/${c.id}`, { status: 'ready' })).status).toBe(400);
    expect((await owner.get(`/api/channels/${c.id}`)).body.channel).toMatchObject({ kind: 'slack', name: 'My slack' });
  });
});

describe('owner scoping', () => {
  it("another user's channel is 404 everywhere and cannot be attached to their monitors", async () => {
    const c = await createChannel(owner, 'slack', { webhookUrl: `${fake.url}/api/scoped` });
    for (const res of [
      await stranger.get(`/api/channels/${c.id}`),
      await stranger.patch(`/api/channels/${c.id}`, { name: 'mine now' }),
      await stranger.post(`/api/channels/${c.id}/test`),
      await stranger.delete(`/api/channels/${c.id}`),
    ]) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('scoped');
    }
    expect((await stranger.get('/api/channels')).body.channels.map((x: { id: string }) => x.id)).not.toContain(c.id);
    expectIssue(await stranger.post('/api/monitors', { name: 'Theirs', url: target.url, active: false, channelIds: [c.id] }), ['channelIds']);
    const own = (await stranger.post('/api/monitors', { name: 'Theirs', url: target.url, active: false, channelIds: [] })).body.monitor;
    expectIssue(await stranger.patch(`/api/monitors/${own.id}`, { channelIds: [c.id] }), ['channelIds']);
    expect(requestsTo('/api/scoped')).toHaveLength(0);
    expect((await owner.get(`/api/channels/${c.id}`)).body.channel).toMatchObject({ name: 'My slack', monitorCount: 0 });
  });
});

describe('channels on monitors', () => {
  it('signup gives an email channel to the own address, attached to monitors created without channelIds', async () => {
    const api = new Api(app.url);
    const { email } = await api.signup();
    const [own, ...others] = (await api.get('/api/channels')).body.channels;
    expect(others).toEqual([]);
    expect(own).toMatchObject({ kind: 'email', settings: { address: email }, enabled: true, isDefault: true, confirmed: true, status: 'ready' });

    const m = (await api.post('/api/monitors', { name: 'Defaults', url: target.url, active: false })).body.monitor;
    expect(m).toMatchObject({ channelIds: [own.id], hasWorkingChannel: true });
    const slack = await createChannel(api, 'slack', { webhookUrl: `${fake.url}/api/default` }, { isDefault: true });
    const m2 = (await api.post('/api/monitors', { name: 'Two defaults', url: target.url, active: false })).body.monitor;
    expect([...m2.channelIds].sort()).toEqual([own.id, slack.id].sort());
    const none = (await api.post('/api/monitors', { name: 'Silent', url: target.url, active: false, channelIds: [] })).body.monitor;
    expect(none).toMatchObject({ channelIds: [], hasWorkingChannel: false });
    expect((await api.get(`/api/channels/${own.id}`)).body.channel.monitorCount).toBe(2);

    // A server without an email transport provisions nothing.
    const plain = new Api(blocked.url);
    await plain.signup();
    expect((await plain.get('/api/channels')).body.channels).toEqual([]);
  });

  it('sets, replaces and clears channelIds; hasWorkingChannel follows the channels; unknown ids are refused', async () => {
    const a = await createChannel(owner, 'slack', { webhookUrl: `${fake.url}/api/mon-a` });
    const b = await createChannel(owner, 'webhook', { url: `${fake.url}/api/mon-b` });
    const created = await owner.post('/api/monitors', { name: 'Routed', url: target.url, active: false, channelIds: [a.id, b.id] });
    expect(created.status).toBe(201);
    const m = created.body.monitor;
    expect([...m.channelIds].sort()).toEqual([a.id, b.id].sort());
    expect(m.hasWorkingChannel).toBe(true);
    expect((await owner.get('/api/monitors')).body.monitors.find((x: { id: string }) => x.id === m.id).channelIds).toHaveLength(2);
    expect((await owner.get(`/api/channels/${a.id}`)).body.channel.monitorCount).toBe(1);

    let res = await owner.patch(`/api/monitors/${m.id}`, { channelIds: [a.id] });
    expect(res.body.monitor).toMatchObject({ channelIds: [a.id], hasWorkingChannel: true });
    expect((await owner.patch(`/api/channels/${a.id}`, { enabled: false })).body.channel.status).toBe('disabled');
    expect((await owner.get(`/api/monitors/${m.id}`)).body.monitor.hasWorkingChannel).toBe(false);
    expectIssue(await owner.patch(`/api/monitors/${m.id}`, { channelIds: ['does-not-exist'] }), ['channelIds']);
    expectIssue(await owner.post('/api/monitors', { name: 'x', url: target.url, channelIds: ['does-not-exist'] }), ['channelIds']);

    res = await owner.patch(`/api/monitors/${m.id}`, { channelIds: [a.id, b.id] });
    expect(res.body.monitor.hasWorkingChannel).toBe(true);
    expect((await owner.delete(`/api/channels/${b.id}`)).status).toBe(204);
    expect((await owner.get(`/api/monitors/${m.id}`)).body.monitor).toMatchObject({ channelIds: [a.id], hasWorkingChannel: false });
    res = await owner.patch(`/api/monitors/${m.id}`, { channelIds: [] });
    expect(res.body.monitor).toMatchObject({ channelIds: [], hasWorkingChannel: false });
    await owner.delete(`/api/monitors/${m.id}`);
  });
});

describe('email confirmation', () => {
  it('another address gets only a confirmation link; GET shows a form, POST confirms; then tests and alerts go there', async () => {
    const address = `oncall-${Date.now()}@example.com`;
    const c = await createChannel(owner, 'email', { address });
    expect(c).toMatchObject({ confirmed: false, status: 'unconfirmed' });
    await smtp.waitFor(() => mailsTo(address).length >= 1, 10_000);
    const link = new RegExp(`${app.url.replace(/[.]/g, '\\.')}/channels/confirm/([A-Za-z0-9_-]+)`).exec(mailText(mailsTo(address)[0].raw));
    expect(link, 'confirmation link in the email').not.toBeNull();
    const url = link![0];

    // Not yet: no test message and no alert reaches the address.
    const test = await owner.post(`/api/channels/${c.id}/test`);
    expect(test.status).toBe(200);
    expect(test.body.ok).toBe(false);
    const hook = await createChannel(owner, 'webhook', { url: `${fake.url}/api/confirm-flow` });
    const t = await startTarget(200);
    try {
      const m = (await owner.post('/api/monitors', { name: 'Confirm flow', url: t.url, intervalSeconds: 1, retries: 0, channelIds: [c.id, hook.id] })).body.monitor;
      const onlyEmail = (await owner.post('/api/monitors', { name: 'Only email', url: t.url, active: false, channelIds: [c.id] })).body.monitor;
      expect(onlyEmail.hasWorkingChannel).toBe(false);
      await waitFor(async () => (await owner.get(`/api/monitors/${m.id}`)).body.monitor.status === 'UP', 10_000, 'UP');
      t.setStatus(500);
      await fake.waitFor(() => requestsTo('/api/confirm-flow').length >= 1, 10_000);
      const alerts = (await owner.get(`/api/monitors/${m.id}/alerts`)).body.alerts;
      expect(alerts.map((a: { kind: string; channelId: string }) => [a.kind, a.channelId])).toEqual([['DOWN', hook.id]]);
      expect(mailsTo(address)).toHaveLength(1);

      // Opening the link does not confirm; pressing its button does, once.
      const page = await fetch(url, { redirect: 'manual' });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toMatch(/<form[^>]*method="post"/i);
      expect((await owner.get(`/api/channels/${c.id}`)).body.channel.status).toBe('unconfirmed');
      const confirm = await fetch(url, { method: 'POST', redirect: 'manual' });
      expect(confirm.status).toBe(200);
      expect((await owner.get(`/api/channels/${c.id}`)).body.channel).toMatchObject({ confirmed: true, status: 'ready' });
      expect((await fetch(url, { method: 'POST', redirect: 'manual' })).status).toBe(404);
      expect((await fetch(url, { redirect: 'manual' })).status, 'a used link shows no button').toBe(404);
      expect((await owner.get(`/api/monitors/${onlyEmail.id}`)).body.monitor.hasWorkingChannel).toBe(true);

      expect((await owner.post(`/api/channels/${c.id}/test`)).body.ok).toBe(true);
      await smtp.waitFor(() => mailsTo(address).length >= 2, 10_000);
      expect(mailsTo(address)[1].header('subject')).toContain('[TEST]');

      // The recovery is the first alert it receives, with the same event id as the webhook's.
      t.setStatus(200);
      await smtp.waitFor(() => mailsTo(address).length >= 3, 10_000);
      const up = mailsTo(address)[2];
      expect(up.header('subject')).toMatch(/^\[UP\]/);
      const upHook = await fake.waitFor(() => requestsTo('/api/confirm-flow').length >= 2, 10_000).then(() => requestsTo('/api/confirm-flow')[1]);
      expect(up.header('message-id')).toBe(`<${upHook.headers['x-pingboard-event-id']}@pingboard>`);
      await owner.delete(`/api/monitors/${m.id}`);
    } finally {
      await t.close();
    }
  });
});

describe('outbound policy', () => {
  it('with BLOCK_PRIVATE_TARGETS, refuses webhook and server URLs on private addresses, and sends nothing', async () => {
    const api = new Api(blocked.url);
    await api.signup();
    const port = new URL(fake.url).port;
    expectIssue(await api.post('/api/channels', { kind: 'webhook', name: 'x', settings: { url: `http://127.0.0.1:${port}/api/private` } }), ['settings', 'url']);
    expectIssue(await api.post('/api/channels', { kind: 'webhook', name: 'x', settings: { url: `http://localhost:${port}/api/private` } }), ['settings', 'url']);
    expectIssue(await api.post('/api/channels', { kind: 'slack', name: 'x', settings: { webhookUrl: 'http://10.1.2.3/hook' } }), ['settings', 'webhookUrl']);
    expectIssue(await api.post('/api/channels', { kind: 'ntfy', name: 'x', settings: { serverUrl: 'http://192.168.1.5', topic: 'a' } }), ['settings', 'serverUrl']);
    const c = await createChannel(api, 'webhook', { url: 'https://hooks.example.com/ok' });
    expectIssue(await api.patch(`/api/channels/${c.id}`, { settings: { url: `http://127.0.0.1:${port}/api/private` } }), ['settings', 'url']);
    expect(requestsTo('/api/private')).toHaveLength(0);
  });
});
