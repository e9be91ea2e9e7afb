import { Prisma } from '@/lib/generated/prisma/client';
import type { BucketCountRow, CountRow, DialectStatements, Queryable } from '@/lib/db/dialect';
import { counts, countRowsFromJson, dailyRowsFromJson, num, recentRowsFromJson, type Num, type RawCounts } from '@/lib/db/count-rows';
import { ensureCheckPartitions, PARTITION_LOCK, partitionsBefore } from './partitions';
import { postgresAttempts } from './attempts';

// PostgreSQL's bulk statements, the counterparts of lib/db/sqlite/statements.ts: a batch
// travels as one JSON parameter unpacked by jsonb_to_recordset, so one statement writes a
// whole batch. Time crosses the seam as epoch milliseconds; columns are timestamp(3) in UTC.


/** epoch ms -> timestamp(3); float8, so a fractional millisecond never fails a cast. */
const ts = (ms: number | null | Prisma.Sql) => Prisma.sql`(TIMESTAMP '1970-01-01' + (${ms})::float8 * INTERVAL '1 millisecond')`;
/** timestamp column -> epoch ms */
/** Fixed identifiers, never input: which table and start column each rollup period writes. */
const ROLLUP_TABLES = {
  hour: { table: Prisma.raw('"CheckRollup"'), start: Prisma.raw('"hourStart"') },
  day: { table: Prisma.raw('"CheckDailyRollup"'), start: Prisma.raw('"dayStart"') },
} as const;

const ms = (column: Prisma.Sql) => Prisma.sql`(EXTRACT(EPOCH FROM ${column}) * 1000)::bigint`;
const json = (value: unknown) => Prisma.sql`${JSON.stringify(value)}::jsonb`;

/** Runs a per-monitor count query and reads its rows back as one JSON array (see lib/db/count-rows). */
async function countsAsJson(db: Queryable, query: Prisma.Sql): Promise<CountRow[]> {
  const [row] = await db.$queryRaw<Array<{ rows: string | null }>>`
    SELECT json_agg(json_build_array(q."monitorId", q.total, q.up, q."latencySum", q."latencyCount", q."maintenanceTotal", q."maintenanceUp"))::text AS rows
    FROM (${query}) q`;
  return countRowsFromJson(row?.rows ?? null);
}

