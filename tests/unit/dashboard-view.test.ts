import { describe, expect, it } from 'vitest';
import { countStatuses, displayStatus, failureText, sinceClock, toDashboardRow, type DashboardRow } from '@/lib/ui/view-models';
import { phaseLabel, phaseSentence } from '@/lib/ui/monitor-status';
import type { DashboardRowDto } from '@/lib/dto/dashboard';
import { applyView, byName, DEFAULT_VIEW, filterRows, parseView, sortRows, toggle, viewToSearch, type DashboardView, type SortKey } from '@/lib/ui/dashboard-view';
import { chunks, groupByTag, massOutage, mergeRows, rangeIds, setMany, type GroupHeader, type ListItem } from '@/lib/ui/dashboard-list';

// The dashboard's view logic, table by table: the URL round trip, search and filters with their
// counts, each sort in both directions, tag groups, the mass-outage line, merging a feed delta
// and shift-click ranges. Last, the time to filter and sort 10,000 rows is printed (not asserted).

function dto(over: Partial<DashboardRowDto> & { id: string; name: string }): DashboardRowDto {
  return {
    type: 'http',
    target: `https://${over.name.toLowerCase().replace(/\s+/g, '-')}.example.com/`,
    active: true,
    status: 'UP',
    statusChangedAt: null,
    lastCheckedAt: null,
    lastLatencyMs: 100,
    lastCause: null,
    lastError: null,
    consecutiveFailures: 0,
    retries: 1,
    phase: null,
    attempt: null,
    of: null,
    parentId: null,
    intervalSeconds: 60,
    uptime24h: 100,
    tagIds: [],
    hasWorkingChannel: true,
    maintenance: null,
    ...over,
  };
}
const row = (over: Partial<DashboardRowDto> & { id: string; name: string }): DashboardRow => toDashboardRow(dto(over));
const view = (over: Partial<DashboardView> = {}): DashboardView => ({ ...DEFAULT_VIEW, ...over });
const names = (rows: readonly DashboardRow[]) => rows.map((r) => r.name);

const T0 = Date.parse('2026-12-03T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const ROWS = byName([
  row({ id: 'a', name: 'API gateway', target: 'https://api.acme.io/health', status: 'DOWN', statusChangedAt: at(5), uptime24h: 76.5, lastLatencyMs: 900, tagIds: ['prod'] }),
  row({ id: 'b', name: 'Billing', target: 'https://billing.acme.io/', statusChangedAt: at(-60), uptime24h: 99.9, lastLatencyMs: 120, tagIds: ['prod', 'pay'] }),
  row({ id: 'c', name: 'Cron backup', type: 'heartbeat', target: 'heartbeat', statusChangedAt: at(-600), uptime24h: 100, lastLatencyMs: null }),
  row({ id: 'd', name: 'DB primary', type: 'tcp', target: 'db.internal:5432', status: 'UP', consecutiveFailures: 1, retries: 2, phase: 'retrying', attempt: 1, of: 3, statusChangedAt: at(-5), uptime24h: 98, lastLatencyMs: 3 }),
  row({ id: 'e', name: 'Edge cache', target: 'https://cdn.acme.io/', active: false, status: 'UP', uptime24h: null, lastLatencyMs: null, tagIds: ['staging'] }),
  row({ id: 'f', name: 'Frontend', target: 'https://www.acme.io/', status: 'PENDING', uptime24h: null, lastLatencyMs: null, tagIds: ['prod'] }),
  row({ id: 'g', name: 'Service 10', target: 'https://s10.acme.io/', statusChangedAt: at(-1), uptime24h: 99, lastLatencyMs: 250 }),
  row({ id: 'h', name: 'Service 2', target: 'https://s2.acme.io/', status: 'DOWN', statusChangedAt: at(1), uptime24h: 50, lastLatencyMs: null, tagIds: ['staging'] }),
]);

