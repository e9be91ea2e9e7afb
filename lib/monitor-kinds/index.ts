import type { MonitorKind, MonitorType, TargetSource } from '@/lib/monitor-kinds/types';
import { httpKind } from '@/lib/monitor-kinds/http';
import { tcpKind } from '@/lib/monitor-kinds/tcp';
import { heartbeatKind } from '@/lib/monitor-kinds/heartbeat';

// Every monitor kind, by type. The record is exhaustive: a type in the database enum without
// a kind here is a compile error. Its order is the order the type picker shows.

export const MONITOR_KINDS = {
  http: httpKind,
  tcp: tcpKind,
  heartbeat: heartbeatKind,
} satisfies Record<MonitorType, MonitorKind>;

export function monitorKind(type: MonitorType): MonitorKind {
  return MONITOR_KINDS[type];
}

/** What an alert names as the monitored thing: the URL, host:port, or 'heartbeat' for push monitors. */
export function monitorTarget(m: TargetSource & { type: MonitorType }): string {
  return monitorKind(m.type).target(m);
}

export type { CheckAction, DueAction, KindSchedule, KindUi, MonitorFieldKey, MonitorKind, MonitorType } from '@/lib/monitor-kinds/types';
