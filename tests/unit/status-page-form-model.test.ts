import { describe, expect, it } from 'vitest';
import {
  checkPage,
  hasPageInput,
  initialPageValues,
  move,
  nextKey,
  orderIncidents,
  pageBody,
  pageErrors,
  pageIssueKey,
  pageMonitors,
  slugify,
  usedMonitorIds,
  type IncidentDto,
  type PageFormValues,
  type StatusPageDto,
} from '@/lib/ui/status-page-form-model';

const page = (over: Partial<StatusPageDto> = {}): StatusPageDto => ({
  id: 'p1',
  slug: 'acme',
  title: 'Acme status',
  description: 'All our services',
  logoUrl: 'https://acme.example/logo.png',
  footerText: null,
  published: false,
  hasPassword: true,
  customDomain: 'status.acme.example',
  url: 'http://localhost:3000/status/acme',
  sections: [
    {
      id: 's1',
      name: 'Web',
      monitors: [
        { monitorId: 'm1', name: 'www', displayName: 'Website', showDetails: true },
        { monitorId: 'm2', name: 'api', displayName: null, showDetails: false },
      ],
    },
    { id: 's2', name: 'Mail', monitors: [{ monitorId: 'm3', name: 'smtp', displayName: null, showDetails: true }] },
  ],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

const form = (over: Partial<PageFormValues> = {}): PageFormValues => ({
  title: 'Acme status',
  slug: 'acme',
  description: '',
  logoUrl: '',
  footerText: '',
  published: true,
  protect: false,
  password: '',
  customDomain: '',
  sections: [{ key: 1, name: 'Services', monitors: [{ key: 1, monitorId: 'm1', displayName: '', showDetails: true }] }],
  ...over,
});

describe('initialPageValues', () => {
  it('starts a new page published, unprotected, with one empty section', () => {
    expect(initialPageValues()).toEqual({
      title: '',
      slug: '',
      description: '',
      logoUrl: '',
      footerText: '',
      published: true,
      protect: false,
      password: '',
      customDomain: '',
      sections: [{ key: 1, name: 'Services', monitors: [] }],
    });
  });

  it('reads a page, its password reduced to "protected" and its sections keyed in order', () => {
    expect(initialPageValues(page())).toEqual({
      title: 'Acme status',
      slug: 'acme',
      description: 'All our services',
      logoUrl: 'https://acme.example/logo.png',
      footerText: '',
      published: false,
      protect: true,
      password: '', // never shown; empty means keep it
      customDomain: 'status.acme.example',
      sections: [
        {
          key: 1,
          name: 'Web',
          monitors: [
            { key: 1, monitorId: 'm1', displayName: 'Website', showDetails: true },
            { key: 2, monitorId: 'm2', displayName: '', showDetails: false },
          ],
        },
        { key: 2, name: 'Mail', monitors: [{ key: 1, monitorId: 'm3', displayName: '', showDetails: true }] },
      ],
    });
  });

  it('round-trips a page from the API through the form unchanged', () => {
    const p = page({ hasPassword: false });
    expect(pageBody(initialPageValues(p), p.hasPassword)).toEqual({
      slug: p.slug,
      title: p.title,
      description: p.description,
      logoUrl: p.logoUrl,
      footerText: p.footerText,
      published: p.published,
      customDomain: p.customDomain,
      sections: [
        {
          name: 'Web',
          monitors: [
            { monitorId: 'm1', displayName: 'Website', showDetails: true },
            { monitorId: 'm2', showDetails: false },
          ],
        },
        { name: 'Mail', monitors: [{ monitorId: 'm3', showDetails: true }] },
      ],
    });
  });
});

describe('pageBody', () => {
  it('trims text, sends blanks as null, lower-cases the custom domain and leaves out blank display names', () => {
    const body = pageBody(
      form({
        title: '  Acme status ',
        slug: ' acme ',
        description: '   ',
        logoUrl: ' https://acme.example/logo.png ',
        footerText: ' Made in Berlin ',
        customDomain: ' Status.ACME.example ',
        sections: [
          {
            key: 4,
            name: ' Web ',
            monitors: [
              { key: 7, monitorId: 'm2', displayName: '  ', showDetails: false },
              { key: 3, monitorId: 'm1', displayName: ' Website ', showDetails: true },
            ],
          },
          { key: 2, name: 'Empty', monitors: [] },
        ],
      }),
      false,
    );
    expect(body).toEqual({
      slug: 'acme',
      title: 'Acme status',
      description: null,
      logoUrl: 'https://acme.example/logo.png',
      footerText: 'Made in Berlin',
      published: true,
      customDomain: 'status.acme.example',
      sections: [
        {
          name: 'Web',
          monitors: [
            { monitorId: 'm2', showDetails: false },
            { monitorId: 'm1', displayName: 'Website', showDetails: true },
          ],
        },
        { name: 'Empty', monitors: [] },
      ],
    });
    expect(Object.hasOwn(body, 'password')).toBe(false);
  });

  it.each([
    // protect, typed password, page had one, what the body says about the password
    [true, '', true, 'absent'], // keep the one it has
    [true, 'n3w-secret', true, 'n3w-secret'], // replace it
    [false, '', true, null], // remove it
    [false, 'typed then unticked', true, null], // removing wins over a half-typed one
    [true, 's3cret', false, 's3cret'], // set one
    [true, '', false, 'absent'], // nothing to send yet (checkPage asks for one)
    [false, '', false, 'absent'], // nothing to remove
    [false, 'typed then unticked', false, 'absent'],
    [true, ' spaced ', false, ' spaced '], // a password is sent as typed, never trimmed
  ] as const)('protect %s, password %j, had one %s -> %s', (protect, password, hadPassword, expected) => {
    const body = pageBody(form({ protect, password }), hadPassword);
    if (expected === 'absent') expect(Object.hasOwn(body, 'password')).toBe(false);
    else expect(body.password).toBe(expected);
  });
});

describe('checkPage', () => {
  it.each([
    [form(), false, {}],
    [form({ protect: true }), true, {}], // keeps its password
    [form({ protect: true }), false, { password: 'Enter a password, or turn the protection off' }],
    [form({ protect: true, password: 'abc' }), false, { password: 'Password must be at least 4 characters' }],
    [form({ protect: true, password: 'abcd' }), false, {}],
    [form({ title: ' ' }), false, { title: 'Title is required' }],
    [form({ slug: 'Acme Status' }), false, { slug: 'Slug may use lower-case letters, digits and single dashes between them' }],
    [form({ logoUrl: 'ftp://acme.example/logo.png' }), false, { logoUrl: 'Logo URL must be an http or https URL' }],
    [form({ customDomain: 'https://status.acme.example/' }), false, { customDomain: 'Custom domain must be a host name such as status.example.com' }],
    [
      form({
        sections: [
          { key: 1, name: 'Web', monitors: [{ key: 1, monitorId: 'm1', displayName: '', showDetails: true }] },
          { key: 2, name: ' ', monitors: [{ key: 1, monitorId: 'm1', displayName: '', showDetails: true }] },
        ],
      }),
      false,
      { 'sections.1.name': 'Section name is required', 'sections.1.monitors.0.monitorId': 'A monitor can appear only once on a page' },
    ],
  ])('%j (had a password: %s) -> %j', (v, hadPassword, expected) => {
    expect(checkPage(v, hadPassword)).toEqual(expected);
  });
});

describe('API issues to inputs', () => {
  it.each([
    [[], '_form'],
    [['slug'], 'slug'],
    [['sections', 1, 'monitors', 0, 'displayName'], 'sections.1.monitors.0.displayName'],
  ])('pageIssueKey(%j) -> %s', (path, key) => {
    expect(pageIssueKey(path)).toBe(key);
  });

  it.each([
    [{ code: 'invalid', message: 'Invalid', issues: [{ path: ['slug'], message: 'first' }, { path: ['slug'], message: 'second' }, { path: [], message: 'whole' }] }, { slug: 'first', _form: 'whole' }],
    [{ code: 'conflict', message: 'Another status page already uses this slug' }, { slug: 'Another status page already uses this slug' }],
    [{ code: 'conflict', message: 'Another status page already uses this custom domain' }, { customDomain: 'Another status page already uses this custom domain' }],
    [{ code: 'conflict', message: 'Slug taken', issues: [{ path: ['title'], message: 'Bad title' }] }, { title: 'Bad title' }], // issues win
    [{ code: 'conflict', message: 'Slug taken', issues: [] }, { slug: 'Slug taken' }],
    [{ code: 'unavailable', message: 'Try again' }, {}],
  ])('pageErrors(%j) -> %j', (error, expected) => {
    expect(pageErrors(error)).toEqual(expected);
  });

  const v = form({
    sections: [
      { key: 1, name: 'Web', monitors: [{ key: 1, monitorId: 'm1', displayName: '', showDetails: true }] },
      { key: 2, name: 'Mail', monitors: [] },
    ],
  });
  it.each([
    ['title', true],
    ['password', true],
    ['customDomain', true],
    ['_form', false],
    ['sections', true],
    ['sections.0.name', true],
    ['sections.1.name', true],
    ['sections.2.name', false], // no such section
    ['sections.0.monitors', false],
    ['sections.0.monitors.0', true],
    ['sections.0.monitors.0.displayName', true],
    ['sections.0.monitors.0.monitorId', true],
    ['sections.0.monitors.0.showDetails', true],
    ['sections.0.monitors.0.other', false],
    ['sections.0.monitors.1.displayName', false], // no such monitor
    ['sections.1.monitors.0', false],
    ['sections.0.other', false],
  ])('hasPageInput(%s) -> %s', (key, expected) => {
    expect(hasPageInput(key, v)).toBe(expected);
  });
});

describe('rows', () => {
  it.each([
    [['a', 'b', 'c'], 0, 1, ['b', 'a', 'c']],
    [['a', 'b', 'c'], 2, -1, ['a', 'c', 'b']],
    [['a', 'b', 'c'], 1, 1, ['a', 'c', 'b']],
    [['a', 'b', 'c'], 0, -1, ['a', 'b', 'c']], // at an edge: unchanged
    [['a', 'b', 'c'], 2, 1, ['a', 'b', 'c']],
    [['a'], 0, 1, ['a']],
  ] as const)('move(%j, %i, %i) -> %j', (items, from, by, expected) => {
    const out = move(items, from, by);
    expect(out).toEqual(expected);
    expect(out).not.toBe(items); // always a copy
  });

  it.each([
    [[], 1],
    [[{ key: 1 }], 2],
    [[{ key: 5 }, { key: 2 }], 6], // after the largest, not the last
  ])('nextKey(%j) -> %i', (rows, expected) => {
    expect(nextKey(rows)).toBe(expected);
  });

  it('lists the monitors already on the page, across sections', () => {
    const values = initialPageValues(page());
    expect([...usedMonitorIds(values)].sort()).toEqual(['m1', 'm2', 'm3']);
    expect(usedMonitorIds(initialPageValues()).size).toBe(0);
  });

  it('names a page monitors in page order, by their display name if they have one', () => {
    expect(pageMonitors(page())).toEqual([
      { id: 'm1', name: 'Website' },
      { id: 'm2', name: 'api' },
      { id: 'm3', name: 'smtp' },
    ]);
  });
});

describe('slugify', () => {
  it.each([
    ['Acme Cloud — Status!', 'acme-cloud-status'],
    ['  Café Über  ', 'cafe-uber'],
    ['---', ''],
    ['API v2 / EU', 'api-v2-eu'],
    ['a'.repeat(63) + ' b', 'a'.repeat(63)], // cut at 64 with no dash left at the end
    ['x'.repeat(70), 'x'.repeat(64)],
  ])('%j -> %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });
});

describe('orderIncidents', () => {
  it('puts unresolved incidents first, each group newest first', () => {
    const incident = (id: string, status: IncidentDto['status'], startedAt: string): IncidentDto => ({
      id,
      pageId: 'p1',
      title: id,
      impact: 'minor',
      status,
      monitorIds: [],
      startedAt,
      resolvedAt: null,
      createdAt: startedAt,
      updatedAt: startedAt,
      updates: [],
    });
    const list = [
      incident('old-resolved', 'resolved', '2026-01-01T00:00:00.000Z'),
      incident('old-open', 'investigating', '2026-02-01T00:00:00.000Z'),
      incident('new-resolved', 'resolved', '2026-05-01T00:00:00.000Z'),
      incident('new-open', 'monitoring', '2026-04-01T00:00:00.000Z'),
    ];
    expect(orderIncidents(list).map((i) => i.id)).toEqual(['new-open', 'old-open', 'new-resolved', 'old-resolved']);
    expect(list.map((i) => i.id)).toEqual(['old-resolved', 'old-open', 'new-resolved', 'new-open']); // the list given is left as it was
  });
});
