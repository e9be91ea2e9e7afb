import 'server-only';
import { getDb, getDialect } from '@/lib/db/client';
import type { CheckRowInput, CountRow, Queryable, RollupPeriod } from '@/lib/db/dialect';
import type { Check, CheckStatus, Prisma } from '@/lib/generated/prisma/client';
import { DAY_MS, HOUR_MS, hourStartMs } from '@/lib/shared/time';

export const RECENT_CHECKS_PER_MONITOR = 24;

export interface RecentCheck {
  status: CheckStatus;
  latencyMs: number | null;
  cause: string | null;
  checkedAt: Date;
}

export interface UptimeCounts {
  totalChecks: number;
  upChecks: number;
  latencySum: number;
  latencyCount: number;
  /** Of totalChecks and upChecks, those made during maintenance. */
  maintenanceChecks: number;
  maintenanceUpChecks: number;
}

export const noCounts = (): UptimeCounts => ({ totalChecks: 0, upChecks: 0, latencySum: 0, latencyCount: 0, maintenanceChecks: 0, maintenanceUpChecks: 0 });

/** Adds (or, with sign -1, takes off) a dialect count row into running totals. */
function addCounts(into: UptimeCounts, r: Omit<CountRow, 'monitorId'>, sign: 1 | -1 = 1): void {
  into.totalChecks += sign * r.total;
  into.upChecks += sign * r.up;
  into.latencySum += sign * r.latencySum;
  into.latencyCount += sign * r.latencyCount;
  into.maintenanceChecks += sign * r.maintenanceTotal;
  into.maintenanceUpChecks += sign * r.maintenanceUp;
}

/** The caller must already own monitorId (see lib/data/monitors). */
export async function listChecks(
  monitorId: string,
  opts: { limit: number; before?: { checkedAt: Date; id: string } | Date },
): Promise<Check[]> {
  let cursor: Prisma.CheckWhereInput = {};
  if (opts.before instanceof Date) cursor = { checkedAt: { lt: opts.before } };
  else if (opts.before) {
    const { checkedAt, id } = opts.before;
    cursor = { OR: [{ checkedAt: { lt: checkedAt } }, { checkedAt, id: { lt: id } }] };
  }
  return getDb().check.findMany({
    where: { monitorId, ...cursor },
    orderBy: [{ checkedAt: 'desc' }, { id: 'desc' }],
    take: opts.limit,
  });
}

export function findCheck(monitorId: string, id: string): Promise<Check | null> {
  return getDb().check.findFirst({ where: { id, monitorId } });
}

/**
 * The last few checks of many monitors as the API's JSON text, one array per monitor: the list of
 * 1,000 monitors carries 24,000 checks, and making each an object (then a Date, then an ISO
 * string, then JSON again) cost more in allocation and garbage collection than the query.
 */
export async function recentChecksJsonByMonitor(monitorIds: string[], perMonitor = RECENT_CHECKS_PER_MONITOR): Promise<Map<string, string>> {
  if (monitorIds.length === 0) return new Map();
  const rows = await getDialect().sql.recentChecksJson(getDb(), monitorIds, perMonitor);
  return new Map(rows.map((r) => [r.monitorId, r.checks]));
}

/** The last few checks of many monitors in one statement: one index range scan per monitor. */
export async function recentChecksByMonitor(monitorIds: string[], perMonitor = RECENT_CHECKS_PER_MONITOR): Promise<Map<string, RecentCheck[]>> {
  const result = new Map<string, RecentCheck[]>(monitorIds.map((id) => [id, []]));
  if (monitorIds.length === 0) return result;
  for (const r of await getDialect().sql.recentChecks(getDb(), monitorIds, perMonitor)) {
    result.get(r.monitorId)?.push({ status: r.status, latencyMs: r.latencyMs, cause: r.cause, checkedAt: new Date(r.checkedAtMs) });
  }
  return result;
}

/**
 * Up/total counts since a time for many monitors. Whole hours come from the hourly rollups;
 * only the hour cut by `since` is counted from raw checks, so the window is exact and the cost
 * does not grow with the number of checks. That hour is read from whichever side of `since` is
 * shorter: the checks after it up to the next hour are added, or the checks before it are taken
 * off its hour's rollup. A rollup and its checks are written in one transaction (and checks are
 * kept 31 days at least), so both give the same count, and at most half an hour of raw checks
 * is read instead of up to a whole one.
 */
