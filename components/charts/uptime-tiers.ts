import { CHART_COLORS } from '@/components/charts/colors';

// An uptime slice is coloured by degree, not all-or-nothing: a slice where 19 of 25 checks
// passed (76 %) is mostly up and reads amber, not the red of a slice that was down.

export type UptimeTier = 'full' | 'partial' | 'down' | 'empty';

/** Below this share of passing checks a slice reads as down. */
export const DOWN_BELOW_PERCENT = 50;

export function uptimeTier(b: { totalChecks: number; upChecks: number }): UptimeTier {
  if (b.totalChecks <= 0) return 'empty';
  if (b.upChecks >= b.totalChecks) return 'full';
  return (b.upChecks / b.totalChecks) * 100 < DOWN_BELOW_PERCENT ? 'down' : 'partial';
}

export const TIER_COLORS: Record<UptimeTier, string> = {
  full: CHART_COLORS.up,
  partial: '#d97706', // amber-600, as a paused monitor
  down: CHART_COLORS.down,
  empty: CHART_COLORS.empty,
};

/** The legend, in the order shown. */
export const TIER_LEGEND: ReadonlyArray<{ tier: UptimeTier; label: string }> = [
  { tier: 'full', label: 'All checks up' },
  { tier: 'partial', label: `Some failed (${DOWN_BELOW_PERCENT}–99.9 % up)` },
  { tier: 'down', label: `Mostly down (under ${DOWN_BELOW_PERCENT} % up)` },
  { tier: 'empty', label: 'No checks' },
];
