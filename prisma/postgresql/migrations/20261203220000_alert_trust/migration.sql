-- Alerts people can trust (issue 14): success threshold, degraded thresholds, dependencies,
-- the start of the current run of failures or successes, incident kinds, the DEGRADED status
-- with its alerts, and an instance's connectivity.

-- AlterEnum
ALTER TYPE "MonitorStatus" ADD VALUE 'DEGRADED';
ALTER TYPE "AlertKind" ADD VALUE 'DEGRADED';
ALTER TYPE "AlertKind" ADD VALUE 'DEGRADED_RESOLVED';

-- CreateEnum
CREATE TYPE "IncidentKind" AS ENUM ('DOWN', 'DEGRADED');

-- AlterTable
ALTER TABLE "Monitor" ADD COLUMN "successThreshold" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN "degraded" JSONB,
ADD COLUMN "parentId" TEXT,
ADD COLUMN "failingSince" TIMESTAMP(3),
ADD COLUMN "streak" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "streakSince" TIMESTAMP(3);
ALTER TABLE "Incident" ADD COLUMN "kind" "IncidentKind" NOT NULL DEFAULT 'DOWN';
ALTER TABLE "Instance" ADD COLUMN "offlineSince" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Monitor_parentId_idx" ON "Monitor"("parentId");

-- AddForeignKey
ALTER TABLE "Monitor" ADD CONSTRAINT "Monitor_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Monitor"("id") ON DELETE SET NULL ON UPDATE CASCADE;
