// What a public status page shows, and nothing else: the one shape the HTML page, summary.json
// and the Atom feed are rendered from. Built by lib/services/public-status.ts from the owner's
// choices, so a field that is not here cannot leak into any public response.

/** degraded: up, but slower than the monitor's thresholds ("Degraded performance"). */
export type ComponentStatus = 'operational' | 'degraded' | 'down' | 'maintenance' | 'pending' | 'paused';
/** From best to worst: operational, maintenance, degraded_performance, partial_outage, major_outage. */
export type OverallStatus = 'operational' | 'maintenance' | 'degraded_performance' | 'partial_outage' | 'major_outage';
export type IncidentImpact = 'none' | 'minor' | 'major' | 'critical';
export type IncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';

export interface PublicOutage {
  /** ISO 8601. */
  start: string;
  /** ISO 8601; null while it lasts. */
  end: string | null;
}

export interface PublicDay {
  /** The UTC day, YYYY-MM-DD. */
  date: string;
  /** Percent with two decimals, maintenance checks included; null: no checks that day. */
  uptime: number | null;
  /** Percent with maintenance checks left out; null: none outside maintenance. */
  uptimeExcludingMaintenance: number | null;
  totalChecks: number;
  maintenanceChecks: number;
  /** Automatic outages (incidents of the monitor) that overlap the day, at most a few. */
  outages: PublicOutage[];
}

/** Only with showDetails on. */
export interface PublicDetails {
  /** The URL, or host:port of a TCP monitor; null for heartbeat monitors. */
  target: string | null;
  lastLatencyMs: number | null;
  /** Average response time over the 90 days, from rollups. */
  avgLatencyMs: number | null;
  lastError: string | null;
  lastCheckedAt: string | null;
}

export interface PublicComponent {
  /** An opaque id, stable for the page: not the monitor's id. */
  id: string;
  name: string;
  status: ComponentStatus;
  /** ISO 8601: when the current status began (down since ...). */
  since: string | null;
  /** Over the 90 days, with and without maintenance. */
  uptime90d: number | null;
  uptime90dExcludingMaintenance: number | null;
  /** Oldest first, exactly 90 entries, the last one today. */
  days: PublicDay[];
  details: PublicDetails | null;
}

export interface PublicSection {
  name: string;
  components: PublicComponent[];
}

export interface PublicIncidentUpdate {
  status: IncidentStatus;
  /** The owner's text as written; renderers escape it (Markdown subset for HTML). */
  message: string;
  at: string;
}

export interface PublicIncident {
  id: string;
  title: string;
  impact: IncidentImpact;
  status: IncidentStatus;
  startedAt: string;
  resolvedAt: string | null;
  updatedAt: string;
  /** Display names of the affected components on this page. */
  affected: string[];
  /** Newest first. */
  updates: PublicIncidentUpdate[];
}

/** A monitor of the page that is down now, shown without the owner writing anything. */
export interface PublicOutageNotice {
  component: string;
  since: string;
}

export interface PublicMaintenance {
  id: string;
  title: string;
  /** The current or next occurrence. */
  start: string;
  end: string;
  active: boolean;
  affected: string[];
}

export interface PublicStatusView {
  slug: string;
  title: string;
  description: string | null;
  logoUrl: string | null;
  footerText: string | null;
  overall: OverallStatus;
  sections: PublicSection[];
  /** Unresolved written incidents, newest first. */
  activeIncidents: PublicIncident[];
  /** Automatic outages of monitors on the page. */
  outages: PublicOutageNotice[];
  /** Active and upcoming (next 14 days) maintenance. */
  maintenance: PublicMaintenance[];
  /** Resolved written incidents of the last 14 days, newest first. */
  pastIncidents: PublicIncident[];
  /** When this view was computed (ISO 8601). */
  generatedAt: string;
}
