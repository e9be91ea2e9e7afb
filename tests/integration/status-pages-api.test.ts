// The owner's status page API: pages with their sections, written incidents with their update
// timelines, and the monitor's public badge switch. Another user's page, monitor or incident
// always reads as missing (404), every bad input is a 400 naming its field and writes nothing,
// and no input makes a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api } from '../support/api';
import { countRows, queryRow } from '../support/app-db';
import { createMonitor, createPage, expectFieldError, unique } from './status-page-support';

let app: AppServer;
let owner: Api;
let stranger: Api;
let m1: any;
let m2: any;
let foreign: any;

const rows = (table: string) => countRows(app, `SELECT COUNT(*) AS n FROM "${table}"`);
const PAGE_TABLES = ['StatusPage', 'StatusPageSection', 'StatusPageMonitor'];
const INCIDENT_TABLES = ['StatusPageIncident', 'StatusPageIncidentUpdate', 'StatusPageIncidentMonitor'];
const snapshot = async (tables: string[]) => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await rows(t)])));

const PAGE_KEYS = ['id', 'slug', 'title', 'description', 'logoUrl', 'footerText', 'published', 'hasPassword', 'customDomain', 'url', 'sections', 'createdAt', 'updatedAt'];
const INCIDENT_KEYS = ['id', 'pageId', 'title', 'impact', 'status', 'monitorIds', 'startedAt', 'resolvedAt', 'createdAt', 'updatedAt', 'updates'];

beforeAll(async () => {
  app = await startApp();
  owner = new Api(app.url);
  stranger = new Api(app.url);
  await Promise.all([owner.signup(), stranger.signup()]);
  [m1, m2, foreign] = await Promise.all([
    createMonitor(owner, { name: 'API server', url: 'https://api.example.com/health' }),
    createMonitor(owner, { name: 'Web front', url: 'https://www.example.com/' }),
    createMonitor(stranger, { name: 'Not yours', url: 'https://other.example.com/' }),
  ]);
});
afterAll(async () => {
  await app?.dispose();
});

