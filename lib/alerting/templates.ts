// Alert wording. Every part is built once as plain text and the HTML part escapes each piece,
// so no user-controlled value (name, target, error) can reach the HTML unescaped.
import { causeText } from '@/lib/domain/cause-labels';
import { formatMsCoarse } from '@/lib/shared/durations';
import type { AlertEvent, AlertKind, AlertMessage } from './types';

const SUBJECT_TAGS: Record<AlertKind, string> = {
  DOWN: 'DOWN',
  UP: 'UP',
  REMINDER: 'STILL DOWN',
  CERT_EXPIRING: 'CERT EXPIRING',
  CERT_EXPIRED: 'CERT EXPIRED',
};

const MAX_SUBJECT = 250;

/** One header-safe line: CR, LF and other control characters would let a name inject headers. */
export function toSingleLine(value: string): string {
  return value
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** ISO UTC for machines and filters, plus a form a person reads at a glance. */
export function formatTime(at: Date): string {
  return `${at.toISOString()} (${at.toUTCString().replace(/GMT$/, 'UTC')})`;
}

export function monitorLink(appUrl: string, monitorId: string): string {
  return `${appUrl.replace(/\/+$/, '')}/monitors/${encodeURIComponent(monitorId)}`;
}

function summary(event: AlertEvent): string {
  const name = event.monitor.name;
  const down = event.downtimeMs != null ? formatMsCoarse(event.downtimeMs) : null;
  const cert = event.certExpiresAt ?? null;
  const gap = cert ? formatMsCoarse(Math.abs(cert.getTime() - event.at.getTime())) : null;
  switch (event.kind) {
    case 'DOWN':
      return `${name} is down.`;
    case 'UP':
      return down ? `${name} is back up. It was down for ${down}.` : `${name} is back up.`;
    case 'REMINDER':
      return down ? `${name} is still down (for ${down} so far).` : `${name} is still down.`;
    case 'CERT_EXPIRING':
      return gap ? `The TLS certificate of ${name} expires in ${gap}.` : `The TLS certificate of ${name} expires soon.`;
    case 'CERT_EXPIRED':
      return gap ? `The TLS certificate of ${name} expired ${gap} ago.` : `The TLS certificate of ${name} has expired.`;
  }
}

function facts(event: AlertEvent): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    ['Monitor', event.monitor.name],
    ['Target', event.monitor.target],
  ];
  const reason = causeText(event.cause, event.error);
  if (reason && event.kind !== 'CERT_EXPIRING' && event.kind !== 'CERT_EXPIRED') {
    rows.push([event.kind === 'UP' ? 'It was down because' : 'Reason', reason]);
  }
  if (event.certExpiresAt) rows.push(['Certificate expiry', formatTime(event.certExpiresAt)]);
  rows.push([event.kind === 'UP' ? 'Back up at' : 'Time', formatTime(event.at)]);
  return rows;
}

export function renderSubject(event: AlertEvent): string {
  const line = toSingleLine(`[${SUBJECT_TAGS[event.kind]}] ${event.monitor.name} (${event.monitor.target})`);
  return line.length > MAX_SUBJECT ? `${line.slice(0, MAX_SUBJECT - 1)}…` : line;
}

export function renderAlert(event: AlertEvent, appUrl: string): AlertMessage {
  const lead = summary(event);
  const rows = facts(event);
  const link = monitorLink(appUrl, event.monitor.id);

  const text = [lead, '', ...rows.map(([k, v]) => `${k}: ${v}`), '', `View the monitor: ${link}`, ''].join('\n');

  const cell = 'style="padding:2px 12px 2px 0;vertical-align:top"';
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;color:#111">',
    `<p style="font-size:16px"><strong>${escapeHtml(lead)}</strong></p>`,
    '<table style="border-collapse:collapse">',
    ...rows.map(([k, v]) => `<tr><td ${cell}><strong>${escapeHtml(k)}</strong></td><td ${cell}>${escapeHtml(v)}</td></tr>`),
    '</table>',
    `<p><a href="${escapeHtml(link)}">View the monitor</a></p>`,
    '</body></html>',
  ].join('\n');

  return { subject: renderSubject(event), text, html };
}
