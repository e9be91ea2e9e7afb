import { escapeXml, html } from './html';
import { IMPACT_LABEL, INCIDENT_STATUS_LABEL, incidentTimeline } from './render-page';
import type { PublicIncident, PublicStatusView } from './public-view';

// The status page's written incidents as an Atom 1.0 feed, for feed readers and chat apps that
// follow one. Each incident is one entry whose id stays the same as updates are added, so readers
// show it as updated rather than new; its content is the same timeline HTML the page shows.
// Every value is XML-escaped (and characters XML cannot hold are dropped).

/** RFC 3339 as Atom wants it, or the fallback when the value is unreadable. */
function atomTime(iso: string, fallback: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? fallback : d.toISOString();
}

/** When an incident last changed: its newest update or its own updatedAt, whichever is later. */
function lastChange(i: PublicIncident, fallback: string): string {
  const times = [i.updatedAt, ...i.updates.map((u) => u.at)].map((t) => atomTime(t, '')).filter(Boolean);
  return times.length > 0 ? times.reduce((a, b) => (a > b ? a : b)) : fallback;
}

function entry(i: PublicIncident, pageUrl: string, updated: string): string {
  const link = `${pageUrl}#incident-${encodeURIComponent(i.id)}`;
  const affected = i.affected.length > 0 ? html` · Affects: ${i.affected.join(', ')}` : null;
  const content = html`<p>${IMPACT_LABEL[i.impact]}${affected}</p>${incidentTimeline(i.updates)}`.value;
  return [
    '<entry>',
    `<id>${escapeXml(link)}</id>`,
    `<title type="text">${escapeXml(`${INCIDENT_STATUS_LABEL[i.status]}: ${i.title}`)}</title>`,
    `<published>${atomTime(i.startedAt, updated)}</published>`,
    `<updated>${updated}</updated>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`,
    `<content type="html">${escapeXml(content)}</content>`,
    '</entry>',
  ].join('\n');
}

export function renderAtomFeed(view: PublicStatusView, opts: { selfUrl: string; pageUrl: string }): string {
  const generated = atomTime(view.generatedAt, new Date(0).toISOString());
  const seen = new Set<string>();
  const incidents = [...view.activeIncidents, ...view.pastIncidents]
    .filter((i) => !seen.has(i.id) && seen.add(i.id))
    .map((i) => ({ incident: i, updated: lastChange(i, generated) }))
    .sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
  const updated = incidents.length > 0 ? incidents[0].updated : generated;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${escapeXml(opts.pageUrl)}</id>`,
    `<title type="text">${escapeXml(`${view.title} status`)}</title>`,
    ...(view.description ? [`<subtitle type="text">${escapeXml(view.description)}</subtitle>`] : []),
    `<updated>${updated}</updated>`,
    `<author><name>${escapeXml(view.title)}</name></author>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(opts.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(opts.pageUrl)}"/>`,
    ...(view.logoUrl ? [`<logo>${escapeXml(view.logoUrl)}</logo>`] : []),
    '<generator>Pingboard</generator>',
    ...incidents.map((e) => entry(e.incident, opts.pageUrl, e.updated)),
    '</feed>',
    '',
  ].join('\n');
}
