// Start-up recovery: an incident opened (or closed) and the process died before the alert
// went out, so there is no Alert row at all. A row with any outcome means it was attempted.
import { incidentsWithUnsentAlerts } from '@/lib/data/alerts';
import { monitorTarget } from '@/lib/monitor-kinds';
import type { AlertEvent } from './types';

/**
 * Alerts never attempted for incidents started (DOWN) or ended (UP) since `since`,
 * grouped per incident and in order, so a late DOWN always goes out before its UP.
 */
export async function findMissedAlerts(since: Date): Promise<AlertEvent[][]> {
  const incidents = await incidentsWithUnsentAlerts(since);

  return incidents.map((incident) => {
    const { monitor } = incident;
    const attempted = new Set(incident.alerts.map((a) => a.kind));
    const base = {
      monitorId: monitor.id,
      incidentId: incident.id,
      monitor: { id: monitor.id, name: monitor.name, target: monitorTarget(monitor) },
      recipient: monitor.user.email,
      cause: incident.cause,
    };
    const events: AlertEvent[] = [];
    if (!attempted.has('DOWN') && incident.startedAt >= since) {
      events.push({ ...base, kind: 'DOWN', at: incident.startedAt, error: incident.firstError });
    }
    if (incident.endedAt && !attempted.has('UP') && incident.endedAt >= since) {
      const downtimeMs = incident.endedAt.getTime() - incident.startedAt.getTime();
      events.push({ ...base, kind: 'UP', at: incident.endedAt, error: incident.lastError, downtimeMs });
    }
    return events;
  });
}
