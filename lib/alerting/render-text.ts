// Alert wording, once for every channel. From a ChannelEvent it builds the parts every message
// is made of: a title, the lead sentence, the notes (test message, undelivered outage alert), the
// facts and the link. Each provider lays these out in its own format and escapes them for it with
// the helpers here. Every part is plain text on one line, so no user-controlled value (name,
// target, error) can break a header or a line-based format, and escaping stays the layout's job.
import { causeText } from '@/lib/domain/cause-labels';
import { formatMsCoarse } from '@/lib/shared/durations';
import type { ChannelEvent, EventKind } from './channel-types';

export const EVENT_TAGS: Record<EventKind, string> = {
  DOWN: 'DOWN',
  UP: 'UP',
  REMINDER: 'STILL DOWN',
  CERT_EXPIRING: 'CERT EXPIRING',
  CERT_EXPIRED: 'CERT EXPIRED',
};

/** The longest email subject or chat title; a longer one is cut, marking the cut. */
const MAX_TITLE = 250;

export const TEST_NOTE = 'Test message from Pingboard: nothing happened to this monitor, this shows how its alerts will look.';
export const UNDELIVERED_NOTE = 'The alert that this monitor went down could not be delivered on this channel.';

export interface MessageParts {
  /** "[DOWN] My API (https://api.example.com)", "[TEST] [UP] ..." */
  title: string;
  /** "My API is back up. It was down for 3 min 12 s." */
  lead: string;
  notes: string[];
  facts: Array<[label: string, value: string]>;
  link: string;
  eventId: string;
}

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

/** The monitor's page in the app, the link every message ends with. */
export function monitorLink(appUrl: string, monitorId: string): string {
  return `${appUrl.replace(/\/+$/, '')}/monitors/${encodeURIComponent(monitorId)}`;
}

/** "[DOWN] My API (https://api.example.com)": the email subject and the chat title, on one line. */
export function subjectLine(event: ChannelEvent): string {
  const name = toSingleLine(event.monitor.name);
  const target = toSingleLine(event.monitor.target);
  // The whole line once more: an empty name must not leave a double space.
  return truncate(toSingleLine(`[${EVENT_TAGS[event.kind]}] ${name} (${target})`), MAX_TITLE);
}

/** The lead sentence, the first line of every message. */
export function leadSentence(event: ChannelEvent): string {
  const name = toSingleLine(event.monitor.name);
  const down = event.downtimeMs != null ? formatMsCoarse(event.downtimeMs) : null;
  const cert = event.certExpiresAt;
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

/** "Timeout — Timed out after 10 s", on one line; null for certificate events and when nothing is known. */
export function reasonText(event: ChannelEvent): string | null {
  if (event.kind === 'CERT_EXPIRING' || event.kind === 'CERT_EXPIRED') return null;
  const reason = causeText(event.cause, event.error);
  return reason ? toSingleLine(reason) : null;
}

export function messageNotes(event: ChannelEvent): string[] {
  const notes: string[] = [];
  if (event.test) notes.push(TEST_NOTE);
  if (event.kind === 'UP' && event.outageAlertUndelivered) notes.push(UNDELIVERED_NOTE);
  return notes;
}

export function messageParts(event: ChannelEvent): MessageParts {
  const facts: Array<[string, string]> = [
    ['Monitor', toSingleLine(event.monitor.name)],
    ['Target', toSingleLine(event.monitor.target)],
  ];
  const reason = reasonText(event);
  if (reason) facts.push([event.kind === 'UP' ? 'It was down because' : 'Reason', reason]);
  if (event.certExpiresAt) facts.push(['Certificate expiry', formatTime(event.certExpiresAt)]);
  facts.push([event.kind === 'UP' ? 'Back up at' : 'Time', formatTime(event.at)]);
  const subject = subjectLine(event);
  return {
    title: event.test ? `[TEST] ${subject}` : subject,
    lead: leadSentence(event),
    notes: messageNotes(event),
    facts,
    link: event.monitor.link,
    eventId: event.eventId,
  };
}

/** Plain text: lead, notes, facts, link and event id, one per line. */
export function plainText(parts: MessageParts, opts: { includeLink?: boolean } = {}): string {
  return [
    parts.lead,
    ...parts.notes,
    '',
    ...parts.facts.map(([k, v]) => `${k}: ${v}`),
    ...(opts.includeLink === false ? [] : ['', `View the monitor: ${parts.link}`]),
    `Event id: ${parts.eventId}`,
  ].join('\n');
}

/** Cuts a value to a service's limit, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
