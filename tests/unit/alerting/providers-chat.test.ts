import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { discordProvider } from '@/lib/alerting/providers/discord';
import { googleChatProvider } from '@/lib/alerting/providers/google-chat';
import { slackProvider } from '@/lib/alerting/providers/slack';
import { teamsProvider } from '@/lib/alerting/providers/teams';
import { DOWN, TEST, UP, fakeContext } from '@/tests/support/channel-fixtures';
import { startFakeProviders, type FakeProviders } from '@/tests/support/fake-providers';

// The chat webhooks' request shapes, as each service documents them, sent to a loopback fake:
// a DOWN, an UP whose outage alert was not delivered, and a test message.

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const ctx = () => fakeContext(fake.url);
const only = () => {
  expect(fake.requests).toHaveLength(1);
  const [req] = fake.requests;
  expect(req.method).toBe('POST');
  expect(req.headers['content-type']).toMatch(/^application\/json/);
  expect(req.headers['user-agent']).toBe('Pingboard');
  return req;
};

describe('Slack', () => {
  const settings = () => slackProvider.settings.parse({ webhookUrl: `${fake.url}/services/T000/B000/XXXX` });

  it('posts {text, blocks} with the lead, the facts, the link and the event id', async () => {
    const result = await slackProvider.send(settings(), DOWN, ctx());
    expect(result).toEqual({ providerStatus: 200 });
    const { path, json } = only();
    expect(path).toBe('/services/T000/B000/XXXX');
    expect(json.text).toBe('[DOWN] Checkout "API" (https://shop.example/health): Checkout "API" is down.');
    expect(json.blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section', 'section', 'context']);
    expect(json.blocks[0].text).toEqual({ type: 'plain_text', text: '[DOWN] Checkout "API" (https://shop.example/health)', emoji: false });
    expect(json.blocks[1].text).toEqual({ type: 'mrkdwn', text: '*Checkout "API" is down.*' });
    expect(json.blocks[2].fields).toContainEqual({ type: 'mrkdwn', text: '*Reason*\nTimeout — Timed out after 10 s' });
    expect(json.blocks[3].elements[0].text).toBe(`<${DOWN.monitor.link}|View the monitor> · Event id: ${DOWN.eventId}`);
  });

  it('says on UP that the outage alert was not delivered, and marks a test message', async () => {
    await slackProvider.send(settings(), UP, ctx());
    await slackProvider.send(settings(), TEST, ctx());
    const [up, test] = fake.requests.map((r) => r.json);
    expect(up.blocks[1].text.text).toBe('*Checkout "API" is back up. It was down for 3 min 12 s.*\n_The alert that this monitor went down could not be delivered on this channel._');
    expect(up.blocks[3].elements[0].text).toContain(UP.eventId);
    expect(test.text).toMatch(/^\[TEST\] \[DOWN\] Pingboard test/);
    expect(test.blocks[1].text.text).toContain('_Test message from Pingboard');
  });

  it('escapes mrkdwn control characters in user values', async () => {
    const event = { ...DOWN, monitor: { ...DOWN.monitor, name: 'A <!channel> & <https://evil.example|click>' } };
    await slackProvider.send(settings(), event, ctx());
    const { json } = only();
    expect(json.blocks[1].text.text).toBe('*A &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt; is down.*');
  });
});

describe('Discord', () => {
  const settings = () => discordProvider.settings.parse({ webhookUrl: `${fake.url}/api/webhooks/123/abc` });

  it('posts {content, embeds} with mentions off', async () => {
    fake.on('/api/webhooks', { status: 204, body: '' });
    expect(await discordProvider.send(settings(), DOWN, ctx())).toEqual({ providerStatus: 204 });
    const { path, json } = only();
    expect(path).toBe('/api/webhooks/123/abc');
    expect(json.content).toBe('\\[DOWN\\] Checkout "API" \\(https\\://shop.example/health\\)');
    expect(json.allowed_mentions).toEqual({ parse: [] });
    const [embed] = json.embeds;
    expect(embed).toMatchObject({ title: 'Checkout "API" is down.', url: DOWN.monitor.link, color: 0xd92d20, timestamp: DOWN.at.toISOString() });
    expect(embed.footer.text).toBe(`Pingboard · Event id: ${DOWN.eventId}`);
    expect(embed.fields[0]).toEqual({ name: 'Monitor', value: 'Checkout "API"', inline: false });
    expect(embed.description).toBeUndefined();
  });

  it('puts the notes in the description and keeps every limit', async () => {
    await discordProvider.send(settings(), UP, ctx());
    const long = { ...TEST, error: 'e'.repeat(5_000), monitor: { ...TEST.monitor, name: 'n'.repeat(400) } };
    await discordProvider.send(settings(), long, ctx());
    const [up, test] = fake.requests.map((r) => r.json);
    expect(up.embeds[0].description).toBe('The alert that this monitor went down could not be delivered on this channel.');
    expect(up.embeds[0].color).toBe(0x12b76a);
    expect(test.embeds[0].description).toMatch(/^Test message from Pingboard/);
    expect(test.content.length).toBeLessThanOrEqual(2000);
    expect(test.embeds[0].title.length).toBeLessThanOrEqual(256);
    for (const f of test.embeds[0].fields) expect(f.value.length).toBeLessThanOrEqual(1024);
  });
});

describe('Microsoft Teams', () => {
  const settings = () => teamsProvider.settings.parse({ webhookUrl: `${fake.url}/workflows/abc/triggers/manual/paths/invoke?sig=s3cret` });

  it('posts a message with one Adaptive Card 1.4', async () => {
    fake.on('/workflows', { status: 202, body: '' });
    expect(await teamsProvider.send(settings(), DOWN, ctx())).toEqual({ providerStatus: 202 });
    const { path, query, json } = only();
    expect(path).toBe('/workflows/abc/triggers/manual/paths/invoke');
    expect(query.sig).toBe('s3cret');
    expect(json.type).toBe('message');
    expect(json.attachments).toHaveLength(1);
    const [att] = json.attachments;
    expect(att.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(att.content).toMatchObject({ $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4' });
    const body = att.content.body;
    expect(body[0]).toMatchObject({ type: 'TextBlock', text: '[DOWN] Checkout "API" (https://shop.example/health)', color: 'Attention' });
    expect(body[1]).toMatchObject({ type: 'TextBlock', text: 'Checkout "API" is down.' });
    const facts = body.find((b: { type: string }) => b.type === 'FactSet').facts;
    expect(facts).toContainEqual({ title: 'Reason', value: 'Timeout — Timed out after 10 s' });
    expect(body.at(-1).text).toBe(`Event id: ${DOWN.eventId}`);
    expect(att.content.actions).toEqual([{ type: 'Action.OpenUrl', title: 'View the monitor', url: DOWN.monitor.link }]);
  });

  it('adds the notes as text blocks', async () => {
    await teamsProvider.send(settings(), UP, ctx());
    await teamsProvider.send(settings(), TEST, ctx());
    const texts = fake.requests.map((r) => r.json.attachments[0].content.body.map((b: { text?: string }) => b.text ?? ''));
    expect(texts[0]).toContain('The alert that this monitor went down could not be delivered on this channel.');
    expect(texts[1][0]).toMatch(/^\[TEST\] /);
    expect(texts[1].some((t: string) => t.startsWith('Test message from Pingboard'))).toBe(true);
  });
});

describe('Google Chat', () => {
  const settings = () => googleChatProvider.settings.parse({ webhookUrl: `${fake.url}/v1/spaces/AAA/messages?key=k&token=t` });

  it('posts {text} with bold title, facts, a link and the event id', async () => {
    await googleChatProvider.send(settings(), DOWN, ctx());
    const { path, query, json } = only();
    expect(path).toBe('/v1/spaces/AAA/messages');
    expect(query).toEqual({ key: 'k', token: 't' });
    expect(Object.keys(json)).toEqual(['text']);
    const lines = json.text.split('\n');
    expect(lines[0]).toBe('*[DOWN] Checkout "API" (https://shop.example/health)*');
    expect(lines[1]).toBe('Checkout "API" is down.');
    expect(lines).toContain('Reason: Timeout — Timed out after 10 s');
    expect(lines).toContain(`<${DOWN.monitor.link}|View the monitor>`);
    expect(lines.at(-1)).toBe(`Event id: ${DOWN.eventId}`);
  });

  it('marks notes and keeps user text from becoming a mention', async () => {
    await googleChatProvider.send(settings(), { ...UP, monitor: { ...UP.monitor, name: 'x <users/all>' } }, ctx());
    await googleChatProvider.send(settings(), TEST, ctx());
    const [up, test] = fake.requests.map((r) => r.json.text as string);
    expect(up).toContain('_The alert that this monitor went down could not be delivered on this channel._');
    expect(up).not.toContain('<users/all>');
    expect(up).toContain('x ‹users/all›');
    expect(test).toMatch(/^\*\[TEST\] /);
  });
});
