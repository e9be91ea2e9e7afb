import { describe, expect, it } from 'vitest';
import { checkId } from '@/lib/ids';

// Check ids are 20 characters of a 64-symbol alphabet in ASCII order: 48 bits of time, then
// 72 random bits. As strings they sort by the time they carry, whatever the random part.

const ALPHABET = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

/** The millisecond time in the first 48 bits (8 symbols). */
const timeOf = (id: string) => [...id.slice(0, 8)].reduce((v, c) => v * 64 + ALPHABET.indexOf(c), 0);

describe('checkId', () => {
  it('is 20 URL-safe characters that carry the time it was made for', () => {
    for (const ms of [0, 1, Date.UTC(2026, 11, 5, 6, 0, 0, 123), 2 ** 48 - 1]) {
      const id = checkId(ms);
      expect(id).toMatch(/^[-0-9A-Z_a-z]{20}$/);
      expect(timeOf(id)).toBe(ms);
    }
  });

  it('sorts as text by time, including within one millisecond', () => {
    const start = Date.UTC(2026, 11, 5);
    const made = Array.from({ length: 5000 }, (_, i) => ({ ms: start + Math.floor(i / 3) * 7 + (i % 2 ? 1_000_000 : 0), id: '' }));
    for (const m of made) m.id = checkId(m.ms);
    const byText = [...made].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const times = byText.map((m) => m.ms);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('does not repeat', () => {
    const ms = Date.now();
    const ids = new Set(Array.from({ length: 100_000 }, () => checkId(ms)));
    expect(ids.size).toBe(100_000);
  });
});