export async function uptimeCountsSince(monitorIds: string[], since: Date): Promise<Map<string, UptimeCounts>> {
  const result = new Map<string, UptimeCounts>();
  if (monitorIds.length === 0) return result;
  const s = since.getTime();
  const hourBefore = Math.floor(s / HOUR_MS) * HOUR_MS;
  const hourAfter = hourBefore === s ? s : hourBefore + HOUR_MS;
  const subtract = s - hourBefore < hourAfter - s;
  const { sql } = getDialect();
  const [hours, edge] = await Promise.all([
    sql.rollupCountsSince(getDb(), monitorIds, subtract ? hourBefore : hourAfter),
    subtract ? sql.checkCountsBetween(getDb(), monitorIds, hourBefore, s) : sql.checkCountsBetween(getDb(), monitorIds, s, hourAfter),
  ]);
  const add = (r: CountRow, sign: 1 | -1) => {
    const into = result.get(r.monitorId) ?? noCounts();
    addCounts(into, r, sign);
    result.set(r.monitorId, into);
  };
  for (const r of hours) add(r, 1);
  for (const r of edge) add(r, subtract ? -1 : 1);
  return result;
}

/** Per-UTC-day counts of many monitors from `fromDay` (a UTC midnight) on, from the daily rollups (status pages' 90-day bars). */
export async function dailyCounts(monitorIds: string[], fromDay: Date): Promise<Map<string, Map<number, UptimeCounts>>> {
  const result = new Map<string, Map<number, UptimeCounts>>(monitorIds.map((id) => [id, new Map()]));
  if (monitorIds.length === 0) return result;
  for (const r of await getDialect().sql.dailyRollupCounts(getDb(), monitorIds, fromDay.getTime())) {
    const days = result.get(r.monitorId);
    if (!days) continue;
    const into = days.get(r.dayStartMs) ?? noCounts();
    addCounts(into, r);
    days.set(r.dayStartMs, into);
  }
  return result;
}

/**
 * Counts per equal-width bucket over [from, to), for one monitor. Hours that lie wholly inside
 * one bucket are read from the hourly rollups; only the hours cut by a bucket or window edge
 * are counted from raw checks. So 30 days of a 1-second monitor costs about 720 rollup rows
 * and 25 hours of checks, not 2.6 million checks.
 */
export async function uptimeBucketCounts(monitorId: string, from: Date, to: Date, buckets: number): Promise<UptimeCounts[]> {
  const f = from.getTime();
  const t = to.getTime();
  const width = (t - f) / buckets;
  const bucketOf = (ms: number) => Math.min(buckets - 1, Math.max(0, Math.floor((ms - f) / width)));
  const wholeHours = new Set<number>();
  const edges: Array<{ from: number; to: number }> = [];
  if (width >= HOUR_MS) {
    for (let h = Math.floor(f / HOUR_MS) * HOUR_MS; h < t; h += HOUR_MS) {
      if (h >= f && h + HOUR_MS <= t && bucketOf(h) === bucketOf(h + HOUR_MS - 1)) wholeHours.add(h);
      else edges.push({ from: Math.max(h, f), to: Math.min(h + HOUR_MS, t) });
    }
  } else {
    edges.push({ from: f, to: t });
  }

  const out: UptimeCounts[] = Array.from({ length: buckets }, noCounts);
  const [rollups, raw] = await Promise.all([
    wholeHours.size === 0
      ? Promise.resolve([])
      : getDb().checkRollup.findMany({ where: { monitorId, hourStart: { gte: new Date(f), lt: new Date(t) } } }),
    getDialect().sql.bucketCounts(getDb(), monitorId, edges, f, width),
  ]);
  for (const r of rollups) {
    const h = r.hourStart.getTime();
    if (wholeHours.has(h)) {
      addCounts(out[bucketOf(h)], {
        total: r.totalChecks,
        up: r.upChecks,
        latencySum: r.latencySum,
        latencyCount: r.latencyCount,
        maintenanceTotal: r.maintenanceChecks,
        maintenanceUp: r.maintenanceUpChecks,
      });
    }
  }
  for (const r of raw) addCounts(out[Math.min(buckets - 1, Math.max(0, r.bucket))], r);
  return out;
}

