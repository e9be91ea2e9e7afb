// Alert wording, once for every channel. From a ChannelEvent it builds the parts every message
// is made of: a title, the lead sentence, the notes (test message, undelivered outage alert), the
// facts and the link. Each provider lays these out in its own format and escapes them for it with
// the helpers here. Every part is plain text on one line, so no user-controlled value (name,
// target, error) can break a header or a line-based format, and escaping stays the layout's job.
// A group (several monitors' alerts of one kind in one message) has the same parts: a title and
// lead that count the monitors, one fact per monitor, and the dashboard as its link; services
// with a length limit show the facts that fit (fitItems) and say how many more there are.
import { createHash } from 'node:crypto';
import { causeText } from '@/lib/domain/cause-labels';
import { formatMsCoarse } from '@/lib/shared/durations';
import type { ChannelEvent, EventKind } from './channel-types';

export const EVENT_TAGS: Record<EventKind, string> = {
  DOWN: 'DOWN',
  UP: 'UP',
  REMINDER: 'STILL DOWN',
  CERT_EXPIRING: 'CERT EXPIRING',
  CERT_EXPIRED: 'CERT EXPIRED',
  DEGRADED: 'DEGRADED',
  DEGRADED_RESOLVED: 'RECOVERED',
};

/** "20 monitors <are down>": a group's lead and title. */
const GROUP_PHRASES: Record<EventKind, string> = {
  DOWN: 'are down',
  UP: 'are back up',
  REMINDER: 'are still down',
  CERT_EXPIRING: 'have a TLS certificate that expires soon',
  CERT_EXPIRED: 'have an expired TLS certificate',
  DEGRADED: 'are degraded',
  DEGRADED_RESOLVED: 'are back to normal response times',
};

/** The longest email subject or chat title; a longer one is cut, marking the cut. */
const MAX_TITLE = 250;

export const TEST_NOTE = 'Test message from Pingboard: nothing happened to this monitor, this shows how its alerts will look.';
export const UNDELIVERED_NOTE = 'The alert that this monitor went down could not be delivered on this channel.';
export const UNDELIVERED_DEGRADED_NOTE = 'The alert that this monitor was degraded could not be delivered on this channel.';

export interface MessageParts {
  /** "[DOWN] My API (https://api.example.com)", "[TEST] [UP] ..." */
  title: string;
  /** "My API is back up. It was down for 3 min 12 s." */
  lead: string;
  notes: string[];
  /** One event: about it; a group: one per monitor, the monitor's name and what happened to it. */
  facts: Array<[label: string, value: string]>;
  /** The monitor's page; for a group, the dashboard. */
  link: string;
  /** "View the monitor", "Open the dashboard". */
  linkText: string;
  /** The (first) event's id. */
  eventId: string;
  /** Every event the message is about, first one first; receivers drop repeats by these. */
  eventIds: string[];
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

/** The dashboard of the app a monitor link points into (the inverse of monitorLink). */
export function dashboardLink(monitorLinkValue: string): string {
  return monitorLinkValue.replace(/\/monitors\/[^/]*$/, '/');
}

/** Whether the event stands for several monitors' alerts in one message. */
export function isGroupEvent(event: ChannelEvent): event is ChannelEvent & { group: ChannelEvent[] } {
  return (event.group?.length ?? 0) > 1;
}

/**
 * The id receivers drop repeats by (Idempotency-Key, email Message-ID): the event id, or for a
 * group one made from all its members' ids, so a retry of the same group repeats it and a group
 * with other members (a retry after some were sent elsewhere) does not.
 */
export function messageKey(event: ChannelEvent): string {
  if (!isGroupEvent(event)) return event.eventId;
  const ids = event.group.map((e) => e.eventId).sort();
  return `group-${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 32)}`;
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
    case 'DEGRADED':
      return event.error ? `${name} is degraded: ${toSingleLine(event.error)}.` : `${name} is degraded.`;
    case 'DEGRADED_RESOLVED':
      return down ? `${name} is back to normal response times. It was degraded for ${down}.` : `${name} is back to normal response times.`;
  }
}

/** "Timeout — Timed out after 10 s", on one line; null for certificate events and when nothing is known. */
export function reasonText(event: ChannelEvent): string | null {
  if (event.kind === 'CERT_EXPIRING' || event.kind === 'CERT_EXPIRED') return null;
  const reason = causeText(event.cause, event.error);
  return reason ? toSingleLine(reason) : null;
}

/** An UP or DEGRADED_RESOLVED whose DOWN or DEGRADED alert was not delivered on this channel. */
function undelivered(event: ChannelEvent): boolean {
  return (event.kind === 'UP' || event.kind === 'DEGRADED_RESOLVED') && event.outageAlertUndelivered === true;
}

export function messageNotes(event: ChannelEvent): string[] {
  const notes: string[] = [];
  if (event.test) notes.push(TEST_NOTE);
  if (undelivered(event)) notes.push(event.kind === 'UP' ? UNDELIVERED_NOTE : UNDELIVERED_DEGRADED_NOTE);
  return notes;
}

const REASON_LABELS: Partial<Record<EventKind, string>> = { UP: 'It was down because', DEGRADED_RESOLVED: 'It was degraded because' };
const TIME_LABELS: Partial<Record<EventKind, string>> = { UP: 'Back up at', DEGRADED_RESOLVED: 'Back to normal at' };

