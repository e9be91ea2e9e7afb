import type { z } from 'zod';
import type { Monitor } from '@/lib/generated/prisma/client';
import type { CheckOutcome, Probe } from '@/lib/checker/types';
import type { intIn, MonitorFields } from '@/lib/schemas/monitor';

// The contract every monitor kind meets. Everything that differs between http, tcp and
// heartbeat monitors lives behind it, so the scheduler, the request schema, the alerts and
// the pages ask the monitor's kind instead of comparing its type.

export type MonitorType = Monitor['type'];
export type MonitorFieldKey = keyof MonitorFields;

/**
 * What a kind builds its request fields with, handed in by lib/schemas/monitor.ts. Kinds
 * import zod for its types only, so the pages that only read a kind (the dashboard, the
 * monitor page) load no validation library.
 */
export interface FieldTools {
  z: typeof z;
  intIn: typeof intIn;
}

/** A rule that spans fields broke: reported at the field a form shows it beside. */
export function configIssue(path: PropertyKey[], message: string): z.core.$ZodIssue {
  return { code: 'custom', path, message, input: undefined };
}

/** What the worker does when a monitor's timer fires, or when someone asks for a check now. */
export type DueAction =
  /** Run the kind's probe and apply its outcome. */
  | { run: 'probe' }
  /** Apply a result known without probing, such as a missed heartbeat. */
  | { run: 'outcome'; outcome: CheckOutcome }
  /** Not due yet (a push moved the deadline): arm the timer again in this many milliseconds. */
  | { run: 'wait'; delayMs: number };

export type CheckAction = Exclude<DueAction, { run: 'wait' }>;

/** When a monitor of this kind is due and what being due means. */
export interface KindSchedule {
  /** Milliseconds until the first due time when the timer is armed afresh (start, settings change, push); `defaultDelayMs` is the worker's own choice. */
  firstDelayMs(m: Monitor, now: number, defaultDelayMs: number): number;
  /** The timer fired at `now`. */
  onTimer(m: Monitor, now: number): DueAction;
  /** "Check now" at `now`. */
  onCheckNow(m: Monitor, now: number): CheckAction;
  /** Push kinds only: the monitor's job reported in (ok) or reported a failure at `at`. */
  onPush?(m: Monitor, ok: boolean, at: Date): { monitor: Monitor; outcome: CheckOutcome };
}

/** A URL or a bare host the monitor will connect to, named by the settings field it came from. */
export type PolicyTarget = { field: 'url'; url: string } | { field: 'host'; host: string };

/** The columns a target label is made of; stored rows and API responses both have them. */
export type TargetSource = Pick<Monitor, 'url' | 'host' | 'port'>;
/** What the monitor page's line under the name is made of. */
export type HeadlineSource = TargetSource & Pick<Monitor, 'method' | 'graceSeconds'>;

/** How the pages show and edit a monitor of this kind. Plain data and pure functions: the browser loads it too. */
export interface KindUi {
  /** The type picker's title and hint. */
  label: string;
  hint: string;
  /** The settings this kind reads beyond the common ones (name, type, interval, active, reminder): the form shows inputs for exactly these. */
  formFields: readonly MonitorFieldKey[];
  /** What the folded "Advanced options" hold, shown beside its title. */
  advancedSummary: string;
  /** The dashboard's target column. */
  target(m: TargetSource): string;
  /** The line under the name on the monitor page; `every` is the interval, already formatted. */
  headline(m: HeadlineSource, every: string): string;
  /** Whether checks of this monitor can see a TLS certificate worth showing. */
  showsCertificate(m: { url: string | null; certExpiresAt: string | null }): boolean;
}

export interface MonitorKind {
  type: MonitorType;
  /** The kind's own request fields, its branch of the request schema; every monitor accepts them (see lib/schemas/monitor.ts). */
  fields(tools: FieldTools): z.core.$ZodShape;
  /** Rules that apply when this is the monitor's kind, checked on the complete monitor. */
  configIssues(m: MonitorFields): z.core.$ZodIssue[];
  /** Rules on this kind's own fields, checked on every monitor, because every monitor accepts them. */
  fieldIssues(m: MonitorFields): z.core.$ZodIssue[];
  /** Checked by the worker with a probe (latency, timings, a timeout, retries); false for push kinds. */
  probed: boolean;
  /** Gets a secret URL its job pings. */
  needsPushToken: boolean;
  /** What the outbound policy must judge when the monitor is saved, and the field to blame; null when nothing is contacted. */
  policyTarget(f: MonitorFields): PolicyTarget | null;
  /** What the check engine runs; null when the kind is never probed or the settings name no target. */
  toProbe(f: MonitorFields): Probe | null;
  schedule: KindSchedule;
  /** Failed checks in a row, beyond the first, before the monitor goes DOWN. */
  retries(m: Pick<Monitor, 'retries'>): number;
  /** What an alert names as the monitored thing. */
  target(m: TargetSource): string;
  ui: KindUi;
}