describe('status pages for the owner', () => {
  it('creates with defaults, reads, lists, patches and deletes', async () => {
    const slug = unique('acme');
    const created = await owner.post('/api/status-pages', { slug, title: 'Acme', sections: [{ name: 'Core', monitors: [{ monitorId: m1.id }] }] });
    expect(created.status).toBe(201);
    const page = created.body.statusPage;
    expect(Object.keys(page).sort()).toEqual([...PAGE_KEYS].sort());
    expect(page).toMatchObject({
      slug,
      title: 'Acme',
      description: null,
      logoUrl: null,
      footerText: null,
      published: true,
      hasPassword: false,
      customDomain: null,
      url: `${app.url}/status/${slug}`,
    });
    expect(page.sections).toEqual([
      { id: expect.any(String), name: 'Core', monitors: [{ monitorId: m1.id, name: 'API server', displayName: null, showDetails: false }] },
    ]);
    expect(new Date(page.createdAt).toISOString()).toBe(page.createdAt);

    expect((await owner.get(`/api/status-pages/${page.id}`)).body.statusPage).toEqual(page);
    const list = await owner.get('/api/status-pages');
    expect(list.status).toBe(200);
    expect(list.body.statusPages.map((p: { id: string }) => p.id)).toContain(page.id);
    expect((await stranger.get('/api/status-pages')).body.statusPages).toEqual([]);

    const patched = await owner.patch(`/api/status-pages/${page.id}`, {
      title: 'Acme Inc.',
      description: 'How we are doing',
      logoUrl: 'https://cdn.example.com/logo.png',
      footerText: 'Questions: ops@example.com',
      published: false,
      customDomain: 'Status.Acme-Example.test',
    });
    expect(patched.status).toBe(200);
    expect(patched.body.statusPage).toMatchObject({
      slug,
      title: 'Acme Inc.',
      description: 'How we are doing',
      logoUrl: 'https://cdn.example.com/logo.png',
      footerText: 'Questions: ops@example.com',
      published: false,
      customDomain: 'status.acme-example.test',
    });
    // Fields left out are kept, sections included.
    expect(patched.body.statusPage.sections).toEqual(page.sections);
    // Empty strings clear the optional fields.
    const cleared = await owner.patch(`/api/status-pages/${page.id}`, { description: '', logoUrl: '', footerText: null, customDomain: '' });
    expect(cleared.body.statusPage).toMatchObject({ description: null, logoUrl: null, footerText: null, customDomain: null, title: 'Acme Inc.' });

    expect((await owner.delete(`/api/status-pages/${page.id}`)).status).toBe(204);
    expect((await owner.get(`/api/status-pages/${page.id}`)).status).toBe(404);
    expect((await owner.delete(`/api/status-pages/${page.id}`)).status).toBe(404);
    expect(await countRows(app, `SELECT COUNT(*) AS n FROM "StatusPageSection" WHERE "pageId" = ?`, page.id)).toBe(0);
    expect(await countRows(app, `SELECT COUNT(*) AS n FROM "StatusPageMonitor" WHERE "pageId" = ?`, page.id)).toBe(0);
    // The monitors themselves stay.
    expect((await owner.get(`/api/monitors/${m1.id}`)).status).toBe(200);
  });

  it('keeps sections and monitors in the order sent, and PATCH sections replaces them all', async () => {
    const page = await createPage(owner, {
      slug: unique('order'),
      title: 'Order',
      sections: [
        { name: 'First', monitors: [{ monitorId: m2.id, displayName: 'Website', showDetails: true }, { monitorId: m1.id }] },
        { name: 'Empty', monitors: [] },
      ],
    });
    expect(page.sections.map((s: { name: string }) => s.name)).toEqual(['First', 'Empty']);
    expect(page.sections[0].monitors).toEqual([
      { monitorId: m2.id, name: 'Web front', displayName: 'Website', showDetails: true },
      { monitorId: m1.id, name: 'API server', displayName: null, showDetails: false },
    ]);

    const replaced = await owner.patch(`/api/status-pages/${page.id}`, { title: 'Order 2', sections: [{ name: 'Only', monitors: [{ monitorId: m1.id, displayName: 'API' }] }] });
    expect(replaced.status).toBe(200);
    expect(replaced.body.statusPage.sections).toEqual([{ id: expect.any(String), name: 'Only', monitors: [{ monitorId: m1.id, name: 'API server', displayName: 'API', showDetails: false }] }]);
    expect(await countRows(app, `SELECT COUNT(*) AS n FROM "StatusPageSection" WHERE "pageId" = ?`, page.id)).toBe(1);
    expect(await countRows(app, `SELECT COUNT(*) AS n FROM "StatusPageMonitor" WHERE "pageId" = ?`, page.id)).toBe(1);

    const emptied = await owner.patch(`/api/status-pages/${page.id}`, { title: 'Order 3', sections: [] });
    expect(emptied.body.statusPage.sections).toEqual([]);
    expect(await countRows(app, `SELECT COUNT(*) AS n FROM "StatusPageMonitor" WHERE "pageId" = ?`, page.id)).toBe(0);
  });

  it('a PATCH of the sections alone (or of nothing) answers 200 with the page', async () => {
    const page = await createPage(owner, { slug: unique('alone'), title: 'Alone', sections: [{ name: 'S', monitors: [{ monitorId: m1.id }] }] });
    const replaced = await owner.patch(`/api/status-pages/${page.id}`, { sections: [{ name: 'T', monitors: [{ monitorId: m2.id }] }] });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body.statusPage.sections).toEqual([{ id: expect.any(String), name: 'T', monitors: [{ monitorId: m2.id, name: 'Web front', displayName: null, showDetails: false }] }]);
    const nothing = await owner.patch(`/api/status-pages/${page.id}`, {});
    expect(nothing.status, JSON.stringify(nothing.body)).toBe(200);
    expect(nothing.body.statusPage.title).toBe('Alone');
  });

  it('a monitor deleted by its owner leaves the pages it was on', async () => {
    const doomed = await createMonitor(owner, { name: 'Doomed', url: 'https://doomed.example.com/' });
    const page = await createPage(owner, { slug: unique('doomed'), title: 'Doomed', sections: [{ name: 'S', monitors: [{ monitorId: doomed.id }, { monitorId: m1.id }] }] });
    expect((await owner.delete(`/api/monitors/${doomed.id}`)).status).toBe(204);
    const after = (await owner.get(`/api/status-pages/${page.id}`)).body.statusPage;
    expect(after.sections[0].monitors.map((m: { monitorId: string }) => m.monitorId)).toEqual([m1.id]);
  });

  it('sets a password without ever showing it, and removes it with null', async () => {
    const password = `pw-${unique('secret')}`;
    const page = await createPage(owner, { slug: unique('locked'), title: 'Locked', password });
    expect(page.hasPassword).toBe(true);
    expect(JSON.stringify(page)).not.toContain(password);
    const stored = await queryRow<{ passwordHash: string; passwordVersion: number }>(app, `SELECT "passwordHash", "passwordVersion" FROM "StatusPage" WHERE "id" = ?`, page.id);
    expect(stored?.passwordHash).toMatch(/^\$2[aby]\$/);
    expect(stored?.passwordHash).not.toContain(password);

    // A PATCH without the password keeps it.
    expect((await owner.patch(`/api/status-pages/${page.id}`, { title: 'Still locked' })).body.statusPage.hasPassword).toBe(true);
    const list = JSON.stringify((await owner.get('/api/status-pages')).body);
    expect(list).not.toContain(password);
    expect(list).not.toContain(stored!.passwordHash);

    const removed = await owner.patch(`/api/status-pages/${page.id}`, { password: null });
    expect(removed.status).toBe(200);
    expect(removed.body.statusPage.hasPassword).toBe(false);
    const after = await queryRow<{ passwordHash: string | null; passwordVersion: number }>(app, `SELECT "passwordHash", "passwordVersion" FROM "StatusPage" WHERE "id" = ?`, page.id);
    expect(after?.passwordHash).toBeNull();
    expect(after!.passwordVersion).toBeGreaterThan(stored!.passwordVersion);
  });
});

