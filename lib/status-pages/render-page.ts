import { formatMs, formatMsCoarse } from '@/lib/shared/durations';
import { escapeHtml, html, raw, type SafeHtml } from './html';
import { renderMarkdown } from './markdown';
import type {
  ComponentStatus,
  IncidentImpact,
  IncidentStatus,
  OverallStatus,
  PublicComponent,
  PublicDay,
  PublicIncident,
  PublicIncidentUpdate,
  PublicMaintenance,
  PublicOutage,
  PublicStatusView,
} from './public-view';

// The public status page as one HTML document. It is served under a CSP that forbids scripts, so
// everything works without JavaScript: one inline <style>, day tooltips drawn by CSS from each
// segment's title, the phone layout by media query. Every value from the view goes through the
// escaping `html` tag; the 90 day segments per component are the hot path (100 components make
// 9,000 of them), so they are built as plain strings with the few owner-free values escaped.

export const OVERALL_LABEL: Record<OverallStatus, string> = {
  operational: 'All systems operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  maintenance: 'Under maintenance',
};
export const COMPONENT_STATUS_LABEL: Record<ComponentStatus, string> = {
  operational: 'Operational',
  degraded: 'Degraded performance',
  down: 'Down',
  maintenance: 'Maintenance',
  pending: 'Pending',
  paused: 'Paused',
};
export const INCIDENT_STATUS_LABEL: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};
export const IMPACT_LABEL: Record<IncidentImpact, string> = {
  none: 'No impact',
  minor: 'Minor impact',
  major: 'Major impact',
  critical: 'Critical impact',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const hhmm = (d: Date) => `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
const dayMonth = (d: Date) => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;

/** "3 Dec 2026, 14:02 UTC"; an unreadable value comes back as given (callers escape it). */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${dayMonth(d)} ${d.getUTCFullYear()}, ${hhmm(d)} UTC`;
}

/** <time datetime="ISO">3 Dec 2026, 14:02 UTC</time> */
export function timeTag(iso: string): SafeHtml {
  const d = new Date(iso);
  return html`<time datetime="${Number.isNaN(d.getTime()) ? iso : d.toISOString()}">${formatUtc(iso)}</time>`;
}

/** The updates of one incident, newest first, each message rendered from Markdown. */
export function incidentTimeline(updates: readonly PublicIncidentUpdate[]): SafeHtml {
  return html`<ol class="timeline">${updates.map(
    (u) => html`<li><p class="upd"><strong>${INCIDENT_STATUS_LABEL[u.status]}</strong> · ${timeTag(u.at)}</p><div class="msg">${raw(renderMarkdown(u.message))}</div></li>`,
  )}</ol>`;
}

/** "99.95", "100", "99.9"; never rounds a figure below 100 up to 100. */
function percent(p: number): string {
  if (p === 100) return '100';
  const rounded = Math.round(p * 100) / 100;
  return p < 100 && rounded >= 100 ? '99.99' : String(rounded);
}

/** "3 Dec 2026" for "2026-12-03"; anything else is shown as given, escaped. */
function dayLabel(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}` : escapeHtml(date);
}

/** A moment on a tooltip: "14:02" on the segment's own day, "2 Dec 23:50" on another. */
function clockOn(iso: string, date: string): string {
  // The view's times come from toISOString(): read those without building a Date.
  if (iso.length === 24 && iso[10] === 'T' && iso[23] === 'Z' && iso.startsWith(date)) return iso.slice(11, 16);
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '?';
  return d.toISOString().startsWith(date) ? hhmm(d) : `${dayMonth(d)} ${hhmm(d)}`;
}

function outageLine(o: PublicOutage, date: string): string {
  const start = clockOn(o.start, date);
  return o.end === null ? `Down since ${start} UTC` : `Down ${start}–${clockOn(o.end, date)} UTC`;
}

function segmentClass(day: PublicDay): string {
  if (day.totalChecks > 0 && day.maintenanceChecks >= day.totalChecks) return 'm';
  if (day.uptime === null) return 'n';
  // A day with recorded downtime never looks perfect, even when it rounds to 100 %.
  if (day.uptime >= 100 && day.outages.length === 0) return 'u';
  if (day.uptime >= 99) return 'o';
  return day.uptime >= 95 ? 'w' : 'd';
}

/** One day: its colour, and the lines its title and CSS tooltip show (joined by &#10;). */
function segment(day: PublicDay, label: string): string {
  let tip = label;
  if (day.uptime === null) tip += '&#10;No data';
  else {
    tip += `&#10;${percent(day.uptime)} % uptime`;
    const ex = day.uptimeExcludingMaintenance;
    if (ex !== null && ex !== day.uptime) tip += `&#10;${percent(ex)} % outside maintenance`;
  }
  const m = day.maintenanceChecks;
  if (m > 0) tip += `&#10;${m} ${m === 1 ? 'check' : 'checks'} in maintenance`;
  for (const o of day.outages) tip += `&#10;${escapeHtml(outageLine(o, day.date))}`;
  return `<li class="seg ${segmentClass(day)}" tabindex="0" title="${tip}"></li>`;
}

