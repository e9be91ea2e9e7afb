// The public side of status pages, as a visitor without an account sees it: the HTML page, its
// summary.json and its Atom feed show only what the owner placed, under the names the owner
// chose; details only where the owner turned them on; nothing at all behind a password without
// the page's cookie; the page at / of its custom domain; cacheable with an ETag; incidents and
// automatic outages; and 90 daily bars that agree with the checks stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { queryDb } from '../support/app-db';
import {
  DAY_MS,
  HOUR_MS,
  createMonitor,
  createPage,
  isoDay,
  parseSetCookie,
  percent,
  rawRequest,
  seedChecks,
  seedOutage,
  startReasonTarget,
  unique,
  utcDayStart,
  type RawResponse,
  type ReasonTarget,
  type SeedCheck,
} from './status-page-support';

let app: AppServer;
let proxied: AppServer;
let target: ReasonTarget;
let owner: Api;
let stranger: Api;
let closedPort: number;

const REASON = `Quokka meltdown ${unique('r')}`;
const SECRET_PATH = `/${unique('hidden-path')}`;
const SECRET_HEADER = unique('hdr-secret');
const VISIBLE_HEADER = unique('hdr-visible');
const INTERNAL_NAME = unique('Internal billing db');
const INTERNAL_NAME_2 = unique('Internal search cluster');
const STRANGER_NAME = unique('Stranger internal');

/** The failing HTTP monitor (DOWN, with a distinctive error) and the refused-port one. */
let failing: any;
let refused: any;

const get = (path: string, headers: Record<string, string> = {}) => rawRequest(`${app.url}${path}`, { headers });
const formats = (slug: string) => [`/status/${slug}`, `/status/${slug}/summary.json`, `/status/${slug}/feed.atom`];

beforeAll(async () => {
  [app, proxied, target, closedPort] = await Promise.all([
    startApp(),
    startApp({ env: { TRUST_PROXY: 'true' } }),
    startReasonTarget(500, REASON, SECRET_PATH),
    freePort(),
  ]);
  owner = new Api(app.url);
  stranger = new Api(app.url);
  await Promise.all([owner.signup(), stranger.signup()]);
  const fast = { active: true, intervalSeconds: 1, timeoutSeconds: 1, retries: 0 };
  [failing, refused] = await Promise.all([
    createMonitor(owner, {
      ...fast,
      name: INTERNAL_NAME,
      url: target.url,
      headers: [
        { name: 'X-Api-Key', value: SECRET_HEADER, secret: true },
        { name: 'X-Visible', value: VISIBLE_HEADER },
      ],
    }),
    createMonitor(owner, { ...fast, name: INTERNAL_NAME_2, url: `http://127.0.0.1:${closedPort}/closed` }),
    createMonitor(stranger, { name: STRANGER_NAME, url: 'https://stranger.example.com/' }),
  ]);
  // Both are DOWN, the first with its reason phrase as the error and a response time.
  await waitFor(
    async () => {
      const [a, b] = await Promise.all([owner.get(`/api/monitors/${failing.id}`), owner.get(`/api/monitors/${refused.id}`)]);
      const ok = a.body.monitor.status === 'DOWN' && String(a.body.monitor.lastError).includes(REASON) && a.body.monitor.lastLatencyMs !== null && b.body.monitor.status === 'DOWN';
      return ok && [a.body.monitor, b.body.monitor];
    },
    20_000,
    'both monitors DOWN',
  ).then(([a, b]) => ([failing, refused] = [a, b]));
  expect(target.seen.some((h) => h['x-api-key'] === SECRET_HEADER)).toBe(true);
});
afterAll(async () => {
  await Promise.all([app?.dispose(), proxied?.dispose(), target?.close()]);
});

/** Every string that must never reach a visitor while details are off. */
function hiddenStrings(): string[] {
  return [
    target.url,
    SECRET_PATH,
    `127.0.0.1:${target.port}`,
    `127.0.0.1:${closedPort}`,
    SECRET_HEADER,
    VISIBLE_HEADER,
    REASON,
    'ECONNREFUSED',
    INTERNAL_NAME,
    INTERNAL_NAME_2,
    STRANGER_NAME,
    failing.id,
    refused.id,
  ];
}

