import { describe, expect, it } from 'vitest';
import type { ChannelEvent } from '@/lib/alerting/channel-types';
import { renderEmail } from '@/lib/alerting/providers/email';
import { leadSentence, messageParts, monitorLink, plainText, subjectLine, toSingleLine } from '@/lib/alerting/render-text';
import { CERT, DOWN, TEST, UP } from '@/tests/support/channel-fixtures';

// The alert wording every channel shares: the subject line, the lead sentence of each event kind,
// the facts, the notes for test messages and undelivered outage alerts, the event id; and the
// email laid out from it, with every user-controlled value escaped in its HTML part.

const REMINDER: ChannelEvent = { ...DOWN, kind: 'REMINDER', downtimeMs: 3_600_000 };
const EXPIRED: ChannelEvent = { ...CERT, kind: 'CERT_EXPIRED', certExpiresAt: new Date(CERT.at.getTime() - 86_400_000) };

const APP = 'https://pingboard.example.com/';
const TO = 'owner@example.com';

/** A plain HTTP monitor that answered 503, linked from APP as the delivery loop links it. */
function event(overrides: Omit<Partial<ChannelEvent>, 'monitor'> & { monitor?: Omit<ChannelEvent['monitor'], 'link'> } = {}): ChannelEvent {
  const monitor = overrides.monitor ?? { id: 'mon_1', name: 'My API', target: 'https://api.example.com' };
  return {
    ...DOWN,
    cause: 'http_status',
    error: 'HTTP 503 Service Unavailable',
    ...overrides,
    monitor: { ...monitor, link: monitorLink(APP, monitor.id) },
  };
}

describe('subject line', () => {
  it.each([
    ['DOWN', '[DOWN] My API (https://api.example.com)'],
    ['UP', '[UP] My API (https://api.example.com)'],
    ['REMINDER', '[STILL DOWN] My API (https://api.example.com)'],
    ['CERT_EXPIRING', '[CERT EXPIRING] My API (https://api.example.com)'],
    ['CERT_EXPIRED', '[CERT EXPIRED] My API (https://api.example.com)'],
  ] as const)('%s', (kind, subject) => {
    expect(subjectLine(event({ kind }))).toBe(subject);
    expect(renderEmail(event({ kind }), TO).subject).toBe(subject);
  });

  it('strips CR/LF so a name cannot inject mail headers', () => {
    const { subject } = renderEmail(event({ monitor: { id: 'm', name: 'Evil\r\nBcc: victim@example.com', target: 'x\n:1' } }), TO);
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toBe('[DOWN] Evil Bcc: victim@example.com (x :1)');
    expect(toSingleLine('a\u2028b\u0000c\t d')).toBe('a b c d');
  });
});

describe('lead sentence', () => {
  it.each([
    ['DOWN', DOWN, 'Checkout "API" is down.'],
    ['UP', UP, 'Checkout "API" is back up. It was down for 3 min 12 s.'],
    ['UP, downtime unknown', { ...UP, downtimeMs: null }, 'Checkout "API" is back up.'],
    ['REMINDER', REMINDER, 'Checkout "API" is still down (for 1 h so far).'],
    ['REMINDER, downtime unknown', { ...REMINDER, downtimeMs: null }, 'Checkout "API" is still down.'],
    ['CERT_EXPIRING', CERT, 'The TLS certificate of Checkout "API" expires in 5 d.'],
    ['CERT_EXPIRING, expiry unknown', { ...CERT, certExpiresAt: null }, 'The TLS certificate of Checkout "API" expires soon.'],
    ['CERT_EXPIRED', EXPIRED, 'The TLS certificate of Checkout "API" expired 1 d ago.'],
    ['CERT_EXPIRED, expiry unknown', { ...EXPIRED, certExpiresAt: null }, 'The TLS certificate of Checkout "API" has expired.'],
  ] as Array<[string, ChannelEvent, string]>)('%s', (_name, e, lead) => {
    expect(leadSentence(e)).toBe(lead);
  });

  it('is the first line of the email for every kind', () => {
    for (const e of [DOWN, UP, REMINDER, CERT, EXPIRED, { ...UP, downtimeMs: null }]) {
      expect(renderEmail(e, TO).text.split('\n')[0], e.kind).toBe(leadSentence(e));
    }
  });
});