describe('dashboard view: URL round trip', () => {
  it.each([
    ['', DEFAULT_VIEW, ''],
    ['q=acme%20api', view({ q: 'acme api' }), 'q=acme+api'],
    ['status=paused,down', view({ status: ['down', 'paused'] }), 'status=down,paused'],
    ['status=down,nonsense,down', view({ status: ['down'] }), 'status=down'],
    ['tag=prod,pay&type=http,tcp', view({ tags: ['prod', 'pay'], types: ['http', 'tcp'] }), 'tag=prod,pay&type=http,tcp'],
    ['tag=<script>', view(), ''],
    ['sort=uptime&order=reversed', view({ sort: 'uptime', reversed: true }), 'sort=uptime&order=reversed'],
    ['sort=status', view(), ''],
    ['sort=bogus&group=tag', view({ group: 'tag' }), 'group=tag'],
    ['group=folder', view(), ''],
  ] as const)('%s', (search, expected, canonical) => {
    const parsed = parseView(search);
    expect(parsed).toEqual(expected);
    expect(viewToSearch(parsed)).toBe(canonical);
    expect(parseView(viewToSearch(parsed))).toEqual(parsed);
  });
});

describe('dashboard view: search and filters', () => {
  it.each([
    ['no filter', view(), ['API gateway', 'Billing', 'Cron backup', 'DB primary', 'Edge cache', 'Frontend', 'Service 2', 'Service 10']],
    ['name, any case', view({ q: 'BILL' }), ['Billing']],
    ['URL path', view({ q: '/health' }), ['API gateway']],
    ['host of a TCP monitor', view({ q: 'db.internal' }), ['DB primary']],
    ['every word must match', view({ q: 'service s2.acme' }), ['Service 2']],
    ['surrounding spaces', view({ q: '  cron  ' }), ['Cron backup']],
    ['no match', view({ q: 'zzz' }), []],
    ['status down', view({ status: ['down'] }), ['API gateway', 'Service 2']],
    ['status down or paused', view({ status: ['down', 'paused'] }), ['API gateway', 'Edge cache', 'Service 2']],
    ['retrying counts as its stored status (up)', view({ status: ['up'] }), ['Billing', 'Cron backup', 'DB primary', 'Service 10']],
    ['tag prod', view({ tags: ['prod'] }), ['API gateway', 'Billing', 'Frontend']],
    ['tag prod or staging', view({ tags: ['prod', 'staging'] }), ['API gateway', 'Billing', 'Edge cache', 'Frontend', 'Service 2']],
    ['type tcp or heartbeat', view({ types: ['tcp', 'heartbeat'] }), ['Cron backup', 'DB primary']],
    ['all together', view({ q: 'acme', status: ['down'], tags: ['staging'], types: ['http'] }), ['Service 2']],
  ] as const)('%s', (_, v, expected) => {
    expect(names(filterRows(ROWS, v).rows)).toEqual(expected);
  });

  it.each([
    // The counters follow every filter but their own.
    ['nothing', view(), { down: 2, degraded: 0, up: 4, pending: 1, paused: 1, maintenance: 0, blocked: 0 }, { prod: 3, pay: 1, staging: 2 }, { http: 6, tcp: 1, heartbeat: 1 }],
    ['status down', view({ status: ['down'] }), { down: 2, degraded: 0, up: 4, pending: 1, paused: 1, maintenance: 0, blocked: 0 }, { prod: 1, staging: 1 }, { http: 2 }],
    ['tag prod', view({ tags: ['prod'] }), { down: 1, degraded: 0, up: 1, pending: 1, paused: 0, maintenance: 0, blocked: 0 }, { prod: 3, pay: 1, staging: 2 }, { http: 3 }],
    ['search acme', view({ q: 'acme' }), { down: 2, degraded: 0, up: 2, pending: 1, paused: 1, maintenance: 0, blocked: 0 }, { prod: 3, pay: 1, staging: 2 }, { http: 6 }],
  ] as const)('facet counts with %s', (_, v, status, tags, types) => {
    const { facets } = filterRows(ROWS, v);
    expect(facets.status).toEqual(status);
    expect(Object.fromEntries(facets.tags)).toEqual(tags);
    expect(Object.fromEntries(facets.types)).toEqual(types);
  });

  it('toggles one value of a filter', () => {
    expect(toggle(['down'], 'up')).toEqual(['down', 'up']);
    expect(toggle(['down', 'up'], 'down')).toEqual(['up']);
  });
});