function expectNone(res: RawResponse, strings: string[], what: string): void {
  for (const s of strings) expect(res.text, `${what} shows ${s}`).not.toContain(s);
}

describe('what a public page reveals', () => {
  let slug: string;
  let pageId: string;
  const sections = (showDetails: boolean) => [
    { name: 'Payments', monitors: [{ monitorId: failing.id, displayName: 'Billing', showDetails }] },
    { name: 'Search', monitors: [{ monitorId: refused.id, displayName: 'Search' }] },
  ];

  beforeAll(async () => {
    slug = unique('reveal');
    const page = await createPage(owner, { slug, title: 'Reveal', sections: sections(false) });
    pageId = page.id;
    // An incident naming the monitor, so the feed has an entry that lists affected components.
    const inc = await owner.post(`/api/status-pages/${pageId}/incidents`, { title: 'Billing errors', impact: 'major', monitorIds: [failing.id], status: 'investigating', message: 'Payments fail.' });
    expect(inc.status).toBe(201);
    // The stranger's own page with their own monitor exists beside it.
    const strangerMonitor = (await stranger.get('/api/monitors')).body.monitors[0];
    await createPage(stranger, { slug: unique('theirs'), title: 'Theirs', sections: [{ name: 'S', monitors: [{ monitorId: strangerMonitor.id }] }] });
  });

  it('hides the target, headers, errors, latency, internal names and ids while details are off', async () => {
    const [page, summary, feed] = await Promise.all(formats(slug).map((p) => get(p)));
    for (const res of [page, summary, feed]) expect(res.status).toBe(200);
    expectNone(page, hiddenStrings(), 'the page');
    expectNone(summary, hiddenStrings(), 'summary.json');
    expectNone(feed, hiddenStrings(), 'the feed');

    for (const c of summary.json.components) expect(c).not.toHaveProperty('details');
    expect(summary.text).not.toMatch(/latency|lastError|"target"/i);
    expect(page.text).not.toContain('<dl class="details"');
    expect(page.text).not.toMatch(/Response time|Last error|<dt>Target/);
    // The public names are there instead.
    expect(summary.json.components.map((c: { name: string; section: string }) => [c.section, c.name])).toEqual([
      ['Payments', 'Billing'],
      ['Search', 'Search'],
    ]);
    expect(summary.json.activeIncidents[0].affected).toEqual(['Billing']);
    expect(summary.json.outages.map((o: { component: string }) => o.component).sort()).toEqual(['Billing', 'Search']);
    expect(page.text).toContain('Billing');
    expect(feed.text).toContain('Affects: Billing');
  });

  it('shows the target, response times and error with showDetails on, and still no internal name or header', async () => {
    const patched = await owner.patch(`/api/status-pages/${pageId}`, { sections: sections(true), title: 'Reveal' });
    expect(patched.status).toBe(200);
    const [page, summary, feed] = await Promise.all(formats(slug).map((p) => get(p)));
    const billing = summary.json.components.find((c: { name: string }) => c.name === 'Billing');
    expect(billing.details).toMatchObject({ target: target.url, lastError: expect.stringContaining(REASON), lastLatencyMs: expect.any(Number), lastCheckedAt: expect.any(String) });
    expect(page.text).toContain(target.url);
    expect(page.text).toContain(REASON);
    expect(page.text).toContain('Response time');
    // The other monitor keeps its details hidden.
    expect(summary.json.components.find((c: { name: string }) => c.name === 'Search')).not.toHaveProperty('details');
    const stillHidden = [SECRET_HEADER, VISIBLE_HEADER, INTERNAL_NAME, INTERNAL_NAME_2, STRANGER_NAME, `127.0.0.1:${closedPort}`, failing.id, refused.id];
    for (const res of [page, summary, feed]) expectNone(res, stillHidden, 'a page with details');
  });
});

