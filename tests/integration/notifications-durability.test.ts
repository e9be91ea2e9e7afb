// Deliveries outlive the process: a SIGTERM in the middle of retries resumes them after a
// restart on the same data directory, and a SIGKILL after the provider accepted a message
// repeats it at most once, under the same event id, so the receiver can drop the repeat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { startTarget, type TargetServer } from '../support/target-server';
import { startFakeProviders, type FakeProviders } from '../support/fake-providers';

let fake: FakeProviders;
const apps: AppServer[] = [];
const targets: TargetServer[] = [];

const ENV = { ALERT_RETRY_BASE_MS: '300' };

async function app(dataDir?: string): Promise<AppServer> {
  const a = await startApp({ env: ENV, dataDir });
  apps.push(a);
  return a;
}

const requestsTo = (path: string) => fake.requests.filter((r) => r.path === path);

async function deliveryOf(api: Api, monitorId: string, kind: string) {
  const alerts: Array<{ kind: string; state: string; attempts: number; eventId: string }> = (await api.get(`/api/monitors/${monitorId}/alerts`)).body.alerts;
  return alerts.find((a) => a.kind === kind);
}

/** A user, a webhook channel to `path` and a 1 s monitor that is UP. */
async function setup(a: AppServer, path: string) {
  const api = new Api(a.url);
  await api.signup();
  const channel = (await api.post('/api/channels', { kind: 'webhook', name: 'Hook', settings: { url: `${fake.url}${path}` } })).body.channel;
  const t = await startTarget(200);
  targets.push(t);
  const m = (await api.post('/api/monitors', { name: 'Durable', url: t.url, intervalSeconds: 1, retries: 0, channelIds: [channel.id] })).body.monitor;
  await waitFor(async () => (await api.get(`/api/monitors/${m.id}`)).body.monitor.status === 'UP', 10_000, 'UP');
  return { api, m, t };
}

beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(async () => {
  for (const a of apps) await a.dispose();
  await Promise.all([fake?.close(), ...targets.map((t) => t.close())]);
});

describe('delivery across restarts', () => {
  it('a SIGTERM during retries: after a restart on the same data the delivery resumes and arrives once', async () => {
    fake.on('/d/term', { status: 503 });
    const first = await app();
    const { api, m, t } = await setup(first, '/d/term');
    t.setStatus(500);
    const retrying = await waitFor(async () => {
      const d = await deliveryOf(api, m.id, 'DOWN');
      return d && d.state === 'retrying' && d.attempts >= 2 ? d : null;
    }, 15_000, 'DOWN retrying');
    expect(await first.stop('SIGTERM')).toBe(0);
    const failed = requestsTo('/d/term').length;
    expect(failed).toBeGreaterThanOrEqual(2);

    fake.reset(); // the provider recovers: every request is answered 200 from now on
    const second = await app(first.dataDir);
    const api2 = new Api(second.url, api.token);
    const delivered = await waitFor(async () => {
      const d = await deliveryOf(api2, m.id, 'DOWN');
      return d?.state === 'delivered' ? d : null;
    }, 20_000, 'DOWN delivered after restart');
    expect(delivered.eventId).toBe(retrying.eventId);
    expect(delivered.attempts).toBeGreaterThan(failed);

    // Back UP: the UP arrives, and by then the DOWN has still been sent once.
    t.setStatus(200);
    await fake.waitFor(() => requestsTo('/d/term').some((r) => r.json?.kind === 'UP'), 15_000);
    const kinds = requestsTo('/d/term').map((r) => r.json.kind);
    expect(kinds).toEqual(['DOWN', 'UP']);
    expect(requestsTo('/d/term')[0].headers['x-pingboard-event-id']).toBe(retrying.eventId);
    const alerts = (await api2.get(`/api/monitors/${m.id}/alerts`)).body.alerts;
    expect(alerts.map((a: { kind: string }) => a.kind)).toEqual(['UP', 'DOWN']);
    await second.stop();
  });

  it('a SIGKILL while the provider holds an accepted message: at most one repeat, with the same event id', async () => {
    // The first request is recorded at once and answered only after a minute: the server is killed meanwhile.
    fake.on('/d/kill', { delayMs: 60_000, times: 1 });
    const first = await app();
    const { api, m, t } = await setup(first, '/d/kill');
    t.setStatus(500);
    await fake.waitFor(() => requestsTo('/d/kill').length >= 1, 15_000);
    await first.stop('SIGKILL');
    const eventId = requestsTo('/d/kill')[0].headers['x-pingboard-event-id'];
    expect(eventId).toBeTruthy();

    const second = await app(first.dataDir);
    const api2 = new Api(second.url, api.token);
    const delivered = await waitFor(async () => {
      const d = await deliveryOf(api2, m.id, 'DOWN');
      return d?.state === 'delivered' ? d : null;
    }, 20_000, 'DOWN delivered after the kill');
    expect(delivered.eventId).toBe(eventId);

    t.setStatus(200);
    await fake.waitFor(() => requestsTo('/d/kill').some((r) => r.json?.kind === 'UP'), 15_000);
    const downs = requestsTo('/d/kill').filter((r) => r.json.kind === 'DOWN');
    expect(downs.length).toBeGreaterThanOrEqual(1);
    expect(downs.length).toBeLessThanOrEqual(2);
    for (const r of downs) {
      expect(r.headers['x-pingboard-event-id']).toBe(eventId);
      expect(r.headers['idempotency-key']).toBe(eventId);
    }
    expect(requestsTo('/d/kill').filter((r) => r.json.kind === 'UP')).toHaveLength(1);
    await second.stop();
  });
});