describe('slugs', () => {
  it.each([
    ['upper case', 'Acme'],
    ['space', 'acme status'],
    ['leading dash', '-acme'],
    ['trailing dash', 'acme-'],
    ['double dash', 'acme--status'],
    ['underscore', 'acme_status'],
    ['slash', 'acme/status'],
    ['dot', 'acme.status'],
    ['non-ASCII letter', 'açme'],
    ['empty', ''],
    ['too long', 'a'.repeat(65)],
    ['number', 42],
    ['null', null],
  ])('refuses a slug with %s (400 naming slug, nothing written)', async (_label, slug) => {
    const before = await snapshot(PAGE_TABLES);
    expectFieldError(await owner.post('/api/status-pages', { slug, title: 'Bad slug', sections: [{ name: 'S', monitors: [{ monitorId: m1.id }] }] }), 'slug');
    expect(await snapshot(PAGE_TABLES)).toEqual(before);
  });

  it('accepts lower-case letters, digits and single dashes', async () => {
    for (const slug of [unique('a1'), `${Date.now()}`, unique('x-y-z')]) {
      expect((await owner.post('/api/status-pages', { slug, title: 'Fine' })).status).toBe(201);
    }
  });

  it('is unique across the install: 409 for the same user, another user, and a PATCH onto it', async () => {
    const slug = unique('taken');
    const first = await createPage(owner, { slug, title: 'First' });
    const before = await snapshot(PAGE_TABLES);

    const again = await owner.post('/api/status-pages', { slug, title: 'Second', sections: [{ name: 'S', monitors: [{ monitorId: m1.id }] }] });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    const theirs = await stranger.post('/api/status-pages', { slug, title: 'Theirs' });
    expect(theirs.status).toBe(409);
    expect(theirs.body.error.code).toBe('conflict');
    expect(await snapshot(PAGE_TABLES)).toEqual(before);

    const other = await createPage(owner, { slug: unique('other'), title: 'Other' });
    const onto = await owner.patch(`/api/status-pages/${other.id}`, { slug, title: 'Renamed' });
    expect(onto.status).toBe(409);
    expect((await owner.get(`/api/status-pages/${other.id}`)).body.statusPage).toMatchObject({ slug: other.slug, title: 'Other' });
    const strangerPage = await createPage(stranger, { slug: unique('theirs'), title: 'Theirs' });
    expect((await stranger.patch(`/api/status-pages/${strangerPage.id}`, { slug })).status).toBe(409);
    expect((await owner.get(`/api/status-pages/${first.id}`)).body.statusPage.title).toBe('First');
  });

  it('a custom domain is unique across the install too (409)', async () => {
    const domain = `${unique('status')}.example.test`;
    await createPage(owner, { slug: unique('dom'), title: 'Domain', customDomain: domain });
    const clash = await stranger.post('/api/status-pages', { slug: unique('dom2'), title: 'Clash', customDomain: domain.toUpperCase() });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('conflict');
  });
});

