// The contract between the worker (which decides that something happened) and the alerting
// layer (which words it and delivers it). Nothing here touches the database or the network.

export type AlertKind = 'DOWN' | 'UP' | 'REMINDER' | 'CERT_EXPIRING' | 'CERT_EXPIRED';

export interface AlertEvent {
  kind: AlertKind;
  monitorId: string;
  incidentId: string | null;
  monitor: { id: string; name: string; /** url, host:port or 'heartbeat' */ target: string };
  /** The monitor owner's email. */
  recipient: string;
  at: Date;
  cause: string | null;
  error: string | null;
  /** DOWN→UP: how long it was down (REMINDER: down so far). */
  downtimeMs?: number | null;
  /** CERT_*: when the leaf certificate expires / expired. */
  certExpiresAt?: Date | null;
}

export interface AlertMessage {
  subject: string;
  text: string;
  html: string;
}

export type AlertChannel = 'email';

export interface AlertProvider {
  readonly channel: AlertChannel;
  /** false when not configured (e.g. no API key): the alert is logged and stored as skipped */
  isConfigured(): boolean;
  send(recipient: string, message: AlertMessage): Promise<void>;
}

export type AlertOutcome = 'sent' | 'failed' | 'skipped';