function details(c: PublicComponent): SafeHtml | null {
  const d = c.details;
  if (!d) return null;
  const row = (term: string, value: SafeHtml | string | null) => (value === null ? null : html`<dt>${term}</dt><dd>${value}</dd>`);
  const times = [d.lastLatencyMs === null ? null : `last ${formatMs(d.lastLatencyMs)}`, d.avgLatencyMs === null ? null : `90-day average ${formatMs(d.avgLatencyMs)}`];
  const latency = times.filter((t) => t !== null).join(', ');
  return html`<dl class="details">${[
    row('Target', d.target),
    row('Response time', latency || null),
    row('Last checked', d.lastCheckedAt === null ? null : timeTag(d.lastCheckedAt)),
    row('Last error', d.lastError),
  ]}</dl>`;
}

function component(c: PublicComponent, labels: Map<string, string>): string {
  const segments: string[] = [];
  for (const day of c.days) {
    let label = labels.get(day.date);
    if (label === undefined) labels.set(day.date, (label = dayLabel(day.date)));
    segments.push(segment(day, label));
  }
  const ex = c.uptime90dExcludingMaintenance;
  const uptime =
    c.uptime90d === null
      ? html`No data`
      : html`${percent(c.uptime90d)} % uptime${ex !== null && ex !== c.uptime90d && html` <small>(${percent(ex)} % excl. maintenance)</small>`}`;
  const n = c.days.length;
  return html`<li class="comp" id="c-${c.id}"><div class="comp-head"><h3>${c.name}</h3><span class="st ${c.status}">${COMPONENT_STATUS_LABEL[c.status]}</span></div>
<ol class="bar" aria-label="Daily uptime, oldest first">${raw(segments.join(''))}</ol>
<div class="bar-foot"><span><span class="all">${n} days ago</span><span class="d30">${Math.min(n, 30)} days ago</span></span><span class="up90">${uptime}</span><span>Today</span></div>${details(c)}</li>`.value;
}

const affects = (names: readonly string[]) => names.length > 0 && html` · Affects: ${names.join(', ')}`;

function incident(i: PublicIncident, past: boolean): SafeHtml {
  const when = past && i.resolvedAt !== null ? html`Resolved ${timeTag(i.resolvedAt)}` : html`Started ${timeTag(i.startedAt)}`;
  return html`<article class="notice ${past ? 'past' : i.impact}" id="incident-${i.id}"><h3>${i.title}</h3>
<p class="meta">${IMPACT_LABEL[i.impact]}${affects(i.affected)} · ${when}</p>${incidentTimeline(i.updates)}</article>`;
}

function maintenance(m: PublicMaintenance): SafeHtml {
  const text = m.active
    ? html`<strong>Under maintenance:</strong> ${m.title} until ${timeTag(m.end)}`
    : html`<strong>Scheduled maintenance:</strong> ${m.title}, ${timeTag(m.start)} – ${timeTag(m.end)}`;
  return html`<li>${text}${affects(m.affected)}</li>`;
}