describe('field-named 400s that write nothing', () => {
  const body = (over: Record<string, unknown>) => ({ slug: unique('v'), title: 'Valid', ...over });
  const cases: Array<[string, () => Record<string, unknown>, string]> = [
    ['an unknown monitor', () => body({ sections: [{ name: 'S', monitors: [{ monitorId: 'no-such-monitor' }] }] }), 'sections.0.monitors.0.monitorId'],
    ["another user's monitor", () => body({ sections: [{ name: 'S', monitors: [{ monitorId: m1.id }] }, { name: 'T', monitors: [{ monitorId: m2.id }, { monitorId: foreign.id }] }] }), 'sections.1.monitors.1.monitorId'],
    ['a monitor twice in one section', () => body({ sections: [{ name: 'S', monitors: [{ monitorId: m1.id }, { monitorId: m1.id }] }] }), 'sections.0.monitors.1.monitorId'],
    ['a monitor in two sections', () => body({ sections: [{ name: 'S', monitors: [{ monitorId: m1.id }] }, { name: 'T', monitors: [{ monitorId: m2.id }, { monitorId: m1.id }] }] }), 'sections.1.monitors.1.monitorId'],
    ['a javascript: logo URL', () => body({ logoUrl: 'javascript:alert(1)' }), 'logoUrl'],
    ['a data: logo URL', () => body({ logoUrl: 'data:image/svg+xml,<svg onload=alert(1)>' }), 'logoUrl'],
    ['an ftp logo URL', () => body({ logoUrl: 'ftp://example.com/logo.png' }), 'logoUrl'],
    ['a relative logo URL', () => body({ logoUrl: '/logo.png' }), 'logoUrl'],
    ['a custom domain with a scheme', () => body({ customDomain: 'https://status.example.com' }), 'customDomain'],
    ['a custom domain with a port', () => body({ customDomain: 'status.example.com:8080' }), 'customDomain'],
    ['a custom domain with a path', () => body({ customDomain: 'status.example.com/x' }), 'customDomain'],
    ['a custom domain without a dot', () => body({ customDomain: 'localhost' }), 'customDomain'],
    ['an IP address as custom domain', () => body({ customDomain: '127.0.0.1' }), 'customDomain'],
    ['a custom domain with a space', () => body({ customDomain: 'status example.com' }), 'customDomain'],
    ['a missing title', () => ({ slug: unique('v') }), 'title'],
    ['an empty title', () => body({ title: '  ' }), 'title'],
    ['a too-long title', () => body({ title: 'x'.repeat(121) }), 'title'],
    ['a too-short password', () => body({ password: 'abc' }), 'password'],
    ['published as text', () => body({ published: 'yes' }), 'published'],
    ['sections not a list', () => body({ sections: { name: 'S' } }), 'sections'],
    ['a section without a name', () => body({ sections: [{ monitors: [] }] }), 'sections.0.name'],
    ['showDetails as text', () => body({ sections: [{ name: 'S', monitors: [{ monitorId: m1.id, showDetails: 'true' }] }] }), 'sections.0.monitors.0.showDetails'],
    ['an unknown field in a section monitor', () => body({ sections: [{ name: 'S', monitors: [{ monitorId: m1.id, url: 'https://x' }] }] }), 'sections.0.monitors.0'],
  ];

  it.each(cases)('POST with %s', async (label, make, field) => {
    const before = await snapshot(PAGE_TABLES);
    expectFieldError(await owner.post('/api/status-pages', make()), field, label);
    expect(await snapshot(PAGE_TABLES)).toEqual(before);
  });

  it('PATCH with bad input leaves the page and its sections as they were', async () => {
    const page = await createPage(owner, { slug: unique('keep'), title: 'Keep', sections: [{ name: 'S', monitors: [{ monitorId: m1.id, displayName: 'API' }] }] });
    const patches: Array<[Record<string, unknown>, string]> = [
      [{ title: 'Changed', sections: [{ name: 'New', monitors: [{ monitorId: m2.id }, { monitorId: foreign.id }] }] }, 'sections.0.monitors.1.monitorId'],
      [{ title: 'Changed', sections: [{ name: 'New', monitors: [{ monitorId: m2.id }, { monitorId: m2.id }] }] }, 'sections.0.monitors.1.monitorId'],
      [{ title: 'Changed', slug: 'Not OK' }, 'slug'],
      [{ title: 'Changed', logoUrl: 'javascript:alert(1)' }, 'logoUrl'],
      [{ title: 'Changed', customDomain: 'http://x.example.com' }, 'customDomain'],
      [{ title: '' }, 'title'],
    ];
    for (const [patch, field] of patches) expectFieldError(await owner.patch(`/api/status-pages/${page.id}`, patch), field, JSON.stringify(patch));
    for (const patch of [{ id: 'mine' }, { hasPassword: false }, { userId: 'x' }]) {
      expect((await owner.patch(`/api/status-pages/${page.id}`, patch)).status).toBe(400);
    }
    expect((await owner.get(`/api/status-pages/${page.id}`)).body.statusPage).toEqual(page);
  });

  it('answers 400, never 500, to bodies of the wrong shape', async () => {
    const page = await createPage(owner, { slug: unique('shape'), title: 'Shape' });
    const before = await snapshot(PAGE_TABLES);
    const bodies: unknown[] = [null, [], 'text', 42, { slug: unique('s'), title: 'T', sections: null }, { slug: unique('s'), title: 'T', sections: [null] }, { slug: unique('s'), title: 'T', sections: [{ name: 'S', monitors: [null] }] }, { slug: unique('s'), title: 'T', sections: [{ name: 'S', monitors: [{ monitorId: 42 }] }] }, { slug: unique('s'), title: 'T', sections: [{ name: 'S', monitors: [{ monitorId: 'x'.repeat(5000) }] }] }];
    for (const b of bodies) {
      for (const res of [await owner.post('/api/status-pages', b), await owner.patch(`/api/status-pages/${page.id}`, b)]) {
        expect(res.status, JSON.stringify(b)).toBe(400);
      }
    }
    for (const raw of ['{"slug":', '', 'not json']) {
      expect((await owner.request('POST', '/api/status-pages', raw, { 'content-type': 'application/json' })).status).toBe(400);
    }
    expect(await snapshot(PAGE_TABLES)).toEqual(before);
  });
});

