import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatchAlert, pendingAlerts, type DispatchDeps } from '@/lib/alerting/dispatch';
import { createSendgridProvider } from '@/lib/alerting/providers/sendgrid-email';
import type { AlertRecord } from '@/lib/alerting/record-alert';
import type { AlertEvent, AlertMessage, AlertProvider } from '@/lib/alerting/types';
import { startFakeSendgrid, type FakeSendgrid } from '@/tests/support/fake-sendgrid';

let seq = 0;
function event(overrides: Partial<AlertEvent> = {}): AlertEvent {
  seq++;
  return {
    kind: 'DOWN',
    monitorId: 'mon_1',
    incidentId: `inc_${seq}`,
    monitor: { id: 'mon_1', name: 'My API', target: 'https://api.example.com' },
    recipient: 'owner@example.com',
    at: new Date('2025-03-04T05:06:07Z'),
    cause: 'connection_refused',
    error: 'Connection refused',
    ...overrides,
  };
}

/** A provider whose n-th send (1-based) fails while n <= failFirst. */
function fakeProvider(failFirst = 0, configured = true) {
  const sent: Array<{ recipient: string; message: AlertMessage }> = [];
  const send = vi.fn(async (recipient: string, message: AlertMessage) => {
    if (send.mock.calls.length <= failFirst) throw new Error(`boom ${send.mock.calls.length}`);
    sent.push({ recipient, message });
  });
  const provider: AlertProvider = { channel: 'email', isConfigured: () => configured, send };
  return { provider, send, sent };
}

function harness(provider: AlertProvider, overrides: Partial<DispatchDeps> = {}) {
  const records: AlertRecord[] = [];
  const sleeps: number[] = [];
  const deps: DispatchDeps = {
    providers: { email: provider },
    sleep: async (ms) => void sleeps.push(ms),
    retryBaseMs: 100,
    appUrl: 'https://pingboard.test',
    now: () => new Date('2025-03-04T05:06:08Z'),
    record: async (r) => (records.push(r), true),
    wasDelivered: async () => false,
    ...overrides,
  };
  return { deps, records, sleeps };
}

describe('dispatchAlert retries', () => {
  it('retries 3 times with exponential backoff, then records failed with the last error', async () => {
    const { provider, send } = fakeProvider(Infinity);
    const { deps, records, sleeps } = harness(provider);
    await dispatchAlert(event(), deps);
    expect(send).toHaveBeenCalledTimes(4);
    expect(sleeps).toEqual([100, 200, 400]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'failed', error: 'boom 4', kind: 'DOWN', channel: 'email', recipient: 'owner@example.com' });
  });

  it('records one sent alert when the third attempt succeeds', async () => {
    const { provider, send, sent } = fakeProvider(2);
    const { deps, records, sleeps } = harness(provider);
    const e = event();
    await dispatchAlert(e, deps);
    expect(send).toHaveBeenCalledTimes(3);
    expect(sleeps).toEqual([100, 200]);
    expect(sent).toHaveLength(1);
    expect(sent[0].message.subject).toBe('[DOWN] My API (https://api.example.com)');
    expect(records).toEqual([
      {
        monitorId: 'mon_1',
        incidentId: e.incidentId,
        kind: 'DOWN',
        channel: 'email',
        recipient: 'owner@example.com',
        outcome: 'sent',
        error: null,
        cause: 'connection_refused',
        createdAt: new Date('2025-03-04T05:06:08Z'),
      },
    ]);
  });

  it('records skipped without sending when the provider is not configured', async () => {
    const { provider, send } = fakeProvider(0, false);
    const { deps, records } = harness(provider);
    await dispatchAlert(event(), deps);
    expect(send).not.toHaveBeenCalled();
    expect(records.map((r) => r.outcome)).toEqual(['skipped']);
  });
});

