import { describe, expect, it } from 'vitest';
import { renderAlert, toSingleLine } from '@/lib/alerting/templates';
import type { AlertEvent } from '@/lib/alerting/types';

const AT = new Date('2025-03-04T05:06:07.000Z');
const APP = 'https://pingboard.example.com/';

function event(overrides: Partial<AlertEvent> = {}): AlertEvent {
  return {
    kind: 'DOWN',
    monitorId: 'mon_1',
    incidentId: 'inc_1',
    monitor: { id: 'mon_1', name: 'My API', target: 'https://api.example.com' },
    recipient: 'owner@example.com',
    at: AT,
    cause: 'http_status',
    error: 'HTTP 503 Service Unavailable',
    ...overrides,
  };
}

describe('renderAlert subjects', () => {
  it.each([
    ['DOWN', '[DOWN] My API (https://api.example.com)'],
    ['UP', '[UP] My API (https://api.example.com)'],
    ['REMINDER', '[STILL DOWN] My API (https://api.example.com)'],
    ['CERT_EXPIRING', '[CERT EXPIRING] My API (https://api.example.com)'],
    ['CERT_EXPIRED', '[CERT EXPIRED] My API (https://api.example.com)'],
  ] as const)('%s', (kind, subject) => {
    expect(renderAlert(event({ kind }), APP).subject).toBe(subject);
  });

  it('strips CR/LF so a name cannot inject mail headers', () => {
    const { subject } = renderAlert(event({ monitor: { id: 'm', name: 'Evil\r\nBcc: victim@example.com', target: 'x\n:1' } }), APP);
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toBe('[DOWN] Evil Bcc: victim@example.com (x :1)');
    expect(toSingleLine('a\u2028b\u0000c\t d')).toBe('a b c d');
  });
});

describe('renderAlert bodies', () => {
  it('DOWN gives the reason, the time in ISO UTC and readable form, and the monitor link', () => {
    const { text, html } = renderAlert(event(), APP);
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
    const { text, html } = renderAlert(event({ kind: 'UP', downtimeMs: 192_000 }), APP);
    expect(text).toContain('My API is back up. It was down for 3 min 12 s.');
    expect(html).toContain('It was down for 3 min 12 s.');
    expect(text).toContain('It was down because: Unexpected status');
  });

  it('certificate alerts give the expiry date and the time left', () => {
    const certExpiresAt = new Date(AT.getTime() + 5 * 86_400_000);
    const { text } = renderAlert(event({ kind: 'CERT_EXPIRING', cause: 'tls_error', error: 'expires soon', certExpiresAt }), APP);
    expect(text).toContain('The TLS certificate of My API expires in 5 d.');
    expect(text).toContain(`Certificate expiry: ${certExpiresAt.toISOString()}`);
    const expired = renderAlert(event({ kind: 'CERT_EXPIRED', certExpiresAt: new Date(AT.getTime() - 7_200_000) }), APP);
    expect(expired.text).toContain('expired 2 h ago');
  });

  it('escapes every user-controlled value in the HTML part', () => {
    const xss = '"><img src=x onerror=alert(1)>';
    const { html, text } = renderAlert(
      event({ monitor: { id: 'a"b', name: xss, target: `https://x.test/?q=<script>` }, error: `<b>${xss}</b>` }),
      APP,
    );
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
