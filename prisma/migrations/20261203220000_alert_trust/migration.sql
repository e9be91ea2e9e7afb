-- Alerts people can trust (issue 14): success threshold, degraded thresholds, dependencies,
-- the start of the current run of failures or successes, incident kinds, and an instance's
-- connectivity. Enums are TEXT in SQLite, so DEGRADED needs no change here.

-- AlterTable
ALTER TABLE "Monitor" ADD COLUMN "successThreshold" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Monitor" ADD COLUMN "degraded" JSONB;
ALTER TABLE "Monitor" ADD COLUMN "parentId" TEXT REFERENCES "Monitor" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Monitor" ADD COLUMN "failingSince" DATETIME;
ALTER TABLE "Monitor" ADD COLUMN "streak" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Monitor" ADD COLUMN "streakSince" DATETIME;
ALTER TABLE "Incident" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'DOWN';
ALTER TABLE "Instance" ADD COLUMN "offlineSince" DATETIME;

-- CreateIndex
CREATE INDEX "Monitor_parentId_idx" ON "Monitor"("parentId");