describe('dispatchAlert exactly-once guard', () => {
  it('sends a DOWN alert once when dispatched twice at the same time', async () => {
    const { provider, send } = fakeProvider();
    const { deps, records } = harness(provider);
    const e = event();
    await Promise.all([dispatchAlert(e, deps), dispatchAlert({ ...e }, deps)]);
    expect(send).toHaveBeenCalledTimes(1);
    expect(records).toHaveLength(1);
  });

  it('skips a DOWN/UP alert the history says was already sent or skipped', async () => {
    const { provider, send } = fakeProvider();
    const wasDelivered = vi.fn(async () => true);
    const { deps, records } = harness(provider, { wasDelivered });
    const e = event({ kind: 'UP' });
    await dispatchAlert(e, deps);
    expect(wasDelivered).toHaveBeenCalledWith(e.incidentId, 'UP');
    expect(send).not.toHaveBeenCalled();
    expect(records).toHaveLength(0);
  });

  it('does not guard reminders, certificate alerts or alerts without an incident', async () => {
    const { provider, send } = fakeProvider();
    const wasDelivered = vi.fn(async () => true);
    const { deps } = harness(provider, { wasDelivered });
    const reminder = event({ kind: 'REMINDER' });
    await Promise.all([dispatchAlert(reminder, deps), dispatchAlert(reminder, deps)]);
    await dispatchAlert(event({ kind: 'CERT_EXPIRING', incidentId: null }), deps);
    await dispatchAlert(event({ kind: 'DOWN', incidentId: null }), deps);
    expect(send).toHaveBeenCalledTimes(4);
    expect(wasDelivered).not.toHaveBeenCalled();
  });

  it('lets a failed alert be tried again later', async () => {
    const { provider, send } = fakeProvider(4);
    const { deps, records } = harness(provider);
    const e = event();
    await dispatchAlert(e, deps);
    await dispatchAlert(e, deps);
    expect(send).toHaveBeenCalledTimes(5);
    expect(records.map((r) => r.outcome)).toEqual(['failed', 'sent']);
  });

  it('keeps the claim when a sent alert could not be recorded, so it is not sent again', async () => {
    const { provider, send } = fakeProvider();
    const { deps } = harness(provider, { record: async () => false });
    const e = event();
    await dispatchAlert(e, deps);
    await dispatchAlert(e, deps);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('sends anyway when the history lookup fails', async () => {
    const { provider, send } = fakeProvider();
    const { deps } = harness(provider, { wasDelivered: async () => Promise.reject(new Error('SQLITE_BUSY')) });
    await dispatchAlert(event(), deps);
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe('dispatchAlert never throws', () => {
  it('resolves when recording throws or the event cannot be rendered', async () => {
    const { provider } = fakeProvider();
    const { deps } = harness(provider, { record: () => Promise.reject(new Error('disk full')) });
    await expect(dispatchAlert(event(), deps)).resolves.toBeUndefined();
    await expect(dispatchAlert(event({ at: new Date(Number.NaN) }), deps)).resolves.toBeUndefined();
  });
});

describe('pendingAlerts', () => {
  it('settles only after in-flight dispatches finish', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const provider: AlertProvider = { channel: 'email', isConfigured: () => true, send: () => gate };
    const { deps, records } = harness(provider);
    void dispatchAlert(event(), deps);
    let flushed = false;
    const flush = pendingAlerts().then(() => (flushed = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(flushed).toBe(false);
    release();
    await flush;
    expect(records).toHaveLength(1);
    await expect(pendingAlerts()).resolves.toBeUndefined();
  });
});

describe('dispatchAlert through SendGrid', () => {
  let fake: FakeSendgrid;
  beforeAll(async () => {
    fake = await startFakeSendgrid({ failTimes: 2, status: 500 });
  });
  afterAll(() => fake.close());

  it('retries real 500s and records one sent alert', async () => {
    const email = createSendgridProvider({ apiKey: 'SG.dispatch-key', baseUrl: fake.url, from: 'alerts@pingboard.test' });
    const { deps, records } = harness(email);
    await dispatchAlert(event({ monitor: { id: 'mon_1', name: '"><img src=x onerror=alert(1)>', target: 'db:5432' } }), deps);
    expect(fake.received).toHaveLength(3);
    expect(records.map((r) => r.outcome)).toEqual(['sent']);
    const body = fake.received[2].body;
    expect(body.subject).toBe('[DOWN] "><img src=x onerror=alert(1)> (db:5432)');
    expect(body.content[1].value).not.toContain('<img');
  });

  it('waitFor resolves on a matching mail and rejects on timeout; other paths are 404', async () => {
    await expect(fake.waitFor((m) => m.length >= 3, 1000)).resolves.toHaveLength(3);
    await expect(fake.waitFor((m) => m.length > 99, 50)).rejects.toThrow(/not met within 50 ms/);
    const res = await fetch(`${fake.url}/v3/other`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
  });
});