export function messageParts(event: ChannelEvent): MessageParts {
  if (isGroupEvent(event)) return groupParts(event, event.group);
  const facts: Array<[string, string]> = [
    ['Monitor', toSingleLine(event.monitor.name)],
    ['Target', toSingleLine(event.monitor.target)],
  ];
  const reason = reasonText(event);
  if (reason) facts.push([REASON_LABELS[event.kind] ?? 'Reason', reason]);
  if (event.certExpiresAt) facts.push(['Certificate expiry', formatTime(event.certExpiresAt)]);
  facts.push([TIME_LABELS[event.kind] ?? 'Time', formatTime(event.at)]);
  const subject = subjectLine(event);
  return {
    title: event.test ? `[TEST] ${subject}` : subject,
    lead: leadSentence(event),
    notes: messageNotes(event),
    facts,
    link: event.monitor.link,
    linkText: 'View the monitor',
    eventId: event.eventId,
    eventIds: [event.eventId],
  };
}

/** "2025-03-04 05:06:07 UTC": short enough for one line per monitor. */
function shortTime(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** What happened to one monitor of a group, on one line: cause and since when (for a recovery, how long it lasted). */
export function groupMemberText(e: ChannelEvent): string {
  const lasted = e.downtimeMs != null ? formatMsCoarse(e.downtimeMs) : null;
  const reason = reasonText(e);
  const because = reason ? ` (${reason})` : '';
  let text: string;
  switch (e.kind) {
    case 'DOWN':
      text = `${reason ?? 'Down'}, since ${shortTime(e.at)}`;
      break;
    case 'UP':
      text = `${lasted ? `Down for ${lasted}` : 'Was down'}${because}, back up at ${shortTime(e.at)}`;
      break;
    case 'REMINDER':
      text = `${lasted ? `Down for ${lasted} so far` : 'Still down'}${because}`;
      break;
    case 'DEGRADED':
      text = `${e.error ? toSingleLine(e.error) : (reason ?? 'Degraded')}, since ${shortTime(e.at)}`;
      break;
    case 'DEGRADED_RESOLVED':
      text = `${lasted ? `Degraded for ${lasted}` : 'Was degraded'}, normal again at ${shortTime(e.at)}`;
      break;
    case 'CERT_EXPIRING':
    case 'CERT_EXPIRED':
      text = e.certExpiresAt ? `Certificate ${e.kind === 'CERT_EXPIRED' ? 'expired' : 'expires'} ${shortTime(e.certExpiresAt)}` : leadSentence(e);
      break;
  }
  return undelivered(e) ? `${text}; its ${e.kind === 'UP' ? 'outage' : 'degradation'} alert could not be delivered here` : text;
}

function groupParts(first: ChannelEvent, members: ChannelEvent[]): MessageParts {
  const phrase = `${members.length} monitors ${GROUP_PHRASES[first.kind]}`;
  const missed = members.filter(undelivered).length;
  const notes = missed
    ? [`The ${first.kind === 'UP' ? 'outage' : 'degradation'} alerts of ${missed} of these monitors could not be delivered on this channel.`]
    : [];
  return {
    title: truncate(`[${EVENT_TAGS[first.kind]}] ${phrase}`, MAX_TITLE),
    lead: `${phrase}.`,
    notes,
    facts: members.map((e) => [truncate(toSingleLine(e.monitor.name), 100) || '(unnamed)', truncate(toSingleLine(groupMemberText(e)), 400)]),
    link: dashboardLink(first.monitor.link),
    linkText: 'Open the dashboard',
    eventId: first.eventId,
    eventIds: members.map((e) => e.eventId),
  };
}

/** "Event id: <id>"; for a group the first one and how many there are (email lists them all). */
export function eventIdText(parts: MessageParts): string {
  return parts.eventIds.length > 1 ? `Event ids: ${parts.eventId} and ${parts.eventIds.length - 1} more` : `Event id: ${parts.eventId}`;
}

/**
 * The leading items that fit in `budget` characters, each costing `cost(item)` plus a line
 * break, and how many were left out (at least one item is kept).
 */
export function fitItems<T>(items: readonly T[], budget: number, cost: (item: T) => number): { shown: T[]; hidden: number } {
  let used = 0;
  let n = 0;
  for (const item of items) {
    used += cost(item) + 1;
    if (used > budget && n > 0) break;
    n++;
  }
  return { shown: items.slice(0, n), hidden: items.length - n };
}

/** The line that stands for the monitors a length limit left out. */
export function moreLine(hidden: number): string {
  return `…and ${hidden} more ${hidden === 1 ? 'monitor' : 'monitors'}: see the dashboard.`;
}

/** Room kept for the "and N more" line. */
export const MORE_LINE_ROOM = 60;

/** Plain text: lead, notes, facts, link and event id, one per line; within `maxChars`, facts that do not fit are counted instead. */
export function plainText(parts: MessageParts, opts: { includeLink?: boolean; maxChars?: number } = {}): string {
  const head = [parts.lead, ...parts.notes, ''];
  const tail = [...(opts.includeLink === false ? [] : ['', `${parts.linkText}: ${parts.link}`]), eventIdText(parts)];
  const lines = parts.facts.map(([k, v]) => `${k}: ${v}`);
  const room = (opts.maxChars ?? Infinity) - [...head, ...tail].join('\n').length - MORE_LINE_ROOM;
  const { shown, hidden } = fitItems(lines, room, (l) => l.length);
  return [...head, ...shown, ...(hidden ? [moreLine(hidden)] : []), ...tail].join('\n');
}

/** Cuts a value to a service's limit, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
