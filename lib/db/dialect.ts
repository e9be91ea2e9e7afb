import type { CheckStatus, PrismaClient } from '@/lib/generated/prisma/client';

// The seam between Pingboard and one database engine. Everything engine-specific (how to
// connect, migrate, bulk-write through a JSON parameter, read many monitors in one statement,
// recognise a busy database) is one implementation of this interface per engine, in
// lib/db/<engine>/. The data layer (lib/data) calls these and never writes engine SQL itself.
//
// Time crosses this seam as epoch milliseconds (numbers). Prisma's DateTime columns hold
// UTC with millisecond precision: SQLite stores them as INTEGER epoch milliseconds (the
// adapter's unixepoch-ms format), so window and bucket maths stay integer SQL.

export type EngineName = 'sqlite' | 'postgresql';

/** A Prisma client or an interactive transaction: the statements run on either. */
export type Queryable = Pick<PrismaClient, '$executeRaw' | '$queryRaw'>;

/** A signal to every instance (a monitor changed, a command is waiting): NOTIFY on PostgreSQL, in process on SQLite. */
export interface Signals {
  /** Sends `payload` to every listener of `channel`, this process's included. */
  publish(db: Queryable, channel: string, payload: string): Promise<void>;
  /**
   * Calls `onMessage` for every signal on these channels until the returned stop is called.
   * `onReconnect` runs after the listening connection was lost and restored: signals sent
   * meanwhile are gone, so the caller polls once.
   */
  subscribe(
    url: string,
    channels: string[],
    onMessage: (channel: string, payload: string) => void,
    onReconnect: () => void,
  ): Promise<() => Promise<void>>;
}

/** What `$executeRaw` returns: a lazy statement that can join a `$transaction([...])` batch. */
export type Statement = ReturnType<PrismaClient['$executeRaw']>;

export interface CheckRowInput {
  id: string;
  monitorId: string;
  status: CheckStatus;
  latencyMs: number | null;
  statusCode: number | null;
  error: string | null;
  cause: string | null;
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  ttfbMs: number | null;
  transferMs: number | null;
  /** Made during a maintenance window. */
  maintenance: boolean;
  checkedAtMs: number;
}

/** Which rollup table: CheckRollup (per hour) or CheckDailyRollup (per UTC day). */
export type RollupPeriod = 'hour' | 'day';

export interface RollupDelta {
  monitorId: string;
  /** The start of the hour or day it adds to. */
  startMs: number;
  up: 0 | 1;
  latencyMs: number | null;
  /** Made during a maintenance window (maintenanceUp: and up). */
  maintenance: 0 | 1;
  maintenanceUp: 0 | 1;
}

export interface SummaryRow {
  id: string;
  atMs: number;
  latency: number | null;
  code: number | null;
  error: string | null;
  cause: string | null;
  failures: number;
  failingSinceMs: number | null;
  streak: number;
  streakSinceMs: number | null;
  hostWaitMs: number;
  /** Null keeps the stored certificate (the check saw none). */
  certAtMs: number | null;
  issuer: string | null;
}

export interface CountRow {
  monitorId: string;
  total: number;
  up: number;
  latencySum: number;
  latencyCount: number;
  /** Of total and up, the checks made during maintenance. */
  maintenanceTotal: number;
  maintenanceUp: number;
}

/** One monitor's rollup sums for one UTC day. */
export interface DailyCountRow extends CountRow {
  dayStartMs: number;
}

export interface BucketCountRow extends Omit<CountRow, 'monitorId'> {
  bucket: number;
}

export interface RecentCheckRow {
  monitorId: string;
  status: CheckStatus;
  latencyMs: number | null;
  /** Why it failed (lib/checker/causes.ts), null when up. */
  cause: string | null;
  checkedAtMs: number;
}

/** One limit of a shared attempt counter: at most `max` attempts under `key` within `windowMs`. */
export interface AttemptLimit {
  key: string;
  max: number;
  windowMs: number;
}

/** What a shared take did: counted the attempt under every key, or refused without counting. */
export type SharedTakeResult =
  | { allowed: true }
  /** `blockedUntilMs`: when every full limit has room again. */
  | { allowed: false; blockedUntilMs: number };

