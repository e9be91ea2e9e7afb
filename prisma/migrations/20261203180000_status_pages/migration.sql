-- Public status pages (sections of chosen monitors, written incidents with their updates),
-- maintenance windows, public badges, and a maintenance mark on checks and hourly rollups so
-- uptime can be reported with and without maintenance.

-- AlterTable
ALTER TABLE "Monitor" ADD COLUMN "publicBadge" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Monitor" ADD COLUMN "badgeKey" TEXT;
ALTER TABLE "Check" ADD COLUMN "maintenance" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "CheckRollup" ADD COLUMN "maintenanceChecks" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "CheckRollup" ADD COLUMN "maintenanceUpChecks" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "CheckDailyRollup" (
    "monitorId" TEXT NOT NULL,
    "dayStart" DATETIME NOT NULL,
    "totalChecks" INTEGER NOT NULL,
    "upChecks" INTEGER NOT NULL,
    "latencySum" INTEGER NOT NULL,
    "latencyCount" INTEGER NOT NULL,
    "maintenanceChecks" INTEGER NOT NULL,
    "maintenanceUpChecks" INTEGER NOT NULL,

    PRIMARY KEY ("monitorId", "dayStart"),
    CONSTRAINT "CheckDailyRollup_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "CheckDailyRollup_dayStart_idx" ON "CheckDailyRollup"("dayStart");

-- The days so far, from the hourly totals (hourStart is epoch milliseconds here).
INSERT INTO "CheckDailyRollup" ("monitorId", "dayStart", "totalChecks", "upChecks", "latencySum", "latencyCount", "maintenanceChecks", "maintenanceUpChecks")
SELECT "monitorId", ("hourStart" / 86400000) * 86400000, SUM("totalChecks"), SUM("upChecks"), SUM("latencySum"), SUM("latencyCount"), 0, 0
FROM "CheckRollup" GROUP BY "monitorId", ("hourStart" / 86400000);

-- CreateTable
CREATE TABLE "StatusPage" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "StatusPage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StatusPageSection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pageId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "StatusPageSection_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "StatusPage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StatusPageMonitor" (
    "pageId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "displayName" TEXT,
    "showDetails" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("pageId", "monitorId"),
    CONSTRAINT "StatusPageMonitor_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "StatusPageSection" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StatusPageMonitor_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StatusPageIncident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pageId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "impact" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "resolvedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "StatusPageIncident_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "StatusPage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StatusPageIncidentUpdate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "StatusPageIncidentUpdate_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "StatusPageIncident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StatusPageIncidentMonitor" (
    "incidentId" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,

    PRIMARY KEY ("incidentId", "monitorId"),
    CONSTRAINT "StatusPageIncidentMonitor_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "StatusPageIncident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StatusPageIncidentMonitor_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Maintenance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "allMonitors" BOOLEAN NOT NULL DEFAULT false,
    "startsAt" DATETIME,
    "endsAt" DATETIME,
    "recurrence" JSONB,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Maintenance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MaintenanceMonitor" (
    "maintenanceId" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,

    PRIMARY KEY ("maintenanceId", "monitorId"),
    CONSTRAINT "MaintenanceMonitor_maintenanceId_fkey" FOREIGN KEY ("maintenanceId") REFERENCES "Maintenance" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MaintenanceMonitor_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