describe('the password gate', () => {
  const secrets = { title: unique('Secret title'), description: unique('Secret description'), section: unique('Secret section'), component: unique('Secret component'), footer: unique('Secret footer') };
  const password = `pw-${unique('gate')}`;
  let slug: string;
  let pageId: string;
  let cookie: string;

  const unlock = (s: string, pw: string) =>
    rawRequest(`${app.url}/status/${s}/unlock`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ password: pw }).toString() });
  const expectLocked = async (s: string, headers: Record<string, string> = {}) => {
    for (const p of formats(s)) {
      const res = await get(p, headers);
      expect(res.status, p).toBe(401);
      expect(String(res.headers['cache-control']), p).not.toContain('public');
      expect(String(res.headers['cache-control']), p).toMatch(/private|no-store/);
      expectNone(res, [...Object.values(secrets), INTERNAL_NAME], `401 of ${p}`);
    }
  };

  beforeAll(async () => {
    slug = unique('locked');
    const page = await createPage(owner, {
      slug,
      title: secrets.title,
      description: secrets.description,
      footerText: secrets.footer,
      password,
      sections: [{ name: secrets.section, monitors: [{ monitorId: failing.id, displayName: secrets.component }] }],
    });
    pageId = page.id;
    await owner.post(`/api/status-pages/${pageId}/incidents`, { title: secrets.title, impact: 'minor', status: 'investigating', message: secrets.description });
  });

  it('answers 401 on the page, JSON and feed without the cookie, naming nothing', async () => {
    await expectLocked(slug);
    const page = await get(`/status/${slug}`);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain(`action="/status/${slug}/unlock"`);
    expect(page.text.toLowerCase()).not.toContain('<script');
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('a wrong password gets the gate again (401, no cookie); the right one a 303 and a cookie for this page only', async () => {
    const wrong = await unlock(slug, 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(wrong.text).toContain('<form');
    expectNone(wrong, Object.values(secrets), 'the wrong-password gate');

    const right = await unlock(slug, password);
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe(`/status/${slug}`);
    const set = parseSetCookie(right.headers['set-cookie']);
    expect(set).not.toBeNull();
    expect(set!.attributes.path).toBe(`/status/${slug}`);
    expect(set!.attributes).toHaveProperty('httponly');
    expect(set!.attributes.samesite?.toLowerCase()).toBe('lax');
    cookie = set!.pair;
    expect(cookie).not.toContain(password);

    for (const p of formats(slug)) {
      const res = await get(p, { cookie });
      expect(res.status, p).toBe(200);
      expect(res.headers['cache-control'], p).toBe('private, max-age=30');
      expect(res.text, p).toContain(secrets.title);
    }
    expect((await get(`/status/${slug}/summary.json`, { cookie })).json.components[0].name).toBe(secrets.component);
  });

  it("the cookie opens no other page, even one with the same password", async () => {
    const other = await createPage(owner, { slug: unique('locked2'), title: unique('Other secret'), password });
    await expectLocked(other.slug, { cookie });
    // Nor does a forged cookie under this page's name.
    const [name] = cookie.split('=');
    await expectLocked(slug, { cookie: `${name}=forged.token.value` });
  });

  it('a new password ends every earlier unlock; removing it makes the page public', async () => {
    const changed = await owner.patch(`/api/status-pages/${pageId}`, { password: `${password}-new` });
    expect(changed.status).toBe(200);
    await expectLocked(slug, { cookie });
    expect((await unlock(slug, password)).status).toBe(401);
    const again = await unlock(slug, `${password}-new`);
    expect(again.status).toBe(303);
    const newCookie = parseSetCookie(again.headers['set-cookie'])!.pair;
    expect((await get(`/status/${slug}`, { cookie: newCookie })).status).toBe(200);

    expect((await owner.patch(`/api/status-pages/${pageId}`, { password: null })).body.statusPage.hasPassword).toBe(false);
    const open = await get(`/status/${slug}/summary.json`);
    expect(open.status).toBe(200);
    expect(open.headers['cache-control']).toBe('public, max-age=30');
    expect(open.json.page.title).toBe(secrets.title);
  });
});

describe('custom domains', () => {
  const domain = `${unique('status')}.example.test`;
  const title = unique('Domain title');
  let slug: string;
  let pageId: string;

  beforeAll(async () => {
    slug = unique('domain');
    pageId = (await createPage(owner, { slug, title, customDomain: domain, sections: [{ name: 'S', monitors: [{ monitorId: refused.id, displayName: 'Search' }] }] })).id;
  });

  it('a request for the domain gets the page at /, /summary.json and /feed.atom', async () => {
    const page = await get('/', { host: domain });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('public, max-age=30');
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    expect(page.text).toContain(title);
    // The port a client adds to Host does not matter.
    expect((await get('/', { host: `${domain}:${app.port}` })).text).toContain(title);

    const summary = await get('/summary.json', { host: domain });
    expect(summary.status).toBe(200);
    expect(summary.json.page).toMatchObject({ slug, title });
    expect(summary.json.components.map((c: { name: string }) => c.name)).toEqual(['Search']);
    const feed = await get('/feed.atom', { host: domain });
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(feed.text).toContain(`${title} status`);
  });

  it("on the domain, the page's links and addresses are the domain's own: /feed.atom, /summary.json, http://<domain>/", async () => {
    const page = await get('/', { host: domain });
    expect(page.text).toContain('href="/feed.atom"');
    expect(page.text).toContain('href="/summary.json"');
    expect(page.text).not.toContain(`/status/${slug}`);
    const summary = await get('/summary.json', { host: domain });
    expect(summary.json.page.url).toBe(`http://${domain}/`);
    const feed = await get('/feed.atom', { host: domain });
    expect(feed.text).toContain(`<link rel="alternate" type="text/html" href="http://${domain}/"/>`);
    expect(feed.text).toContain(`href="http://${domain}/feed.atom"`);
    // Never the server's own address.
    for (const res of [page, summary, feed]) expect(res.text).not.toMatch(/localhost|127\.0\.0\.1/);
  });

  it('ignores X-Forwarded-Host without TRUST_PROXY, and an unknown Host still gets the app', async () => {
    const cases: Array<Record<string, string>> = [{ 'x-forwarded-host': domain }, { host: 'unknown.example.test' }, { host: 'unknown.example.test', 'x-forwarded-host': domain }];
    for (const headers of cases) {
      const res = await get('/', headers);
      expect(res.status, JSON.stringify(headers)).toBe(307);
      expect(res.headers.location, JSON.stringify(headers)).toMatch(/\/login$/);
      expect(res.text).not.toContain(title);
      expect((await get('/summary.json', headers)).text).not.toContain(title);
    }
    const health = await get('/api/healthz', { host: 'unknown.example.test' });
    expect(health.status).toBe(200);
    // The app's own pages are still the app's under the domain.
    expect((await get('/api/healthz', { host: domain })).status).toBe(200);
  });

  it('honours X-Forwarded-Host when the server runs with TRUST_PROXY=true', async () => {
    const api = new Api(proxied.url);
    await api.signup();
    const proxiedDomain = `${unique('proxied')}.example.test`;
    const proxiedTitle = unique('Proxied title');
    await createPage(api, { slug: unique('proxied'), title: proxiedTitle, customDomain: proxiedDomain });
    const res = await rawRequest(`${proxied.url}/`, { headers: { 'x-forwarded-host': proxiedDomain } });
    expect(res.status).toBe(200);
    expect(res.text).toContain(proxiedTitle);
    const json = await rawRequest(`${proxied.url}/summary.json`, { headers: { 'x-forwarded-host': `${proxiedDomain}, proxy.internal` } });
    expect(json.json.page.title).toBe(proxiedTitle);
  });

  it('a protected page is gated at the domain, and its password unlocks / there (303 to /, cookie for /)', async () => {
    const pw = `pw-${unique('dom')}`;
    await owner.patch(`/api/status-pages/${pageId}`, { password: pw });
    for (const p of ['/', '/summary.json', '/feed.atom']) {
      const locked = await get(p, { host: domain });
      expect(locked.status, p).toBe(401);
      expect(locked.text, p).not.toContain(title);
    }
    const right = await rawRequest(`${app.url}/unlock`, {
      method: 'POST',
      headers: { host: domain, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ password: pw }).toString(),
    });
    expect(right.status).toBe(303);
    const set = parseSetCookie(right.headers['set-cookie'])!;
    expect(set).not.toBeNull();
    // Wherever it sends the visitor, the cookie opens the page there.
    const landing = String(right.headers.location);
    expect((await get(landing, { host: domain, cookie: set.pair })).text).toContain(title);
    // And it is the page at / that it opens.
    expect(landing).toBe('/');
    expect(set.attributes.path).toBe('/');
    expect((await get('/', { host: domain, cookie: set.pair })).text).toContain(title);
    await owner.patch(`/api/status-pages/${pageId}`, { password: null });
  });

  it('an unpublished page leaves its domain to the app', async () => {
    await owner.patch(`/api/status-pages/${pageId}`, { published: false });
    const res = await get('/', { host: domain });
    expect(res.status).toBe(307);
    expect(res.text).not.toContain(title);
    expect((await get('/summary.json', { host: domain })).text).not.toContain(title);
    expect((await get(`/status/${slug}`)).status).toBe(404);
  });
});

