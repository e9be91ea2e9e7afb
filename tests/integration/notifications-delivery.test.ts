// Alert delivery through the running server to fake providers on loopback: each kind's real
// request shape, one DOWN and one UP per channel with one event id across channels, retries of
// temporary failures, permanent failures given up at once, a dead channel not delaying another,
// and per-channel order (an UP never before its DOWN; a given-up DOWN noted in the UP).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { startTarget, type TargetServer } from '../support/target-server';
import { startFakeProviders, type FakeProviders, type RecordedRequest } from '../support/fake-providers';
import { startFakeSmtp, type FakeSmtp } from '../support/fake-smtp';
import { startFakeSendgrid, type FakeSendgrid } from '../support/fake-sendgrid';

let app: AppServer;
let sgApp: AppServer;
let fake: FakeProviders;
let smtp: FakeSmtp;
let sendgrid: FakeSendgrid;
const targets: TargetServer[] = [];

const TG_TOKEN = '123456789:AAEtelegramSecretToken_0123456789';
const HOOK_SECRET = 'webhook-signing-secret-0001';
const PUSHOVER = { userKey: 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG', appToken: 'azGDORePK8gMaC0QOYAMyEEuzJnyUi' };
const ROUTING_KEY = 'R0ut1ngK3yR0ut1ngK3yR0ut1ngK3y00';

const requestsTo = (path: string) => fake.requests.filter((r) => r.path.startsWith(path));
const sign = (raw: string) => `sha256=${createHmac('sha256', HOOK_SECRET).update(raw).digest('hex')}`;

interface Alert {
  id: string;
  eventId: string;
  kind: string;
  channelId: string;
  channelKind: string;
  state: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

async function alertsOf(api: Api, monitorId: string): Promise<Alert[]> {
  return (await api.get(`/api/monitors/${monitorId}/alerts?limit=200`)).body.alerts;
}
const alertOf = (alerts: Alert[], channelId: string, kind: string) => alerts.find((a) => a.channelId === channelId && a.kind === kind);

async function channel(api: Api, kind: string, settings: Record<string, unknown>): Promise<string> {
  const res = await api.post('/api/channels', { kind, name: `Channel ${kind}`, settings });
  if (res.status !== 201) throw new Error(`create ${kind}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.channel.id;
}

async function monitorOn(api: Api, name: string, channelIds?: string[]) {
  const t = await startTarget(200);
  targets.push(t);
  const m = (await api.post('/api/monitors', { name, url: t.url, intervalSeconds: 1, retries: 0, ...(channelIds ? { channelIds } : {}) })).body.monitor;
  await waitFor(async () => (await api.get(`/api/monitors/${m.id}`)).body.monitor.status === 'UP', 10_000, `${name} UP`);
  return { m, t };
}

beforeAll(async () => {
  [fake, smtp, sendgrid] = await Promise.all([startFakeProviders(), startFakeSmtp(), startFakeSendgrid()]);
  [app, sgApp] = await Promise.all([
    startApp({
      env: {
        SMTP_HOST: smtp.host,
        SMTP_PORT: String(smtp.port),
        ALERT_EMAIL_FROM: 'alerts@pingboard.test',
        TELEGRAM_API_BASE_URL: `${fake.url}/telegram`,
        PUSHOVER_API_BASE_URL: `${fake.url}/pushover`,
        PAGERDUTY_EVENTS_URL: `${fake.url}/pagerduty/v2/enqueue`,
        ALERT_RETRY_BASE_MS: '500',
      },
    }),
    startApp({ env: { SENDGRID_API_KEY: 'SG.delivery-test', SENDGRID_API_BASE_URL: sendgrid.url, ALERT_RETRY_BASE_MS: '500' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([app?.dispose(), sgApp?.dispose()]);
  await Promise.all([fake?.close(), smtp?.close(), sendgrid?.close(), ...targets.map((t) => t.close())]);
});

/** What each kind must send for `kind` (DOWN or UP) with `eventId`. */
const SHAPES: Record<string, (r: RecordedRequest, kind: 'DOWN' | 'UP', eventId: string) => void> = {
  webhook: (r, kind, eventId) => {
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.headers['x-pingboard-event-id']).toBe(eventId);
    expect(r.headers['idempotency-key']).toBe(eventId);
    expect(r.headers['x-pingboard-signature']).toBe(sign(r.raw));
    expect(r.headers['x-team']).toBe('ops-header-value');
    expect(r.json).toMatchObject({ version: 1, eventId, kind, status: kind === 'DOWN' ? 'down' : 'up', test: false });
    expect(r.json.monitor.name).toBe('Every kind');
  },
  slack: (r, kind) => {
    expect(r.json.text).toContain(`[${kind}]`);
    expect(Array.isArray(r.json.blocks)).toBe(true);
  },
  discord: (r, kind, eventId) => {
    expect(r.json.content).toContain(kind);
    expect(r.json.embeds[0].footer.text).toContain(eventId);
    expect(r.json.allowed_mentions).toEqual({ parse: [] });
  },
  teams: (r, kind) => {
    expect(r.json.type).toBe('message');
    expect(r.json.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(r.raw).toContain(`[${kind}]`);
  },
  google_chat: (r, kind) => {
    expect(r.query).toEqual({ key: 'chatkey', token: 'chattoken' });
    expect(r.json.text).toContain(`[${kind}]`);
  },
  telegram: (r, kind) => {
    expect(r.path).toBe(`/telegram/bot${TG_TOKEN}/sendMessage`);
    expect(r.json).toMatchObject({ chat_id: '-1001234567890', parse_mode: 'HTML' });
    expect(r.json.text).toContain(`[${kind}]`);
  },
  ntfy: (r, kind) => {
    expect(r.path).toBe('/all/ntfy/');
    expect(r.headers.authorization).toBe('Bearer tk_ntfy_token_0001');
    expect(r.json).toMatchObject({ topic: 'pingboard-alerts', priority: kind === 'DOWN' ? 5 : 3 });
  },
  pushover: (r, kind) => {
    expect(r.path).toBe('/pushover/1/messages.json');
    expect(r.json).toMatchObject({ token: PUSHOVER.appToken, user: PUSHOVER.userKey, priority: kind === 'DOWN' ? 1 : 0 });
  },
  gotify: (r, kind) => {
    expect(r.path).toBe('/all/gotify/message');
    expect(r.headers['x-gotify-key']).toBe('gotifyAppToken01');
    expect(r.json.priority).toBe(kind === 'DOWN' ? 8 : 5);
  },
  pagerduty: (r, kind, eventId) => {
    expect(r.path).toBe('/pagerduty/v2/enqueue');
    expect(r.json).toMatchObject({ routing_key: ROUTING_KEY, event_action: kind === 'DOWN' ? 'trigger' : 'resolve' });
    expect(r.json.payload.custom_details.eventId).toBe(eventId);
  },
};

describe('every kind, through the running server', () => {
  it('sends one DOWN and one UP per channel in each provider shape, with one event id across channels', async () => {
    const api = new Api(app.url);
    const { email } = await api.signup();
    const own = (await api.get('/api/channels')).body.channels[0].id;
    const f = fake.url;
    const paths: Record<string, string> = {
      webhook: '/all/hook', slack: '/all/slack', discord: '/all/discord', teams: '/all/teams', google_chat: '/all/gchat',
      ntfy: '/all/ntfy/', gotify: '/all/gotify/', telegram: '/telegram/', pushover: '/pushover/', pagerduty: '/pagerduty/',
    };
    const ids: Record<string, string> = {
      email: own,
      webhook: await channel(api, 'webhook', { url: `${f}/all/hook`, secret: HOOK_SECRET, headers: { 'X-Team': 'ops-header-value' } }),
      slack: await channel(api, 'slack', { webhookUrl: `${f}/all/slack/T0/B0/x` }),
      discord: await channel(api, 'discord', { webhookUrl: `${f}/all/discord/api/webhooks/1/x` }),
      teams: await channel(api, 'teams', { webhookUrl: `${f}/all/teams/workflow` }),
      google_chat: await channel(api, 'google_chat', { webhookUrl: `${f}/all/gchat/v1/spaces/A/messages?key=chatkey&token=chattoken` }),
      telegram: await channel(api, 'telegram', { botToken: TG_TOKEN, chatId: '-1001234567890' }),
      ntfy: await channel(api, 'ntfy', { serverUrl: `${f}/all/ntfy`, topic: 'pingboard-alerts', token: 'tk_ntfy_token_0001' }),
      pushover: await channel(api, 'pushover', PUSHOVER),
      gotify: await channel(api, 'gotify', { serverUrl: `${f}/all/gotify`, appToken: 'gotifyAppToken01' }),
      pagerduty: await channel(api, 'pagerduty', { routingKey: ROUTING_KEY }),
    };
    const { m, t } = await monitorOn(api, 'Every kind', Object.values(ids));
    const mails = () => smtp.received.filter((x) => x.to.includes(email));
    const allGot = (n: number) => Object.values(paths).every((p) => requestsTo(p).length >= n) && mails().length >= n;

    t.setStatus(500);
    await waitFor(async () => allGot(1), 15_000, 'every DOWN');
    t.setStatus(200);
    await waitFor(async () => allGot(2), 15_000, 'every UP');
    const alerts = await waitFor(async () => {
      const list = await alertsOf(api, m.id);
      return list.length === 22 && list.every((a) => a.state === 'delivered') ? list : null;
    }, 15_000, '22 delivered');

    const eventIds = (kind: string) => [...new Set(alerts.filter((a) => a.kind === kind).map((a) => a.eventId))];
    expect(eventIds('DOWN')).toHaveLength(1);
    expect(eventIds('UP')).toHaveLength(1);
    const event = { DOWN: eventIds('DOWN')[0], UP: eventIds('UP')[0] };
    expect(event.DOWN).not.toBe(event.UP);
    for (const [kind, id] of Object.entries(ids)) {
      expect(alerts.filter((a) => a.channelId === id).map((a) => [a.kind, a.channelKind, a.attempts])).toEqual([
        ['UP', kind, 1],
        ['DOWN', kind, 1],
      ]);
    }

    for (const [kind, path] of Object.entries(paths)) {
      const got = requestsTo(path);
      expect(got, kind).toHaveLength(2);
      got.forEach((r, i) => {
        const which = i === 0 ? 'DOWN' : 'UP';
        expect(r.method).toBe('POST');
        expect(r.raw, `${kind} ${which} carries its event id`).toContain(event[which]);
        SHAPES[kind](r, which, event[which]);
      });
    }
    const pd = requestsTo('/pagerduty/');
    expect(pd[0].json.dedup_key).toBe(pd[1].json.dedup_key);

    expect(mails()).toHaveLength(2);
    mails().forEach((mail, i) => {
      const which = i === 0 ? 'DOWN' : 'UP';
      expect(mail.header('message-id')).toBe(`<${event[which]}@pingboard>`);
      expect(mail.header('subject')).toBe(`[${which}] Every kind (${t.url})`);
      expect(mail.from).toBe('alerts@pingboard.test');
    });
    await api.delete(`/api/monitors/${m.id}`);
  });

  it('sends email through SendGrid with the event id in Message-ID, the same as the webhook gets', async () => {
    const api = new Api(sgApp.url);
    const { email } = await api.signup();
    const own = (await api.get('/api/channels')).body.channels[0].id;
    const hook = await channel(api, 'webhook', { url: `${fake.url}/sg/hook` });
    const { m, t } = await monitorOn(api, 'Through SendGrid', [own, hook]);
    t.setStatus(500);
    const mail = (await sendgrid.waitFor((all) => all.some((x) => x.body.personalizations[0].to[0].email === email), 15_000)).find(
      (x) => x.body.personalizations[0].to[0].email === email,
    )!;
    const [req] = await fake.waitFor(() => requestsTo('/sg/hook').length >= 1, 15_000).then(() => requestsTo('/sg/hook'));
    expect(mail.auth).toBe('Bearer SG.delivery-test');
    expect(mail.body.subject).toBe(`[DOWN] Through SendGrid (${t.url})`);
    expect(mail.body.headers['Message-ID']).toBe(`<${req.headers['x-pingboard-event-id']}@pingboard>`);
    await api.delete(`/api/monitors/${m.id}`);
  });
});

describe('failures', () => {
  it('retries a 500 for ~30 s and delivers once; 401 fails at once; a dead channel delays no other; order holds', async () => {
    const api = new Api(app.url);
    await api.signup();
    fake.on('/f/dead', { hang: true });
    fake.on('/f/flaky', { status: 500, times: 6 }); // at 0.5, 1, 2, 4, 8, 16 s apart: about 31 s of failures
    fake.on('/f/unauth', { status: 401 });
    fake.on('/f/gone-slack', { status: 404, times: 1 });
    fake.on('/f/gone-hook', { status: 404, times: 1 });
    const ch = {
      dead: await channel(api, 'webhook', { url: `${fake.url}/f/dead` }),
      flaky: await channel(api, 'webhook', { url: `${fake.url}/f/flaky` }),
      unauth: await channel(api, 'webhook', { url: `${fake.url}/f/unauth` }),
      goneSlack: await channel(api, 'slack', { webhookUrl: `${fake.url}/f/gone-slack` }),
      goneHook: await channel(api, 'webhook', { url: `${fake.url}/f/gone-hook` }),
      healthy: await channel(api, 'webhook', { url: `${fake.url}/f/healthy` }),
    };
    const { m, t } = await monitorOn(api, 'Failing channels', Object.values(ch));

    let healthyAt = 0;
    t.setStatus(500);
    await fake.waitFor(() => {
      if (requestsTo('/f/healthy').length === 0) return false;
      healthyAt = Date.now();
      return true;
    }, 15_000);
    const down = (await api.get(`/api/monitors/${m.id}`)).body.monitor;
    expect(down.status).toBe('DOWN');
    // The dead channel was sent to first and hangs; the healthy one is not held up by it.
    expect(healthyAt - Date.parse(down.statusChangedAt)).toBeLessThan(2000);
    await fake.waitFor(() => requestsTo('/f/dead').length >= 1, 5_000);

    // Back UP while the flaky channel is still retrying its DOWN.
    t.setStatus(200);
    await fake.waitFor(() => requestsTo('/f/healthy').length >= 2 && requestsTo('/f/gone-slack').length >= 2 && requestsTo('/f/gone-hook').length >= 2, 15_000);
    expect(requestsTo('/f/healthy').map((r) => r.json.kind)).toEqual(['DOWN', 'UP']);

    // Given up (404) DOWN: the UP says the outage alert could not be delivered.
    const goneHookUp = requestsTo('/f/gone-hook')[1];
    expect(goneHookUp.json).toMatchObject({ kind: 'UP', outageAlertUndelivered: true });
    expect(requestsTo('/f/gone-slack')[1].raw).toMatch(/could not be delivered/);
    expect(requestsTo('/f/healthy')[1].json.outageAlertUndelivered).toBe(false);

    const flakyDown = await waitFor(async () => {
      const a = alertOf(await alertsOf(api, m.id), ch.flaky, 'DOWN');
      return a?.state === 'delivered' ? a : null;
    }, 75_000, 'flaky DOWN delivered');
    const alerts = await waitFor(async () => {
      const list = await alertsOf(api, m.id);
      return alertOf(list, ch.flaky, 'UP')?.state === 'delivered' ? list : null;
    }, 15_000, 'flaky UP delivered');

    // Flaky: six 500s over about half a minute, then one success; its UP only after that.
    expect(flakyDown.attempts).toBe(7);
    expect(Date.parse(flakyDown.deliveredAt!) - Date.parse(flakyDown.createdAt)).toBeGreaterThan(15_000);
    expect(requestsTo('/f/flaky').map((r) => r.json.kind)).toEqual([...Array(7).fill('DOWN'), 'UP']);
    expect(new Set(requestsTo('/f/flaky').slice(0, 7).map((r) => r.headers['x-pingboard-event-id'])).size).toBe(1);

    // 401: failed at once, never retried (the whole flaky window has passed since).
    for (const kind of ['DOWN', 'UP']) {
      const a = alertOf(alerts, ch.unauth, kind)!;
      expect(a).toMatchObject({ state: 'failed', attempts: 1, nextAttemptAt: null });
      expect(a.lastError).toMatch(/401/);
    }
    expect(requestsTo('/f/unauth').map((r) => r.json.kind)).toEqual(['DOWN', 'UP']);
    expect(alertOf(alerts, ch.goneHook, 'DOWN')).toMatchObject({ state: 'failed', attempts: 1 });

    // Dead: still retrying its DOWN; its UP waits behind it and was never sent.
    expect(alertOf(alerts, ch.dead, 'DOWN')?.state).toBe('retrying');
    expect(alertOf(alerts, ch.dead, 'UP')?.state).toBe('pending');
    expect(requestsTo('/f/dead').every((r) => r.json.kind === 'DOWN')).toBe(true);
    await api.delete(`/api/monitors/${m.id}`);
    fake.reset(); // ends the hanging request, so the server stops without waiting for it
  });
});
