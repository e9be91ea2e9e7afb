import type { Phase } from '@/lib/domain/phases';

// Chart colours match the status badges (see app/globals.css).
export const CHART_COLORS = {
  up: '#16a34a',
  down: '#dc2626',
  pending: '#a1a1aa',
  empty: 'rgba(161, 161, 170, 0.25)',
  latency: '#0284c7',
} as const;

export function statusColor(status: string | null): string {
  if (status === 'UP') return CHART_COLORS.up;
  if (status === 'DOWN') return CHART_COLORS.down;
  if (status === null) return CHART_COLORS.empty;
  return CHART_COLORS.pending;
}

/** One colour per request phase; the waterfall and the breakdown chart also name each phase in text. */
export const PHASE_COLORS = {
  dnsMs: '#8b5cf6',
  connectMs: '#f59e0b',
  tlsMs: '#ec4899',
  ttfbMs: '#0284c7',
  transferMs: '#14b8a6',
} as const satisfies Record<Phase, string>;