describe('text with a NUL byte', () => {
  it('is stored or refused with a 400 on both engines, never a server error', async () => {
    const nul = 'a\u0000b';
    const answers: string[] = [];
    const note = (what: string, status: number) => answers.push(`${what} ${status}`);
    const page = await owner.post('/api/status-pages', { slug: unique('nul'), title: nul, description: nul, footerText: nul, sections: [{ name: nul, monitors: [{ monitorId: m1.id, displayName: nul }] }] });
    note('create page', page.status);
    note('create page, NUL monitorId', (await owner.post('/api/status-pages', { slug: unique('nul'), title: 'T', sections: [{ name: 'S', monitors: [{ monitorId: nul }] }] })).status);
    note('create page, NUL password', (await owner.post('/api/status-pages', { slug: unique('nul'), title: 'T', password: `pass${nul}` })).status);
    const target = page.status === 201 ? page.body.statusPage.id : (await createPage(owner, { slug: unique('nul'), title: 'T' })).id;
    note('patch page', (await owner.patch(`/api/status-pages/${target}`, { title: nul })).status);
    const inc = await owner.post(`/api/status-pages/${target}/incidents`, { title: nul, impact: 'minor', status: 'investigating', message: nul });
    note('create incident', inc.status);
    note('create incident, NUL monitorId', (await owner.post(`/api/status-pages/${target}/incidents`, { title: 'T', impact: 'minor', status: 'investigating', message: 'm', monitorIds: [nul] })).status);
    const incId = inc.status === 201 ? inc.body.incident.id : (await owner.post(`/api/status-pages/${target}/incidents`, { title: 'T', impact: 'minor', status: 'investigating', message: 'm' })).body.incident.id;
    note('add update', (await owner.post(`/api/status-pages/${target}/incidents/${incId}/updates`, { status: 'identified', message: nul })).status);
    note('patch incident', (await owner.patch(`/api/status-pages/${target}/incidents/${incId}`, { title: nul })).status);
    expect(answers.filter((a) => !/ (200|201|400)$/.test(a))).toEqual([]);
  });
});

describe("another user's page and incidents", () => {
  it('answer 404 for every route and change nothing', async () => {
    const page = await createPage(owner, { slug: unique('mine'), title: 'Mine', sections: [{ name: 'S', monitors: [{ monitorId: m1.id }] }] });
    const incident = (await owner.post(`/api/status-pages/${page.id}/incidents`, { title: 'Outage', impact: 'major', monitorIds: [m1.id], status: 'investigating', message: 'Looking' })).body.incident;
    const base = `/api/status-pages/${page.id}`;
    const inc = `${base}/incidents/${incident.id}`;
    const before = await snapshot([...PAGE_TABLES, ...INCIDENT_TABLES]);
    const results = await Promise.all([
      stranger.get(base),
      stranger.patch(base, { title: 'pwned' }),
      stranger.put(base, { title: 'pwned' }),
      stranger.delete(base),
      stranger.get(`${base}/incidents`),
      stranger.post(`${base}/incidents`, { title: 'pwned', impact: 'none', monitorIds: [], status: 'investigating', message: 'x' }),
      stranger.get(inc),
      stranger.patch(inc, { title: 'pwned' }),
      stranger.delete(inc),
      stranger.post(`${inc}/updates`, { status: 'resolved', message: 'pwned' }),
      // Unknown ids answer the same.
      stranger.get('/api/status-pages/does-not-exist'),
      owner.get('/api/status-pages/does-not-exist'),
      owner.get(`${base}/incidents/does-not-exist`),
      owner.post(`${base}/incidents/does-not-exist/updates`, { status: 'resolved', message: 'x' }),
    ]);
    for (const r of results) {
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('not_found');
    }
    expect(await snapshot([...PAGE_TABLES, ...INCIDENT_TABLES])).toEqual(before);
    expect((await owner.get(base)).body.statusPage.title).toBe('Mine');
    expect((await owner.get(inc)).body.incident).toEqual(incident);
  });

  it('odd ids in the path (a NUL byte, bytes that are not UTF-8) answer 404 or 400, never a server error', async () => {
    const page = await createPage(owner, { slug: unique('odd'), title: 'Odd' });
    const answers: string[] = [];
    for (const odd of ['%00', 'a%00b', '%FF', 'x'.repeat(3000), "x'%20OR%201=1--"]) {
      const paths = [`/api/status-pages/${odd}`, `/api/status-pages/${odd}/incidents`, `/api/status-pages/${page.id}/incidents/${odd}`, `/api/status-pages/${page.id}/incidents/${odd}/updates`];
      for (const path of paths) {
        const method = path.endsWith('/updates') ? 'POST' : 'GET';
        const res = await owner.request(method, path, method === 'POST' ? { status: 'resolved', message: 'x' } : undefined);
        answers.push(`${method} ${path.replace(page.id, ':id').slice(0, 60)} ${res.status}`);
      }
    }
    expect(answers.filter((a) => !/ (400|404)$/.test(a))).toEqual([]);
  });

  it("another user's incident id under your own page is 404", async () => {
    const mine = await createPage(owner, { slug: unique('mine2'), title: 'Mine' });
    const theirs = await createPage(stranger, { slug: unique('theirs2'), title: 'Theirs' });
    const theirIncident = (await stranger.post(`/api/status-pages/${theirs.id}/incidents`, { title: 'Theirs', impact: 'minor', status: 'investigating', message: 'x' })).body.incident;
    // Also one of the owner's own incidents, but of another page.
    const otherPage = await createPage(owner, { slug: unique('mine3'), title: 'Other' });
    const otherIncident = (await owner.post(`/api/status-pages/${otherPage.id}/incidents`, { title: 'Other', impact: 'minor', status: 'investigating', message: 'x' })).body.incident;
    const before = await snapshot(INCIDENT_TABLES);
    for (const id of [theirIncident.id, otherIncident.id]) {
      const p = `/api/status-pages/${mine.id}/incidents/${id}`;
      for (const r of await Promise.all([owner.get(p), owner.patch(p, { title: 'x' }), owner.delete(p), owner.post(`${p}/updates`, { status: 'resolved', message: 'x' })])) {
        expect(r.status).toBe(404);
      }
    }
    expect(await snapshot(INCIDENT_TABLES)).toEqual(before);
    expect((await owner.get(`/api/status-pages/${mine.id}/incidents`)).body.incidents).toEqual([]);
    expect((await stranger.get(`/api/status-pages/${theirs.id}/incidents/${theirIncident.id}`)).body.incident.status).toBe('investigating');
  });
});

