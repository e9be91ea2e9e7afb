import type { BucketCountRow, CountRow, DialectStatements, Queryable } from '@/lib/db/dialect';
import { counts, countRowsFromJson, dailyRowsFromJson, num, recentRowsFromJson, type Num, type RawCounts } from '@/lib/db/count-rows';
import { Prisma } from '@/lib/generated/prisma/client';

/** Fixed identifiers, never input: which table and start column each rollup period writes. */
const ROLLUP_TABLES = {
  hour: { table: Prisma.raw('"CheckRollup"'), start: Prisma.raw('"hourStart"') },
  day: { table: Prisma.raw('"CheckDailyRollup"'), start: Prisma.raw('"dayStart"') },
} as const;

// SQLite's bulk statements. A batch travels as one JSON parameter unpacked by json_each, so a
// statement costs the same few microseconds of driver work whether it carries 1 row or 500
// (Prisma's per-row createMany and update spent about 0.2 ms of synchronous work per row,
// enough to make other monitors' timers late: bench/schedule-under-load.ts). CROSS JOIN pins
// SQLite's loop order: for each listed monitor or range, one index range scan. Uptime counts
// leave out BLOCKED checks (refused by the outbound policy) and probe_offline failures (Pingboard's
// own network was down), as the rollups do (lib/data/checks.ts countsForUptime).

const PRUNE_MONITORS_PER_STATEMENT = 100;

/** Runs a per-monitor count query and reads its rows back as one JSON array (see lib/db/count-rows). */
async function countsAsJson(db: Queryable, query: Prisma.Sql): Promise<CountRow[]> {
  const [row] = await db.$queryRaw<Array<{ rows: string | null }>>`
    SELECT json_group_array(json_array(q."monitorId", q.total, q.up, q."latencySum", q."latencyCount", q."maintenanceTotal", q."maintenanceUp")) AS rows
    FROM (${query}) q`;
  return countRowsFromJson(row?.rows ?? null);
}

