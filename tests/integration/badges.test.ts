// Public badges: /badge/<badgeKey>/status.svg, uptime.svg?window=... and response.svg answer for
// a monitor whose owner turned its badge on, as shields-style SVGs anyone may embed (cacheable
// for a minute, no frame rule). A wrong key and a badge turned off look the same: a neutral
// "not found" badge with a 404. The label can be overridden and is escaped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { startTarget, type TargetServer } from '../support/target-server';
import { countRows } from '../support/app-db';
import { DAY_MS, HOUR_MS, createMonitor, rawRequest, seedChecks, type RawResponse } from './status-page-support';

let app: AppServer;
let target: TargetServer;
let owner: Api;
/** Checked by the worker every second against an answering target: UP. */
let live: any;
/** Paused, with a history seeded straight into the database. */
let seeded: any;

const badge = (key: string, file: string) => rawRequest(`${app.url}/badge/${encodeURIComponent(key)}/${file}`);

/** The texts a badge shows (badge-maker draws each twice, shadow and face; its <title> holds both). */
function badgeTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

function expectSvg(res: RawResponse, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
  expect(res.text.trimStart()).toMatch(/^<svg[\s>]/);
  expect(res.headers['x-frame-options']).toBeUndefined();
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.text.toLowerCase()).not.toContain('<script');
}

beforeAll(async () => {
  [app, target] = await Promise.all([startApp(), startTarget(200)]);
  owner = new Api(app.url);
  await owner.signup();
  [live, seeded] = await Promise.all([
    createMonitor(owner, { name: 'Live', url: target.url, active: true, intervalSeconds: 1, timeoutSeconds: 1, publicBadge: true }),
    createMonitor(owner, { name: 'Seeded', url: 'https://seeded.example.com/', publicBadge: true }),
  ]);
  // UP, with its first checks stored and rolled up.
  await waitFor(async () => (await owner.get(`/api/monitors/${live.id}`)).body.monitor.status === 'UP', 15_000, 'the live monitor UP');
  await waitFor(async () => (await countRows(app, `SELECT COUNT(*) AS n FROM "CheckRollup" WHERE "monitorId" = ?`, live.id)) > 0, 15_000, 'the live monitor rolled up');

  // Uptime by window: 2 h ago 3 UP (100, 200, 300 ms), 1 DOWN and a BLOCKED one (counted
  // nowhere); 5 days ago 4 DOWN; 20 days ago 8 UP; 60 days ago 4 UP; 100 days ago 10 DOWN.
  const now = Date.now();
  const at = (msAgo: number, i: number) => now - msAgo + i * 1000;
  await seedChecks(app, seeded.id, [
    ...[100, 200, 300].map((latencyMs, i) => ({ status: 'UP' as const, latencyMs, at: at(2 * HOUR_MS, i) })),
    { status: 'DOWN', at: at(2 * HOUR_MS, 3) },
    { status: 'BLOCKED', at: at(2 * HOUR_MS, 4) },
    ...Array.from({ length: 4 }, (_, i) => ({ status: 'DOWN' as const, at: at(5 * DAY_MS, i) })),
    ...Array.from({ length: 8 }, (_, i) => ({ status: 'UP' as const, latencyMs: 999, at: at(20 * DAY_MS, i) })),
    ...Array.from({ length: 4 }, (_, i) => ({ status: 'UP' as const, at: at(60 * DAY_MS, i) })),
    ...Array.from({ length: 10 }, (_, i) => ({ status: 'DOWN' as const, at: at(100 * DAY_MS, i) })),
  ]);
});
afterAll(async () => {
  await Promise.all([app?.dispose(), target?.close()]);
});

