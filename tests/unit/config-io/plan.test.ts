import { describe, expect, it } from 'vitest';
import { monitorConfigIssues, MONITOR_DEFAULTS, type MonitorFields } from '@/lib/schemas/monitor';
import { pingboardDocumentSchema, type PingboardDocument } from '@/lib/config-io/format';
import { planImport, type ImportRules, type ImportState } from '@/lib/config-io/plan';
import { buildExport } from '@/lib/config-io/export';
import { canonical, matchItems } from '@/lib/config-io/match';

// The import planner without a database: matching by key then name, references, diffing into
// create / update / unchanged, problems at their paths, and the order of the writes. The rules
// that need the server are stood in for by the pure ones (a monitor's own config rules; channel
// settings taken as given, secrets left null keeping the stored ones).

const rules: ImportRules = {
  maxParentDepth: 10,
  monitorIssues: (fields) => monitorConfigIssues(fields).map((i) => ({ path: i.path as (string | number)[], message: i.message })),
  channelSettings: (_kind, raw, stored) => ({ settings: Object.fromEntries(Object.entries({ ...stored, ...raw }).map(([k, v]) => [k, v ?? stored?.[k] ?? null])) }),
  pageIssues: () => [],
};

const fields = (over: Partial<MonitorFields>): MonitorFields => ({ ...MONITOR_DEFAULTS, timeoutSeconds: 10, name: 'x', url: 'https://example.com', ...over }) as MonitorFields;

function state(): ImportState {
  return {
    monitors: [
      { id: 'm1', name: 'API', fields: fields({ name: 'API', headers: [{ name: 'Authorization', value: 'Bearer s3cret', secret: true }] }), tagIds: ['t1'], channelIds: ['c1'] },
      { id: 'm2', name: 'Web', fields: fields({ name: 'Web', url: 'https://web.example.com', parentId: 'm1' }), tagIds: [], channelIds: [] },
    ],
    tags: [{ id: 't1', name: 'prod', color: '#ff0000' }],
    channels: [{ id: 'c1', name: 'Ops', kind: 'slack', settings: { webhookUrl: 'https://hooks.slack.com/x' }, enabled: true, isDefault: false }],
    statusPages: [
      {
        id: 'p1',
        data: { slug: 'acme', title: 'Acme', description: null, logoUrl: null, footerText: null, published: true, customDomain: null },
        sections: [{ name: 'Core', monitors: [{ monitorId: 'm1', displayName: null, showDetails: false }] }],
      },
    ],
    maintenanceWindows: [
      {
        id: 'w1',
        data: { title: 'Patch', allMonitors: false, startsAt: new Date('2027-01-01T00:00:00Z'), endsAt: new Date('2027-01-01T01:00:00Z'), recurrence: null, timeZone: 'UTC' },
        monitorIds: ['m2'],
      },
    ],
    defaultChannelIds: ['c1'],
  };
}

const exported = (s: ImportState, includeSecrets = false) =>
  pingboardDocumentSchema.parse(JSON.parse(JSON.stringify(buildExport(s, { includeSecrets, schemaUrl: 'http://x/api/schemas/export.json', now: new Date() }))));
const parse = (doc: unknown): PingboardDocument => pingboardDocumentSchema.parse(doc);
const actions = (plan: { type: string; name: string; action: string }[]) => plan.map((p) => `${p.type}:${p.name}:${p.action}`);

