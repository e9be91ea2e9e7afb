// Configuration as code through the running server, on SQLite and PostgreSQL: an account's
// export (JSON and YAML) imported into another account creates everything, then nothing the
// second time, then one update for one changed field; secrets are null unless the password is
// typed again on a signed-in session (wrong password and API keys refused); a dry run, a file
// with one bad monitor among good ones, a YAML syntax error or another account's slug change
// nothing and name each problem by its path or line; another user's ids in a file never touch
// that user's items; the published JSON Schema describes an export; and an imported monitor is
// checked by the worker once the import commits. Every target is on 127.0.0.1.
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { countRows } from '../support/app-db';
import { startTarget, type TargetServer } from '../support/target-server';
import type { ImportPlanItem as PlanLine } from '@/lib/config-io/format';

let app: AppServer;
let target: TargetServer;
/** An account with one of everything, and its export with secrets. */
let source: Api;
let sourceUser: { email: string; password: string; id: string };
let full: any;

beforeAll(async () => {
  [app, target] = await Promise.all([startApp(), startTarget()]);
  source = new Api(app.url);
  sourceUser = await source.signup();
  await fillAccount(source, 'acme');
  const res = await exportWithSecrets(source, sourceUser.password);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  full = res.body;
});
afterAll(async () => {
  await Promise.all([app?.dispose(), target?.close()]);
});

