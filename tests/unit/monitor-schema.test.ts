import { describe, expect, it } from 'vitest';
import {
  createMonitorSchema,
  mergeMonitorUpdate,
  monitorConfigIssues,
  updateMonitorSchema,
  withMonitorDefaults,
} from '@/lib/schemas/monitor';
import { signupSchema } from '@/lib/schemas/auth';
import { z } from 'zod';

const ok = (body: unknown) => createMonitorSchema.safeParse(body).success;

describe('monitor validation', () => {
  it('accepts a minimal monitor and fills the documented defaults', () => {
    const parsed = createMonitorSchema.parse({ name: ' Home ', url: 'https://example.com' });
    const m = withMonitorDefaults(parsed);
    expect(m).toMatchObject({ name: 'Home', method: 'GET', intervalSeconds: 60, timeoutSeconds: 10, active: true, retries: 1 });
    expect(monitorConfigIssues(m)).toEqual([]);
  });

  it('never defaults the timeout above a short interval', () => {
    expect(withMonitorDefaults(createMonitorSchema.parse({ name: 'x', url: 'http://a.example', intervalSeconds: 3 })).timeoutSeconds).toBe(3);
  });

  it.each([
    ['http://example.com', true],
    ['https://example.com:8443/health?x=1', true],
    ['HTTPS://EXAMPLE.COM', true],
    ['ftp://example.com', false],
    ['file:///etc/passwd', false],
    ['data:text/plain,hi', false],
    ['javascript:alert(1)', false],
    ['gopher://example.com', false],
    ['https://user:pw@example.com', false],
    ['https://user@example.com', false],
    ['example.com', false],
    ['/relative', false],
    ['', false],
    ['https://' + 'a'.repeat(100_000) + '.com', false],
  ])('url %s -> %s', (url, valid) => {
    expect(ok({ name: 'x', url })).toBe(valid);
  });

  it('parses a 100,000-character URL quickly (no regular-expression backtracking)', () => {
    const started = performance.now();
    ok({ name: 'x', url: 'https://example.com/' + '/a'.repeat(50_000) + '!' });
    expect(performance.now() - started).toBeLessThan(100);
  });

  it.each([
    [{ intervalSeconds: 0 }],
    [{ intervalSeconds: 86_401 }],
    [{ intervalSeconds: 2.5 }],
    [{ timeoutSeconds: 61 }],
    [{ method: 'TRACE' }],
    [{ headers: [{ name: 'Host', value: 'evil' }] }],
    [{ headers: [{ name: 'X-A', value: 'a\r\nInjected: 1' }] }],
    [{ headers: Array.from({ length: 21 }, (_, i) => ({ name: `X-${i}`, value: 'v' })) }],
    [{ body: 'x'.repeat(64 * 1024 + 1) }],
    [{ acceptedStatusCodes: ['2xx'] }],
    [{ acceptedStatusCodes: ['299-200'] }],
    [{ status: 'UP' }],
  ])('refuses %j', (extra) => {
    expect(ok({ name: 'x', url: 'https://example.com', ...extra })).toBe(false);
  });

  it('accepts headers as a list or as a plain object', () => {
    const asObject = createMonitorSchema.parse({ name: 'x', url: 'https://example.com', headers: { 'X-Api-Key': 'k', Accept: 'text/plain' } });
    expect(asObject.headers).toEqual([
      { name: 'X-Api-Key', value: 'k' },
      { name: 'Accept', value: 'text/plain' },
    ]);
    expect(ok({ name: 'x', url: 'https://example.com', headers: { Host: 'evil' } })).toBe(false);
    expect(ok({ name: 'x', url: 'https://example.com', headers: { 'X-A': 42 } })).toBe(false);
  });

  it('checks rules that span fields on the merged monitor', () => {
    const base = withMonitorDefaults(createMonitorSchema.parse({ name: 'x', url: 'https://example.com', intervalSeconds: 30, timeoutSeconds: 10 }));
    expect(monitorConfigIssues({ ...base, timeoutSeconds: 40 }).map((i) => i.path)).toEqual([['timeoutSeconds']]);
    expect(monitorConfigIssues({ ...base, type: 'tcp', url: null }).map((i) => i.path[0]).sort()).toEqual(['host', 'port']);
    expect(monitorConfigIssues({ ...base, body: '{}' }).map((i) => i.path)).toEqual([['body']]);
    expect(monitorConfigIssues(base, { minIntervalSeconds: 60 }).map((i) => i.path)).toEqual([['intervalSeconds']]);
    // Lowering the interval pulls an implicit timeout down with it; an explicit one is checked.
    expect(mergeMonitorUpdate(base, updateMonitorSchema.parse({ intervalSeconds: 5 })).timeoutSeconds).toBe(5);
    expect(mergeMonitorUpdate(base, updateMonitorSchema.parse({ intervalSeconds: 5, timeoutSeconds: 9 })).timeoutSeconds).toBe(9);
  });
});

describe('the create body by kind', () => {
  it('is read as a discriminated union on type: no type is an HTTP monitor, and each kind keeps every field', () => {
    const http = createMonitorSchema.parse({ name: 'x', url: 'https://example.com', host: null });
    const tcp = createMonitorSchema.parse({ name: 'x', type: 'tcp', host: 'db', port: 5432, url: 'https://example.com' });
    expect(http.type).toBeUndefined();
    expect(withMonitorDefaults(http).type).toBe('http');
    expect(tcp).toMatchObject({ type: 'tcp', host: 'db', port: 5432, url: 'https://example.com' });
  });

  it('refuses an unknown type at its path, with the other issues of the same body', () => {
    const issues = createMonitorSchema.safeParse({ name: 'x', type: 'ftp', url: 'ftp://example.com' }).error!.issues;
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['type', 'Invalid option: expected one of "http"|"tcp"|"heartbeat"'],
      ['url', 'Only http and https URLs can be monitored'],
    ]);
  });

  it('is documented as one object of every field, as the API docs show it', () => {
    const doc = z.toJSONSchema(createMonitorSchema, { io: 'input', unrepresentable: 'any' }) as { required: string[]; properties: Record<string, unknown> };
    expect(doc.required).toEqual(['name']);
    expect(Object.keys(doc.properties)).toEqual(expect.arrayContaining(['type', 'url', 'host', 'port', 'graceSeconds']));
    expect(doc.properties.intervalSeconds).toMatchObject({ type: 'integer', minimum: 1, maximum: 86400 });
  });
});

describe('signup validation', () => {
  it.each([
    ['password-123', true],
    ['short', false],
    ['x'.repeat(72), true],
    ['é'.repeat(37), false],
    ['x'.repeat(129), false],
  ])('password %s -> %s', (password, valid) => {
    expect(signupSchema.safeParse({ email: 'a@example.com', password }).success).toBe(valid);
  });

  it('lower-cases and trims the email', () => {
    expect(signupSchema.parse({ email: '  Mixed@Example.COM ', password: 'password-123' }).email).toBe('mixed@example.com');
  });
});