describe('an enabled badge', () => {
  it('status.svg says up for an UP monitor and paused for a paused one, cacheable for a minute', async () => {
    const res = await badge(live.badgeKey, 'status.svg');
    expectSvg(res, 200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(badgeTexts(res.text)).toEqual(expect.arrayContaining(['status', 'up']));
    // Nothing of the monitor but its state: not its name, URL or id.
    for (const s of ['Live', target.url, live.id]) expect(res.text).not.toContain(s);

    const paused = await badge(seeded.badgeKey, 'status.svg');
    expectSvg(paused, 200);
    expect(badgeTexts(paused.text)).toEqual(expect.arrayContaining(['status', 'paused']));
  });

  it('uptime.svg reports each window from the stored checks (BLOCKED ones counted nowhere)', async () => {
    const expected: Array<[string, string]> = [
      ['', 'uptime 24h:75%'],
      ['?window=24h', 'uptime 24h:75%'],
      ['?window=7d', 'uptime 7d:37.5%'],
      ['?window=30d', 'uptime 30d:68.75%'],
      ['?window=90d', 'uptime 90d:75%'],
    ];
    for (const [query, text] of expected) {
      const res = await badge(seeded.badgeKey, `uptime.svg${query}`);
      expectSvg(res, 200);
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      const [label, message] = text.split(':');
      expect(badgeTexts(res.text), query).toEqual(expect.arrayContaining([label, message]));
    }
    const liveUptime = await badge(live.badgeKey, 'uptime.svg?window=7d');
    expect(badgeTexts(liveUptime.text)).toEqual(expect.arrayContaining(['uptime 7d', '100%']));
  });

  it('response.svg reports the average response time over 24 hours', async () => {
    const res = await badge(seeded.badgeKey, 'response.svg');
    expectSvg(res, 200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(badgeTexts(res.text)).toEqual(expect.arrayContaining(['response 24h', '200 ms']));
    const liveRes = await badge(live.badgeKey, 'response.svg');
    expectSvg(liveRes, 200);
    expect(badgeTexts(liveRes.text).some((t) => /^\d+ ms$/.test(t))).toBe(true);
  });

  it('?label= replaces the label, escaped', async () => {
    const plain = await badge(live.badgeKey, 'status.svg?label=api');
    expect(badgeTexts(plain.text)).toEqual(expect.arrayContaining(['api', 'up']));
    expect(badgeTexts(plain.text)).not.toContain('status');

    const hostile = '<script>alert(1)</script>&"\'';
    for (const file of ['status.svg', 'uptime.svg?window=7d', 'response.svg']) {
      const sep = file.includes('?') ? '&' : '?';
      const res = await rawRequest(`${app.url}/badge/${live.badgeKey}/${file}${sep}label=${encodeURIComponent(hostile)}`);
      expectSvg(res, 200);
      expect(res.text).not.toContain('<script');
      expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;');
      expect(res.text).toContain('&amp;&quot;&apos;');
      expect(res.text.match(/<svg/g)).toHaveLength(1);
    }
  });

  it('refuses an unknown window with a 400 SVG', async () => {
    for (const window of ['1y', '24H', '', '7d%00', 'x'.repeat(200)]) {
      const res = await badge(seeded.badgeKey, `uptime.svg?window=${encodeURIComponent(window)}`);
      expectSvg(res, 400);
      expect(res.headers['cache-control'], window).not.toContain('public');
    }
  });
});

describe('a wrong key or a badge turned off', () => {
  it('answers the same neutral 404 badge, for every kind', async () => {
    const off = await createMonitor(owner, { name: 'Off', url: 'https://off.example.com/', publicBadge: true });
    const key = off.badgeKey as string;
    const patched = await owner.patch(`/api/monitors/${off.id}`, { publicBadge: false });
    expect(patched.body.monitor.badgeKey).toBeNull();

    for (const file of ['status.svg', 'uptime.svg', 'uptime.svg?window=90d', 'response.svg']) {
      const wrong = await badge(`${key.slice(0, -2)}xx`, file);
      const disabled = await badge(key, file);
      const random = await badge('no-such-badge-key', file);
      for (const res of [wrong, disabled, random]) {
        expectSvg(res, 404);
        expect(badgeTexts(res.text)).toEqual(expect.arrayContaining(['badge', 'not found']));
        expect(res.text).not.toContain('Off');
      }
      expect(disabled.text).toBe(wrong.text);
      expect(random.text).toBe(wrong.text);
      expect(disabled.headers['content-type']).toBe(wrong.headers['content-type']);
      expect(disabled.headers['cache-control']).toBe(wrong.headers['cache-control']);
    }
    // The label override applies to the 404 badge too, escaped.
    const labelled = await rawRequest(`${app.url}/badge/${key}/status.svg?label=${encodeURIComponent('<b>')}`);
    expectSvg(labelled, 404);
    expect(labelled.text).toContain('&lt;b&gt;');
  });

  it('odd keys (a NUL byte, bytes that are not UTF-8) are wrong keys too: 404 (400 for a malformed escape), never a server error', async () => {
    const key = seeded.badgeKey as string;
    const answers: string[] = [];
    for (const odd of ['%00', `${key}%00`, '%FF', 'k'.repeat(2000), "x'%20OR%201=1--"]) {
      answers.push(`${odd.slice(0, 30)} ${(await rawRequest(`${app.url}/badge/${odd}/status.svg`)).status}`);
    }
    expect(answers.filter((a) => !a.endsWith(' 404') && !(a.startsWith('%FF') && a.endsWith(' 400')))).toEqual([]);
  });

  it('a badge turned off after it was shown stops answering at once; turned on again, the same URL works', async () => {
    const m = await createMonitor(owner, { name: 'Flip', url: 'https://flip.example.com/', publicBadge: true });
    expectSvg(await badge(m.badgeKey, 'status.svg'), 200);
    expectSvg(await badge(m.badgeKey, 'uptime.svg'), 200);
    await owner.patch(`/api/monitors/${m.id}`, { publicBadge: false });
    expectSvg(await badge(m.badgeKey, 'status.svg'), 404);
    expectSvg(await badge(m.badgeKey, 'uptime.svg'), 404);
    await owner.patch(`/api/monitors/${m.id}`, { publicBadge: true });
    expectSvg(await badge(m.badgeKey, 'status.svg'), 200);
  });

  it('a deleted monitor has no badge at once', async () => {
    const m = await createMonitor(owner, { name: 'Gone', url: 'https://gone.example.com/', publicBadge: true });
    expectSvg(await badge(m.badgeKey, 'response.svg'), 200);
    expect((await owner.delete(`/api/monitors/${m.id}`)).status).toBe(204);
    expectSvg(await badge(m.badgeKey, 'response.svg'), 404);
  });
});