export const postgresStatements: DialectStatements = {
  insertChecks(db, rows) {
    return db.$executeRaw`
      INSERT INTO "Check" ("id", "monitorId", "status", "latencyMs", "statusCode", "error", "cause",
                           "dnsMs", "connectMs", "tlsMs", "ttfbMs", "transferMs", "maintenance", "checkedAt")
      SELECT r."id", r."monitorId", r."status"::"CheckStatus", r."latencyMs", r."statusCode", r."error", r."cause",
             r."dnsMs", r."connectMs", r."tlsMs", r."ttfbMs", r."transferMs", COALESCE(r."maintenance", false), ${ts(Prisma.raw('r."checkedAtMs"'))}
      FROM jsonb_to_recordset(${json(rows)}) AS r("id" text, "monitorId" text, "status" text, "latencyMs" int, "statusCode" int,
        "error" text, "cause" text, "dnsMs" int, "connectMs" int, "tlsMs" int, "ttfbMs" int, "transferMs" int, "maintenance" boolean, "checkedAtMs" bigint)`;
  },

  addToRollups(db, period, rows) {
    const { table, start } = ROLLUP_TABLES[period];
    return db.$executeRaw`
      INSERT INTO ${table} ("monitorId", ${start}, "totalChecks", "upChecks", "latencySum", "latencyCount",
                                 "maintenanceChecks", "maintenanceUpChecks")
      SELECT r."monitorId", ${ts(Prisma.raw('r."startMs"'))}, COUNT(*), SUM(r."up"), COALESCE(SUM(r."latencyMs"), 0), COUNT(r."latencyMs"),
             COALESCE(SUM(r."maintenance"), 0), COALESCE(SUM(r."maintenanceUp"), 0)
      FROM jsonb_to_recordset(${json(rows)}) AS r("monitorId" text, "startMs" bigint, "up" int, "latencyMs" int, "maintenance" int, "maintenanceUp" int)
      GROUP BY 1, 2
      ORDER BY 1, 2
      ON CONFLICT ("monitorId", ${start}) DO UPDATE SET
        "totalChecks" = ${table}."totalChecks" + excluded."totalChecks",
        "upChecks" = ${table}."upChecks" + excluded."upChecks",
        "latencySum" = ${table}."latencySum" + excluded."latencySum",
        "latencyCount" = ${table}."latencyCount" + excluded."latencyCount",
        "maintenanceChecks" = ${table}."maintenanceChecks" + excluded."maintenanceChecks",
        "maintenanceUpChecks" = ${table}."maintenanceUpChecks" + excluded."maintenanceUpChecks"`;
  },

  updateMonitorSummaries(db, rows, nowMs) {
    return db.$executeRaw`
      UPDATE "Monitor" AS m SET
        "lastCheckedAt" = ${ts(Prisma.raw('s."atMs"'))},
        "lastLatencyMs" = s."latency",
        "lastStatusCode" = s."code",
        "lastError" = s."error",
        "lastCause" = s."cause",
        "consecutiveFailures" = s."failures",
        "failingSince" = ${ts(Prisma.raw('s."failingSinceMs"'))},
        "streak" = s."streak",
        "streakSince" = ${ts(Prisma.raw('s."streakSinceMs"'))},
        "hostWaitMs" = s."hostWaitMs",
        "certExpiresAt" = COALESCE(${ts(Prisma.raw('s."certAtMs"'))}, m."certExpiresAt"),
        "certIssuer" = COALESCE(s."issuer", m."certIssuer"),
        "updatedAt" = ${ts(nowMs)}
      FROM jsonb_to_recordset(${json(rows)}) AS s("id" text, "atMs" bigint, "latency" int, "code" int, "error" text, "cause" text,
        "failures" int, "failingSinceMs" bigint, "streak" int, "streakSinceMs" bigint, "hostWaitMs" int, "certAtMs" bigint, "issuer" text)
      WHERE m."id" = s."id"`;
  },

  async recentChecks(db, monitorIds, perMonitor) {
    // One index range per monitor, read newest first, each packed into a JSON array.
    const [row] = await db.$queryRaw<Array<{ rows: string | null }>>`
      SELECT json_agg(json_build_array(m.id, (
        SELECT json_agg(json_build_array(x."status", x."latencyMs", x."cause", ${ms(Prisma.raw('x."checkedAt"'))}))
        FROM (SELECT c."status", c."latencyMs", c."cause", c."checkedAt" FROM "Check" c
              WHERE c."monitorId" = m.id ORDER BY c."checkedAt" DESC LIMIT ${perMonitor}::int) x
      )))::text AS rows
      FROM jsonb_array_elements_text(${json(monitorIds)}) AS m(id)`;
    return recentRowsFromJson(row?.rows ?? null);
  },

  recentChecksJson(db, monitorIds, perMonitor) {
    return db.$queryRaw<Array<{ monitorId: string; checks: string }>>`
      SELECT m.id AS "monitorId", '[' || COALESCE((
        SELECT string_agg('{"status":"' || x."status"::text || '","latencyMs":' || COALESCE(x."latencyMs"::text, 'null') ||
                          ',"checkedAt":"' || to_char(x."checkedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"}', ',' ORDER BY x."checkedAt")
        FROM (SELECT c."status", c."latencyMs", c."checkedAt" FROM "Check" c
              WHERE c."monitorId" = m.id ORDER BY c."checkedAt" DESC LIMIT ${perMonitor}::int) x
      ), '') || ']' AS "checks"
      FROM jsonb_array_elements_text(${json(monitorIds)}) AS m(id)`;
  },

  async rollupCountsSince(db, monitorIds, fromHourMs) {
    return countsAsJson(
      db,
      Prisma.sql`
        SELECT r."monitorId" AS "monitorId", SUM(r."totalChecks")::bigint AS total, SUM(r."upChecks")::bigint AS up,
               SUM(r."latencySum")::bigint AS "latencySum", SUM(r."latencyCount")::bigint AS "latencyCount",
               SUM(r."maintenanceChecks")::bigint AS "maintenanceTotal", SUM(r."maintenanceUpChecks")::bigint AS "maintenanceUp"
        FROM jsonb_array_elements_text(${json(monitorIds)}) AS m(id)
        JOIN "CheckRollup" r ON r."monitorId" = m.id AND r."hourStart" >= ${ts(fromHourMs)}
        GROUP BY r."monitorId"`,
    );
  },

  async dailyRollupCounts(db, monitorIds, fromDayMs) {
    // One JSON value for all rows: decoded at once instead of row by row by the driver adapter.
    const [row] = await db.$queryRaw<Array<{ rows: string | unknown[] | null }>>`
      SELECT json_agg(json_build_array(r."monitorId", ${ms(Prisma.raw('r."dayStart"'))}, r."totalChecks", r."upChecks", r."latencySum",
                                       r."latencyCount", r."maintenanceChecks", r."maintenanceUpChecks"))::text AS rows
      FROM jsonb_array_elements_text(${json(monitorIds)}) AS m(id)
      JOIN "CheckDailyRollup" r ON r."monitorId" = m.id AND r."dayStart" >= ${ts(fromDayMs)}`;
    return dailyRowsFromJson(row?.rows ?? null);
  },

  async checkCountsBetween(db, monitorIds, fromMs, toMs) {
    return countsAsJson(
      db,
      Prisma.sql`
        SELECT c."monitorId" AS "monitorId", COUNT(*)::bigint AS total,
               COUNT(*) FILTER (WHERE c."status" = 'UP')::bigint AS up,
               COALESCE(SUM(c."latencyMs"), 0)::bigint AS "latencySum", COUNT(c."latencyMs")::bigint AS "latencyCount",
               COUNT(*) FILTER (WHERE c."maintenance")::bigint AS "maintenanceTotal",
               COUNT(*) FILTER (WHERE c."maintenance" AND c."status" = 'UP')::bigint AS "maintenanceUp"
        FROM jsonb_array_elements_text(${json(monitorIds)}) AS m(id)
        JOIN "Check" c ON c."monitorId" = m.id AND c."checkedAt" >= ${ts(fromMs)} AND c."checkedAt" < ${ts(toMs)}
        WHERE c."status" <> 'BLOCKED' AND (c."cause" IS NULL OR c."cause" <> 'probe_offline')
        GROUP BY c."monitorId"`,
    );
  },

  async bucketCounts(db, monitorId, ranges, originMs, widthMs) {
    const rows = await db.$queryRaw<Array<RawCounts & { bucket: Num }>>`
      SELECT FLOOR((${ms(Prisma.raw('c."checkedAt"'))} - ${originMs}::float8) / ${widthMs}::float8)::bigint AS bucket, COUNT(*)::bigint AS total,
             COUNT(*) FILTER (WHERE c."status" = 'UP')::bigint AS up,
             COALESCE(SUM(c."latencyMs"), 0)::bigint AS "latencySum", COUNT(c."latencyMs")::bigint AS "latencyCount",
             COUNT(*) FILTER (WHERE c."maintenance")::bigint AS "maintenanceTotal",
             COUNT(*) FILTER (WHERE c."maintenance" AND c."status" = 'UP')::bigint AS "maintenanceUp"
      FROM jsonb_to_recordset(${json(ranges)}) AS e("from" bigint, "to" bigint)
      JOIN "Check" c ON c."monitorId" = ${monitorId}
        AND c."checkedAt" >= ${ts(Prisma.raw('e."from"'))} AND c."checkedAt" < ${ts(Prisma.raw('e."to"'))}
      WHERE c."status" <> 'BLOCKED' AND (c."cause" IS NULL OR c."cause" <> 'probe_offline')
      GROUP BY 1`;
    return rows.map((r): BucketCountRow => ({ bucket: num(r.bucket), ...counts(r) }));
  },

  async claimMonitors(db, instanceId, limit, nowMs) {
    const rows = await db.$queryRaw<Array<{ id: string }>>`
      UPDATE "Monitor" SET "ownerId" = ${instanceId}
      WHERE "id" IN (
        SELECT mo."id" FROM "Monitor" mo
        WHERE mo."active" AND (mo."ownerId" IS NULL OR NOT EXISTS (
          SELECT 1 FROM "Instance" i WHERE i."id" = mo."ownerId" AND i."expiresAt" > ${ts(nowMs)}))
        ORDER BY mo."nextDueAt" ASC NULLS FIRST, mo."id"
        LIMIT ${limit}::int
        FOR UPDATE SKIP LOCKED
      )
      RETURNING "id"`;
    return rows.map((r) => r.id);
  },

  async prepareCheckStorage(db, nowMs) {
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PARTITION_LOCK}::bigint)`;
      await ensureCheckPartitions((sql) => tx.$executeRawUnsafe(sql).then(() => undefined), nowMs);
    });
  },

  async pruneChecksBefore(db, cutoffMs) {
    return db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PARTITION_LOCK}::bigint)`;
      const parts = await tx.$queryRaw<Array<{ name: string }>>`
        SELECT c.relname AS name FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = 'Check'`;
      const old = partitionsBefore(parts.map((p) => p.name), cutoffMs);
      for (const name of old) await tx.$executeRawUnsafe(`DROP TABLE IF EXISTS "${name}"`);
      const strays = await tx.$executeRaw`DELETE FROM "Check_default" WHERE "checkedAt" < ${ts(cutoffMs)}`;
      return { partitions: old.length, rows: strays };
    });
  },

  sharedAttempts: postgresAttempts,
};