/** Phase timings of one monitor's successful-enough checks (those that got a response) in a window. */
export async function phaseSamples(monitorId: string, from: Date, to: Date) {
  const rows = await getDb().check.findMany({
    where: { monitorId, checkedAt: { gte: from, lt: to }, ttfbMs: { not: null } },
    select: { checkedAt: true, dnsMs: true, connectMs: true, tlsMs: true, ttfbMs: true, transferMs: true },
    orderBy: { checkedAt: 'asc' },
  });
  return rows.map((r) => ({ ...r, checkedAt: r.checkedAt.getTime() }));
}

export type NewCheck = Prisma.CheckCreateManyInput;

function toCheckRow(r: NewCheck): CheckRowInput {
  return {
    id: r.id,
    monitorId: r.monitorId,
    status: r.status,
    latencyMs: r.latencyMs ?? null,
    statusCode: r.statusCode ?? null,
    error: r.error ?? null,
    cause: r.cause ?? null,
    dnsMs: r.dnsMs ?? null,
    connectMs: r.connectMs ?? null,
    tlsMs: r.tlsMs ?? null,
    ttfbMs: r.ttfbMs ?? null,
    transferMs: r.transferMs ?? null,
    maintenance: r.maintenance ?? false,
    checkedAtMs: new Date(r.checkedAt).getTime(),
  };
}

/** A write batch's check rows in one INSERT (see the dialect for why not createMany). */
export function insertCheckRows(rows: NewCheck[], db: Queryable = getDb()) {
  return getDialect().sql.insertChecks(db, rows.map(toCheckRow));
}

/**
 * Whether a check counts toward uptime. BLOCKED checks (refused by the outbound policy) are
 * neither up nor down, and a probe_offline failure was Pingboard's own network, not the
 * target's: they count in no uptime, not in the rollups and not in the raw counts
 * (lib/db/<engine>/statements.ts says the same in SQL).
 */
export function countsForUptime(r: Pick<NewCheck, 'status' | 'cause'>): boolean {
  return r.status !== 'BLOCKED' && r.cause !== 'probe_offline';
}

/** Adds a batch of new checks to the hourly or daily rollups in one statement; run it in the insert's transaction. */
export function addToRollups(rows: NewCheck[], period: RollupPeriod = 'hour', db: Queryable = getDb()) {
  const startOf = period === 'hour' ? hourStartMs : (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
  return getDialect().sql.addToRollups(
    db,
    period,
    rows.filter(countsForUptime).map((r) => ({
      monitorId: r.monitorId,
      startMs: startOf(new Date(r.checkedAt).getTime()),
      up: r.status === 'UP' ? 1 : 0,
      latencyMs: r.latencyMs ?? null,
      maintenance: r.maintenance ? 1 : 0,
      maintenanceUp: r.maintenance && r.status === 'UP' ? 1 : 0,
    })),
  );
}

/**
 * Removes checks older than the cutoff (whole day partitions on PostgreSQL, rows on SQLite)
 * and the rollup hours before it. Says how many rows or partitions went.
 */
export async function deleteChecksBefore(cutoff: Date): Promise<{ partitions: number; rows: number | null }> {
  const db = getDb();
  const removed = await getDialect().sql.pruneChecksBefore(db, cutoff.getTime());
  // A rollup hour (or day) goes once all of its checks are gone.
  await db.checkRollup.deleteMany({ where: { hourStart: { lt: new Date(cutoff.getTime() - HOUR_MS) } } });
  await db.checkDailyRollup.deleteMany({ where: { dayStart: { lt: new Date(cutoff.getTime() - DAY_MS) } } });
  return removed;
}

/** Keeps the storage for checks stamped around now ready (PostgreSQL's day partitions). */
export function prepareCheckStorage(now = new Date()): Promise<void> {
  return getDialect().sql.prepareCheckStorage(getDb(), now.getTime());
}

