// The tag API through the running server: create (default and lower-cased colour), read, list
// in name order, PATCH and PUT, delete; names unique per user (409, also when two creates race),
// free across users; the per-user tag limit held under parallel creates; another user's tag
// unreachable (404) and unusable on a monitor (400 naming tagIds); tagIds on monitor create and
// PATCH, duplicates refused; deleting a tag takes it off its monitors, deleting a monitor takes
// it out of the tag's monitorCount.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api } from '../support/api';
import { countRows } from '../support/app-db';

let app: AppServer;
let owner: Api;
let stranger: Api;

const TAG_KEYS = ['id', 'name', 'color', 'monitorCount', 'createdAt'];
const tagRows = () => countRows(app, 'SELECT COUNT(*) AS n FROM "Tag"');
const monitorRows = () => countRows(app, 'SELECT COUNT(*) AS n FROM "Monitor"');
const linkRows = (tagId: string) => countRows(app, 'SELECT COUNT(*) AS n FROM "MonitorTag" WHERE "tagId" = ?', tagId);

beforeAll(async () => {
  app = await startApp();
  owner = new Api(app.url);
  stranger = new Api(app.url);
  await owner.signup();
  await stranger.signup();
});
afterAll(async () => {
  await app?.dispose();
});

async function createTag(api: Api, body: Record<string, unknown>) {
  const res = await api.post('/api/tags', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.tag;
}

async function createMonitor(api: Api, body: Record<string, unknown>) {
  const res = await api.post('/api/monitors', { url: 'https://example.com/', active: false, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.monitor;
}

function expectIssue(res: { status: number; body: any }, field: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('validation_failed');
  const paths = res.body.error.issues.map((i: { path: unknown[] }) => i.path[0]);
  expect(paths, JSON.stringify(res.body.error.issues)).toContain(field);
}

describe('tags for their owner', () => {
  it('creates with the default colour, reads, lists in name order, updates with PATCH and PUT, and deletes', async () => {
    const api = new Api(app.url);
    await api.signup();
    const zeta = await createTag(api, { name: 'zeta' });
    expect(Object.keys(zeta).sort()).toEqual([...TAG_KEYS].sort());
    expect(zeta).toMatchObject({ name: 'zeta', color: '#64748b', monitorCount: 0 });
    expect(new Date(zeta.createdAt).toISOString()).toBe(zeta.createdAt);
    const alpha = await createTag(api, { name: '  Alpha  ', color: '#3B82F6' });
    expect(alpha).toMatchObject({ name: 'Alpha', color: '#3b82f6' });
    expect(await createTag(api, { name: 'x'.repeat(40) })).toMatchObject({ name: 'x'.repeat(40) });

    const list = await api.get('/api/tags');
    expect(list.status).toBe(200);
    expect(list.body.tags.map((t: { name: string }) => t.name)).toEqual(['Alpha', 'x'.repeat(40), 'zeta']);
    expect((await api.get(`/api/tags/${alpha.id}`)).body.tag).toEqual(alpha);

    const patched = await api.patch(`/api/tags/${alpha.id}`, { name: 'Beta' });
    expect(patched.status).toBe(200);
    expect(patched.body.tag).toEqual({ ...alpha, name: 'Beta' });
    const put = await api.put(`/api/tags/${alpha.id}`, { color: '#ABCDEF' });
    expect(put.status).toBe(200);
    expect(put.body.tag).toEqual({ ...alpha, name: 'Beta', color: '#abcdef' });

    expect((await api.delete(`/api/tags/${alpha.id}`)).status).toBe(204);
    expect((await api.get(`/api/tags/${alpha.id}`)).status).toBe(404);
    expect((await api.delete(`/api/tags/${alpha.id}`)).status).toBe(404);
    expect((await api.patch(`/api/tags/${alpha.id}`, { name: 'ghost' })).status).toBe(404);
    expect((await api.get('/api/tags')).body.tags.map((t: { id: string }) => t.id)).toEqual([expect.any(String), zeta.id]);
  });

  it('keeps names unique per user (409 on create and rename, also for two creates at once), but not across users', async () => {
    const prod = await createTag(owner, { name: 'prod' });
    const staging = await createTag(owner, { name: 'staging' });
    const before = await tagRows();
    for (const name of ['prod', '  prod ']) {
      const clash = await owner.post('/api/tags', { name });
      expect(clash.status).toBe(409);
      expect(clash.body.error.code).toBe('conflict');
    }
    const rename = await owner.patch(`/api/tags/${staging.id}`, { name: 'prod' });
    expect(rename.status).toBe(409);
    expect(rename.body.error.code).toBe('conflict');
    expect((await owner.get(`/api/tags/${staging.id}`)).body.tag.name).toBe('staging');
    expect(await tagRows()).toBe(before);
    // Renaming a tag to its own name is no clash.
    expect((await owner.put(`/api/tags/${prod.id}`, { name: 'prod', color: '#000000' })).status).toBe(200);

    // Another user may use the same name, and sees none of the owner's tags.
    expect(await createTag(stranger, { name: 'prod' })).toMatchObject({ name: 'prod' });
    expect((await stranger.get('/api/tags')).body.tags.map((t: { name: string }) => t.name)).toEqual(['prod']);

    // Eight creates of one new name at once: one wins, the rest are told it exists.
    const racers = await Promise.all(Array.from({ length: 8 }, () => owner.post('/api/tags', { name: 'raced' })));
    expect(racers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect((await owner.get('/api/tags')).body.tags.filter((t: { name: string }) => t.name === 'raced')).toHaveLength(1);
  });

  it('holds a user to 200 tags even when the creates arrive together', async () => {
    const api = new Api(app.url);
    await api.signup();
    const results = await Promise.all(Array.from({ length: 205 }, (_, i) => api.post('/api/tags', { name: `t${i}` })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(200);
    for (const r of results.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('limit_reached');
    }
    expect((await api.get('/api/tags')).body.tags).toHaveLength(200);
  });
});

describe('tag validation', () => {
  it.each<[string, unknown, string]>([
    ['missing name', { color: '#ffffff' }, 'name'],
    ['empty name', { name: '' }, 'name'],
    ['blank name', { name: '   ' }, 'name'],
    ['name of 41 characters', { name: 'x'.repeat(41) }, 'name'],
    ['name not text', { name: 7 }, 'name'],
    ['colour by name', { name: 'a', color: 'red' }, 'color'],
    ['short hex colour', { name: 'a', color: '#fff' }, 'color'],
    ['hex colour without #', { name: 'a', color: '3b82f6' }, 'color'],
    ['colour with alpha', { name: 'a', color: '#3b82f6ff' }, 'color'],
    ['colour not text', { name: 'a', color: 0x3b82f6 }, 'color'],
  ])('%s answers 400 naming the field and stores nothing', async (_label, body, field) => {
    const before = await tagRows();
    expectIssue(await owner.post('/api/tags', body), field);
    expect(await tagRows()).toBe(before);
  });

  it('refuses unknown fields, non-object bodies and bad updates, and leaves the tag as it was', async () => {
    const before = await tagRows();
    for (const body of [{ name: 'a', id: 'mine' }, { name: 'a', userId: 'someone' }, { name: 'a', monitorCount: 3 }, ['a'], null, 'a']) {
      const res = await owner.post('/api/tags', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await tagRows()).toBe(before);
    const tag = await createTag(owner, { name: 'steady', color: '#112233' });
    for (const body of [{ name: '' }, { color: 'blue' }, { name: 'y'.repeat(41) }, { createdAt: '2020-01-01T00:00:00Z' }]) {
      expect((await owner.patch(`/api/tags/${tag.id}`, body)).status, JSON.stringify(body)).toBe(400);
      expect((await owner.put(`/api/tags/${tag.id}`, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await owner.get(`/api/tags/${tag.id}`)).body.tag).toEqual(tag);
  });

  it('answers 401 to a caller who is not signed in', async () => {
    const anonymous = new Api(app.url);
    expect((await anonymous.get('/api/tags')).status).toBe(401);
    expect((await anonymous.post('/api/tags', { name: 'x' })).status).toBe(401);
    const tag = await createTag(owner, { name: 'private-401' });
    for (const res of [await anonymous.get(`/api/tags/${tag.id}`), await anonymous.delete(`/api/tags/${tag.id}`)]) expect(res.status).toBe(401);
    expect((await owner.get(`/api/tags/${tag.id}`)).status).toBe(200);
  });
});

describe('another user', () => {
  it('gets 404 on every route of a tag they do not own, and changes nothing', async () => {
    const tag = await createTag(owner, { name: 'secret', color: '#aa0000' });
    for (const path of [`/api/tags/${tag.id}`, '/api/tags/does-not-exist']) {
      const results = await Promise.all([
        stranger.get(path),
        stranger.patch(path, { name: 'pwned' }),
        stranger.put(path, { name: 'pwned', color: '#000000' }),
        stranger.delete(path),
      ]);
      for (const r of results) {
        expect(r.status).toBe(404);
        expect(r.body.error.code).toBe('not_found');
      }
    }
    expect((await stranger.get('/api/tags')).body.tags.map((t: { id: string }) => t.id)).not.toContain(tag.id);
    expect((await owner.get(`/api/tags/${tag.id}`)).body.tag).toEqual(tag);
  });

  it('cannot put its monitors under the tag (400 naming tagIds), on create or PATCH', async () => {
    const tag = await createTag(owner, { name: 'not-yours' });
    const own = await createTag(stranger, { name: 'mine' });
    const before = await monitorRows();
    const res = await stranger.post('/api/monitors', { name: 'Sneaky', url: 'https://example.com/', active: false, tagIds: [own.id, tag.id] });
    expectIssue(res, 'tagIds');
    expect(JSON.stringify(res.body.error)).toContain(tag.id);
    expect(await monitorRows()).toBe(before);

    const m = await createMonitor(stranger, { name: 'Theirs', tagIds: [own.id] });
    expectIssue(await stranger.patch(`/api/monitors/${m.id}`, { tagIds: [tag.id] }), 'tagIds');
    expectIssue(await stranger.patch(`/api/monitors/${m.id}`, { name: 'Renamed', tagIds: [own.id, tag.id] }), 'tagIds');
    expect((await stranger.get(`/api/monitors/${m.id}`)).body.monitor).toMatchObject({ name: 'Theirs', tagIds: [own.id] });
    expect(await linkRows(tag.id)).toBe(0);
    expect((await owner.get(`/api/tags/${tag.id}`)).body.tag.monitorCount).toBe(0);
  });
});

describe('tags on monitors', () => {
  it('sets tagIds on create, replaces them on PATCH and PUT, and counts the monitors of each tag', async () => {
    const api = new Api(app.url);
    await api.signup();
    const [web, db, eu] = await Promise.all(['web', 'db', 'eu'].map((name) => createTag(api, { name })));
    const plain = await createMonitor(api, { name: 'Plain' });
    expect(plain.tagIds).toEqual([]);
    const m = await createMonitor(api, { name: 'Shop', tagIds: [web.id, eu.id] });
    expect([...m.tagIds].sort()).toEqual([web.id, eu.id].sort());
    expect([...(await api.get(`/api/monitors/${m.id}`)).body.monitor.tagIds].sort()).toEqual([web.id, eu.id].sort());
    const listed = (await api.get('/api/monitors')).body.monitors.find((x: { id: string }) => x.id === m.id);
    expect([...listed.tagIds].sort()).toEqual([web.id, eu.id].sort());

    const counts = async () => Object.fromEntries((await api.get('/api/tags')).body.tags.map((t: { name: string; monitorCount: number }) => [t.name, t.monitorCount]));
    expect(await counts()).toEqual({ web: 1, db: 0, eu: 1 });

    const patched = await api.patch(`/api/monitors/${m.id}`, { tagIds: [db.id] });
    expect(patched.status).toBe(200);
    expect(patched.body.monitor.tagIds).toEqual([db.id]);
    // A PATCH without tagIds keeps them.
    expect((await api.patch(`/api/monitors/${m.id}`, { name: 'Shop 2' })).body.monitor.tagIds).toEqual([db.id]);
    expect((await api.put(`/api/monitors/${plain.id}`, { tagIds: [db.id, web.id] })).status).toBe(200);
    expect(await counts()).toEqual({ web: 1, db: 2, eu: 0 });
    expect((await api.patch(`/api/monitors/${m.id}`, { tagIds: [] })).body.monitor.tagIds).toEqual([]);
    expect(await counts()).toEqual({ web: 1, db: 1, eu: 0 });

    // Deleting a monitor takes it out of its tags' counts.
    expect((await api.delete(`/api/monitors/${plain.id}`)).status).toBe(204);
    expect(await counts()).toEqual({ web: 0, db: 0, eu: 0 });
  });

  it('refuses duplicate, unknown and malformed tagIds with 400 naming tagIds, changing nothing', async () => {
    const api = new Api(app.url);
    await api.signup();
    const tag = await createTag(api, { name: 'once' });
    const before = await monitorRows();
    for (const tagIds of [[tag.id, tag.id], ['no-such-tag'], [''], 'x', [7], Array.from({ length: 51 }, (_, i) => `t${i}`)]) {
      expectIssue(await api.post('/api/monitors', { name: 'Dup', url: 'https://example.com/', active: false, tagIds }), 'tagIds');
    }
    expect(await monitorRows()).toBe(before);
    const m = await createMonitor(api, { name: 'Kept', tagIds: [tag.id] });
    for (const tagIds of [[tag.id, tag.id], ['no-such-tag'], null]) {
      expectIssue(await api.patch(`/api/monitors/${m.id}`, { tagIds }), 'tagIds');
    }
    expect((await api.get(`/api/monitors/${m.id}`)).body.monitor).toMatchObject({ name: 'Kept', tagIds: [tag.id] });
  });

  it('takes a deleted tag off every monitor that had it', async () => {
    const api = new Api(app.url);
    await api.signup();
    const [gone, kept] = await Promise.all([createTag(api, { name: 'gone' }), createTag(api, { name: 'kept' })]);
    const a = await createMonitor(api, { name: 'A', tagIds: [gone.id, kept.id] });
    const b = await createMonitor(api, { name: 'B', tagIds: [gone.id] });
    expect((await api.get(`/api/tags/${gone.id}`)).body.tag.monitorCount).toBe(2);
    expect(await linkRows(gone.id)).toBe(2);

    expect((await api.delete(`/api/tags/${gone.id}`)).status).toBe(204);
    expect(await linkRows(gone.id)).toBe(0);
    expect((await api.get(`/api/monitors/${a.id}`)).body.monitor.tagIds).toEqual([kept.id]);
    expect((await api.get(`/api/monitors/${b.id}`)).body.monitor.tagIds).toEqual([]);
    const list = (await api.get('/api/monitors')).body.monitors;
    expect(list.map((m: { tagIds: string[] }) => m.tagIds)).toEqual([[kept.id], []]);
    // The deleted tag is now unknown on a monitor.
    expectIssue(await api.patch(`/api/monitors/${a.id}`, { tagIds: [gone.id] }), 'tagIds');
  });
});
