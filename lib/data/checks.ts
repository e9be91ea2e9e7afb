import { getDb } from '@/lib/db/client';
import type { Check, CheckStatus } from '@/lib/generated/prisma/client';
import { Prisma } from '@/lib/generated/prisma/client';

export const RECENT_CHECKS_PER_MONITOR = 24;

export interface RecentCheck {
  status: CheckStatus;
  latencyMs: number | null;
  checkedAt: Date;
}

export interface UptimeCounts {
  totalChecks: number;
  upChecks: number;
  latencySum: number;
  latencyCount: number;
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

/** The last few checks of many monitors in one statement: one index range scan per monitor. */
export async function recentChecksByMonitor(monitorIds: string[], perMonitor = RECENT_CHECKS_PER_MONITOR): Promise<Map<string, RecentCheck[]>> {
  const result = new Map<string, RecentCheck[]>(monitorIds.map((id) => [id, []]));
  if (monitorIds.length === 0) return result;
  const rows = await getDb().$queryRaw<Array<{ monitorId: string; status: CheckStatus; latencyMs: number | bigint | null; checkedAt: number | bigint | Date }>>`
    SELECT c."monitorId", c."status", c."latencyMs", c."checkedAt"
    FROM json_each(${JSON.stringify(monitorIds)}) AS m
    CROSS JOIN "Check" c ON c."id" IN (
      SELECT c2."id" FROM "Check" c2 WHERE c2."monitorId" = m.value ORDER BY c2."checkedAt" DESC LIMIT ${perMonitor}
    )
    ORDER BY c."monitorId", c."checkedAt" ASC`;
  for (const r of rows) {
    result.get(r.monitorId)?.push({ status: r.status, latencyMs: toNumberOrNull(r.latencyMs), checkedAt: toDate(r.checkedAt) });
  }
  return result;
}

const HOUR_MS = 3_600_000;

/**
 * Up/total counts since a time for many monitors. Whole hours come from the hourly rollups;
 * only the partial first hour is counted from raw checks, so the window is exact and the cost
 * does not grow with the number of checks.
 */
export async function uptimeCountsSince(monitorIds: string[], since: Date): Promise<Map<string, UptimeCounts>> {
  const result = new Map<string, UptimeCounts>();
  if (monitorIds.length === 0) return result;
  const ids = JSON.stringify(monitorIds);
  const firstFullHour = Math.ceil(since.getTime() / HOUR_MS) * HOUR_MS;
  type Row = { monitorId: string; total: number | bigint; up: number | bigint; latencySum: number | bigint | null; latencyCount: number | bigint };
  const [hours, edge] = await Promise.all([
    getDb().$queryRaw<Row[]>`
      SELECT r."monitorId" AS "monitorId", SUM(r."totalChecks") AS total, SUM(r."upChecks") AS up,
             SUM(r."latencySum") AS "latencySum", SUM(r."latencyCount") AS "latencyCount"
      FROM json_each(${ids}) AS m
      CROSS JOIN "CheckRollup" r ON r."monitorId" = m.value AND r."hourStart" >= ${firstFullHour}
      GROUP BY r."monitorId"`,
    getDb().$queryRaw<Row[]>`
      SELECT c."monitorId" AS "monitorId", COUNT(*) AS total,
             SUM(CASE WHEN c."status" = 'UP' THEN 1 ELSE 0 END) AS up,
             SUM(c."latencyMs") AS "latencySum", COUNT(c."latencyMs") AS "latencyCount"
      FROM json_each(${ids}) AS m
      CROSS JOIN "Check" c ON c."monitorId" = m.value AND c."checkedAt" >= ${since.getTime()} AND c."checkedAt" < ${firstFullHour}
      GROUP BY c."monitorId"`,
  ]);
  for (const r of [...hours, ...edge]) {
    const prev = result.get(r.monitorId) ?? { totalChecks: 0, upChecks: 0, latencySum: 0, latencyCount: 0 };
    result.set(r.monitorId, {
      totalChecks: prev.totalChecks + Number(r.total),
      upChecks: prev.upChecks + Number(r.up),
      latencySum: prev.latencySum + Number(r.latencySum ?? 0),
      latencyCount: prev.latencyCount + Number(r.latencyCount),
    });
  }
  return result;
}

type CountRow = { bucket: number | bigint; total: number | bigint; up: number | bigint; latencySum: number | bigint | null; latencyCount: number | bigint };

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