describe('caching, security headers and missing pages', () => {
  let slug: string;
  let pageId: string;
  beforeAll(async () => {
    slug = unique('cache');
    pageId = (await createPage(owner, { slug, title: 'Cache A', sections: [{ name: 'S', monitors: [{ monitorId: refused.id, displayName: 'Search' }] }] })).id;
  });

  it('public responses are public for 30 s with an ETag, and If-None-Match answers 304', async () => {
    for (const path of formats(slug)) {
      // The view may be rebuilt between the two requests (every ~10 s): then try again.
      const { first, second } = await waitFor(
        async () => {
          const first = await get(path);
          const second = await get(path, { 'if-none-match': String(first.headers.etag) });
          return second.status === 304 && { first, second };
        },
        15_000,
        `a 304 for ${path}`,
      );
      expect(first.status).toBe(200);
      expect(first.headers['cache-control']).toBe('public, max-age=30');
      expect(first.headers.etag).toMatch(/^"[^"]+"$/);
      expect(first.headers['content-security-policy']).toMatch(/^default-src 'none'/);
      expect(first.headers['x-content-type-options']).toBe('nosniff');
      expect(second.text).toBe('');
      expect(second.headers.etag).toBe(first.headers.etag);
    }
    const page = await get(`/status/${slug}`);
    expect(page.text.toLowerCase()).not.toContain('<script');
    expect(page.text).not.toMatch(/\son[a-z]+=/i);
    expect((await get(`/status/${slug}/summary.json`)).headers['content-type']).toContain('application/json');
  });

  it('unknown and unpublished slugs answer the same 404 in every format', async () => {
    const hidden = await createPage(owner, { slug: unique('draft'), title: unique('Draft title'), published: false });
    for (let i = 0; i < 3; i++) {
      const unknown = await get(formats(unique('nope'))[i]);
      const draft = await get(formats(hidden.slug)[i]);
      expect(unknown.status).toBe(404);
      expect(draft.status).toBe(404);
      expect(draft.text).toBe(unknown.text);
      expect(draft.text).not.toContain(hidden.title);
      expect(String(draft.headers['cache-control'])).not.toContain('public');
    }
    // Unlocking a page without a password just leads to it.
    const open = await rawRequest(`${app.url}/status/${slug}/unlock`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'password=x' });
    expect(open.status).toBe(303);
    expect(open.headers.location).toBe(`/status/${slug}`);
    expect(open.headers['set-cookie']).toBeUndefined();
  });

  it('odd slugs (a NUL byte, bytes that are not UTF-8) are missing pages too: 404, never a server error', async () => {
    const answers: string[] = [];
    for (const odd of ['%00', 'a%00b', 'a'.repeat(2000), '..%2F..%2Fapi%2Fhealthz', '%E2%80%AE', '%FF', 'UPPER', "x'%20OR%201=1--"]) {
      for (const suffix of ['', '/summary.json', '/feed.atom']) answers.push(`GET ${odd.slice(0, 20)}${suffix} ${(await get(`/status/${odd}${suffix}`)).status}`);
      const unlock = await rawRequest(`${app.url}/status/${odd}/unlock`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'password=x' });
      answers.push(`POST ${odd.slice(0, 20)}/unlock ${unlock.status}`);
    }
    expect(answers.filter((a) => !/ (400|404)$/.test(a))).toEqual([]);
  });

  it("an owner's change shows at once: page fields, incidents and maintenance drop the cached view", async () => {
    const before = await get(`/status/${slug}/summary.json`);
    expect(before.json.page.title).toBe('Cache A');
    await owner.patch(`/api/status-pages/${pageId}`, { title: 'Cache B' });
    const after = await get(`/status/${slug}/summary.json`);
    expect(after.json.page.title).toBe('Cache B');
    expect(after.headers.etag).not.toBe(before.headers.etag);

    const inc = await owner.post(`/api/status-pages/${pageId}/incidents`, { title: 'Cache incident', impact: 'minor', status: 'investigating', message: 'x' });
    expect((await get(`/status/${slug}/summary.json`)).json.activeIncidents.map((i: { title: string }) => i.title)).toEqual(['Cache incident']);
    await owner.delete(`/api/status-pages/${pageId}/incidents/${inc.body.incident.id}`);
    expect((await get(`/status/${slug}/summary.json`)).json.activeIncidents).toEqual([]);

    const window = await owner.post('/api/maintenance', { title: 'Cache window', monitorIds: [refused.id], start: new Date(Date.now() - 60_000).toISOString(), end: new Date(Date.now() + 3_600_000).toISOString() });
    expect(window.status).toBe(201);
    const during = (await get(`/status/${slug}/summary.json`)).json;
    expect(during.maintenance).toEqual([expect.objectContaining({ title: 'Cache window', active: true, affected: ['Search'] })]);
    expect(during.components[0].status).toBe('maintenance');
    expect(during.status).toBe('maintenance');
    // A monitor in maintenance is no outage.
    expect(during.outages).toEqual([]);
    await owner.delete(`/api/maintenance/${window.body.maintenance.id}`);
    const over = (await get(`/status/${slug}/summary.json`)).json;
    expect(over.maintenance).toEqual([]);
    expect(over.components[0].status).toBe('down');
  });
});

