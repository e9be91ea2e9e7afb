import { describe, expect, it } from 'vitest';
import { median, timingMedians } from '@/lib/domain/timing-medians';

describe('timing medians', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[1, 2, 3, 10], 3],
    [[10, 1000, 12], 12],
  ])('median of %j is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('groups samples into equal buckets and ignores missing phases', () => {
    const from = new Date(0);
    const to = new Date(24 * 60_000);
    const samples = [
      { checkedAt: 10_000, dnsMs: 1, connectMs: 2, tlsMs: null, ttfbMs: 10, transferMs: 1 },
      { checkedAt: 20_000, dnsMs: 3, connectMs: 4, tlsMs: null, ttfbMs: 30, transferMs: 1 },
      { checkedAt: 50_000, dnsMs: 100, connectMs: 2, tlsMs: null, ttfbMs: 11, transferMs: 2 },
      { checkedAt: 23 * 60_000 + 1, dnsMs: null, connectMs: 1, tlsMs: 5, ttfbMs: 9, transferMs: 0 },
    ];
    const b = timingMedians(samples, from, to, 24);
    expect(b).toHaveLength(24);
    expect(b[0]).toMatchObject({ samples: 3, dnsMs: 3, connectMs: 2, tlsMs: null, ttfbMs: 11, transferMs: 1 });
    expect(b[1]).toMatchObject({ samples: 0, dnsMs: null, ttfbMs: null });
    expect(b[23]).toMatchObject({ samples: 1, dnsMs: null, tlsMs: 5 });
  });
});
