-- Several instances: monitor ownership, live instances, leases, shared settings and attempt
-- counters, commands for a monitor's owner, and one open incident per monitor by a unique key.

-- AlterTable
ALTER TABLE "Monitor" ADD COLUMN "ownerId" TEXT;
ALTER TABLE "Monitor" ADD COLUMN "nextDueAt" DATETIME;
ALTER TABLE "Monitor" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Incident" ADD COLUMN "openFor" TEXT;

-- An older install may hold more than one open incident of a monitor: the newest stays open.
UPDATE "Incident" SET "endedAt" = COALESCE("endedAt", "startedAt")
WHERE "endedAt" IS NULL AND "id" <> (
  SELECT i2."id" FROM "Incident" i2 WHERE i2."monitorId" = "Incident"."monitorId" AND i2."endedAt" IS NULL
  ORDER BY i2."startedAt" DESC, i2."id" DESC LIMIT 1
);
UPDATE "Incident" SET "openFor" = "monitorId" WHERE "endedAt" IS NULL;

-- DropIndex
DROP INDEX "Monitor_active_idx";

-- CreateIndex
CREATE INDEX "Monitor_active_ownerId_idx" ON "Monitor"("active", "ownerId");
CREATE INDEX "Monitor_ownerId_idx" ON "Monitor"("ownerId");
CREATE UNIQUE INDEX "Incident_openFor_key" ON "Incident"("openFor");

-- CreateTable
CREATE TABLE "Instance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "worker" BOOLEAN NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "heartbeatAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);
CREATE INDEX "Instance_expiresAt_idx" ON "Instance"("expiresAt");

CREATE TABLE "Lease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "until" DATETIME NOT NULL
);

CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "Attempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);
CREATE INDEX "Attempt_kind_key_at_idx" ON "Attempt"("kind", "key", "at");
CREATE INDEX "Attempt_at_idx" ON "Attempt"("at");

CREATE TABLE "WorkerCommand" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "monitorId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "result" JSONB,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL,
    "finishedAt" DATETIME
);
CREATE INDEX "WorkerCommand_instanceId_state_idx" ON "WorkerCommand"("instanceId", "state");
CREATE INDEX "WorkerCommand_createdAt_idx" ON "WorkerCommand"("createdAt");
