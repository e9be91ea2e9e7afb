import type { z } from 'zod';

// The contract between the delivery loop and one notification channel kind. Each kind is one
// provider module (lib/alerting/providers/<kind>.ts) in an exhaustive registry: it validates
// its own settings, renders its own message from the alert event and sends it.

export const CHANNEL_KINDS = [
  'email',
  'webhook',
  'slack',
  'discord',
  'teams',
  'google_chat',
  'telegram',
  'ntfy',
  'pushover',
  'gotify',
  'pagerduty',
] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export type EventKind = 'DOWN' | 'UP' | 'REMINDER' | 'CERT_EXPIRING' | 'CERT_EXPIRED' | 'DEGRADED' | 'DEGRADED_RESOLVED';

/**
 * Kinds whose alerts of several monitors of one user may share one message per channel when
 * they happen within ALERT_GROUP_WINDOW_SECONDS (held that long for company). Reminders and
 * certificate warnings are never held or grouped.
 */
export const GROUPABLE_KINDS: readonly EventKind[] = ['DOWN', 'UP', 'DEGRADED', 'DEGRADED_RESOLVED'];

export function isGroupable(kind: EventKind): boolean {
  return GROUPABLE_KINDS.includes(kind);
}

/** One alert event as every channel of a monitor receives it; `eventId` is shared by all of them. */
export interface ChannelEvent {
  /** One id per alert event, the same on every channel and every retry, so receivers can drop repeats. */
  eventId: string;
  kind: EventKind;
  at: Date;
  monitor: { id: string; name: string; /** url, host:port or 'heartbeat' */ target: string; /** the monitor's page */ link: string };
  incidentId: string | null;
  cause: string | null;
  error: string | null;
  /** UP: how long it was down; REMINDER: down so far; DEGRADED_RESOLVED: how long it was degraded. */
  downtimeMs: number | null;
  /** CERT_*: when the leaf certificate expires or expired. */
  certExpiresAt: Date | null;
  /** UP (DEGRADED_RESOLVED) only: the DOWN (DEGRADED) alert it ends could not be delivered on this channel, so say so. */
  outageAlertUndelivered?: boolean;
  /** A test message from POST /api/channels/:id/test: clearly marked as such. */
  test?: boolean;
  /**
   * Several monitors' alerts of one kind sent as one message: every member, this event first,
   * in event time order. The event's own fields are the first member's. Absent (or one member):
   * a message about this event alone.
   */
  group?: ChannelEvent[];
}

/** Marks a DeliveryError whichever copy of this module made it (see Symbol.hasInstance below). */
const DELIVERY_ERROR = Symbol.for('pingboard.DeliveryError');

/** Why a send did not work. Permanent failures (bad credentials, unknown endpoint, invalid settings) are not retried. */
export class DeliveryError extends Error {
  /**
   * Next.js may load this module once per bundle (instrumentation, each route), and the provider
   * context is shared through globalThis, so an error thrown by one copy reaches code holding the
   * other. `instanceof` checks the brand instead of the prototype, so it holds across copies.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DELIVERY_ERROR] === true;
  }

  readonly [DELIVERY_ERROR] = true;

  constructor(
    message: string,
    readonly permanent: boolean,
    readonly providerStatus?: number,
    /** The provider asked us to wait this long (Retry-After). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface HttpRequest {
  url: string;
  method?: 'POST' | 'PUT' | 'GET';
  headers?: Record<string, string>;
  body?: string;
  /** Operator-configured endpoints (env base URLs) skip the private-address rule; metadata addresses stay refused. */
  trusted?: boolean;
  /** Values that must never appear in an error message (tokens in the body, keys in headers), redacted if a server echoes them. */
  secrets?: readonly string[];
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The first 64 KiB of the body, as text. */
  body: string;
}

/** HTTP for providers: outbound policy on every hop, a deadline, a capped body; throws DeliveryError. */
export type OutboundHttp = (req: HttpRequest) => Promise<HttpResponse>;

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<eventId@pingboard>`, so mail clients and filters can drop a repeat. */
  messageId: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  /** 'smtp' when SMTP_HOST is set, else 'sendgrid' when its key is set, else null (email cannot be sent). */
  readonly transport: 'smtp' | 'sendgrid' | null;
  send(message: EmailMessage): Promise<{ providerStatus?: number }>;
}

/** Operator settings the providers read (env), passed in so tests can point them at fakes. */
export interface ProviderEnv {
  appUrl: string;
  telegramApiBaseUrl: string;
  pushoverApiBaseUrl: string;
  pagerdutyEventsUrl: string;
}

export interface ProviderContext {
  http: OutboundHttp;
  mailer: Mailer;
  env: ProviderEnv;
}

export interface SendResult {
  /** The provider's HTTP status (or SMTP reply code) when there was one. */
  providerStatus?: number;
}

export interface ChannelProvider<S extends z.ZodType = z.ZodType> {
  readonly kind: ChannelKind;
  /** "Slack", "Microsoft Teams": shown in lists and the kind picker. */
  readonly label: string;
  /** One short line for the form: where to get the settings. */
  readonly help: string;
  /** The kind's settings, as the API and the import format take them (strict: unknown keys are refused). */
  readonly settings: S;
  /** Top-level settings keys that are write-only: masked in every response, kept when an update omits them. */
  readonly secretFields: readonly string[];
  /** Settings keys holding user-supplied URLs, checked against the outbound policy when saved. */
  readonly urlFields: readonly string[];
  /** Brings an accepted alternative input form to the stored form before an update is merged (webhook header lists). */
  normalizeInput?(raw: Record<string, unknown>): Record<string, unknown>;
  /** Whether this kind gets this event at all (default: every kind). */
  handles?(kind: EventKind): boolean;
  /**
   * false: every alert is a message of its own, never held or grouped with other monitors'
   * (PagerDuty: each incident keeps its own dedup key, so its resolve finds it). Default: this
   * kind renders a ChannelEvent's `group` as one message.
   */
  readonly groups?: false;
  send(settings: z.infer<S>, event: ChannelEvent, ctx: ProviderContext): Promise<SendResult>;
}

/** Where the worker puts alert events: which channel kinds take an event, and a nudge once deliveries are written. */
export interface AlertOutbox {
  channelKindsFor(kind: EventKind): readonly ChannelKind[];
  /** How long a groupable alert's delivery on this channel kind is held for company: ALERT_GROUP_WINDOW_SECONDS, or 0 for kinds that never group. */
  holdMs(channelKind: ChannelKind): number;
  /** Deliveries were just committed; the delivery loop may look at once instead of at its next poll. */
  written(): void;
}