describe('dashboard view: sorting', () => {
  it.each<[SortKey, boolean, string[]]>([
    // DOWN first, then the failure awaiting its retry, then pending, up, paused; names A to Z in a tie.
    ['status', false, ['API gateway', 'Service 2', 'DB primary', 'Frontend', 'Billing', 'Cron backup', 'Service 10', 'Edge cache']],
    ['status', true, ['Edge cache', 'Billing', 'Cron backup', 'Service 10', 'Frontend', 'DB primary', 'API gateway', 'Service 2']],
    ['name', false, ['API gateway', 'Billing', 'Cron backup', 'DB primary', 'Edge cache', 'Frontend', 'Service 2', 'Service 10']],
    ['name', true, ['Service 10', 'Service 2', 'Frontend', 'Edge cache', 'DB primary', 'Cron backup', 'Billing', 'API gateway']],
    // Newest change first; never changed last, in either direction.
    ['changed', false, ['API gateway', 'Service 2', 'Service 10', 'DB primary', 'Billing', 'Cron backup', 'Edge cache', 'Frontend']],
    ['changed', true, ['Cron backup', 'Billing', 'DB primary', 'Service 10', 'Service 2', 'API gateway', 'Edge cache', 'Frontend']],
    ['uptime', false, ['Service 2', 'API gateway', 'DB primary', 'Service 10', 'Billing', 'Cron backup', 'Edge cache', 'Frontend']],
    ['uptime', true, ['Cron backup', 'Billing', 'Service 10', 'DB primary', 'API gateway', 'Service 2', 'Edge cache', 'Frontend']],
    // Slowest first; heartbeat monitors and rows without a response time last.
    ['latency', false, ['API gateway', 'Service 10', 'Billing', 'DB primary', 'Cron backup', 'Edge cache', 'Frontend', 'Service 2']],
    ['latency', true, ['DB primary', 'Billing', 'Service 10', 'API gateway', 'Cron backup', 'Edge cache', 'Frontend', 'Service 2']],
  ])('%s reversed=%s', (sort, reversed, expected) => {
    expect(names(sortRows(ROWS, sort, reversed))).toEqual(expected);
    expect(names(applyView(ROWS, view({ sort, reversed })).rows)).toEqual(expected);
  });

  it('shows retrying and a dash for heartbeat response times on the row', () => {
    const db = ROWS.find((r) => r.id === 'd')!;
    expect(db.phaseLabel).toBe('retrying (1 of 2)');
    expect(ROWS.find((r) => r.id === 'c')!.responseTime).toBe('—');
    // A push monitor has no target: the list names its kind.
    expect(ROWS.find((r) => r.id === 'c')!.target).toBe('Heartbeat');
    expect(ROWS.find((r) => r.id === 'b')!.responseTime).toBe('120 ms');
  });
});

describe('dashboard list: groups by tag', () => {
  const TAGS = [
    { id: 'pay', name: 'Payments', color: '#22c55e' },
    { id: 'prod', name: 'Production', color: '#ef4444' },
    { id: 'staging', name: 'Staging', color: '#3b82f6' },
  ];
  const summary = (items: ListItem[]) =>
    items.map((i) => (i.kind === 'group' ? `# ${i.tag?.name ?? 'No tag'} ${i.count} (${i.up} up, ${i.down} down)${i.collapsed ? ' folded' : ''}` : i.row.name));

  it.each([
    [
      'every tag, then untagged',
      {},
      new Set<string>(),
      ['# Payments 1 (1 up, 0 down)', 'Billing', '# Production 3 (1 up, 1 down)', 'API gateway', 'Billing', 'Frontend', '# Staging 2 (0 up, 1 down)', 'Edge cache', 'Service 2', '# No tag 3 (3 up, 0 down)', 'Cron backup', 'DB primary', 'Service 10'],
    ],
    ['folded groups keep their header', {}, new Set(['prod', 'untagged']), ['# Payments 1 (1 up, 0 down)', 'Billing', '# Production 3 (1 up, 1 down) folded', '# Staging 2 (0 up, 1 down)', 'Edge cache', 'Service 2', '# No tag 3 (3 up, 0 down) folded']],
    ['only the filtered tags', { only: ['staging'] }, new Set<string>(), ['# Staging 2 (0 up, 1 down)', 'Edge cache', 'Service 2']],
  ] as const)('%s', (_, opts, collapsed, expected) => {
    const shown = filterRows(ROWS, view({ tags: 'only' in opts ? [...opts.only] : [] })).rows;
    expect(summary(groupByTag(shown, TAGS, { ...opts, collapsed }))).toEqual(expected);
  });

  it('gives each appearance of a monitor its own key', () => {
    const keys = groupByTag(ROWS, TAGS, { collapsed: new Set() }).map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(groupByTag([], TAGS, { collapsed: new Set() })).toEqual([]);
    expect((groupByTag(ROWS, TAGS, { collapsed: new Set() })[0] as GroupHeader).tag?.id).toBe('pay');
  });
});

