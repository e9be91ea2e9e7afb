// Each monitor's place in its interval (lib/worker/cadence): fixed per id, spread evenly over a
// fleet, and reached after a spread first check without a double check or a long gap.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { phaseOf, placedNextDue, slotAtOrAfter } from '@/lib/worker/cadence';

describe('phaseOf', () => {
  it('is the same for one id every time and within the period', () => {
    for (const period of [1000, 30_000, 86_400_000]) {
      const id = randomUUID();
      const phase = phaseOf(id, period);
      expect(phaseOf(id, period)).toBe(phase);
      expect(phase).toBeGreaterThanOrEqual(0);
      expect(phase).toBeLessThan(period);
      expect(Number.isInteger(phase)).toBe(true);
    }
  });

  it('spreads 10,000 ids made in one burst evenly: no second of a 30 s interval has twice its share', () => {
    // cuid-like ids made together share most of their characters, as API-created ones do.
    const ids = Array.from({ length: 10_000 }, (_, i) => `cmx994f3f${String(i).padStart(6, '0')}517dnhbr38bm`);
    const perSecond = new Array<number>(30).fill(0);
    for (const id of ids) perSecond[Math.floor(phaseOf(id, 30_000) / 1000)]++;
    const mean = ids.length / 30;
    expect(Math.max(...perSecond)).toBeLessThan(1.25 * mean);
    expect(Math.min(...perSecond)).toBeGreaterThan(0.75 * mean);
  });
});

describe('slotAtOrAfter', () => {
  it('finds the next time on the phase, or the time itself when it is on it', () => {
    expect(slotAtOrAfter(10_000, 3000, 1000)).toBe(10_000); // 10,000 mod 3,000 = 1,000
    expect(slotAtOrAfter(10_001, 3000, 1000)).toBe(13_000);
    expect(slotAtOrAfter(9_999, 3000, 1000)).toBe(10_000);
    expect(slotAtOrAfter(1_764_000_000_123, 30_000, 0) % 30_000).toBe(0);
  });
});

describe('placedNextDue', () => {
  it('lands on the phase between three quarters of an interval and one and three quarters after the spread check', () => {
    const period = 30_000;
    for (let i = 0; i < 1000; i++) {
      const dueAt = 1_764_000_000_000 + Math.floor(Math.random() * 1_000_000);
      const phase = Math.floor(Math.random() * period);
      const next = placedNextDue(dueAt, period, phase);
      expect(next % period).toBe(phase);
      expect(next - dueAt).toBeGreaterThanOrEqual(0.75 * period);
      expect(next - dueAt).toBeLessThan(1.75 * period);
    }
  });
});
