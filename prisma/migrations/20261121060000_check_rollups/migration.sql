-- CreateTable
CREATE TABLE "CheckRollup" (
    "monitorId" TEXT NOT NULL,
    "hourStart" DATETIME NOT NULL,
    "totalChecks" INTEGER NOT NULL,
    "upChecks" INTEGER NOT NULL,
    "latencySum" INTEGER NOT NULL,
    "latencyCount" INTEGER NOT NULL,

    PRIMARY KEY ("monitorId", "hourStart"),
    CONSTRAINT "CheckRollup_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CheckRollup_hourStart_idx" ON "CheckRollup"("hourStart");

-- Backfill from the checks already stored.
INSERT INTO "CheckRollup" ("monitorId", "hourStart", "totalChecks", "upChecks", "latencySum", "latencyCount")
SELECT "monitorId", ("checkedAt" / 3600000) * 3600000, COUNT(*), SUM(CASE WHEN "status" = 'UP' THEN 1 ELSE 0 END),
       COALESCE(SUM("latencyMs"), 0), COUNT("latencyMs")
FROM "Check" GROUP BY "monitorId", ("checkedAt" / 3600000);