describe('dashboard: alert states (DEGRADED, retrying, recovering, excused failures)', () => {
  const STATES = byName([
    row({ id: 's1', name: 'Up site' }),
    row({ id: 's2', name: 'Slow site', status: 'DEGRADED' }),
    row({ id: 's3', name: 'Down site', status: 'DOWN' }),
    row({ id: 's4', name: 'Recovering site', status: 'DOWN', phase: 'recovering', attempt: 1, of: 3 }),
    row({ id: 's5', name: 'Retrying site', status: 'UP', phase: 'retrying', attempt: 2, of: 3 }),
    row({ id: 's6', name: 'Slow retrying', status: 'DEGRADED', phase: 'retrying', attempt: 1, of: 2 }),
    row({ id: 's7', name: 'Paused slow', status: 'DEGRADED', active: false }),
  ]);

  it('sorts DOWN (recovering ones too) first, then retrying, then DEGRADED, then UP', () => {
    expect(names(sortRows(STATES, 'status', false))).toEqual(['Down site', 'Recovering site', 'Retrying site', 'Slow retrying', 'Slow site', 'Up site', 'Paused slow']);
    expect(names(sortRows(STATES, 'status', true))).toEqual(['Paused slow', 'Up site', 'Slow site', 'Retrying site', 'Slow retrying', 'Down site', 'Recovering site']);
  });

  it('gives DEGRADED its own filter and counter; paused is paused whatever it was', () => {
    const { rows, facets } = filterRows(STATES, view({ status: ['degraded'] }));
    expect(names(rows)).toEqual(['Slow retrying', 'Slow site']);
    expect(facets.status).toEqual({ down: 2, degraded: 2, up: 2, pending: 0, paused: 1, maintenance: 0, blocked: 0 });
    expect(countStatuses(STATES)).toEqual({ total: 7, up: 2, degraded: 2, down: 2, blocked: 0, pending: 0, paused: 1, maintenance: 0 });
    expect(displayStatus({ active: true, status: 'DEGRADED' })).toBe('DEGRADED');
    expect(displayStatus({ active: true, status: 'SOMETHING_NEW' })).toBe('PENDING');
    const parsed = parseView('status=degraded,down');
    expect(parsed.status).toEqual(['down', 'degraded']);
    expect(viewToSearch(parsed)).toBe('status=down,degraded');
  });

  it("labels phases from the API's fields", () => {
    const by = (id: string) => STATES.find((r) => r.id === id)!;
    expect([by('s4').phaseLabel, by('s5').phaseLabel, by('s2').phaseLabel]).toEqual(['recovering (1 of 3)', 'retrying (2 of 2)', null]);
    expect(phaseLabel({ phase: 'retrying', attempt: 5, of: 3 })).toBe('retrying (2 of 2)');
    expect(phaseLabel({ phase: 'recovering', attempt: null, of: 3 })).toBeNull();
    expect(phaseSentence({ phase: 'recovering', attempt: 1, of: 3 })).toBe('recovering (1 of 3): it turns UP after 3 successful checks in a row');
    expect(phaseSentence({ phase: 'retrying', attempt: 1, of: 3 })).toBe('retrying (1 of 2): it turns DOWN if the retries fail too');
  });

  it('never counts DEGRADED as down: not in the mass-outage line, and as up in tag groups', () => {
    const slow = Array.from({ length: 6 }, (_, i) => row({ id: `g${i}`, name: `Slow ${i}`, status: 'DEGRADED', tagIds: ['t'] }));
    const down = Array.from({ length: 3 }, (_, i) => row({ id: `x${i}`, name: `Down ${i}`, status: 'DOWN', statusChangedAt: at(i), tagIds: ['t'] }));
    expect(massOutage(slow)).toBeNull();
    expect(massOutage([...slow, ...down])).toBeNull(); // 3 of 9 is exactly a third
    expect(massOutage([...slow, ...down, row({ id: 'x3', name: 'Down 3', status: 'DOWN', statusChangedAt: at(3) })])).toMatchObject({ down: 4, total: 10 });
    const header = groupByTag([...slow, ...down], [{ id: 't', name: 'T', color: '#000000' }], { collapsed: new Set() })[0] as GroupHeader;
    expect([header.up, header.down]).toEqual([6, 3]);
  });

  it('shows no response time after a failed check, but does for a slow one', () => {
    expect(row({ id: 'r1', name: 'R1', phase: 'retrying', attempt: 1, of: 2, lastCause: 'connection_refused', lastLatencyMs: 2 }).responseTime).toBe('—');
    expect(row({ id: 'r2', name: 'R2', status: 'PENDING', lastCause: 'probe_offline', lastLatencyMs: 7 }).responseTime).toBe('—');
    expect(row({ id: 'r3', name: 'R3', status: 'DEGRADED', lastCause: 'degraded', lastLatencyMs: 900 }).responseTime).toBe('900 ms');
  });

  it('reads a failure that was not the target\'s fault as the stored sentence', () => {
    expect(failureText('parent_down', 'Parent API is down; the check saw: Connection refused')).toBe('Parent API is down; the check saw: Connection refused');
    expect(failureText('probe_offline', 'Pingboard cannot reach the network (every connectivity canary failed)')).toMatch(/^Pingboard cannot reach the network/);
    expect(failureText('parent_down', null)).toBe('Parent down');
    expect(failureText('timeout', 'Timed out after 10 s')).toBe('Timeout — Timed out after 10 s');
  });

  it('says since when in the viewer\'s zone, with the date when not today', () => {
    const ms = Date.parse('2026-12-03T10:42:00Z');
    expect(sinceClock(ms, 'UTC', Date.parse('2026-12-03T18:00:00Z'))).toBe('10:42');
    expect(sinceClock(ms, 'Europe/Berlin', Date.parse('2026-12-03T18:00:00Z'))).toBe('11:42');
    expect(sinceClock(ms, 'UTC', Date.parse('2026-12-04T09:00:00Z'))).toBe('3 Dec 10:42');
  });
});

