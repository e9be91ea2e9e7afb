import { describe, expect, it } from 'vitest';
import type { ChannelEvent, ChannelKind, EmailMessage, HttpRequest, ProviderContext } from '@/lib/alerting/channel-types';
import { CHANNEL_PROVIDERS } from '@/lib/alerting/providers';
import { pagerdutyEvent } from '@/lib/alerting/providers/pagerduty';
import { templateValues } from '@/lib/alerting/providers/webhook-payload';
import { renderTemplate } from '@/lib/alerting/providers/webhook-template';
import { leadSentence, messageKey, messageParts, monitorLink, plainText, subjectLine } from '@/lib/alerting/render-text';
import { APP_URL, AT, DOWN } from '@/tests/support/channel-fixtures';

// How one message about several monitors reads on every channel kind: the group's title, lead
// and one line per monitor (cause and since when; for a recovery how long it lasted), the
// dashboard as its link and every event id; each service's length limits kept with 100
// long-named monitors, what does not fit counted; the webhook's group payload beside its
// unchanged single payload. Also the wording of the new DEGRADED and DEGRADED_RESOLVED kinds.

const SETTINGS: Record<ChannelKind, Record<string, unknown>> = {
  email: { address: 'ops@example.com' },
  webhook: { url: 'https://hooks.example/pingboard' },
  slack: { webhookUrl: 'https://hooks.slack.example/services/T/B/X' },
  discord: { webhookUrl: 'https://discord.example/api/webhooks/1/a' },
  teams: { webhookUrl: 'https://teams.example/workflows/1' },
  google_chat: { webhookUrl: 'https://chat.example/v1/spaces/A/messages?key=k&token=t' },
  telegram: { botToken: '123456789:AAEtelegramSecretToken_0123456789', chatId: '-1001234567890' },
  ntfy: { serverUrl: 'https://ntfy.example', topic: 'alerts' },
  pushover: { userKey: 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG', appToken: 'azGDORePK8gMaC0QOYAMyEEuzJnyUi' },
  gotify: { serverUrl: 'https://gotify.example', appToken: 'AppToken.0123' },
  pagerduty: { routingKey: 'R0ut1ngK3yR0ut1ngK3yR0ut1ngK3y00' },
};

/** The provider's one request (or email), captured without a network. */
async function render(kind: ChannelKind, event: ChannelEvent): Promise<{ req?: HttpRequest; json?: any; mail?: EmailMessage }> {
  const out: { req?: HttpRequest; json?: any; mail?: EmailMessage } = {};
  const ctx: ProviderContext = {
    http: async (req) => {
      out.req = req;
      out.json = JSON.parse(req.body ?? 'null');
      return { status: 200, headers: {}, body: '' };
    },
    mailer: { transport: 'smtp', send: async (m) => ((out.mail = m), {}) },
    env: { appUrl: APP_URL, telegramApiBaseUrl: 'https://tg.example', pushoverApiBaseUrl: 'https://po.example', pagerdutyEventsUrl: 'https://pd.example/v2/enqueue' },
  };
  const provider = CHANNEL_PROVIDERS[kind];
  await provider.send(provider.settings.parse(SETTINGS[kind]), event, ctx);
  return out;
}

function member(i: number, overrides: Partial<ChannelEvent> = {}, name = `Shop ${i}`): ChannelEvent {
  const id = `mon_${i}`;
  return {
    ...DOWN,
    eventId: `0195a1b2-c3d4-7e5f-8a9b-${String(i).padStart(12, '0')}`,
    at: new Date(AT.getTime() + i * 100),
    monitor: { id, name, target: `https://shop${i}.example`, link: monitorLink(APP_URL, id) },
    incidentId: `inc_${i}`,
    ...overrides,
  };
}

function group(members: ChannelEvent[]): ChannelEvent {
  return { ...members[0], group: members };
}

const downs = (n: number, name?: (i: number) => string) => group(Array.from({ length: n }, (_, i) => member(i + 1, {}, name?.(i + 1))));
const ups = (n: number) => group(Array.from({ length: n }, (_, i) => member(i + 1, { kind: 'UP', downtimeMs: 192_000 + i * 1000 })));
/** 100 monitors whose names and errors are as long as a user can make them. */
const huge = () =>
  group(Array.from({ length: 100 }, (_, i) => member(i + 1, { error: `HTTP 503 <&> ${'x'.repeat(400)}` }, `Monitor ${i + 1} ${'long <name> & '.repeat(12)}`)));

describe('group wording', () => {
  it('counts the monitors in title and lead, gives one line each, links the dashboard and keeps every event id', () => {
    const event = downs(20);
    const parts = messageParts(event);
    expect(parts.title).toBe('[DOWN] 20 monitors are down');
    expect(parts.lead).toBe('20 monitors are down.');
    expect(parts.facts).toHaveLength(20);
    expect(parts.facts[0]).toEqual(['Shop 1', 'Timeout — Timed out after 10 s, since 2025-03-04 05:06:07 UTC']);
    expect(parts.link).toBe(`${APP_URL}/`);
    expect(parts.linkText).toBe('Open the dashboard');
    expect(parts.eventId).toBe(event.group![0].eventId);
    expect(parts.eventIds).toEqual(event.group!.map((e) => e.eventId));
    expect(plainText(parts)).toContain('Event ids: 0195a1b2-c3d4-7e5f-8a9b-000000000001 and 19 more');
  });

  it('says for a recovery how long each monitor was down and why, and notes undelivered outage alerts', () => {
    const event = ups(3);
    event.group![1].outageAlertUndelivered = true;
    const parts = messageParts(event);
    expect(parts.title).toBe('[UP] 3 monitors are back up');
    expect(parts.lead).toBe('3 monitors are back up.');
    expect(parts.facts[0][1]).toBe('Down for 3 min 12 s (Timeout — Timed out after 10 s), back up at 2025-03-04 05:06:07 UTC');
    expect(parts.facts[1][1]).toMatch(/; its outage alert could not be delivered here$/);
    expect(parts.notes).toEqual(['The outage alerts of 1 of these monitors could not be delivered on this channel.']);
  });

  it('words degraded groups', () => {
    const degraded = group([1, 2].map((i) => member(i, { kind: 'DEGRADED', cause: 'degraded', error: 'TLS handshake 850 ms > 500 ms for 3 checks' })));
    expect(messageParts(degraded).title).toBe('[DEGRADED] 2 monitors are degraded');
    expect(messageParts(degraded).facts[0][1]).toBe('TLS handshake 850 ms > 500 ms for 3 checks, since 2025-03-04 05:06:07 UTC');
    const resolved = group([1, 2].map((i) => member(i, { kind: 'DEGRADED_RESOLVED', cause: 'degraded', downtimeMs: 300_000 })));
    expect(messageParts(resolved).lead).toBe('2 monitors are back to normal response times.');
    expect(messageParts(resolved).facts[1][1]).toBe('Degraded for 5 min, normal again at 2025-03-04 05:06:07 UTC');
  });

  it('renders a group of one exactly as the single event', () => {
    const one = member(1);
    expect(messageParts({ ...one, group: [one] })).toEqual(messageParts(one));
    expect(messageKey({ ...one, group: [one] })).toBe(one.eventId);
  });

  it('keys a group by its members, whatever their order', () => {
    const event = downs(3);
    expect(messageKey(event)).toMatch(/^group-[0-9a-f]{32}$/);
    expect(messageKey(group([...event.group!].reverse()))).toBe(messageKey(event));
    expect(messageKey(downs(4))).not.toBe(messageKey(event));
  });
});

describe('DEGRADED and DEGRADED_RESOLVED', () => {
  const degraded: ChannelEvent = { ...DOWN, kind: 'DEGRADED', cause: 'degraded', error: 'TLS handshake 850 ms > 500 ms for 3 checks' };
  const resolved: ChannelEvent = { ...DOWN, kind: 'DEGRADED_RESOLVED', cause: 'degraded', error: null, downtimeMs: 600_000 };

  it('has a title, a lead and facts', () => {
    expect(subjectLine(degraded)).toBe('[DEGRADED] Checkout "API" (https://shop.example/health)');
    expect(leadSentence(degraded)).toBe('Checkout "API" is degraded: TLS handshake 850 ms > 500 ms for 3 checks.');
    expect(subjectLine(resolved)).toBe('[RECOVERED] Checkout "API" (https://shop.example/health)');
    expect(leadSentence(resolved)).toBe('Checkout "API" is back to normal response times. It was degraded for 10 min.');
    expect(leadSentence({ ...resolved, downtimeMs: null })).toBe('Checkout "API" is back to normal response times.');
    expect(messageParts(resolved).facts.map(([k]) => k)).toEqual(['Monitor', 'Target', 'It was degraded because', 'Back to normal at']);
  });

  it('triggers a PagerDuty warning and resolves it under the incident key', () => {
    const trigger = pagerdutyEvent('k', degraded);
    expect(trigger).toMatchObject({ event_action: 'trigger', dedup_key: 'pingboard:incident:inc_1', payload: { severity: 'warning' } });
    expect(trigger.payload.summary).toBe('Checkout "API" is degraded: TLS handshake 850 ms > 500 ms for 3 checks.');
    expect(pagerdutyEvent('k', resolved)).toMatchObject({ event_action: 'resolve', dedup_key: 'pingboard:incident:inc_1' });
  });

  it('is taken by every channel kind, and says so in the webhook status', async () => {
    for (const kind of Object.keys(SETTINGS) as ChannelKind[]) {
      const provider = CHANNEL_PROVIDERS[kind];
      expect(provider.handles?.('DEGRADED') ?? true, kind).toBe(true);
      expect(provider.handles?.('DEGRADED_RESOLVED') ?? true, kind).toBe(true);
      await render(kind, degraded);
    }
    expect((await render('webhook', degraded)).json).toMatchObject({ kind: 'DEGRADED', status: 'degraded', cause: 'degraded' });
    expect((await render('webhook', resolved)).json).toMatchObject({ kind: 'DEGRADED_RESOLVED', status: 'up' });
  });
});

describe('a group on every channel kind', () => {
  it('PagerDuty alone never groups', () => {
    const ungrouped = (Object.keys(SETTINGS) as ChannelKind[]).filter((k) => CHANNEL_PROVIDERS[k].groups === false);
    expect(ungrouped).toEqual(['pagerduty']);
  });

  it('webhook: the single payload is unchanged, a group adds group, count and events in the single shape', async () => {
    const single = (await render('webhook', member(1))).json;
    expect(Object.keys(single)).not.toContain('group');
    const event = downs(20);
    const { json, req } = await render('webhook', event);
    expect(json).toMatchObject({ version: 1, eventId: event.eventId, kind: 'DOWN', status: 'down', group: true, count: 20, message: '20 monitors are down.' });
    expect(json.monitor.id).toBe('mon_1');
    expect(json.events).toHaveLength(20);
    expect(json.events[0]).toEqual(single);
    expect(json.events.map((e: { eventId: string }) => e.eventId)).toEqual(event.group!.map((e) => e.eventId));
    expect(req!.headers!['X-Pingboard-Event-Id']).toBe(event.eventId);
    expect(req!.headers!['Idempotency-Key']).toBe(messageKey(event));
  });

  it('webhook template: the first monitor, {{count}}, and a message naming every monitor', () => {
    const values = templateValues(downs(3));
    expect(values.count).toBe(3);
    expect(values['monitor.name']).toBe('Shop 1');
    expect(values.message).toBe(
      '3 monitors are down. Shop 1 (Timeout — Timed out after 10 s, since 2025-03-04 05:06:07 UTC); Shop 2 (Timeout — Timed out after 10 s, since 2025-03-04 05:06:07 UTC); Shop 3 (Timeout — Timed out after 10 s, since 2025-03-04 05:06:07 UTC)',
    );
    expect(JSON.parse(renderTemplate('{"n": {{count}}, "t": "{{message}}"}', values)).n).toBe(3);
    expect(templateValues(member(1)).count).toBe(1);
  });

  it('email lists every monitor and every event id, keyed by the group', async () => {
    const event = downs(20);
    const { mail } = await render('email', event);
    expect(mail!.subject).toBe('[DOWN] 20 monitors are down');
    expect(mail!.messageId).toBe(`<${messageKey(event)}@pingboard>`);
    for (const e of event.group!) {
      expect(mail!.text).toContain(`${e.monitor.name}: `);
      expect(mail!.text).toContain(e.eventId);
    }
    expect(mail!.text).toContain(`Open the dashboard: ${APP_URL}/`);
    expect(mail!.html.match(/<tr>/g)).toHaveLength(20);
  });

  it('Slack: one text line per monitor, in at most 50 blocks of at most 3000 characters', async () => {
    const { json } = await render('slack', downs(20));
    const lines = json.blocks.filter((b: any) => b.type === 'section').flatMap((b: any) => b.text.text.split('\n'));
    expect(lines.filter((l: string) => l.startsWith('*Shop '))).toHaveLength(20);
    const big = (await render('slack', huge())).json;
    expect(big.blocks.length).toBeLessThanOrEqual(50);
    for (const b of big.blocks) if (b.text) expect(b.text.text.length, b.type).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(big)).not.toContain('<name>');
  });

  it('Discord: lines in the description within 4096, no fields, 6000 in all', async () => {
    const { json } = await render('discord', downs(20));
    expect(json.embeds[0].fields).toEqual([]);
    expect(json.embeds[0].description.split('\n')).toHaveLength(20);
    const big = (await render('discord', huge())).json.embeds[0];
    expect(big.description.length).toBeLessThanOrEqual(4096);
    // Discord's escaping puts a backslash before the colon.
    expect(big.description).toMatch(/…and \d+ more monitors\\: see the dashboard\.$/);
    expect(big.title.length + big.description.length + big.footer.text.length).toBeLessThanOrEqual(6000);
  });

  it.each([
    ['telegram', (j: any) => j.text, 4096],
    ['google_chat', (j: any) => j.text, 4096],
    ['ntfy', (j: any) => j.message, 3000],
    ['pushover', (j: any) => j.message, 1024],
    ['gotify', (j: any) => j.message, 4000],
  ] as const)('%s: within its limit, the monitors that do not fit counted', async (kind, textOf, max) => {
    const small = textOf((await render(kind, downs(3))).json);
    for (const name of ['Shop 1', 'Shop 2', 'Shop 3']) expect(small).toContain(name);
    const big = textOf((await render(kind, huge())).json);
    expect(big.length).toBeLessThanOrEqual(max);
    expect(big).toMatch(/…and \d+ more monitors: see the dashboard\./);
    expect(big).toContain('100 monitors are down.');
  });

  it('Teams: one fact per monitor, within its message size', async () => {
    const { json } = await render('teams', downs(20));
    const body = json.attachments[0].content.body;
    expect(body.find((b: any) => b.type === 'FactSet').facts).toHaveLength(20);
    expect(json.attachments[0].content.actions[0]).toEqual({ type: 'Action.OpenUrl', title: 'Open the dashboard', url: `${APP_URL}/` });
    const big = (await render('teams', huge())).req!.body!;
    expect(Buffer.byteLength(big)).toBeLessThan(28_000);
  });
});