export const sqliteStatements: DialectStatements = {
  insertChecks(db, rows) {
    return db.$executeRaw`
      INSERT INTO "Check" ("id", "monitorId", "status", "latencyMs", "statusCode", "error", "cause",
                           "dnsMs", "connectMs", "tlsMs", "ttfbMs", "transferMs", "maintenance", "checkedAt")
      SELECT json_extract(r.value, '$.id'), json_extract(r.value, '$.monitorId'), json_extract(r.value, '$.status'),
             json_extract(r.value, '$.latencyMs'), json_extract(r.value, '$.statusCode'), json_extract(r.value, '$.error'),
             json_extract(r.value, '$.cause'), json_extract(r.value, '$.dnsMs'), json_extract(r.value, '$.connectMs'),
             json_extract(r.value, '$.tlsMs'), json_extract(r.value, '$.ttfbMs'), json_extract(r.value, '$.transferMs'),
             CASE WHEN json_extract(r.value, '$.maintenance') THEN 1 ELSE 0 END, json_extract(r.value, '$.checkedAtMs')
      FROM json_each(${JSON.stringify(rows)}) AS r`;
  },

  addToRollups(db, period, rows) {
    const { table, start } = ROLLUP_TABLES[period];
    // "WHERE true" keeps SQLite from reading ON CONFLICT as part of the SELECT.
    return db.$executeRaw`
      INSERT INTO ${table} ("monitorId", ${start}, "totalChecks", "upChecks", "latencySum", "latencyCount",
                                 "maintenanceChecks", "maintenanceUpChecks")
      SELECT json_extract(r.value, '$.monitorId'), json_extract(r.value, '$.startMs'), COUNT(*),
             SUM(json_extract(r.value, '$.up')), COALESCE(SUM(json_extract(r.value, '$.latencyMs')), 0),
             COUNT(json_extract(r.value, '$.latencyMs')),
             SUM(json_extract(r.value, '$.maintenance')), SUM(json_extract(r.value, '$.maintenanceUp'))
      FROM json_each(${JSON.stringify(rows)}) AS r WHERE true
      GROUP BY 1, 2
      ON CONFLICT ("monitorId", ${start}) DO UPDATE SET
        "totalChecks" = "totalChecks" + excluded."totalChecks",
        "upChecks" = "upChecks" + excluded."upChecks",
        "latencySum" = "latencySum" + excluded."latencySum",
        "latencyCount" = "latencyCount" + excluded."latencyCount",
        "maintenanceChecks" = "maintenanceChecks" + excluded."maintenanceChecks",
        "maintenanceUpChecks" = "maintenanceUpChecks" + excluded."maintenanceUpChecks"`;
  },

  updateMonitorSummaries(db, rows, nowMs) {
    return db.$executeRaw`
      UPDATE "Monitor" SET
        "lastCheckedAt" = json_extract(s.value, '$.atMs'),
        "lastLatencyMs" = json_extract(s.value, '$.latency'),
        "lastStatusCode" = json_extract(s.value, '$.code'),
        "lastError" = json_extract(s.value, '$.error'),
        "lastCause" = json_extract(s.value, '$.cause'),
        "consecutiveFailures" = json_extract(s.value, '$.failures'),
        "failingSince" = json_extract(s.value, '$.failingSinceMs'),
        "streak" = json_extract(s.value, '$.streak'),
        "streakSince" = json_extract(s.value, '$.streakSinceMs'),
        "hostWaitMs" = json_extract(s.value, '$.hostWaitMs'),
        "certExpiresAt" = COALESCE(json_extract(s.value, '$.certAtMs'), "Monitor"."certExpiresAt"),
        "certIssuer" = COALESCE(json_extract(s.value, '$.issuer'), "Monitor"."certIssuer"),
        "updatedAt" = ${nowMs}
      FROM json_each(${JSON.stringify(rows)}) AS s
      WHERE "Monitor"."id" = json_extract(s.value, '$.id')`;
  },

  async recentChecks(db, monitorIds, perMonitor) {
    // One index range per monitor, read newest first, each packed into a JSON array.
    const [row] = await db.$queryRaw<Array<{ rows: string | null }>>`
      SELECT json_group_array(json_array(m.value, (
        SELECT json_group_array(json_array(x."status", x."latencyMs", x."cause", x."checkedAt"))
        FROM (SELECT c."status", c."latencyMs", c."cause", c."checkedAt" FROM "Check" c
              WHERE c."monitorId" = m.value ORDER BY c."checkedAt" DESC LIMIT ${perMonitor}) x
      ))) AS rows
      FROM json_each(${JSON.stringify(monitorIds)}) AS m`;
    return recentRowsFromJson(row?.rows ?? null);
  },

  recentChecksJson(db, monitorIds, perMonitor) {
    // strftime rounds the epoch seconds to whole milliseconds, so %f gives exactly toISOString's.
    return db.$queryRaw<Array<{ monitorId: string; checks: string }>>`
      SELECT m.value AS "monitorId", '[' || COALESCE((
        SELECT group_concat('{"status":"' || x."status" || '","latencyMs":' || COALESCE(x."latencyMs", 'null') ||
                            ',"checkedAt":"' || strftime('%Y-%m-%dT%H:%M:%fZ', x."checkedAt" / 1000.0, 'unixepoch') || '"}', ',' ORDER BY x."checkedAt")
        FROM (SELECT c."status", c."latencyMs", c."checkedAt" FROM "Check" c
              WHERE c."monitorId" = m.value ORDER BY c."checkedAt" DESC LIMIT ${perMonitor}) x
      ), '') || ']' AS "checks"
      FROM json_each(${JSON.stringify(monitorIds)}) AS m`;
  },

  async rollupCountsSince(db, monitorIds, fromHourMs) {
    return countsAsJson(
      db,
      Prisma.sql`
        SELECT r."monitorId" AS "monitorId", SUM(r."totalChecks") AS total, SUM(r."upChecks") AS up,
               SUM(r."latencySum") AS "latencySum", SUM(r."latencyCount") AS "latencyCount",
               SUM(r."maintenanceChecks") AS "maintenanceTotal", SUM(r."maintenanceUpChecks") AS "maintenanceUp"
        FROM json_each(${JSON.stringify(monitorIds)}) AS m
        CROSS JOIN "CheckRollup" r ON r."monitorId" = m.value AND r."hourStart" >= ${fromHourMs}
        GROUP BY r."monitorId"`,
    );
  },

  async dailyRollupCounts(db, monitorIds, fromDayMs) {
    // One row holding a JSON array: thousands of rows are parsed here in a few milliseconds,
    // where the driver adapter's row-by-row decoding took ten times as long.
    const [row] = await db.$queryRaw<Array<{ rows: string | null }>>`
      SELECT json_group_array(json_array(r."monitorId", r."dayStart", r."totalChecks", r."upChecks", r."latencySum",
                                         r."latencyCount", r."maintenanceChecks", r."maintenanceUpChecks")) AS rows
      FROM json_each(${JSON.stringify(monitorIds)}) AS m
      CROSS JOIN "CheckDailyRollup" r ON r."monitorId" = m.value AND r."dayStart" >= ${fromDayMs}`;
    return dailyRowsFromJson(row?.rows ?? null);
  },

  async checkCountsBetween(db, monitorIds, fromMs, toMs) {
    return countsAsJson(
      db,
      Prisma.sql`
        SELECT c."monitorId" AS "monitorId", COUNT(*) AS total,
               SUM(CASE WHEN c."status" = 'UP' THEN 1 ELSE 0 END) AS up,
               SUM(c."latencyMs") AS "latencySum", COUNT(c."latencyMs") AS "latencyCount",
               SUM(c."maintenance") AS "maintenanceTotal",
               SUM(CASE WHEN c."maintenance" = 1 AND c."status" = 'UP' THEN 1 ELSE 0 END) AS "maintenanceUp"
        FROM json_each(${JSON.stringify(monitorIds)}) AS m
        CROSS JOIN "Check" c ON c."monitorId" = m.value AND c."checkedAt" >= ${fromMs} AND c."checkedAt" < ${toMs}
        WHERE c."status" <> 'BLOCKED' AND (c."cause" IS NULL OR c."cause" <> 'probe_offline')
        GROUP BY c."monitorId"`,
    );
  },

  async bucketCounts(db, monitorId, ranges, originMs, widthMs) {
    const rows = await db.$queryRaw<Array<RawCounts & { bucket: Num }>>`
      SELECT CAST((c."checkedAt" - ${originMs}) / ${widthMs} AS INTEGER) AS bucket, COUNT(*) AS total,
             SUM(CASE WHEN c."status" = 'UP' THEN 1 ELSE 0 END) AS up,
             SUM(c."latencyMs") AS "latencySum", COUNT(c."latencyMs") AS "latencyCount",
             SUM(c."maintenance") AS "maintenanceTotal",
             SUM(CASE WHEN c."maintenance" = 1 AND c."status" = 'UP' THEN 1 ELSE 0 END) AS "maintenanceUp"
      FROM json_each(${JSON.stringify(ranges)}) AS e
      CROSS JOIN "Check" c ON c."monitorId" = ${monitorId}
        AND c."checkedAt" >= json_extract(e.value, '$.from') AND c."checkedAt" < json_extract(e.value, '$.to')
      WHERE c."status" <> 'BLOCKED' AND (c."cause" IS NULL OR c."cause" <> 'probe_offline')
      GROUP BY bucket`;
    return rows.map((r): BucketCountRow => ({ bucket: num(r.bucket), ...counts(r) }));
  },

  async claimMonitors(db, instanceId, limit, nowMs) {
    // One statement: SQLite runs it under the write lock, so no other writer interleaves.
    const rows = await db.$queryRaw<Array<{ id: string }>>`
      UPDATE "Monitor" SET "ownerId" = ${instanceId}
      WHERE "id" IN (
        SELECT mo."id" FROM "Monitor" mo
        WHERE mo."active" = 1 AND (mo."ownerId" IS NULL OR NOT EXISTS (
          SELECT 1 FROM "Instance" i WHERE i."id" = mo."ownerId" AND i."expiresAt" > ${nowMs}))
        ORDER BY mo."nextDueAt" IS NOT NULL, mo."nextDueAt", mo."id"
        LIMIT ${limit}
      )
      RETURNING "id"`;
    return rows.map((r) => r.id);
  },

  async prepareCheckStorage() {
    // One table, nothing to prepare.
  },

  async pruneChecksBefore(db, cutoffMs) {
    // Through each monitor's ("monitorId", "checkedAt") range (there is no index on the time
    // alone), a batch of monitors per statement with a turn of the event loop between: an hour
    // of 10,000 monitors' checks is over a million rows, which one DELETE would spend seconds
    // on while holding the write lock and every check timer.
    const ids = (await db.$queryRaw<Array<{ id: string }>>`SELECT "id" FROM "Monitor"`).map((r) => r.id);
    let rows = 0;
    for (let i = 0; i < ids.length; i += PRUNE_MONITORS_PER_STATEMENT) {
      const batch = JSON.stringify(ids.slice(i, i + PRUNE_MONITORS_PER_STATEMENT));
      rows += await db.$executeRaw`DELETE FROM "Check" WHERE "monitorId" IN (SELECT value FROM json_each(${batch})) AND "checkedAt" < ${cutoffMs}`;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { partitions: 0, rows };
  },

  // One process owns the file: its attempt counters stay in memory (lib/auth/attempt-counters.ts).
  sharedAttempts: null,
};