describe('import plan', () => {
  it('plans an export of the same account as unchanged, with secrets left out, and writes nothing', () => {
    const doc = exported(state());
    expect(doc.monitors[0].headers).toEqual([{ name: 'Authorization', value: null, secret: true }]);
    expect(doc.channels[0].settings).toEqual({ webhookUrl: null });
    const { plan, issues, writes } = planImport(doc, state(), rules);
    expect(issues).toEqual([]);
    expect(plan.every((p) => p.action === 'unchanged')).toBe(true);
    expect(plan).toHaveLength(6);
    expect(Object.values(writes).flat()).toEqual([]);
  });

  it('creates everything in an empty account, parents written before their children', () => {
    const doc = exported(state(), true);
    doc.monitors.reverse();
    const empty: ImportState = { monitors: [], tags: [], channels: [], statusPages: [], maintenanceWindows: [], defaultChannelIds: [] };
    const { plan, issues, writes } = planImport(doc, empty, rules);
    expect(issues).toEqual([]);
    expect(plan.every((p) => p.action === 'create')).toBe(true);
    expect(writes.monitors.map((w) => w.fields.name)).toEqual(['API', 'Web']);
    const [api, web] = writes.monitors;
    expect(web.fields.parentId).toBe(api.slot);
    expect(api.tags).toEqual([writes.tags[0].slot]);
    expect(api.channels).toEqual([writes.channels[0].slot]);
    expect(writes.statusPages[0].sections[0].monitors[0].monitorId).toBe(api.slot);
    expect(writes.maintenanceWindows[0].monitors).toEqual([web.slot]);
    expect(api.fields.headers[0].value).toBe('Bearer s3cret');
  });

  it('updates only what changed and says which fields', () => {
    const doc = exported(state());
    doc.monitors[1].intervalSeconds = 300;
    doc.tags[0].color = '#00ff00';
    const { plan, writes } = planImport(doc, state(), rules);
    expect(plan.filter((p) => p.action !== 'unchanged')).toEqual([
      { type: 'tag', name: 'prod', action: 'update', reason: 'changes color' },
      { type: 'monitor', name: 'Web', action: 'update', reason: 'changes intervalSeconds' },
    ]);
    expect(writes.monitors.map((w) => [w.id, w.fields.intervalSeconds])).toEqual([['m2', 300]]);
  });

  it('matches by key before name: a renamed item is an update, a foreign key falls back to the name', () => {
    const doc = exported(state());
    doc.monitors[0].name = 'API v2';
    doc.tags[0].key = 'someone-elses-tag-id';
    const { plan, writes } = planImport(doc, state(), rules);
    expect(actions(plan)).toContain('monitor:API v2:update');
    expect(actions(plan)).toContain('tag:prod:unchanged');
    expect(writes.monitors[0].id).toBe('m1');
  });

  it('creates an item whose key is not the caller’s and whose name is new', () => {
    const doc = parse({ version: 1, monitors: [{ key: 'm-of-another-user', name: 'Fresh', url: 'https://fresh.example.com' }] });
    const { plan, writes } = planImport(doc, state(), rules);
    expect(actions(plan)).toEqual(['monitor:Fresh:create']);
    expect(writes.monitors[0].id).toBeNull();
    expect(writes.monitors[0].channels).toEqual(['c1']);
  });

  it('matches each existing item once, so two items of one name stay two', () => {
    const existing = [
      { id: 'a', name: 'Same' },
      { id: 'b', name: 'Same' },
    ];
    expect(matchItems([{ name: 'Same' }, { name: 'Same' }, { name: 'Same' }], existing).map((e) => e?.id ?? null)).toEqual(['a', 'b', null]);
    expect(matchItems([{ name: 'Same' }, { key: 'a', name: 'Other' }], existing).map((e) => e?.id ?? null)).toEqual(['b', 'a']);
  });

  it('names every problem by its path: unknown and ambiguous references, own rules, duplicates', () => {
    const doc = parse({
      version: 1,
      monitors: [
        { name: 'Twin', url: 'https://a.example.com' },
        { name: 'Twin', url: 'https://b.example.com' },
        { name: 'Bad', type: 'tcp', tags: ['nope'], channels: ['Ops', 'ghost'], parent: 'Twin' },
      ],
      tags: [{ name: 'dup' }, { name: 'dup' }],
      maintenanceWindows: [{ title: 'W', monitors: ['ghost'] }],
    });
    const { issues } = planImport(doc, state(), rules);
    const byPath = Object.fromEntries(issues.map((i) => [i.path.join('.'), i.message]));
    expect(byPath['tags.1.name']).toMatch(/earlier item/);
    expect(byPath['monitors.2.parent']).toMatch(/Two monitors are named "Twin"/);
    expect(byPath['monitors.2.tags.0']).toBe('Unknown tag: nope');
    expect(byPath['monitors.2.channels.1']).toBe('Unknown channel: ghost');
    expect(byPath['monitors.2.host']).toBeDefined();
    expect(byPath['maintenanceWindows.0.monitors.0']).toBe('Unknown monitor: ghost');
    expect(byPath['maintenanceWindows.0.start']).toMatch(/Start is required/);
  });

  it('refuses cycles through existing monitors and chains deeper than the API allows', () => {
    const cycle = exported(state());
    cycle.monitors[0].parent = 'Web';
    expect(planImport(cycle, state(), rules).issues.map((i) => [i.path.join('.'), i.message])).toContainEqual(['monitors.0.parent', 'That parent depends on this monitor: dependencies cannot form a cycle']);
    const chain = parse({ version: 1, monitors: Array.from({ length: 13 }, (_, i) => ({ name: `n${i}`, url: 'https://c.example.com', parent: i ? `n${i - 1}` : null })) });
    expect(planImport(chain, state(), rules).issues.map((i) => i.path.join('.'))).toContain('monitors.12.parent');
  });

  it('compares values canonically (key order, undefined)', () => {
    expect(canonical({ b: 1, a: { d: undefined, c: 2 } })).toBe(canonical({ a: { c: 2 }, b: 1 }));
  });
});

describe('the example in docs/config-format.md', () => {
  it('reads as a document and plans into an empty account without a problem', async () => {
    const fs = await import('node:fs');
    const { parse: parseYaml } = await import('yaml');
    const text = fs.readFileSync(new URL('../../../docs/config-format.md', import.meta.url), 'utf8');
    const example = /## Example\s+```yaml\n([\s\S]*?)```/.exec(text)?.[1];
    const doc = parse(parseYaml(example ?? ''));
    const empty: ImportState = { monitors: [], tags: [], channels: [], statusPages: [], maintenanceWindows: [], defaultChannelIds: [] };
    const { plan, issues } = planImport(doc, empty, rules);
    expect(issues).toEqual([]);
    expect(plan.map((p) => p.action)).toEqual(Array(7).fill('create'));
  });
});