describe('incidents and automatic outages', () => {
  let slug: string;
  let pageId: string;
  beforeAll(async () => {
    slug = unique('incidents');
    pageId = (await createPage(owner, { slug, title: 'Incidents', sections: [{ name: 'Shop', monitors: [{ monitorId: failing.id, displayName: 'Checkout' }] }] })).id;
  });

  it('shows a monitor that is DOWN as an outage with its "down since"', async () => {
    const summary = (await get(`/status/${slug}/summary.json`)).json;
    const since = failing.statusChangedAt;
    expect(summary.status).toBe('major_outage');
    expect(summary.components[0]).toMatchObject({ name: 'Checkout', section: 'Shop', status: 'down', since });
    expect(summary.outages).toEqual([{ component: 'Checkout', since }]);
    const page = await get(`/status/${slug}`);
    expect(page.text).toContain('<strong>Checkout</strong> is down since');
    expect(page.text).toContain(`datetime="${since}"`);
    expectNone(page, [INTERNAL_NAME, REASON], 'the outage notice');
  });

  it('shows a written incident with its updates newest first, on the page, in the JSON and the feed, and moves it to the past once resolved', async () => {
    const first = unique('We are looking into **checkout**');
    const second = unique('Found a bad deploy');
    const created = await owner.post(`/api/status-pages/${pageId}/incidents`, { title: 'Checkout failing', impact: 'critical', monitorIds: [failing.id], status: 'investigating', message: first });
    const id = created.body.incident.id;
    await owner.post(`/api/status-pages/${pageId}/incidents/${id}/updates`, { status: 'identified', message: second });

    const summary = (await get(`/status/${slug}/summary.json`)).json;
    expect(summary.activeIncidents).toHaveLength(1);
    expect(summary.activeIncidents[0]).toMatchObject({ title: 'Checkout failing', impact: 'critical', status: 'identified', affected: ['Checkout'], resolvedAt: null });
    expect(summary.activeIncidents[0].updates.map((u: { status: string; message: string }) => [u.status, u.message])).toEqual([
      ['identified', second],
      ['investigating', first],
    ]);
    const page = (await get(`/status/${slug}`)).text;
    expect(page).toContain('Checkout failing');
    expect(page).toContain(second);
    expect(page).toContain('<strong>checkout</strong>');
    expect(page.indexOf(second)).toBeLessThan(page.indexOf('looking into'));
    const feed = (await get(`/status/${slug}/feed.atom`)).text;
    expect(feed).toContain('<title type="text">Identified: Checkout failing</title>');
    expect(feed).toContain(second);

    await owner.post(`/api/status-pages/${pageId}/incidents/${id}/updates`, { status: 'resolved', message: 'Rolled back.' });
    const resolved = (await get(`/status/${slug}/summary.json`)).json;
    expect(resolved.activeIncidents).toEqual([]);
    const past = (await get(`/status/${slug}`)).text;
    const pastSection = past.slice(past.indexOf('id="past-h"'));
    expect(pastSection).toContain('Checkout failing');
    expect(pastSection).toContain('Rolled back.');
    expect((await get(`/status/${slug}/feed.atom`)).text).toContain('<title type="text">Resolved: Checkout failing</title>');
  });
});

