import { describe, expect, it } from 'vitest';
import { renderStatusPage } from '@/lib/status-pages/render-page';
import { renderPasswordGate } from '@/lib/status-pages/render-gate';
import { renderAtomFeed } from '@/lib/status-pages/render-atom';
import type { OverallStatus, PublicComponent, PublicDay, PublicIncident, PublicStatusView } from '@/lib/status-pages/public-view';

// The public page, its password gate and its feed, rendered from a view built here: every text an
// owner writes comes out escaped, the day bar has its 90 segments with the right colours and
// tooltips, and nothing anywhere is a script.

const NOW = new Date('2026-12-03T15:00:00.000Z');
const EVIL = `<script>alert("x")</script>&'`;
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;';

function days(uptimeOf: (i: number) => Partial<PublicDay> = () => ({})): PublicDay[] {
  return Array.from({ length: 90 }, (_, i) => {
    const date = new Date(NOW.getTime() - (89 - i) * 86_400_000).toISOString().slice(0, 10);
    return { date, uptime: 100, uptimeExcludingMaintenance: 100, totalChecks: 1440, maintenanceChecks: 0, outages: [], ...uptimeOf(i) };
  });
}

function comp(over: Partial<PublicComponent> = {}): PublicComponent {
  return { id: 'c1', name: 'API', status: 'operational', since: null, uptime90d: 99.95, uptime90dExcludingMaintenance: 99.95, days: days(), details: null, ...over };
}

function incident(over: Partial<PublicIncident> = {}): PublicIncident {
  return {
    id: 'i1',
    title: 'Slow API',
    impact: 'major',
    status: 'identified',
    startedAt: '2026-12-03T14:00:00.000Z',
    resolvedAt: null,
    updatedAt: '2026-12-03T14:30:00.000Z',
    affected: ['API'],
    updates: [
      { status: 'identified', message: 'Found **it**', at: '2026-12-03T14:30:00.000Z' },
      { status: 'investigating', message: 'Looking', at: '2026-12-03T14:00:00.000Z' },
    ],
    ...over,
  };
}

function view(over: Partial<PublicStatusView> = {}): PublicStatusView {
  return {
    slug: 'acme',
    title: 'Acme',
    description: 'Our services',
    logoUrl: null,
    footerText: null,
    overall: 'operational',
    sections: [{ name: 'Core', components: [comp()] }],
    activeIncidents: [],
    outages: [],
    maintenance: [],
    pastIncidents: [],
    generatedAt: NOW.toISOString(),
    ...over,
  };
}

const render = (v: PublicStatusView) => renderStatusPage(v, { basePath: '/status/acme', now: NOW });
const segments = (page: string) => [...page.matchAll(/<li class="seg (\w)" tabindex="0" title="([^"]*)"><\/li>/g)].map((m) => ({ cls: m[1], title: m[2] }));

