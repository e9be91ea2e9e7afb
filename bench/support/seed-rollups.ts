import type Database from 'better-sqlite3';

/**
 * Benches seed checks straight into SQLite, bypassing the worker that keeps the hourly and
 * daily rollups; this builds them the way the rollup migrations backfill them.
 */
export function seedRollups(db: Database.Database): void {
  db.exec(`DELETE FROM "CheckRollup";
    INSERT INTO "CheckRollup" ("monitorId", "hourStart", "totalChecks", "upChecks", "latencySum", "latencyCount")
    SELECT "monitorId", ("checkedAt" / 3600000) * 3600000, COUNT(*), SUM(CASE WHEN "status" = 'UP' THEN 1 ELSE 0 END),
           COALESCE(SUM("latencyMs"), 0), COUNT("latencyMs")
    FROM "Check" GROUP BY "monitorId", ("checkedAt" / 3600000)`);
  seedDailyRollups(db);
}

/** The daily rollups from the hourly ones, as the migration that added them backfills them. */
export function seedDailyRollups(db: Database.Database): void {
  db.exec(`DELETE FROM "CheckDailyRollup";
    INSERT INTO "CheckDailyRollup" ("monitorId", "dayStart", "totalChecks", "upChecks", "latencySum", "latencyCount", "maintenanceChecks", "maintenanceUpChecks")
    SELECT "monitorId", ("hourStart" / 86400000) * 86400000, SUM("totalChecks"), SUM("upChecks"), SUM("latencySum"), SUM("latencyCount"),
           SUM("maintenanceChecks"), SUM("maintenanceUpChecks")
    FROM "CheckRollup" GROUP BY "monitorId", ("hourStart" / 86400000)`);
}