describe('90 daily bars', () => {
  let slug: string;
  let monitorId: string;
  /** The UTC day the plan counted from (the page may be read just after midnight). */
  let seededToday: number;
  const outageDay = 3;

  /** A fixed history by days ago: some empty days, BLOCKED checks, maintenance checks, and two older than 90 days. */
  function plan(todayStart: number, nowMs: number): SeedCheck[] {
    const checks: SeedCheck[] = [];
    for (let d = 0; d <= 95; d++) {
      if (d === 5 || d === 89 || d === 30) continue; // no checks at all (the oldest bar among them)
      const dayStart = todayStart - d * DAY_MS;
      const at = (i: number) => (d === 0 ? Math.min(nowMs - 1000, dayStart + i * 60_000) : dayStart + ((i * 5) % 24) * HOUR_MS + i * 60_000);
      const list: Array<Omit<SeedCheck, 'at'>> = [];
      if (d === 12) list.push({ status: 'UP', maintenance: true }, { status: 'DOWN', maintenance: true }); // only maintenance
      else if (d === 20) list.push({ status: 'BLOCKED' }, { status: 'BLOCKED' }); // only blocked: no data
      else {
        for (let i = 0; i < (d % 4) + 1; i++) list.push({ status: 'UP', latencyMs: 100 + i });
        for (let i = 0; i < d % 3; i++) list.push({ status: 'DOWN' });
        if (d % 5 === 0) list.push({ status: 'BLOCKED' }, { status: 'BLOCKED' });
        if (d % 7 === 0) list.push({ status: 'UP', maintenance: true, latencyMs: 50 });
        if (d % 11 === 0) list.push({ status: 'DOWN', maintenance: true });
      }
      list.forEach((c, i) => checks.push({ ...c, at: at(i) }));
    }
    return checks;
  }

  beforeAll(async () => {
    const m = await createMonitor(owner, { name: unique('History internal'), url: 'https://history.example.com/', active: false });
    monitorId = m.id;
    const now = Date.now();
    const today = utcDayStart(now);
    seededToday = today;
    await seedChecks(app, monitorId, plan(today, now));
    // An automatic outage three days ago, 10:00 to 11:30 UTC.
    await seedOutage(app, monitorId, today - outageDay * DAY_MS + 10 * HOUR_MS, today - outageDay * DAY_MS + 11.5 * HOUR_MS);
    // The page is created after the seeding, so no view of it is cached from before.
    slug = unique('history');
    await createPage(owner, { slug, title: 'History', sections: [{ name: 'S', monitors: [{ monitorId, displayName: 'History' }] }] });
  });

  it('match, day by day, what the stored checks count (BLOCKED nowhere, maintenance apart)', async () => {
    const summary = (await get(`/status/${slug}/summary.json`)).json;
    const c = summary.components[0];
    expect(c.status).toBe('paused');
    expect(c.days).toHaveLength(90);
    const today = utcDayStart(Date.parse(summary.generatedAt));
    expect(c.days.map((d: { date: string }) => d.date)).toEqual(Array.from({ length: 90 }, (_, i) => isoDay(today - (89 - i) * DAY_MS)));

    // Count from the stored Check rows, by UTC day.
    const stored = await queryDb<{ status: string; maintenance: number; checkedAt: number }>(app, `SELECT "status", "maintenance", "checkedAt" FROM "Check" WHERE "monitorId" = ?`, monitorId);
    const byDay = new Map<string, { total: number; up: number; mTotal: number; mUp: number }>();
    for (const r of stored) {
      if (r.status === 'BLOCKED') continue;
      const key = isoDay(Number(r.checkedAt));
      const e = byDay.get(key) ?? { total: 0, up: 0, mTotal: 0, mUp: 0 };
      e.total++;
      if (r.status === 'UP') e.up++;
      if (r.maintenance) {
        e.mTotal++;
        if (r.status === 'UP') e.mUp++;
      }
      byDay.set(key, e);
    }
    const sum = { total: 0, up: 0, mTotal: 0, mUp: 0 };
    const expected = c.days.map((d: { date: string }) => {
      const e = byDay.get(d.date) ?? { total: 0, up: 0, mTotal: 0, mUp: 0 };
      for (const k of Object.keys(sum) as Array<keyof typeof sum>) sum[k] += e[k];
      return { date: d.date, uptime: percent(e.up, e.total), uptimeExcludingMaintenance: percent(e.up - e.mUp, e.total - e.mTotal), totalChecks: e.total, maintenanceChecks: e.mTotal };
    });
    expect(c.days).toEqual(expected);
    expect(c.uptime90d).toBe(percent(sum.up, sum.total));
    expect(c.uptime90dExcludingMaintenance).toBe(percent(sum.up - sum.mUp, sum.total - sum.mTotal));

    // The plan's special days read as intended.
    const shift = (today - seededToday) / DAY_MS;
    const dayAgo = (n: number) => c.days[89 - n - shift];
    expect(dayAgo(5)).toMatchObject({ uptime: null, totalChecks: 0, maintenanceChecks: 0 });
    expect(dayAgo(89)).toMatchObject({ uptime: null, totalChecks: 0 });
    expect(dayAgo(20)).toMatchObject({ uptime: null, totalChecks: 0 });
    expect(dayAgo(12)).toMatchObject({ uptime: 50, uptimeExcludingMaintenance: null, totalChecks: 2, maintenanceChecks: 2 });
    // 0 days ago: 1 up, 2 blocked, 1 up and 1 down in maintenance.
    expect(dayAgo(0)).toMatchObject({ totalChecks: 3, maintenanceChecks: 2, uptime: 66.67, uptimeExcludingMaintenance: 100 });
    // 1 day ago: 2 up, 1 down.
    expect(dayAgo(1)).toMatchObject({ totalChecks: 3, maintenanceChecks: 0, uptime: 66.67, uptimeExcludingMaintenance: 66.67 });
  });

  it('draws 90 segments, with the automatic outage on its day', async () => {
    const page = (await get(`/status/${slug}`)).text;
    const bar = page.slice(page.indexOf('<ol class="bar"'), page.indexOf('</ol>', page.indexOf('<ol class="bar"')));
    expect(bar.match(/<li class="seg /g)).toHaveLength(90);
    expect(page).toContain('Down 10:00–11:30 UTC');
    const segments = bar.split('<li ').slice(1);
    const shift = (utcDayStart(Date.now()) - seededToday) / DAY_MS;
    expect(segments[89 - outageDay - shift]).toContain('Down 10:00–11:30 UTC');
    expect(segments[89 - 5 - shift]).toContain('No data');
  });
});