  const out: UptimeCounts[] = Array.from({ length: buckets }, () => ({ totalChecks: 0, upChecks: 0, latencySum: 0, latencyCount: 0 }));
  const add = (bucket: number, total: number, up: number, latencySum: number, latencyCount: number) => {
    const b = out[bucket];
    b.totalChecks += total;
    b.upChecks += up;
    b.latencySum += latencySum;
    b.latencyCount += latencyCount;
  };
  // CROSS JOIN fixes the loop order: for each edge range, one index range scan of Check.
  const [rollups, raw] = await Promise.all([
    wholeHours.size === 0
      ? Promise.resolve([])
      : getDb().checkRollup.findMany({ where: { monitorId, hourStart: { gte: new Date(f), lt: new Date(t) } } }),
    getDb().$queryRaw<CountRow[]>`
      SELECT CAST((c."checkedAt" - ${f}) / ${width} AS INTEGER) AS bucket, COUNT(*) AS total,
             SUM(CASE WHEN c."status" = 'UP' THEN 1 ELSE 0 END) AS up,
             SUM(c."latencyMs") AS "latencySum", COUNT(c."latencyMs") AS "latencyCount"
      FROM json_each(${JSON.stringify(edges)}) AS e
      CROSS JOIN "Check" c ON c."monitorId" = ${monitorId}
        AND c."checkedAt" >= json_extract(e.value, '$.from') AND c."checkedAt" < json_extract(e.value, '$.to')
      GROUP BY bucket`,
  ]);
  for (const r of rollups) {
    const h = r.hourStart.getTime();
    if (wholeHours.has(h)) add(bucketOf(h), r.totalChecks, r.upChecks, r.latencySum, r.latencyCount);
  }
  for (const r of raw) {
    add(Math.min(buckets - 1, Math.max(0, Number(r.bucket))), Number(r.total), Number(r.up), Number(r.latencySum ?? 0), Number(r.latencyCount));
  }
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

/**
 * A write batch's check rows in one INSERT, the rows travelling as one JSON parameter.
 * Prisma's createMany spent about 0.23 ms of synchronous work per row, enough at a few
 * hundred checks a second to make other monitors' timers late (bench/schedule-under-load.ts).
 */
export function insertCheckRows(rows: NewCheck[]) {
  const data = rows.map((r) => ({ ...r, checkedAt: new Date(r.checkedAt).getTime() }));
  return getDb().$executeRaw`
    INSERT INTO "Check" ("id", "monitorId", "status", "latencyMs", "statusCode", "error", "cause",
                         "dnsMs", "connectMs", "tlsMs", "ttfbMs", "transferMs", "checkedAt")
    SELECT json_extract(r.value, '$.id'), json_extract(r.value, '$.monitorId'), json_extract(r.value, '$.status'),
           json_extract(r.value, '$.latencyMs'), json_extract(r.value, '$.statusCode'), json_extract(r.value, '$.error'),
           json_extract(r.value, '$.cause'), json_extract(r.value, '$.dnsMs'), json_extract(r.value, '$.connectMs'),
           json_extract(r.value, '$.tlsMs'), json_extract(r.value, '$.ttfbMs'), json_extract(r.value, '$.transferMs'),
           json_extract(r.value, '$.checkedAt')
    FROM json_each(${JSON.stringify(data)}) AS r`;
}

/** Adds a batch of new checks to the hourly rollups in one statement; run it in the insert's transaction. */
export function addToRollups(rows: NewCheck[]) {
  const data = rows.map((r) => ({
    monitorId: r.monitorId,
    hourStart: Math.floor(new Date(r.checkedAt).getTime() / HOUR_MS) * HOUR_MS,
    up: r.status === 'UP' ? 1 : 0,
    latencyMs: r.latencyMs ?? null,
  }));
  // "WHERE true" keeps SQLite from reading ON CONFLICT as part of the SELECT.
  return getDb().$executeRaw`
    INSERT INTO "CheckRollup" ("monitorId", "hourStart", "totalChecks", "upChecks", "latencySum", "latencyCount")
    SELECT json_extract(r.value, '$.monitorId'), json_extract(r.value, '$.hourStart'), COUNT(*),
           SUM(json_extract(r.value, '$.up')), COALESCE(SUM(json_extract(r.value, '$.latencyMs')), 0),
           COUNT(json_extract(r.value, '$.latencyMs'))
    FROM json_each(${JSON.stringify(data)}) AS r WHERE true
    GROUP BY 1, 2
    ON CONFLICT ("monitorId", "hourStart") DO UPDATE SET
      "totalChecks" = "totalChecks" + excluded."totalChecks",
      "upChecks" = "upChecks" + excluded."upChecks",
      "latencySum" = "latencySum" + excluded."latencySum",
      "latencyCount" = "latencyCount" + excluded."latencyCount"`;
}

export async function deleteChecksBefore(cutoff: Date): Promise<number> {
  const db = getDb();
  const [{ count }] = await db.$transaction([
    db.check.deleteMany({ where: { checkedAt: { lt: cutoff } } }),
    // A rollup hour goes once all of its checks are gone.
    db.checkRollup.deleteMany({ where: { hourStart: { lt: new Date(cutoff.getTime() - HOUR_MS) } } }),
  ]);
  return count;
}

function toNumberOrNull(v: number | bigint | null): number | null {
  return v === null ? null : Number(v);
}

function toDate(v: number | bigint | Date): Date {
  return v instanceof Date ? v : new Date(Number(v));
}
