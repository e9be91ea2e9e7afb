import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNEL_KINDS, type ChannelKind } from '@/lib/alerting/channel-types';
import { CHANNEL_PROVIDERS, providerFor, providerHandles } from '@/lib/alerting/providers';

// Every kind's settings schema: a valid example passes, each required field missing or wrong is
// refused on that field's path (the API prefixes 'settings'), unknown keys and bad URLs are
// refused, and the secret and URL field lists name real fields.

const VALID: Record<ChannelKind, Record<string, unknown>> = {
  email: { address: ' Ops@Example.COM ' },
  webhook: { url: 'https://example.com/hook', secret: 'a-long-signing-secret', headers: { 'X-Team': 'ops' }, template: '{"t":"{{message}}"}' },
  slack: { webhookUrl: 'https://hooks.slack.com/services/T0/B0/XXXX' },
  discord: { webhookUrl: 'https://discord.com/api/webhooks/1/abc' },
  teams: { webhookUrl: 'https://prod-00.westus.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=x' },
  google_chat: { webhookUrl: 'https://chat.googleapis.com/v1/spaces/AAA/messages?key=k&token=t' },
  telegram: { botToken: '123456789:AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-bs', chatId: '-1001234567890' },
  ntfy: { serverUrl: 'https://ntfy.sh', topic: 'my-alerts', token: 'tk_abc' },
  pushover: { userKey: 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG', appToken: 'azGDORePK8gMaC0QOYAMyEEuzJnyUi' },
  gotify: { serverUrl: 'https://gotify.example.com', appToken: 'AbCdEf123456789' },
  pagerduty: { routingKey: 'R0123456789abcdef0123456789ABCDE' },
};

/** A wrong value for each field, refused on that field. */
const WRONG: Record<ChannelKind, Record<string, unknown>> = {
  email: { address: 'not-an-email' },
  webhook: { url: 'ftp://example.com', secret: 'short', headers: { Host: 'x' }, template: '{"a": {{message}}}' },
  slack: { webhookUrl: 'hooks.slack.com/services/x' },
  discord: { webhookUrl: 'javascript:alert(1)' },
  teams: { webhookUrl: 'https://user:pass@example.com/x' },
  google_chat: { webhookUrl: 42 },
  telegram: { botToken: 'no-colon-here', chatId: 'chat name' },
  ntfy: { serverUrl: 'ntfy.sh', topic: 'has spaces', token: 'has space' },
  pushover: { userKey: 'short', appToken: 'x'.repeat(31) },
  gotify: { serverUrl: '/relative', appToken: 'bad token!' },
  pagerduty: { routingKey: 'abc' },
};

const issuesOf = (kind: ChannelKind, input: unknown) => {
  const result = providerFor(kind).settings.safeParse(input);
  return result.success ? [] : result.error.issues;
};

function shapeKeys(kind: ChannelKind): string[] {
  return Object.keys((CHANNEL_PROVIDERS[kind].settings as z.ZodObject).shape);
}

function requiredKeys(kind: ChannelKind): string[] {
  return shapeKeys(kind).filter((k) => issuesOf(kind, Object.fromEntries(Object.entries(VALID[kind]).filter(([key]) => key !== k))).length > 0);
}

describe('channel provider registry', () => {
  it('has one provider per kind, each naming its own kind', () => {
    expect(Object.keys(CHANNEL_PROVIDERS).sort()).toEqual([...CHANNEL_KINDS].sort());
    for (const kind of CHANNEL_KINDS) {
      expect(CHANNEL_PROVIDERS[kind].kind).toBe(kind);
      expect(CHANNEL_PROVIDERS[kind].label).not.toBe('');
      expect(CHANNEL_PROVIDERS[kind].help).not.toBe('');
    }
  });

  it('lists only real fields as secret or URL fields', () => {
    for (const kind of CHANNEL_KINDS) {
      const keys = shapeKeys(kind);
      for (const f of [...CHANNEL_PROVIDERS[kind].secretFields, ...CHANNEL_PROVIDERS[kind].urlFields]) expect(keys, kind).toContain(f);
    }
    expect(CHANNEL_PROVIDERS.webhook.secretFields).toEqual(['secret', 'headers']);
    expect(CHANNEL_PROVIDERS.slack.secretFields).toEqual(['webhookUrl']);
  });

  it('sends every event to every kind but reminders to PagerDuty', () => {
    for (const kind of CHANNEL_KINDS) {
      expect(providerHandles(kind, 'DOWN')).toBe(true);
      expect(providerHandles(kind, 'REMINDER')).toBe(kind !== 'pagerduty');
    }
  });
});

describe.each(CHANNEL_KINDS)('%s settings', (kind) => {
  it('accepts the valid example', () => {
    expect(issuesOf(kind, VALID[kind])).toEqual([]);
  });

  it('refuses an unknown key', () => {
    const issues = issuesOf(kind, { ...VALID[kind], surprise: 1 });
    expect(issues).toHaveLength(1);
    expect(issues[0].code).toBe('unrecognized_keys');
  });

  it('names each missing required field', () => {
    const required = requiredKeys(kind);
    expect(required.length).toBeGreaterThan(0);
    for (const key of required) {
      const rest = Object.fromEntries(Object.entries(VALID[kind]).filter(([k]) => k !== key));
      const issues = issuesOf(kind, rest);
      expect(issues.map((i) => i.path[0]), key).toEqual([key]);
      expect(issues[0].message).toMatch(/^Enter /);
    }
  });

  it('names each wrong field', () => {
    for (const [key, value] of Object.entries(WRONG[kind])) {
      const issues = issuesOf(kind, { ...VALID[kind], [key]: value });
      expect(issues.length, `${key}=${String(value)}`).toBeGreaterThan(0);
      expect(issues.every((i) => i.path[0] === key), `${key}: ${JSON.stringify(issues)}`).toBe(true);
    }
  });
});

describe('settings details', () => {
  it('normalizes what it can', () => {
    expect(providerFor('email').settings.parse(VALID.email)).toEqual({ address: 'ops@example.com' });
    expect(providerFor('telegram').settings.parse({ ...VALID.telegram, chatId: -100123 })).toMatchObject({ chatId: '-100123' });
    expect(providerFor('telegram').settings.parse({ ...VALID.telegram, chatId: '@my_channel' })).toMatchObject({ chatId: '@my_channel' });
    expect(providerFor('slack').settings.parse({ webhookUrl: '  https://hooks.slack.com/x  ' })).toEqual({ webhookUrl: 'https://hooks.slack.com/x' });
  });

  it('reads an empty optional secret as none', () => {
    expect(providerFor('webhook').settings.parse({ url: 'https://example.com', secret: '', headers: null, template: '' })).toEqual({ url: 'https://example.com' });
    expect((providerFor('ntfy').settings.parse({ ...VALID.ntfy, token: null }) as { token?: string }).token).toBeUndefined();
  });

  it('refuses webhook headers Pingboard sets, line breaks, duplicates and too many', () => {
    const headerIssues = (headers: unknown) => issuesOf('webhook', { url: 'https://example.com', headers });
    for (const name of ['Host', 'content-length', 'Content-Type', 'X-Pingboard-Signature', 'Idempotency-Key', 'X-Pingboard-Event-Id']) {
      const issues = headerIssues({ [name]: 'x' });
      expect(issues[0]?.path, name).toEqual(['headers', name]);
    }
    expect(headerIssues({ 'X-A': 'a\r\nInjected: yes' })[0]).toMatchObject({ path: ['headers', 'X-A'], message: 'Header value must not contain line breaks' });
    expect(headerIssues([{ name: 'X-A', value: '1' }, { name: 'x-a', value: '2' }])[0]).toMatchObject({ path: ['headers', 'x-a'] });
    expect(headerIssues(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`X-H${i}`, 'v'])))[0]).toMatchObject({ path: ['headers'] });
    expect(headerIssues({ 'Bad Name': 'v' })[0]?.path).toEqual(['headers', 'Bad Name']);
  });

  it('refuses URLs that are not absolute http(s) URLs, with readable messages', () => {
    const slack = (webhookUrl: unknown) => issuesOf('slack', { webhookUrl })[0]?.message;
    expect(slack(undefined)).toBe('Enter the webhook URL from Slack');
    expect(slack('')).toBe('Enter the webhook URL from Slack');
    expect(slack('not a url')).toMatch(/^Enter the webhook URL from Slack \(an absolute URL/);
    expect(slack('ftp://x.example')).toBe('Only http and https URLs can be used');
    expect(slack(`https://x.example/${'a'.repeat(2100)}`)).toMatch(/at most 2048/);
  });
});
