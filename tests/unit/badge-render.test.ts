import { describe, expect, it } from 'vitest';
import { BADGE_TEXT_MAX, notFoundBadge, renderBadge, uptimeColor } from '@/lib/badges/render-badge';

// Badges are drawn by badge-maker; what is ours is the colours, the cap on text length, and that
// whatever an owner names a monitor still yields a well-formed SVG.

const wellFormed = (svg: string) => svg.startsWith('<svg') && svg.trimEnd().endsWith('</svg>');

describe('badges', () => {
  it('draws a flat badge with our colour', () => {
    const svg = renderBadge({ label: 'uptime', message: '99.9%', color: 'up' });
    expect(wellFormed(svg)).toBe(true);
    expect(svg).toContain('#2ea44f');
    expect(svg).toContain('>uptime<');
    expect(svg).toContain('>99.9%<');
  });

  it('draws a degraded status in amber', () => {
    const svg = renderBadge({ label: 'status', message: 'degraded', color: 'degraded' });
    expect(svg).toContain('#dfa000');
    expect(svg).toContain('>degraded<');
  });

  it('escapes the label and message, and drops characters XML forbids', () => {
    const svg = renderBadge({ label: '<script>alert(1)</script> & co', message: 'a "b"\u0000', color: 'down' });
    expect(wellFormed(svg)).toBe(true);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(svg).toContain('a &quot;b&quot;');
    expect(svg).not.toContain('\u0000');
  });

  it('caps long text', () => {
    const svg = renderBadge({ label: 'x'.repeat(500), message: 'y'.repeat(500), color: 'neutral' });
    expect(svg).toContain(`>${'x'.repeat(BADGE_TEXT_MAX - 1)}…<`);
    expect(svg).not.toContain('x'.repeat(BADGE_TEXT_MAX));
  });

  it('says "not found" in grey', () => {
    const svg = notFoundBadge();
    expect(wellFormed(svg)).toBe(true);
    expect(svg).toContain('>badge<');
    expect(svg).toContain('>not found<');
    expect(svg).toContain('#9f9f9f');
    expect(notFoundBadge('status')).toContain('>status<');
  });

  it.each([
    [100, 'up'],
    [99, 'up'],
    [98.99, 'warn'],
    [95, 'warn'],
    [94.9, 'down'],
    [null, 'neutral'],
  ] as const)('colours %s %% as %s', (p, color) => {
    expect(uptimeColor(p)).toBe(color);
  });
});