describe('page incidents', () => {
  let pageId: string;
  beforeAll(async () => {
    pageId = (await createPage(owner, { slug: unique('inc'), title: 'Incidents', sections: [{ name: 'S', monitors: [{ monitorId: m1.id }, { monitorId: m2.id }] }] })).id;
  });

  it('creates an incident with its first update, adds updates, resolves, reopens, edits and deletes', async () => {
    const created = await owner.post(`/api/status-pages/${pageId}/incidents`, { title: 'API errors', impact: 'major', monitorIds: [m1.id], status: 'investigating', message: 'We are looking into it.' });
    expect(created.status).toBe(201);
    const i = created.body.incident;
    expect(Object.keys(i).sort()).toEqual([...INCIDENT_KEYS].sort());
    expect(i).toMatchObject({ pageId, title: 'API errors', impact: 'major', status: 'investigating', monitorIds: [m1.id], resolvedAt: null });
    expect(i.updates).toEqual([{ id: expect.any(String), status: 'investigating', message: 'We are looking into it.', at: i.startedAt }]);
    expect(Math.abs(Date.parse(i.startedAt) - Date.now())).toBeLessThan(60_000);

    const identified = await owner.post(`/api/status-pages/${pageId}/incidents/${i.id}/updates`, { status: 'identified', message: 'A bad deploy.' });
    expect(identified.status).toBe(201);
    expect(identified.body.update).toEqual({ id: expect.any(String), status: 'identified', message: 'A bad deploy.', at: expect.any(String) });
    expect(identified.body.incident.status).toBe('identified');
    expect(identified.body.incident.resolvedAt).toBeNull();
    expect(identified.body.incident.updates.map((u: { status: string }) => u.status)).toEqual(['identified', 'investigating']);

    const resolved = await owner.post(`/api/status-pages/${pageId}/incidents/${i.id}/updates`, { status: 'resolved', message: 'Rolled back.' });
    expect(resolved.body.incident.status).toBe('resolved');
    expect(resolved.body.incident.resolvedAt).toBe(resolved.body.update.at);
    expect(resolved.body.incident.updates.map((u: { status: string }) => u.status)).toEqual(['resolved', 'identified', 'investigating']);

    // A late write-up dated before the resolution does not reopen it.
    const lateAt = new Date(Date.parse(i.startedAt) - 1000).toISOString();
    const late = await owner.post(`/api/status-pages/${pageId}/incidents/${i.id}/updates`, { status: 'monitoring', message: 'Earlier note.', at: lateAt });
    expect(late.status).toBe(201);
    // `update` is the update just written, though it is not the newest.
    expect(late.body.update).toMatchObject({ status: 'monitoring', message: 'Earlier note.', at: lateAt });
    expect(late.body.incident).toMatchObject({ status: 'resolved', resolvedAt: resolved.body.update.at });
    expect(late.body.incident.updates.at(-1).message).toBe('Earlier note.');

    // A new one after it does.
    const reopened = await owner.post(`/api/status-pages/${pageId}/incidents/${i.id}/updates`, { status: 'monitoring', message: 'It came back.' });
    expect(reopened.body.incident).toMatchObject({ status: 'monitoring', resolvedAt: null });

    const edited = await owner.patch(`/api/status-pages/${pageId}/incidents/${i.id}`, { title: 'API and web errors', impact: 'critical', monitorIds: [m1.id, m2.id] });
    expect(edited.status).toBe(200);
    expect(edited.body.incident).toMatchObject({ title: 'API and web errors', impact: 'critical', status: 'monitoring' });
    expect([...edited.body.incident.monitorIds].sort()).toEqual([m1.id, m2.id].sort());
    expect(edited.body.incident.updates).toHaveLength(5);

    expect((await owner.get(`/api/status-pages/${pageId}/incidents/${i.id}`)).body.incident).toEqual(edited.body.incident);
    const list = (await owner.get(`/api/status-pages/${pageId}/incidents`)).body.incidents;
    expect(list.map((x: { id: string }) => x.id)).toContain(i.id);

    expect((await owner.delete(`/api/status-pages/${pageId}/incidents/${i.id}`)).status).toBe(204);
    expect((await owner.get(`/api/status-pages/${pageId}/incidents/${i.id}`)).status).toBe(404);
    expect(await countRows(app, `SELECT COUNT(*) AS n FROM "StatusPageIncidentUpdate" WHERE "incidentId" = ?`, i.id)).toBe(0);
  });

  it('dates an incident back with at, and one created resolved is resolved at that time', async () => {
    const at = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const res = await owner.post(`/api/status-pages/${pageId}/incidents`, { title: 'Past blip', impact: 'minor', status: 'resolved', message: 'Short blip, over.', at });
    expect(res.status).toBe(201);
    expect(res.body.incident).toMatchObject({ startedAt: at, resolvedAt: at, status: 'resolved', monitorIds: [] });
    expect(res.body.incident.updates[0].at).toBe(at);
  });

  it('lists incidents newest first', async () => {
    const page = await createPage(owner, { slug: unique('order-inc'), title: 'Order' });
    const make = (title: string, hoursAgo: number) =>
      owner.post(`/api/status-pages/${page.id}/incidents`, { title, impact: 'none', status: 'investigating', message: 'x', at: new Date(Date.now() - hoursAgo * 3_600_000).toISOString() });
    await make('old', 5);
    await make('new', 1);
    await make('middle', 3);
    expect((await owner.get(`/api/status-pages/${page.id}/incidents`)).body.incidents.map((x: { title: string }) => x.title)).toEqual(['new', 'middle', 'old']);
  });

  const valid = () => ({ title: 'T', impact: 'minor', monitorIds: [], status: 'investigating', message: 'M' });
  const bad: Array<[string, () => Record<string, unknown>, string]> = [
    ['a bad impact', () => ({ ...valid(), impact: 'catastrophic' }), 'impact'],
    ['a bad status', () => ({ ...valid(), status: 'fixed' }), 'status'],
    ['no message', () => ({ ...valid(), message: '' }), 'message'],
    ['no title', () => ({ ...valid(), title: undefined }), 'title'],
    ['an unknown monitor', () => ({ ...valid(), monitorIds: ['nope'] }), 'monitorIds'],
    ["another user's monitor", () => ({ ...valid(), monitorIds: [m1.id, foreign.id] }), 'monitorIds'],
    ['a monitor twice', () => ({ ...valid(), monitorIds: [m1.id, m1.id] }), 'monitorIds'],
    ['a time in the future', () => ({ ...valid(), at: new Date(Date.now() + 3_600_000).toISOString() }), 'at'],
    ['a time that is not a date', () => ({ ...valid(), at: 'yesterday' }), 'at'],
    ['an unknown field', () => ({ ...valid(), resolvedAt: new Date().toISOString() }), ''],
  ];
  it.each(bad)('refuses an incident with %s (400 naming the field, nothing written)', async (label, make, field) => {
    const before = await snapshot(INCIDENT_TABLES);
    const res = await owner.post(`/api/status-pages/${pageId}/incidents`, make());
    expect(res.status, label).toBe(400);
    if (field) expectFieldError(res, field, label);
    expect(await snapshot(INCIDENT_TABLES)).toEqual(before);
  });

  it('refuses bad updates and bad patches, leaving the incident as it was', async () => {
    const i = (await owner.post(`/api/status-pages/${pageId}/incidents`, { ...valid(), monitorIds: [m1.id] })).body.incident;
    const before = await snapshot(INCIDENT_TABLES);
    const updates = `/api/status-pages/${pageId}/incidents/${i.id}/updates`;
    expectFieldError(await owner.post(updates, { status: 'done', message: 'x' }), 'status');
    expectFieldError(await owner.post(updates, { status: 'resolved', message: '' }), 'message');
    expectFieldError(await owner.post(updates, { status: 'resolved', message: 'x', at: new Date(Date.now() + 3_600_000).toISOString() }), 'at');
    const one = `/api/status-pages/${pageId}/incidents/${i.id}`;
    expectFieldError(await owner.patch(one, { impact: 'huge' }), 'impact');
    expectFieldError(await owner.patch(one, { title: 'New title', monitorIds: [foreign.id] }), 'monitorIds');
    expect((await owner.patch(one, { status: 'resolved' })).status).toBe(400);
    expect(await snapshot(INCIDENT_TABLES)).toEqual(before);
    expect((await owner.get(one)).body.incident).toEqual(i);
  });

  it('deleting the page deletes its incidents', async () => {
    const page = await createPage(owner, { slug: unique('gone'), title: 'Gone' });
    const i = (await owner.post(`/api/status-pages/${page.id}/incidents`, valid())).body.incident;
    expect((await owner.delete(`/api/status-pages/${page.id}`)).status).toBe(204);
    expect(await countRows(app, `SELECT COUNT(*) AS n FROM "StatusPageIncident" WHERE "id" = ?`, i.id)).toBe(0);
    expect((await owner.get(`/api/status-pages/${page.id}/incidents`)).status).toBe(404);
  });
});

