-- Public status pages (sections of chosen monitors, written incidents with their updates),
-- maintenance windows, public badges, and a maintenance mark on checks and hourly rollups so
-- uptime can be reported with and without maintenance.

-- CreateEnum
CREATE TYPE "IncidentImpact" AS ENUM ('none', 'minor', 'major', 'critical');

-- CreateEnum
CREATE TYPE "IncidentUpdateStatus" AS ENUM ('investigating', 'identified', 'monitoring', 'resolved');

-- AlterTable
ALTER TABLE "Monitor" ADD COLUMN "publicBadge" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "badgeKey" TEXT;
ALTER TABLE "Check" ADD COLUMN "maintenance" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "CheckRollup" ADD COLUMN "maintenanceChecks" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "maintenanceUpChecks" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "CheckDailyRollup" (
    "monitorId" TEXT NOT NULL,
    "dayStart" TIMESTAMP(3) NOT NULL,
    "totalChecks" INTEGER NOT NULL,
    "upChecks" INTEGER NOT NULL,
    "latencySum" INTEGER NOT NULL,
    "latencyCount" INTEGER NOT NULL,
    "maintenanceChecks" INTEGER NOT NULL,
    "maintenanceUpChecks" INTEGER NOT NULL,

    CONSTRAINT "CheckDailyRollup_pkey" PRIMARY KEY ("monitorId","dayStart")
);

-- CreateIndex
CREATE INDEX "CheckDailyRollup_dayStart_idx" ON "CheckDailyRollup"("dayStart");

-- AddForeignKey
ALTER TABLE "CheckDailyRollup" ADD CONSTRAINT "CheckDailyRollup_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The days so far, from the hourly totals.
INSERT INTO "CheckDailyRollup" ("monitorId", "dayStart", "totalChecks", "upChecks", "latencySum", "latencyCount", "maintenanceChecks", "maintenanceUpChecks")
SELECT "monitorId", date_trunc('day', "hourStart"), SUM("totalChecks"), SUM("upChecks"), SUM("latencySum"), SUM("latencyCount"), 0, 0
FROM "CheckRollup" GROUP BY 1, 2;

-- CreateTable
CREATE TABLE "StatusPage" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "logoUrl" TEXT,
    "footerText" TEXT,
    "published" BOOLEAN NOT NULL DEFAULT true,
    "passwordHash" TEXT,
    "passwordVersion" INTEGER NOT NULL DEFAULT 0,
    "customDomain" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatusPage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusPageSection" (
    "id" TEXT NOT NULL,
    "pageId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "StatusPageSection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusPageMonitor" (
    "pageId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "displayName" TEXT,
    "showDetails" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "StatusPageMonitor_pkey" PRIMARY KEY ("pageId","monitorId")
);

-- CreateTable
CREATE TABLE "StatusPageIncident" (
    "id" TEXT NOT NULL,
    "pageId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "impact" "IncidentImpact" NOT NULL,
    "status" "IncidentUpdateStatus" NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatusPageIncident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusPageIncidentUpdate" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "status" "IncidentUpdateStatus" NOT NULL,
    "message" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatusPageIncidentUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusPageIncidentMonitor" (
    "incidentId" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,

    CONSTRAINT "StatusPageIncidentMonitor_pkey" PRIMARY KEY ("incidentId","monitorId")
);

-- CreateTable
CREATE TABLE "Maintenance" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "allMonitors" BOOLEAN NOT NULL DEFAULT false,
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "recurrence" JSONB,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Maintenance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaintenanceMonitor" (
    "maintenanceId" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,

    CONSTRAINT "MaintenanceMonitor_pkey" PRIMARY KEY ("maintenanceId","monitorId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Monitor_badgeKey_key" ON "Monitor"("badgeKey");

-- CreateIndex
CREATE UNIQUE INDEX "StatusPage_slug_key" ON "StatusPage"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "StatusPage_customDomain_key" ON "StatusPage"("customDomain");

-- CreateIndex
CREATE INDEX "StatusPage_userId_createdAt_idx" ON "StatusPage"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "StatusPageSection_pageId_position_idx" ON "StatusPageSection"("pageId", "position");

-- CreateIndex
CREATE INDEX "StatusPageMonitor_sectionId_position_idx" ON "StatusPageMonitor"("sectionId", "position");

-- CreateIndex
CREATE INDEX "StatusPageMonitor_monitorId_idx" ON "StatusPageMonitor"("monitorId");

-- CreateIndex
CREATE INDEX "StatusPageIncident_pageId_startedAt_idx" ON "StatusPageIncident"("pageId", "startedAt");

-- CreateIndex
CREATE INDEX "StatusPageIncidentUpdate_incidentId_at_idx" ON "StatusPageIncidentUpdate"("incidentId", "at");

-- CreateIndex
CREATE INDEX "StatusPageIncidentMonitor_monitorId_idx" ON "StatusPageIncidentMonitor"("monitorId");

-- CreateIndex
CREATE INDEX "Maintenance_userId_createdAt_idx" ON "Maintenance"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "MaintenanceMonitor_monitorId_idx" ON "MaintenanceMonitor"("monitorId");

-- AddForeignKey
ALTER TABLE "StatusPage" ADD CONSTRAINT "StatusPage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusPageSection" ADD CONSTRAINT "StatusPageSection_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "StatusPage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusPageMonitor" ADD CONSTRAINT "StatusPageMonitor_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "StatusPageSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusPageMonitor" ADD CONSTRAINT "StatusPageMonitor_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusPageIncident" ADD CONSTRAINT "StatusPageIncident_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "StatusPage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusPageIncidentUpdate" ADD CONSTRAINT "StatusPageIncidentUpdate_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "StatusPageIncident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusPageIncidentMonitor" ADD CONSTRAINT "StatusPageIncidentMonitor_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "StatusPageIncident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusPageIncidentMonitor" ADD CONSTRAINT "StatusPageIncidentMonitor_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Maintenance" ADD CONSTRAINT "Maintenance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceMonitor" ADD CONSTRAINT "MaintenanceMonitor_maintenanceId_fkey" FOREIGN KEY ("maintenanceId") REFERENCES "Maintenance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceMonitor" ADD CONSTRAINT "MaintenanceMonitor_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;
