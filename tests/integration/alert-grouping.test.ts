// Alert grouping through the running server (issue 14): 20 monitors of one user failing
// together give one DOWN message per channel naming all 20 (a webhook and the account's email),
// and their recovery one UP message per channel; with the window at 0 every monitor gets its
// own message, as before. Waits poll with deadlines; the one bounded pause after a message
// arrived proves that no second one follows within the window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { startTarget, type TargetServer } from '../support/target-server';
import { startFakeProviders, type FakeProviders } from '../support/fake-providers';
import { startFakeSmtp, type FakeSmtp } from '../support/fake-smtp';

const WINDOW_S = 3;

let grouped: AppServer;
let single: AppServer;
let fake: FakeProviders;
let smtp: FakeSmtp;
const targets: TargetServer[] = [];

beforeAll(async () => {
  [fake, smtp] = await Promise.all([startFakeProviders(), startFakeSmtp()]);
  const mail = { SMTP_HOST: smtp.host, SMTP_PORT: String(smtp.port), ALERT_EMAIL_FROM: 'alerts@pingboard.test' };
  [grouped, single] = await Promise.all([
    startApp({ env: { ...mail, ALERT_GROUP_WINDOW_SECONDS: String(WINDOW_S) } }),
    startApp({ env: { ...mail, ALERT_GROUP_WINDOW_SECONDS: '0' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([grouped?.dispose(), single?.dispose()]);
  await Promise.all([fake?.close(), smtp?.close(), ...targets.map((t) => t.close())]);
});

/** A user with a webhook channel (at `hookPath` on the fake) and the account's own email channel, and `n` 1 s monitors of one target on both. */
async function setUp(app: AppServer, n: number, hookPath: string) {
  const api = new Api(app.url);
  const { email } = await api.signup();
  const own = (await api.get('/api/channels')).body.channels[0].id;
  const hook = (await api.post('/api/channels', { kind: 'webhook', name: 'Hook', settings: { url: `${fake.url}${hookPath}` } })).body.channel.id;
  const target = await startTarget(200);
  targets.push(target);
  const names = Array.from({ length: n }, (_, i) => `Grouped ${String(i + 1).padStart(2, '0')}`);
  const ids: string[] = [];
  for (const name of names) {
    const res = await api.post('/api/monitors', { name, url: target.url, intervalSeconds: 1, retries: 0, channelIds: [own, hook] });
    if (res.status !== 201) throw new Error(`create monitor: ${res.status} ${JSON.stringify(res.body)}`);
    ids.push(res.body.monitor.id);
  }
  await waitFor(async () => {
    const statuses = await Promise.all(ids.map(async (id) => (await api.get(`/api/monitors/${id}`)).body.monitor.status));
    return statuses.every((s) => s === 'UP');
  }, 15_000, 'every monitor UP');
  const hooks = (kind: string) => fake.requests.filter((r) => r.path === hookPath && r.json?.kind === kind);
  const mails = (tag: string) => smtp.received.filter((m) => m.to.includes(email) && (m.header('subject') ?? '').startsWith(`[${tag}]`));
  return { api, ids, names, target, hooks, mails };
}

/** The mail's text with quoted-printable soft line breaks and escapes undone. */
function mailText(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

describe('alert grouping', () => {
  it('gives 20 monitors failing together one grouped message per channel, and their recovery one more', async () => {
    const { api, ids, names, target, hooks, mails } = await setUp(grouped, 20, '/grouped/hook');

    for (const [kind, tag, status, lead] of [
      ['DOWN', 'DOWN', 503, '20 monitors are down.'],
      ['UP', 'UP', 200, '20 monitors are back up.'],
    ] as const) {
      const changed = Date.now();
      target.setStatus(status);
      await waitFor(async () => hooks(kind).length > 0 && mails(tag).length > 0, 20_000, `the ${kind} messages`);
      // The first alert waits at most the window (plus detection within the 1 s interval).
      expect(Date.now() - changed).toBeLessThan((WINDOW_S + 4) * 1000);
      // Nothing more may follow: every monitor's alert is in the message that came.
      await new Promise((r) => setTimeout(r, WINDOW_S * 1000 + 1500));
      expect(hooks(kind), `${kind} webhook requests`).toHaveLength(1);
      expect(mails(tag), `${kind} emails`).toHaveLength(1);

      const [hook] = hooks(kind);
      expect(hook.json).toMatchObject({ version: 1, kind, group: true, count: 20, message: lead });
      expect(hook.json.events.map((e: { monitor: { name: string } }) => e.monitor.name).sort()).toEqual(names);
      expect(hook.headers['x-pingboard-event-id']).toBe(hook.json.eventId);

      const [mail] = mails(tag);
      expect(mail.header('subject')).toBe(`[${tag}] ${lead.slice(0, -1)}`);
      const text = mailText(mail.raw);
      for (const name of names) expect(text).toContain(name);
    }

    // Every delivery is recorded, each sent once.
    for (const id of ids) {
      const alerts = (await api.get(`/api/monitors/${id}/alerts?limit=10`)).body.alerts as Array<{ kind: string; state: string; attempts: number }>;
      expect(alerts.map((a) => [a.kind, a.state, a.attempts]).sort()).toEqual([
        ['DOWN', 'delivered', 1],
        ['DOWN', 'delivered', 1],
        ['UP', 'delivered', 1],
        ['UP', 'delivered', 1],
      ]);
    }
  });

  it('sends one message per monitor at once when the window is 0', async () => {
    const { target, hooks, mails } = await setUp(single, 4, '/single/hook');
    target.setStatus(503);
    await waitFor(async () => hooks('DOWN').length >= 4 && mails('DOWN').length >= 4, 15_000, 'four DOWN messages per channel');
    expect(hooks('DOWN').every((r) => r.json.group === undefined)).toBe(true);
    expect(hooks('DOWN').map((r) => r.json.monitor.name).sort()).toEqual(['Grouped 01', 'Grouped 02', 'Grouped 03', 'Grouped 04']);
    expect(mails('DOWN').map((m) => m.header('subject')).every((s) => /^\[DOWN\] Grouped 0\d \(/.test(s ?? ''))).toBe(true);
  });
});