describe('dashboard list: mass outage', () => {
  const many = (down: number, up: number, changedAt: (i: number) => string | null = (i) => at(i)) => [
    ...Array.from({ length: down }, (_, i) => row({ id: `d${i}`, name: `Down ${i}`, status: 'DOWN', statusChangedAt: changedAt(i) })),
    ...Array.from({ length: up }, (_, i) => row({ id: `u${i}`, name: `Up ${i}`, status: 'UP' })),
  ];
  it.each([
    ['none down', many(0, 9), null],
    ['exactly a third is not an outage', many(3, 6), null],
    ['just over a third', many(4, 5), { down: 4, total: 9, sinceMs: T0 + 3 * 60_000 }],
    ['212 of 309: dated when the third was passed', many(212, 97), { down: 212, total: 309, sinceMs: T0 + 103 * 60_000 }],
    // One monitor down for a week does not date the outage that began at 10:00.
    ['an old failure among new ones', many(4, 5, (i) => (i === 0 ? at(-7 * 24 * 60) : at(i))), { down: 4, total: 9, sinceMs: T0 + 3 * 60_000 }],
    ['no change times known', many(2, 1, () => null), { down: 2, total: 3, sinceMs: null }],
    ['nothing shown', [], null],
  ] as const)('%s', (_, rows, expected) => {
    expect(massOutage(rows)).toEqual(expected);
  });
});