async function ok(res: Promise<{ status: number; body: any }>, status = 201) {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

/** A tag, a webhook with a signing secret, a parent and child (one with a secret header), a push monitor, a page and a window; nothing is active. */
async function fillAccount(api: Api, slug: string) {
  const { tag } = await ok(api.post('/api/tags', { name: 'prod', color: '#ff0000' }));
  const { channel } = await ok(api.post('/api/channels', { kind: 'webhook', name: 'Ops hook', settings: { url: `${target.url}hook`, secret: 'a-signing-secret-of-some-length' } }));
  const { monitor: api1 } = await ok(
    api.post('/api/monitors', { name: 'API', url: `${target.url}api`, active: false, headers: [{ name: 'Authorization', value: 'Bearer s3cret', secret: true }], tagIds: [tag.id], channelIds: [channel.id] }),
  );
  const { monitor: db } = await ok(api.post('/api/monitors', { name: 'DB', type: 'tcp', host: '127.0.0.1', port: 5432, active: false, parentId: api1.id }));
  await ok(api.post('/api/monitors', { name: 'Nightly job', type: 'heartbeat', intervalSeconds: 86_400, active: false }));
  await ok(api.post('/api/status-pages', { slug, title: 'Acme', sections: [{ name: 'Core', monitors: [{ monitorId: api1.id }, { monitorId: db.id, displayName: 'Database' }] }] }));
  await ok(api.post('/api/maintenance', { title: 'Patch night', monitorIds: [db.id], start: '2030-01-01T00:00:00Z', end: '2030-01-01T02:00:00Z' }));
}

function exportWithSecrets(api: Api, password: string, format = 'json') {
  return api.post('/api/export', { includeSecrets: true, password, format });
}

function importFile(api: Api, file: unknown, opts: { dryRun?: boolean; type?: string; source?: string } = {}) {
  const text = typeof file === 'string' ? file : JSON.stringify(file);
  const query = `dryRun=${opts.dryRun ?? false}&source=${opts.source ?? 'pingboard'}`;
  return api.request<{ plan: PlanLine[]; applied: boolean; error?: any }>('POST', `/api/import?${query}`, text, { 'content-type': opts.type ?? 'application/json' });
}

async function newUser(): Promise<Api> {
  const api = new Api(app.url);
  await api.signup();
  return api;
}

const actions = (plan: PlanLine[]) => [...new Set(plan.map((l) => l.action))];
const issuePaths = (body: any): string[] => body.error.issues.map((i: { path: unknown[] }) => i.path.join('.'));
const userRows = (userId: string) =>
  Promise.all(['Monitor', 'Tag', 'NotificationChannel', 'StatusPage', 'Maintenance'].map((t) => countRows(app, `SELECT COUNT(*) AS n FROM "${t}" WHERE "userId" = ?`, userId)));
const meId = async (api: Api) => (await api.get('/api/auth/me')).body.user.id as string;

/** The export for another account: a status page slug is the install's, so the copy needs its own. */
function forAnotherAccount(doc: any, slug: string) {
  return { ...doc, statusPages: doc.statusPages.map((p: any) => ({ ...p, slug })) };
}

describe.concurrent('config as code', () => {
  it('imports an export into another account: refused slug, dry run, all created, then unchanged, then one update', async () => {
    const other = await newUser();
    const otherId = await meId(other);
    const before = await userRows(otherId);

    const taken = await importFile(other, full);
    expect(taken.status).toBe(400);
    expect(issuePaths(taken.body)).toEqual(['statusPages.0.slug']);

    const doc = forAnotherAccount(full, 'acme-copy');
    const dry = await importFile(other, doc, { dryRun: true });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.applied).toBe(false);
    expect(await userRows(otherId)).toEqual(before);
    // Every item is new (with no email transport here, sign-up gives neither account an email channel).
    expect(dry.body.plan.filter((l) => l.action !== 'create')).toEqual([]);
    expect(dry.body.plan.filter((l) => l.action === 'create').map((l) => `${l.type}:${l.name}`)).toEqual([
      'tag:prod',
      'channel:Ops hook',
      'monitor:API',
      'monitor:DB',
      'monitor:Nightly job',
      'statusPage:acme-copy',
      'maintenanceWindow:Patch night',
    ]);

    const real = await importFile(other, doc);
    expect(real.status, JSON.stringify(real.body)).toBe(200);
    expect(real.body).toEqual({ plan: dry.body.plan, applied: true });
    const monitors = (await other.get('/api/monitors')).body.monitors as any[];
    const byName = Object.fromEntries(monitors.map((m) => [m.name, m]));
    expect(byName.DB.parentId).toBe(byName.API.id);
    expect(byName.API.headers).toEqual([{ name: 'Authorization', value: null, secret: true }]);
    expect(byName['Nightly job'].type).toBe('heartbeat');

    const again = await importFile(other, doc);
    expect(actions(again.body.plan)).toEqual(['unchanged']);

    doc.monitors[1] = { ...doc.monitors[1], intervalSeconds: 120 };
    const changed = await importFile(other, doc);
    expect(changed.body.plan.filter((l) => l.action !== 'unchanged')).toEqual([{ type: 'monitor', name: 'DB', action: 'update', reason: 'changes intervalSeconds' }]);
    expect((await other.get(`/api/monitors/${byName.DB.id}`)).body.monitor.intervalSeconds).toBe(120);
  });

  it('round-trips YAML in the same account: unchanged with secrets left out, then one update', async () => {
    const api = new Api(app.url);
    const me = await api.signup();
    await fillAccount(api, `yaml-${me.id.slice(-8)}`);
    const res = await fetch(`${app.url}/api/export?format=yaml`, { headers: { authorization: `Bearer ${api.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="pingboard-export-\d{4}-\d{2}-\d{2}\.yaml"$/);
    const yaml = await res.text();
    expect(parseYaml(yaml).version).toBe(1);
    const same = await importFile(api, yaml, { type: 'application/yaml' });
    expect(same.status, JSON.stringify(same.body)).toBe(200);
    expect(actions(same.body.plan)).toEqual(['unchanged']);
    const edited = yaml.replace('timeZone: UTC', 'timeZone: Europe/Berlin');
    expect(edited).not.toBe(yaml);
    const update = await importFile(api, edited, { type: 'text/plain' });
    expect(update.body.plan.filter((l) => l.action !== 'unchanged')).toEqual([{ type: 'maintenanceWindow', name: 'Patch night', action: 'update', reason: 'changes timeZone' }]);
  });

  it('leaves secrets out unless the password is typed again on a signed-in session', async () => {
    const plain = await ok(source.get('/api/export'), 200);
    const hook = plain.channels.find((c: any) => c.name === 'Ops hook');
    expect(hook.settings).toEqual({ url: `${target.url}hook`, secret: null });
    expect(plain.monitors.find((m: any) => m.name === 'API').headers).toEqual([{ name: 'Authorization', value: null, secret: true }]);
    expect(full.channels.find((c: any) => c.name === 'Ops hook').settings.secret).toBe('a-signing-secret-of-some-length');
    expect(full.monitors.find((m: any) => m.name === 'API').headers[0].value).toBe('Bearer s3cret');

    expect((await source.get('/api/export?includeSecrets=true')).status).toBe(400);
    // The same request with the flags in the query string and only the password in the body.
    const viaQuery = await source.request('POST', '/api/export?format=yaml&includeSecrets=true', { password: sourceUser.password });
    expect(viaQuery.status).toBe(200);
    expect(parseYaml(viaQuery.body).channels.find((c: any) => c.name === 'Ops hook').settings.secret).toBe('a-signing-secret-of-some-length');
    const noFlag = await source.post('/api/export', { password: sourceUser.password });
    expect(noFlag.status).toBe(400);
    expect(noFlag.body.error.issues[0].path).toEqual(['includeSecrets']);
    const wrong = await exportWithSecrets(source, 'not my password');
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toBe('Password is incorrect');
    const { key } = await ok(source.post('/api/keys', { name: 'script', scope: 'write' }));
    const script = new Api(app.url, key);
    expect((await exportWithSecrets(script, sourceUser.password)).status).toBe(403);
    expect((await script.get('/api/export')).status).toBe(200);
  });

  it('changes nothing for a file with one bad monitor among good ones, naming its path', async () => {
    const api = await newUser();
    const id = await meId(api);
    const before = await userRows(id);
    const res = await importFile(api, {
      version: 1,
      monitors: [
        { name: 'good', url: `${target.url}good`, active: false },
        { name: 'bad', url: `${target.url}bad`, intervalSeconds: 0, channels: ['nowhere'] },
      ],
      tags: [{ name: 'fine' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(issuePaths(res.body)).toEqual(['monitors.1.intervalSeconds']);
    const unknownRef = await importFile(api, { version: 1, monitors: [{ name: 'good', url: `${target.url}good`, channels: ['nowhere'] }], tags: [{ name: 'fine' }] });
    expect(unknownRef.status).toBe(400);
    expect(unknownRef.body.error.issues).toEqual([{ path: ['monitors', 0, 'channels', 0], message: 'Unknown channel: nowhere' }]);
    expect(await userRows(id)).toEqual(before);
  });

  it('answers a YAML syntax error, an unknown source and an oversized file with 400 and changes nothing', async () => {
    const api = await newUser();
    const id = await meId(api);
    const before = await userRows(id);
    const syntax = await importFile(api, 'version: 1\nmonitors:\n  - name: a\n    url: x: y\n', { type: 'application/yaml' });
    expect(syntax.status).toBe(400);
    expect(syntax.body.error.issues[0].message).toMatch(/^YAML syntax error at line 4, column 10/);
    expect((await importFile(api, { version: 1 }, { source: 'nagios' })).status).toBe(400);
    const huge = await importFile(api, `{"version":1,"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`);
    expect(huge.status).toBe(400);
    expect(huge.body.error.code).toBe('payload_too_large');
    expect(await userRows(id)).toEqual(before);
  });

  it("never touches another user's items through ids in a file", async () => {
    const victim = await newUser();
    const { monitor } = await ok(victim.post('/api/monitors', { name: 'Victim', url: `${target.url}victim`, active: false }));
    const { tag } = await ok(victim.post('/api/tags', { name: 'victim-tag' }));
    const attacker = await newUser();
    const res = await importFile(attacker, {
      version: 1,
      monitors: [{ key: monitor.id, name: 'Hijacked', url: `${target.url}evil`, active: false }],
      tags: [{ key: tag.id, name: 'hijacked-tag' }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.plan.map((l) => l.action)).toEqual(['create', 'create']);
    expect((await victim.get(`/api/monitors/${monitor.id}`)).body.monitor).toMatchObject({ name: 'Victim', url: `${target.url}victim` });
    expect((await victim.get(`/api/tags/${tag.id}`)).body.tag.name).toBe('victim-tag');
    const refs = await importFile(attacker, { version: 1, monitors: [{ name: 'x', url: `${target.url}x`, parent: monitor.id, tags: [tag.id] }] });
    expect(refs.status).toBe(400);
    expect(issuePaths(refs.body).sort()).toEqual(['monitors.0.parent', 'monitors.0.tags.0']);
  });

  it('publishes a JSON Schema, without sign-in and cacheable, that an export satisfies', async () => {
    const res = await fetch(`${app.url}/api/schemas/export.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/public/);
    const schema = await res.json();
    expect(full.$schema).toBe(`${app.url}/api/schemas/export.json`);
    expect(schemaProblems(schema, full)).toEqual([]);
    expect(schemaProblems(schema, { ...full, version: 2, extra: true })).toEqual(['version: not 1', '(root): extra is not allowed']);
  });

  it('has the worker check an imported monitor once the import commits', async () => {
    const api = await newUser();
    const path = `worker-${Math.random().toString(36).slice(2)}`;
    const before = target.hits.length;
    const res = await importFile(api, { version: 1, monitors: [{ name: 'Checked', url: `${target.url}${path}`, intervalSeconds: 60 }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const monitor = await waitFor(async () => {
      const m = (await api.get('/api/monitors')).body.monitors[0];
      return m?.lastCheckedAt ? m : null;
    }, 8000, 'the imported monitor to be checked');
    expect(monitor.status).toBe('UP');
    expect(target.hits.length).toBeGreaterThan(before);
  });
});

/**
 * A small JSON Schema check (the keywords z.toJSONSchema writes: type, properties, required,
 * additionalProperties, items, enum, const, anyOf, minimum/maximum), enough to show the
 * published schema describes an export without another package.
 */
function schemaProblems(schema: any, value: unknown, at = '(root)'): string[] {
  if (schema.anyOf) return schema.anyOf.some((s: any) => schemaProblems(s, value, at).length === 0) ? [] : [`${at}: matches no allowed shape`];
  if (schema.const !== undefined && value !== schema.const) return [`${at}: not ${JSON.stringify(schema.const)}`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: not one of ${schema.enum.join(', ')}`];
  const types: string[] = schema.type ? [schema.type].flat() : [];
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (types.length && !types.includes(actual) && !(actual === 'integer' && types.includes('number'))) return [`${at}: ${actual} is not ${types.join(' or ')}`];
  const problems: string[] = [];
  if (typeof value === 'number' && ((schema.minimum !== undefined && value < schema.minimum) || (schema.maximum !== undefined && value > schema.maximum))) problems.push(`${at}: out of range`);
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => problems.push(...schemaProblems(schema.items, v, `${at === '(root)' ? '' : `${at}.`}${i}`)));
  if (actual === 'object') {
    const obj = value as Record<string, unknown>;
    const name = (k: string) => (at === '(root)' ? k : `${at}.${k}`);
    for (const k of schema.required ?? []) if (!(k in obj)) problems.push(`${name(k)}: required`);
    for (const [k, v] of Object.entries(obj)) {
      if (schema.properties?.[k]) problems.push(...schemaProblems(schema.properties[k], v, name(k)));
      else if (schema.additionalProperties === false) problems.push(`${at}: ${k} is not allowed`);
      else if (typeof schema.additionalProperties === 'object') problems.push(...schemaProblems(schema.additionalProperties, v, name(k)));
    }
  }
  return problems;
}