describe('monitor public badges', () => {
  it('publicBadge is off by default with no badgeKey; on gives a key, off hides it, on again revives the same key', async () => {
    const m = await createMonitor(owner, { name: 'Badge', url: 'https://badge.example.com/' });
    expect(m).toMatchObject({ publicBadge: false, badgeKey: null });

    const on = (await owner.patch(`/api/monitors/${m.id}`, { publicBadge: true })).body.monitor;
    expect(on.publicBadge).toBe(true);
    expect(on.badgeKey).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect((await owner.get(`/api/monitors/${m.id}`)).body.monitor.badgeKey).toBe(on.badgeKey);
    expect((await owner.get('/api/monitors')).body.monitors.find((x: { id: string }) => x.id === m.id).badgeKey).toBe(on.badgeKey);

    const off = (await owner.patch(`/api/monitors/${m.id}`, { publicBadge: false })).body.monitor;
    expect(off).toMatchObject({ publicBadge: false, badgeKey: null });
    expect(JSON.stringify((await owner.get('/api/monitors')).body)).not.toContain(on.badgeKey);

    const again = (await owner.patch(`/api/monitors/${m.id}`, { publicBadge: true })).body.monitor;
    expect(again.badgeKey).toBe(on.badgeKey);
    // Other edits keep the key.
    expect((await owner.patch(`/api/monitors/${m.id}`, { name: 'Badge 2' })).body.monitor.badgeKey).toBe(on.badgeKey);
  });

  it('a monitor created with publicBadge has its own key; keys differ between monitors', async () => {
    const [a, b] = await Promise.all([
      createMonitor(owner, { name: 'A', url: 'https://a.example.com/', publicBadge: true }),
      createMonitor(owner, { name: 'B', url: 'https://b.example.com/', publicBadge: true }),
    ]);
    expect(a.badgeKey).toEqual(expect.any(String));
    expect(b.badgeKey).toEqual(expect.any(String));
    expect(a.badgeKey).not.toBe(b.badgeKey);
    expect((await stranger.get(`/api/monitors/${a.id}`)).status).toBe(404);
  });

  it('refuses a non-boolean publicBadge and a client-set badgeKey', async () => {
    const before = await rows('Monitor');
    expectFieldError(await owner.post('/api/monitors', { name: 'X', url: 'https://x.example.com/', publicBadge: 'yes' }), 'publicBadge');
    expect((await owner.post('/api/monitors', { name: 'X', url: 'https://x.example.com/', badgeKey: 'chosen-key' })).status).toBe(400);
    expect(await rows('Monitor')).toBe(before);
    expectFieldError(await owner.patch(`/api/monitors/${m1.id}`, { publicBadge: 1 }), 'publicBadge');
    expect((await owner.patch(`/api/monitors/${m1.id}`, { badgeKey: 'chosen-key' })).status).toBe(400);
    expect((await owner.get(`/api/monitors/${m1.id}`)).body.monitor).toMatchObject({ publicBadge: false, badgeKey: null });
  });
});