function notices(view: PublicStatusView, now: Date): SafeHtml | null {
  const outages = view.outages.map((o) => {
    const ms = now.getTime() - new Date(o.since).getTime();
    return html`<li><strong>${o.component}</strong> is down since ${timeTag(o.since)}${Number.isFinite(ms) && ms > 0 && ` (${formatMsCoarse(ms)})`}</li>`;
  });
  const parts = [
    view.activeIncidents.length + outages.length > 0 &&
      html`<section aria-labelledby="active-h"><h2 id="active-h">Active incidents</h2>${view.activeIncidents.map((i) => incident(i, false))}${
        outages.length > 0 && html`<ul class="notice major plain">${outages}</ul>`
      }</section>`,
    view.maintenance.length > 0 &&
      html`<section aria-labelledby="maint-h"><h2 id="maint-h">Maintenance</h2><ul class="notice maint plain">${view.maintenance.map(maintenance)}</ul></section>`,
  ];
  return parts.some(Boolean) ? html`${parts}` : null;
}

export function renderStatusPage(view: PublicStatusView, opts: { basePath: string; now: Date }): string {
  const base = opts.basePath;
  const labels = new Map<string, string>();
  const sections = view.sections.map(
    (s, i) =>
      html`<section class="group" aria-labelledby="s-${i}"><h2 id="s-${i}">${s.name}</h2><ul class="comps">${raw(s.components.map((c) => component(c, labels)).join('\n'))}</ul></section>`,
  );
  const past =
    view.pastIncidents.length > 0
      ? view.pastIncidents.map((i) => incident(i, true))
      : html`<p class="empty">No incidents in the last 14 days.</p>`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><title>${view.title} status</title>
${view.description && html`<meta name="description" content="${view.description}">`}
<link rel="alternate" type="application/atom+xml" title="${view.title} incidents" href="${base}/feed.atom">
<style>${raw(BASE_CSS + PAGE_CSS)}</style></head>
<body><div class="wrap">
<header>${view.logoUrl && html`<img class="logo" src="${view.logoUrl}" alt="${view.title}" referrerpolicy="no-referrer">`}<div class="titles"><h1>${view.title}</h1>${
    view.description && html`<p class="desc">${view.description}</p>`
  }</div><nav class="feeds" aria-label="Subscribe"><a href="${base}/feed.atom">Atom feed</a><a href="${base}/summary.json">JSON</a></nav></header>
<main>
<p class="banner ${view.overall}">${OVERALL_LABEL[view.overall]}</p>
<p class="updated">Updated ${timeTag(view.generatedAt)}</p>
${notices(view, opts.now)}
${sections}
<section aria-labelledby="past-h"><h2 id="past-h">Past incidents</h2>${past}</section>
</main>
<footer>${view.footerText && html`<p class="foot-text">${view.footerText}</p>`}<p>Powered by Pingboard</p></footer>
</div></body></html>
`.value;
}

/** Colours, dark mode and type shared with the password gate. */
export const BASE_CSS = `
:root{color-scheme:light dark;--bg:#f6f8fa;--card:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--link:#0969da;--ok:#1a7f37;--down:#cf222e;--warn:#9a6700;--maint:#0969da;--tip-bg:#1f2328;--tip-fg:#fff;--s-u:#2da44e;--s-o:#9cc23c;--s-w:#e3a008;--s-d:#cf222e;--s-m:#4493f8;--s-n:#d1d9e0}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#151b23;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--link:#4493f8;--ok:#3fb950;--down:#f85149;--warn:#d29922;--maint:#4493f8;--tip-bg:#f0f6fc;--tip-fg:#0d1117;--s-u:#2ea043;--s-o:#87ad34;--s-w:#d29922;--s-d:#f85149;--s-m:#388bfd;--s-n:#3d444d}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:anywhere}
a{color:var(--link)}
.wrap{max-width:860px;margin:0 auto;padding:24px 16px 48px}
h1{margin:0;font-size:1.5rem;line-height:1.25}
`;

const PAGE_CSS = `
header{display:flex;flex-wrap:wrap;align-items:center;gap:12px 16px;margin-bottom:20px}
.logo{max-height:48px;max-width:160px;width:auto;height:auto}
.titles{flex:1 1 240px;min-width:0}
.desc{margin:4px 0 0;color:var(--muted);white-space:pre-line}
.feeds{display:flex;gap:12px;font-size:.875rem}
h2{font-size:1.125rem;margin:28px 0 10px}
h3{font-size:1rem;margin:0}
.banner{margin:0 0 6px;padding:14px 16px;border-radius:8px;color:#fff;font-weight:600;font-size:1.125rem}
.banner.operational{background:#1a7f37}.banner.partial_outage{background:#bc4c00}.banner.major_outage{background:#cf222e}.banner.maintenance{background:#0969da}.banner.degraded_performance{background:#9a6700}
.updated,.meta,.empty,.bar-foot,.details{color:var(--muted);font-size:.8125rem}
.updated{margin:0 0 8px}
.notice,.comps{background:var(--card);border:1px solid var(--line);border-radius:8px}
.notice{border-left:4px solid var(--down);padding:12px 16px;margin:0 0 12px}
.notice.none,.notice.past{border-left-color:var(--line)}.notice.minor{border-left-color:var(--warn)}.notice.maint{border-left-color:var(--maint)}
.plain{list-style:none}.plain li+li{margin-top:6px}
.meta{margin:2px 0 0}
.timeline{list-style:none;margin:8px 0 0;padding:0}
.timeline>li{padding:8px 0 0;border-top:1px solid var(--line);margin-top:8px}
.upd{margin:0;font-size:.875rem}.upd time{color:var(--muted)}
.msg p,.msg ul,.msg ol{margin:4px 0}.msg pre{overflow-x:auto;padding:8px;background:var(--bg);border-radius:6px}
code{font:.875em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.comps{list-style:none;margin:0;padding:0;overflow-x:clip}
.comp{padding:14px 16px}.comp+.comp{border-top:1px solid var(--line)}
.comp-head{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:2px 12px}
.st{font-size:.875rem;font-weight:600;color:var(--muted)}.st.operational{color:var(--ok)}.st.down{color:var(--down)}.st.maintenance{color:var(--maint)}.st.degraded{color:var(--warn)}
.bar{display:flex;gap:2px;height:32px;margin:10px 0 4px;padding:0;list-style:none}
.seg{flex:1 1 0;min-width:0;border-radius:2px;position:relative;background:var(--s-n)}
.seg.u{background:var(--s-u)}.seg.o{background:var(--s-o)}.seg.w{background:var(--s-w)}.seg.d{background:var(--s-d)}.seg.m{background:var(--s-m)}
.seg:hover{opacity:.8}.seg:focus{outline:2px solid var(--fg);outline-offset:1px}
.seg:hover::after,.seg:focus::after{content:attr(title);position:absolute;z-index:2;bottom:calc(100% + 8px);left:50%;transform:translateX(-50%);width:max-content;max-width:min(260px,80vw);white-space:pre-line;padding:6px 8px;border-radius:6px;background:var(--tip-bg);color:var(--tip-fg);font-size:.75rem;line-height:1.4;pointer-events:none}
.seg:nth-child(-n+15)::after{left:0;transform:none}
.seg:nth-last-child(-n+15)::after{left:auto;right:0;transform:none}
.bar-foot{display:flex;justify-content:space-between;align-items:baseline;gap:8px}.bar-foot>span:first-child,.bar-foot>span:last-child{white-space:nowrap}
.up90{text-align:center;min-width:0}.up90 small{font-size:.6875rem;white-space:nowrap}
.d30{display:none}
.details{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0 0}.details dd{margin:0;min-width:0}
footer{margin-top:32px;text-align:center;color:var(--muted);font-size:.875rem}
.foot-text{white-space:pre-line}
@media (max-width:640px){.seg:nth-last-child(n+31){display:none}.seg:nth-last-child(n+16):nth-last-child(-n+30)::after{left:0;transform:none}.all{display:none}.d30{display:inline}.comp{padding:12px}.up90 small{display:block}}
`;
