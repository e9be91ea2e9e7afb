import { describe, expect, it } from 'vitest';
import { componentStatus, overallStatus } from '@/lib/domain/status-overview';
import type { ComponentStatus, IncidentImpact, OverallStatus } from '@/lib/status-pages/public-view';
import type { MonitorStatus } from '@/lib/generated/prisma/enums';

describe('componentStatus', () => {
  it.each([
    // active, status, in maintenance, public status
    [false, 'DOWN', true, 'paused'], // paused wins over maintenance and over being down
    [false, 'UP', false, 'paused'],
    [true, 'DOWN', true, 'maintenance'], // maintenance hides the outage it was declared for
    [true, 'UP', true, 'maintenance'],
    [true, 'PENDING', true, 'maintenance'],
    [true, 'DOWN', false, 'down'],
    [true, 'UP', false, 'operational'],
    [true, 'DEGRADED', false, 'degraded'], // up, but slower than its thresholds
    [true, 'DEGRADED', true, 'maintenance'],
    [false, 'DEGRADED', false, 'paused'],
    [true, 'PENDING', false, 'pending'],
    [true, 'BLOCKED', false, 'pending'], // not checked, so not judged
  ] as const satisfies ReadonlyArray<readonly [boolean, MonitorStatus, boolean, ComponentStatus]>)(
    'active %s, %s, maintenance %s -> %s',
    (active, status, inMaintenance, expected) => {
      expect(componentStatus({ active, status }, inMaintenance)).toBe(expected);
    },
  );
});

describe('overallStatus', () => {
  it.each([
    // components, active incident impacts, banner
    [[], [], 'operational'],
    [['operational', 'operational'], [], 'operational'],
    [['down'], [], 'major_outage'],
    [['down', 'down'], [], 'major_outage'],
    [['down', 'operational'], [], 'partial_outage'],
    [['down', 'maintenance'], [], 'partial_outage'], // a monitor in maintenance is judged, and is not down
    [['maintenance', 'maintenance'], [], 'maintenance'],
    [['maintenance', 'operational'], [], 'maintenance'],
    // Slow but up: degraded performance, above maintenance and below any outage.
    [['degraded', 'operational'], [], 'degraded_performance'],
    [['degraded', 'degraded'], [], 'degraded_performance'], // every monitor slow is still no outage
    [['degraded', 'maintenance'], [], 'degraded_performance'],
    [['degraded', 'down'], [], 'partial_outage'],
    [['degraded', 'paused', 'pending'], [], 'degraded_performance'],
    [['degraded'], ['minor'], 'degraded_performance'],
    [['degraded'], ['major'], 'partial_outage'],
    [['degraded'], ['critical'], 'major_outage'],
    // Paused and pending monitors are not judged at all.
    [['down', 'paused', 'pending'], [], 'major_outage'],
    [['down', 'paused', 'operational'], [], 'partial_outage'],
    [['paused', 'pending'], [], 'operational'],
    [['paused', 'maintenance'], [], 'maintenance'],
    // Written incidents: critical is a major outage, major a partial one, minor and none nothing.
    [['operational'], ['critical'], 'major_outage'],
    [['operational'], ['major'], 'partial_outage'],
    [['operational'], ['minor'], 'operational'],
    [['operational'], ['none'], 'operational'],
    [[], ['critical'], 'major_outage'], // an incident needs no monitors to show
    [['maintenance'], ['major'], 'partial_outage'],
    [['maintenance'], ['minor', 'none'], 'maintenance'],
    [['operational'], ['minor', 'major', 'none'], 'partial_outage'], // the worst impact counts
    [['operational'], ['major', 'critical'], 'major_outage'],
    // Incidents only make it worse, never better.
    [['down'], ['minor'], 'major_outage'],
    [['down'], ['major'], 'major_outage'],
    [['down', 'operational'], ['none'], 'partial_outage'],
    [['down', 'operational'], ['critical'], 'major_outage'],
  ] as const satisfies ReadonlyArray<readonly [readonly ComponentStatus[], readonly IncidentImpact[], OverallStatus]>)(
    '%j with incidents %j -> %s',
    (components, impacts, expected) => {
      expect(overallStatus([...components], [...impacts])).toBe(expected);
    },
  );
});