/**
 * Attempt counters several instances share (failed logins, sign-ups), for engines that serve
 * more than one process. Releasing and clearing are plain deletes (lib/data/attempts.ts);
 * only the counting needs the engine's locks.
 */
export interface SharedAttemptStatements {
  /**
   * In one transaction that first locks every limit's key (so takes on a key run one at a
   * time across all instances): refuses when any limit is full, otherwise inserts `rows`
   * (one attempt per distinct key) stamped `nowMs`.
   */
  take(db: PrismaClient, kind: string, limits: AttemptLimit[], rows: Array<{ id: string; key: string }>, nowMs: number): Promise<SharedTakeResult>;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/** Statements whose SQL differs between engines: bulk writes and many-monitor reads. */
export interface DialectStatements {
  /** One INSERT for a whole batch of check rows. */
  insertChecks(db: Queryable, rows: CheckRowInput[]): Statement;
  /** Adds a batch to the hourly or daily rollups in one upsert; run it in the insert's transaction. */
  addToRollups(db: Queryable, period: RollupPeriod, rows: RollupDelta[]): Statement;
  /** The last-check fields of many monitors in one UPDATE. */
  updateMonitorSummaries(db: Queryable, rows: SummaryRow[], nowMs: number): Statement;
  /** The newest `perMonitor` checks of each monitor, oldest first within a monitor. */
  recentChecks(db: Queryable, monitorIds: string[], perMonitor: number): Promise<RecentCheckRow[]>;
  /**
   * The same checks as the API's JSON text, built by the database: per monitor, an array of
   * `{"status","latencyMs","checkedAt"}` (checkedAt as toISOString() writes it), oldest first.
   */
  recentChecksJson(db: Queryable, monitorIds: string[], perMonitor: number): Promise<Array<{ monitorId: string; checks: string }>>;
  /** Sums of the hourly rollups from `fromHourMs` on, per monitor. */
  rollupCountsSince(db: Queryable, monitorIds: string[], fromHourMs: number): Promise<CountRow[]>;
  /** The daily rollups from `fromDayMs` on, per monitor and UTC day. */
  dailyRollupCounts(db: Queryable, monitorIds: string[], fromDayMs: number): Promise<DailyCountRow[]>;
  /** Counts of raw checks in [fromMs, toMs), per monitor. */
  checkCountsBetween(db: Queryable, monitorIds: string[], fromMs: number, toMs: number): Promise<CountRow[]>;
  /** Counts of one monitor's raw checks in each range, grouped by equal-width bucket from `originMs`. */
  bucketCounts(db: Queryable, monitorId: string, ranges: Array<{ from: number; to: number }>, originMs: number, widthMs: number): Promise<BucketCountRow[]>;
  /**
   * Gives `instanceId` up to `limit` active monitors that have no live owner, in one
   * conditional statement (with SKIP LOCKED where the engine has it), so two instances
   * never both get one. Returns the ids it got.
   */
  claimMonitors(db: Queryable, instanceId: string, limit: number, nowMs: number): Promise<string[]>;
  /** Makes sure checks stamped around now have somewhere to go (PostgreSQL's day partitions). */
  prepareCheckStorage(db: PrismaClient, nowMs: number): Promise<void>;
  /** Removes checks older than the cutoff: whole partitions on PostgreSQL, rows on SQLite. */
  pruneChecksBefore(db: PrismaClient, cutoffMs: number): Promise<{ partitions: number; rows: number | null }>;
  /**
   * Attempt counters in the database, shared by every instance; null where one process owns
   * the database (SQLite), whose counters stay in that process's memory (lib/auth/attempt-counters.ts).
   */
  readonly sharedAttempts: SharedAttemptStatements | null;
}

export interface Dialect {
  readonly name: EngineName;
  /** Opens this engine's Prisma client for a database URL. */
  connect(url: string): PrismaClient;
  /** Applies this engine's migrations that are not applied yet. */
  migrate(url: string, migrationsDir?: string): Promise<MigrationResult>;
  /** The engine said "locked or busy; the same statement may work later". */
  isBusyError(err: unknown): boolean;
  readonly sql: DialectStatements;
  readonly signals: Signals;
}
