import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSendgridProvider } from '@/lib/alerting/providers/sendgrid-email';
import { startFakeSendgrid, type FakeSendgrid } from '@/tests/support/fake-sendgrid';

const KEY = 'SG.unit-test-key';
const MESSAGE = { subject: '[DOWN] My API (https://api.example.com)', text: 'plain body', html: '<p>html body</p>' };

let fake: FakeSendgrid;

beforeAll(async () => {
  fake = await startFakeSendgrid();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.received.length = 0;
  fake.setFailures(0, 500);
});

describe('SendGrid email provider', () => {
  it('is unconfigured without an API key, and refuses to send', async () => {
    for (const apiKey of [undefined, '', '  ']) {
      const provider = createSendgridProvider({ apiKey, baseUrl: fake.url, from: 'alerts@pingboard.test' });
      expect(provider.isConfigured()).toBe(false);
      await expect(provider.send('a@b.test', MESSAGE)).rejects.toThrow(/not configured/);
    }
    expect(fake.received).toHaveLength(0);
  });

  it('posts the mail to the configured base URL with the API key', async () => {
    const provider = createSendgridProvider({ apiKey: KEY, baseUrl: fake.url, from: 'alerts@pingboard.test' });
    expect(provider.channel).toBe('email');
    expect(provider.isConfigured()).toBe(true);
    await provider.send('owner@example.com', MESSAGE);

    expect(fake.received).toHaveLength(1);
    const [{ auth, body }] = fake.received;
    expect(auth).toBe(`Bearer ${KEY}`);
    expect(body.personalizations[0].to[0].email).toBe('owner@example.com');
    expect(body.from.email).toBe('alerts@pingboard.test');
    expect(body.subject).toBe(MESSAGE.subject);
    expect(body.content).toEqual([
      { type: 'text/plain', value: 'plain body' },
      { type: 'text/html', value: '<p>html body</p>' },
    ]);
  });

  it('accepts a base URL with a trailing slash', async () => {
    const provider = createSendgridProvider({ apiKey: KEY, baseUrl: `${fake.url}/`, from: 'alerts@pingboard.test' });
    await provider.send('owner@example.com', MESSAGE);
    expect(fake.received).toHaveLength(1);
  });

  it('rejects on a non-2xx answer with the status and SendGrid’s error text, never the key', async () => {
    fake.setFailures(1, 500);
    const provider = createSendgridProvider({ apiKey: KEY, baseUrl: fake.url, from: 'alerts@pingboard.test' });
    const err = await provider.send('owner@example.com', MESSAGE).then(
      () => null,
      (e: unknown) => e as Error & { status: number | null },
    );
    expect(err).toBeInstanceOf(Error);
    expect(err!.status).toBe(500);
    expect(err!.message).toBe('SendGrid answered HTTP 500: fake failure (500)');
    expect(JSON.stringify(err)).not.toContain(KEY);
    expect(String(err!.stack)).not.toContain(KEY);
    expect(err!.cause).toBeUndefined();

    fake.setFailures(1, 401);
    await expect(provider.send('owner@example.com', MESSAGE)).rejects.toThrow(/HTTP 401/);
  });

  it('reports a connection failure without the key', async () => {
    const dead = await startFakeSendgrid();
    const url = dead.url;
    await dead.close();
    const provider = createSendgridProvider({ apiKey: KEY, baseUrl: url, from: 'alerts@pingboard.test' });
    const err = await provider.send('owner@example.com', MESSAGE).catch((e: Error & { status: number | null }) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^SendGrid request failed: .*ECONNREFUSED/);
    expect((err as Error).message).not.toContain(KEY);
  });

  it('gives up on a server that never answers after timeoutMs', async () => {
    const hung = http.createServer(() => {});
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
    const { port } = hung.address() as AddressInfo;
    try {
      const provider = createSendgridProvider({ apiKey: KEY, baseUrl: `http://127.0.0.1:${port}`, from: 'a@b.test', timeoutMs: 200 });
      await expect(provider.send('owner@example.com', MESSAGE)).rejects.toThrow(/SendGrid request failed: timeout of 200ms exceeded/);
    } finally {
      hung.closeAllConnections();
      await new Promise((r) => hung.close(r));
    }
  });

  it('validates its settings', () => {
    expect(() => createSendgridProvider({ apiKey: KEY, baseUrl: 'not a url', from: 'a@b.test' })).toThrow();
  });
});
