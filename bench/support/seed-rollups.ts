import type Database from 'better-sqlite3';

/**
 * Benches seed checks straight into SQLite, bypassing the worker that keeps the hourly
 * rollups; this builds them the way the rollup migration backfills them.
 */
export function seedRollups(db: Database.Database): void {
  db.exec(`DELETE FROM "CheckRollup";
    INSERT INTO "CheckRollup" ("monitorId", "hourStart", "totalChecks", "upChecks", "latencySum", "latencyCount")
    SELECT "monitorId", ("checkedAt" / 3600000) * 3600000, COUNT(*), SUM(CASE WHEN "status" = 'UP' THEN 1 ELSE 0 END),
           COALESCE(SUM("latencyMs"), 0), COUNT("latencyMs")
    FROM "Check" GROUP BY "monitorId", ("checkedAt" / 3600000)`);
}
