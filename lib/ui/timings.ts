import { PHASES, type Phase } from '@/lib/domain/phases';
import type { CheckDto } from '@/lib/dto';

// Phase names and the waterfall layout of one check, shared by the waterfall and the
// breakdown chart. Pure, so the maths is the same on the server and in the browser.

/** A Record over the phases, so a phase added without a label is a compile error. */
export const PHASE_LABELS: Record<Phase, string> = {
  dnsMs: 'DNS',
  connectMs: 'Connect',
  tlsMs: 'TLS',
  ttfbMs: 'TTFB',
  transferMs: 'Transfer',
};

export interface WaterfallSegment {
  key: Phase;
  label: string;
  ms: number;
  /** Start and width as percentages of the whole bar. */
  offsetPct: number;
  widthPct: number;
}

/** The phases that happened, one after the other; phases that did not (no TLS on http) are left out. */
export function waterfallSegments(t: CheckDto['timings'] | null | undefined): { segments: WaterfallSegment[]; totalMs: number } {
  if (!t) return { segments: [], totalMs: 0 };
  const present = PHASES.flatMap((key) => (t[key] === null || t[key] === undefined ? [] : [{ key, label: PHASE_LABELS[key], ms: Math.max(0, t[key] as number) }]));
  const sum = present.reduce((s, p) => s + p.ms, 0);
  const totalMs = Math.max(t.totalMs ?? 0, sum);
  let start = 0;
  const segments = present.map((p) => {
    const seg = { key: p.key, label: p.label, ms: p.ms, offsetPct: totalMs ? (start / totalMs) * 100 : 0, widthPct: totalMs ? (p.ms / totalMs) * 100 : 0 };
    start += p.ms;
    return seg;
  });
  return { segments, totalMs };
}

/** "0.4 ms", "12 ms", "1.25 s": phases are often under a millisecond on a LAN. */
export function formatPhaseMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms > 0 && ms < 10 && !Number.isInteger(ms)) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms)} ms`;
}