describe('dashboard list: merging a delta', () => {
  const base = byName([row({ id: '1', name: 'Alpha' }), row({ id: '2', name: 'Bravo' }), row({ id: '3', name: 'Charlie' })]);
  it.each([
    ['nothing changed keeps the same array', [], ['Alpha', 'Bravo', 'Charlie']],
    ['a status change keeps places', [row({ id: '2', name: 'Bravo', status: 'DOWN' })], ['Alpha', 'Bravo', 'Charlie']],
    ['a rename re-sorts', [row({ id: '1', name: 'Zulu' })], ['Bravo', 'Charlie', 'Zulu']],
    ['a new monitor joins in name order', [row({ id: '4', name: 'Bongo' })], ['Alpha', 'Bongo', 'Bravo', 'Charlie']],
  ] as const)('%s', (_, changed, expected) => {
    const merged = mergeRows(base, changed);
    expect(names(merged)).toEqual(expected);
    if (changed.length === 0) expect(merged).toBe(base);
  });

  it('takes the changed row itself', () => {
    expect(mergeRows(base, [row({ id: '2', name: 'Bravo', status: 'DOWN' })])[1].status).toBe('DOWN');
  });
});

describe('dashboard list: selection', () => {
  const order = ['a', 'b', 'c', 'd', 'e'];
  it.each([
    ['forwards', 'b', 'd', ['b', 'c', 'd']],
    ['backwards', 'e', 'c', ['c', 'd', 'e']],
    ['same row', 'c', 'c', ['c']],
    ['no anchor', null, 'c', ['c']],
    ['anchor filtered away', 'z', 'c', ['c']],
    ['target gone', 'a', 'z', []],
  ] as const)('range %s', (_, anchor, target, expected) => {
    expect(rangeIds(order, anchor, target)).toEqual(expected);
  });

  it('sets many at once and chunks for the API', () => {
    expect([...setMany(new Set(['a']), ['b', 'c'], true)]).toEqual(['a', 'b', 'c']);
    expect([...setMany(new Set(['a', 'b']), ['a'], false)]).toEqual(['b']);
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});

describe('dashboard view at 10,000 monitors', () => {
  it('filters and sorts within the budget of a keystroke (printed, not asserted)', () => {
    const statuses = ['UP', 'UP', 'UP', 'DOWN', 'PENDING'] as const;
    const tags = ['t1', 't2', 't3', 't4', 't5', 't6'];
    const dtos = Array.from({ length: 10_000 }, (_, i) =>
      dto({
        id: `m${i}`,
        name: `Service ${(i * 7919) % 10_000} ${['eu', 'us', 'ap'][i % 3]}`,
        target: `https://svc-${i}.${['eu', 'us', 'ap'][i % 3]}.example.com/health`,
        status: statuses[i % 5],
        active: i % 17 !== 0,
        statusChangedAt: at(-(i % 1440)),
        uptime24h: 90 + (i % 1000) / 100,
        lastLatencyMs: (i * 31) % 2000,
        tagIds: [tags[i % 6], tags[(i * 5) % 6]],
      }),
    );
    const t0 = performance.now();
    const rows = byName(dtos.map(toDashboardRow));
    const prepared = performance.now() - t0;

    const cases: Array<[string, DashboardView]> = [
      ['no filter, status sort', view()],
      ['typing "svc-12"', view({ q: 'svc-12' })],
      ['"eu" + down, by uptime', view({ q: 'eu', status: ['down'], sort: 'uptime' })],
      ['two tags, by latency', view({ tags: ['t1', 't2'], sort: 'latency' })],
      ['by last change, reversed', view({ sort: 'changed', reversed: true })],
      ['by name', view({ sort: 'name' })],
    ];
    const lines = [`mapped and name-sorted 10,000 rows in ${prepared.toFixed(1)} ms`];
    for (const [label, v] of cases) {
      applyView(rows, v); // warm
      const start = performance.now();
      const runs = 5;
      let shown = 0;
      for (let i = 0; i < runs; i++) shown = applyView(rows, v).rows.length;
      lines.push(`${label}: ${((performance.now() - start) / runs).toFixed(1)} ms (${shown} shown)`);
    }
    const g = performance.now();
    const grouped = groupByTag(rows, tags.map((id) => ({ id, name: id, color: '#000000' })), { collapsed: new Set() });
    lines.push(`grouped by tag: ${(performance.now() - g).toFixed(1)} ms (${grouped.length} items)`);
    const m = performance.now();
    mergeRows(rows, rows.slice(0, 500).map((r) => ({ ...r, status: 'DOWN' as const })));
    lines.push(`merged a 500-row delta: ${(performance.now() - m).toFixed(1)} ms`);
    console.log(`\n${lines.join('\n')}`);
    expect(rows).toHaveLength(10_000);
  });
});