describe('message parts', () => {
  it('builds title, lead, facts, link and event id', () => {
    expect(messageParts(DOWN)).toEqual({
      title: '[DOWN] Checkout "API" (https://shop.example/health)',
      lead: 'Checkout "API" is down.',
      notes: [],
      facts: [
        ['Monitor', 'Checkout "API"'],
        ['Target', 'https://shop.example/health'],
        ['Reason', 'Timeout — Timed out after 10 s'],
        ['Time', '2025-03-04T05:06:07.000Z (Tue, 04 Mar 2025 05:06:07 UTC)'],
      ],
      link: DOWN.monitor.link,
      linkText: 'View the monitor',
      eventId: DOWN.eventId,
      eventIds: [DOWN.eventId],
    });
  });

  it('words UP, reminders and certificates', () => {
    expect(messageParts(UP).facts.map(([k]) => k)).toEqual(['Monitor', 'Target', 'It was down because', 'Back up at']);
    expect(messageParts(REMINDER).title).toBe('[STILL DOWN] Checkout "API" (https://shop.example/health)');
    expect(messageParts(REMINDER).lead).toBe('Checkout "API" is still down (for 1 h so far).');
    expect(messageParts(CERT).lead).toBe('The TLS certificate of Checkout "API" expires in 5 d.');
    expect(messageParts(CERT).facts.map(([k]) => k)).toEqual(['Monitor', 'Target', 'Certificate expiry', 'Time']);
    expect(messageParts(EXPIRED).title).toMatch(/^\[CERT EXPIRED\] /);
  });

  it('adds the notes: a marked test, an undelivered outage alert (UP only)', () => {
    expect(messageParts(TEST).title).toMatch(/^\[TEST\] \[DOWN\] /);
    expect(messageParts(TEST).notes).toEqual(['Test message from Pingboard: nothing happened to this monitor, this shows how its alerts will look.']);
    expect(messageParts(UP).notes).toEqual(['The alert that this monitor went down could not be delivered on this channel.']);
    expect(messageParts({ ...DOWN, outageAlertUndelivered: true }).notes).toEqual([]);
  });

  it('keeps names and errors on one line', () => {
    const parts = messageParts({ ...DOWN, monitor: { ...DOWN.monitor, name: 'two\nlines' }, error: 'a\r\nb' });
    expect(parts.lead).toBe('two lines is down.');
    expect(parts.title).not.toContain('\n');
    expect(parts.facts).toContainEqual(['Reason', 'Timeout — a b']);
    expect(plainText(parts).split('\n')).toEqual([
      'two lines is down.',
      '',
      'Monitor: two lines',
      'Target: https://shop.example/health',
      'Reason: Timeout — a b',
      'Time: 2025-03-04T05:06:07.000Z (Tue, 04 Mar 2025 05:06:07 UTC)',
      '',
      `View the monitor: ${DOWN.monitor.link}`,
      `Event id: ${DOWN.eventId}`,
    ]);
  });
});

describe('email bodies', () => {
  it('DOWN gives the reason, the time in ISO UTC and readable form, and the monitor link', () => {
    const { text, html } = renderEmail(event(), TO);
    for (const part of [text, html]) {
      expect(part).toContain('My API is down.');
      expect(part).toContain('Unexpected status — HTTP 503 Service Unavailable');
      expect(part).toContain('2025-03-04T05:06:07.000Z');
      expect(part).toContain('Tue, 04 Mar 2025 05:06:07 UTC');
      expect(part).toContain('https://pingboard.example.com/monitors/mon_1');
    }
    expect(html).toContain('<a href="https://pingboard.example.com/monitors/mon_1">');
  });

  it('UP says how long it was down', () => {
    const { text, html } = renderEmail(event({ kind: 'UP', downtimeMs: 192_000 }), TO);
    expect(text).toContain('My API is back up. It was down for 3 min 12 s.');
    expect(html).toContain('It was down for 3 min 12 s.');
    expect(text).toContain('It was down because: Unexpected status');
  });

  it('certificate alerts give the expiry date and the time left', () => {
    const certExpiresAt = new Date(DOWN.at.getTime() + 5 * 86_400_000);
    const { text } = renderEmail(event({ kind: 'CERT_EXPIRING', cause: 'tls_error', error: 'expires soon', certExpiresAt }), TO);
    expect(text).toContain('The TLS certificate of My API expires in 5 d.');
    expect(text).toContain(`Certificate expiry: ${certExpiresAt.toISOString()}`);
    const expired = renderEmail(event({ kind: 'CERT_EXPIRED', certExpiresAt: new Date(DOWN.at.getTime() - 7_200_000) }), TO);
    expect(expired.text).toContain('expired 2 h ago');
  });

  it('escapes every user-controlled value in the HTML part', () => {
    const xss = '"><img src=x onerror=alert(1)>';
    const { html, text } = renderEmail(event({ monitor: { id: 'a"b', name: xss, target: `https://x.test/?q=<script>` }, error: `<b>${xss}</b>` }), TO);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('https://x.test/?q=&lt;script&gt;');
    expect(html).toContain('href="https://pingboard.example.com/monitors/a%22b"');
    // The text part is plain text: shown as typed.
    expect(text).toContain(xss);
  });
});
