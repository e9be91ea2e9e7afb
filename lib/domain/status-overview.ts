import type { ComponentStatus, IncidentImpact, OverallStatus } from '@/lib/status-pages/public-view';
import type { MonitorStatus } from '@/lib/generated/prisma/enums';

// How a status page sums up: each monitor's public status, and the banner over all of them.
// Pure, so the rules have a table of tests.

export function componentStatus(m: { active: boolean; status: MonitorStatus }, inMaintenance: boolean): ComponentStatus {
  if (!m.active) return 'paused';
  if (inMaintenance) return 'maintenance';
  if (m.status === 'DOWN') return 'down';
  if (m.status === 'DEGRADED') return 'degraded';
  if (m.status === 'UP') return 'operational';
  return 'pending';
}

const RANK: Record<OverallStatus, number> = { operational: 0, maintenance: 1, degraded_performance: 2, partial_outage: 3, major_outage: 4 };

/** A written incident's impact, as a banner: critical is a major outage, major a partial one; minor and none leave it be. */
function impactStatus(impact: IncidentImpact): OverallStatus {
  if (impact === 'critical') return 'major_outage';
  if (impact === 'major') return 'partial_outage';
  return 'operational';
}

/**
 * Every monitor that can be judged (not paused, not pending) down: a major outage; some: a
 * partial one; none down but some degraded: degraded performance; none of those but some in
 * maintenance: under maintenance. An active written incident can make it worse, never better.
 */
export function overallStatus(components: ComponentStatus[], activeImpacts: IncidentImpact[]): OverallStatus {
  const judged = components.filter((c) => c !== 'paused' && c !== 'pending');
  const down = judged.filter((c) => c === 'down').length;
  let overall: OverallStatus = 'operational';
  if (down > 0) overall = down === judged.length ? 'major_outage' : 'partial_outage';
  else if (judged.some((c) => c === 'degraded')) overall = 'degraded_performance';
  else if (judged.some((c) => c === 'maintenance')) overall = 'maintenance';
  for (const impact of activeImpacts) {
    const s = impactStatus(impact);
    if (RANK[s] > RANK[overall]) overall = s;
  }
  return overall;
}