describe('status page', () => {
  it('is a complete document with feeds, dark mode and no script', () => {
    const page = render(view());
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<meta name="color-scheme" content="light dark">');
    expect(page).toContain('name="viewport"');
    expect(page).toContain('prefers-color-scheme:dark');
    expect(page).toContain('<link rel="alternate" type="application/atom+xml" title="Acme incidents" href="/status/acme/feed.atom">');
    expect(page).toContain('href="/status/acme/summary.json"');
    expect(page).toContain('Powered by Pingboard');
    expect(page).toContain('No incidents in the last 14 days');
    expect(page).not.toMatch(/<script|javascript:|\son\w+=/i);
    expect(renderStatusPage(view(), { basePath: '', now: NOW })).toContain('href="/feed.atom"');
  });

  it.each<[OverallStatus, string]>([
    ['operational', 'All systems operational'],
    ['partial_outage', 'Partial outage'],
    ['major_outage', 'Major outage'],
    ['maintenance', 'Under maintenance'],
  ])('shows the %s banner', (overall, text) => {
    expect(render(view({ overall }))).toContain(`<p class="banner ${overall}">${text}</p>`);
  });

  it('escapes every text the owner writes', () => {
    const page = render(
      view({
        title: EVIL,
        description: EVIL,
        footerText: EVIL,
        logoUrl: `https://x.test/logo.png" onerror="alert(1)`,
        sections: [{ name: EVIL, components: [comp({ id: EVIL, name: EVIL, details: { target: EVIL, lastLatencyMs: 12, avgLatencyMs: 30, lastError: EVIL, lastCheckedAt: NOW.toISOString() } })] }],
        activeIncidents: [incident({ id: EVIL, title: EVIL, affected: [EVIL], updates: [{ status: 'investigating', message: `${EVIL} <img src=x onerror=alert(1)>`, at: NOW.toISOString() }] })],
        outages: [{ component: EVIL, since: '2026-12-03T14:02:00.000Z' }],
        maintenance: [{ id: 'm', title: EVIL, start: '2026-12-04T01:00:00.000Z', end: '2026-12-04T02:00:00.000Z', active: false, affected: [EVIL] }],
        pastIncidents: [incident({ id: 'p', title: EVIL, status: 'resolved', resolvedAt: NOW.toISOString() })],
      }),
    );
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('src="https://x.test/logo.png&quot; onerror=&quot;alert(1)"');
    // title (x2: <title>, h1), alt, description (x2), footer, section, component, target, error,
    // incident title (x2), message, affected (x3), outage, maintenance title.
    expect(page.split(ESCAPED).length - 1).toBeGreaterThanOrEqual(17);
    expect(page).toContain(`<h1>${ESCAPED}</h1>`);
    expect(page).toContain(`<p class="foot-text">${ESCAPED}</p>`);
    expect(page).toContain(`<h2 id="s-0">${ESCAPED}</h2>`);
    expect(page).toContain(`<h3>${ESCAPED}</h3>`);
    expect(page).toContain(`<strong>Scheduled maintenance:</strong> ${ESCAPED}, `);
    expect(page).toContain(`<strong>${ESCAPED}</strong> is down since <time datetime="2026-12-03T14:02:00.000Z">3 Dec 2026, 14:02 UTC</time> (58 min)`);
  });

  it('draws 90 day segments coloured by uptime, oldest first, with tooltips', () => {
    const level: Partial<PublicDay>[] = [
      { uptime: null, uptimeExcludingMaintenance: null, totalChecks: 0 },
      { uptime: 99.5, uptimeExcludingMaintenance: 99.5 },
      { uptime: 96, uptimeExcludingMaintenance: 96 },
      { uptime: 80, uptimeExcludingMaintenance: 80 },
      { uptime: 100, uptimeExcludingMaintenance: null, totalChecks: 10, maintenanceChecks: 10 },
    ];
    const page = render(view({ sections: [{ name: 'Core', components: [comp({ days: days((i) => level[i] ?? {}) })] }] }));
    const segs = segments(page);
    expect(segs).toHaveLength(90);
    expect(segs.map((s) => s.cls).slice(0, 6)).toEqual(['n', 'o', 'w', 'd', 'm', 'u']);
    expect(segs[0].title).toBe('5 Sep 2026&#10;No data');
    expect(segs[1].title).toBe('6 Sep 2026&#10;99.5 % uptime');
    expect(segs[4].title).toBe('9 Sep 2026&#10;100 % uptime&#10;10 checks in maintenance');
    expect(segs[89].title).toBe('3 Dec 2026&#10;100 % uptime');
    expect(page).toContain('90 days ago');
    expect(page).toContain('Today');
    expect(page).toContain('.seg:hover::after,.seg:focus::after{content:attr(title)');
  });

  it('lists the outages of a day in its tooltip, and marks such a day even if it rounds to 100 %', () => {
    const outages = [
      { start: '2026-12-02T14:02:00.000Z', end: '2026-12-02T14:09:00.000Z' },
      { start: '2026-12-01T23:50:00.000Z', end: '2026-12-02T00:10:00.000Z' },
    ];
    const d = days((i) =>
      i === 88 ? { uptime: 100, outages } : i === 89 ? { uptime: 99.95, uptimeExcludingMaintenance: 100, maintenanceChecks: 1, outages: [{ start: '2026-12-03T14:02:00.000Z', end: null }] } : {},
    );
    const segs = segments(render(view({ sections: [{ name: 'Core', components: [comp({ days: d })] }] })));
    expect(segs[88]).toEqual({ cls: 'o', title: '2 Dec 2026&#10;100 % uptime&#10;Down 14:02–14:09 UTC&#10;Down 1 Dec 23:50–00:10 UTC' });
    expect(segs[89].title).toBe('3 Dec 2026&#10;99.95 % uptime&#10;100 % outside maintenance&#10;1 check in maintenance&#10;Down since 14:02 UTC');
  });

  it('shows status, uptime with and without maintenance, and details', () => {
    const page = render(
      view({
        sections: [
          {
            name: 'Core',
            components: [
              comp({ status: 'down', uptime90d: 99.5, uptime90dExcludingMaintenance: 99.9, details: { target: 'https://api.test', lastLatencyMs: 120, avgLatencyMs: 1500, lastError: 'Timeout', lastCheckedAt: null } }),
              comp({ id: 'c2', name: 'Web', status: 'paused', uptime90d: null, uptime90dExcludingMaintenance: null }),
            ],
          },
        ],
      }),
    );
    expect(page).toContain('<span class="st down">Down</span>');
    expect(page).toContain('<span class="st paused">Paused</span>');
    expect(page).toContain('99.5 % uptime <small>(99.9 % excl. maintenance)</small>');
    expect(page).toContain('<span class="up90">No data</span>');
    expect(page).toContain('<dt>Target</dt><dd>https://api.test</dd>');
    expect(page).toContain('<dd>last 120 ms, 90-day average 1.5 s</dd>');
    expect(page).toContain('<dt>Last error</dt><dd>Timeout</dd>');
    expect(page).not.toContain('Last checked');
  });

  it('shows a slow component and the degraded-performance banner in amber', () => {
    const page = render(view({ overall: 'degraded_performance', sections: [{ name: 'Core', components: [comp({ status: 'degraded' }), comp({ id: 'c2', name: 'Web' })] }] }));
    expect(page).toContain('<p class="banner degraded_performance">Degraded performance</p>');
    expect(page).toContain('<span class="st degraded">Degraded performance</span>');
    expect(page).toMatch(/\.banner\.degraded_performance\{background:#9a6700\}/);
    expect(page).toMatch(/\.st\.degraded\{color:var\(--warn\)\}/);
  });

  it('shows active incidents with their timeline, maintenance and past incidents', () => {
    const page = render(
      view({
        activeIncidents: [incident()],
        maintenance: [{ id: 'm', title: 'DB upgrade', start: '2026-12-03T14:00:00.000Z', end: '2026-12-03T16:00:00.000Z', active: true, affected: ['API', 'Web'] }],
        pastIncidents: [incident({ id: 'p', title: 'Old one', status: 'resolved', resolvedAt: '2026-12-01T10:00:00.000Z' })],
      }),
    );
    expect(page).toContain('<article class="notice major" id="incident-i1"><h3>Slow API</h3>');
    expect(page).toContain('Major impact · Affects: API · Started <time datetime="2026-12-03T14:00:00.000Z">3 Dec 2026, 14:00 UTC</time>');
    expect(page).toContain('<strong>Identified</strong> · <time datetime="2026-12-03T14:30:00.000Z">3 Dec 2026, 14:30 UTC</time>');
    expect(page).toContain('<p>Found <strong>it</strong></p>');
    expect(page.indexOf('Identified')).toBeLessThan(page.indexOf('Investigating'));
    expect(page.indexOf('Slow API')).toBeLessThan(page.indexOf('<h2 id="s-0">'));
    expect(page).toContain('<strong>Under maintenance:</strong> DB upgrade until <time datetime="2026-12-03T16:00:00.000Z">3 Dec 2026, 16:00 UTC</time> · Affects: API, Web');
    expect(page).toContain('Resolved <time datetime="2026-12-01T10:00:00.000Z">1 Dec 2026, 10:00 UTC</time>');
    expect(page).not.toContain('No incidents in the last 14 days');
  });

  it('renders 100 components of 90 days (time printed, not asserted)', () => {
    const many = view({ sections: Array.from({ length: 10 }, (_, s) => ({ name: `S${s}`, components: Array.from({ length: 10 }, (_, c) => comp({ id: `${s}-${c}`, days: days((i) => (i % 7 === 0 ? { uptime: 99.2, outages: [{ start: NOW.toISOString(), end: null }] } : {})) })) })) });
    render(many);
    const runs = 20;
    const t0 = performance.now();
    let size = 0;
    for (let i = 0; i < runs; i++) size = render(many).length;
    console.log(`status page, 100 components x 90 days: ${((performance.now() - t0) / runs).toFixed(2)} ms per render, ${Math.round(size / 1024)} KiB`);
    expect(segments(render(many))).toHaveLength(9000);
  });
});

describe('password gate', () => {
  it('asks for the password without naming the page, and escapes the error', () => {
    const gate = renderPasswordGate({ action: '/status/acme/unlock?x="y"', error: EVIL });
    expect(gate.startsWith('<!doctype html>')).toBe(true);
    expect(gate).toContain('This status page is protected');
    expect(gate).toContain('<form method="post" action="/status/acme/unlock?x=&quot;y&quot;">');
    expect(gate).toContain('type="password" id="password" name="password"');
    expect(gate).toContain(`<p class="error" id="gate-error" role="alert">${ESCAPED}</p>`);
    expect(gate).not.toContain('<script');
    expect(gate).not.toContain('Acme');
    expect(renderPasswordGate({ action: '/x' })).not.toContain('class="error"');
  });
});

describe('atom feed', () => {
  const feed = renderAtomFeed(
    view({
      title: EVIL,
      activeIncidents: [incident({ id: 'a', title: `Active ${EVIL}`, updates: [{ status: 'identified', message: `**bold** ${EVIL}\u0001`, at: '2026-12-03T14:30:00.000Z' }] })],
      pastIncidents: [incident({ id: 'p', title: 'Past', status: 'resolved', updatedAt: '2026-12-01T10:00:00.000Z', updates: [{ status: 'resolved', message: 'Fixed', at: '2026-12-01T10:00:00.000Z' }] })],
    }),
    { selfUrl: 'https://s.test/status/acme/feed.atom', pageUrl: 'https://s.test/status/acme' },
  );

  it('is an Atom document with one entry per written incident, newest first', () => {
    expect(feed.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    expect(feed.trimEnd().endsWith('</feed>')).toBe(true);
    expect(feed.match(/<entry>/g)).toHaveLength(2);
    expect(feed.match(/<\/entry>/g)).toHaveLength(2);
    expect(feed).toContain('<link rel="self" type="application/atom+xml" href="https://s.test/status/acme/feed.atom"/>');
    expect(feed).toContain('<id>https://s.test/status/acme#incident-a</id>');
    expect(feed.indexOf('#incident-a</id>')).toBeLessThan(feed.indexOf('#incident-p</id>'));
    expect(feed).toContain('<updated>2026-12-03T14:30:00.000Z</updated>\n<author>');
    expect(feed).toContain('<published>2026-12-03T14:00:00.000Z</published>');
  });

  it('escapes titles and the rendered HTML content, and drops characters XML forbids', () => {
    expect(feed).toContain(`<title type="text">${ESCAPED} status</title>`);
    expect(feed).toContain(`<title type="text">Identified: Active ${ESCAPED}</title>`);
    expect(feed).toContain('&lt;p&gt;&lt;strong&gt;bold&lt;/strong&gt; &amp;lt;script&amp;gt;');
    expect(feed).not.toMatch(/<script|<strong|\u0001/);
  });

  it('uses generatedAt when there is no incident', () => {
    const empty = renderAtomFeed(view(), { selfUrl: 'https://s.test/f', pageUrl: 'https://s.test/' });
    expect(empty).not.toContain('<entry>');
    expect(empty).toContain(`<updated>${NOW.toISOString()}</updated>`);
  });
});
