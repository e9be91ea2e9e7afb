-- Notification channels chosen per monitor, and a durable outbox: one AlertEvent per happening,
-- one Delivery per event and channel. Earlier Alert rows become events and deliveries (without
-- a channel: there were none), so no alert history is lost.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "emailChannelProvisioned" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "NotificationChannel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "confirmedAt" DATETIME,
    "confirmToken" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "NotificationChannel_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MonitorChannel" (
    "monitorId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,

    PRIMARY KEY ("monitorId", "channelId"),
    CONSTRAINT "MonitorChannel_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MonitorChannel_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "NotificationChannel" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "monitorId" TEXT NOT NULL,
    "incidentId" TEXT,
    "kind" TEXT NOT NULL,
    "dedupKey" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "monitorName" TEXT NOT NULL,
    "monitorTarget" TEXT NOT NULL,
    "cause" TEXT,
    "error" TEXT,
    "downtimeMs" INTEGER,
    "certExpiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AlertEvent_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AlertEvent_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "channelId" TEXT,
    "channelKind" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "providerStatus" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME,
    CONSTRAINT "Delivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "AlertEvent" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Delivery_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "NotificationChannel" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Delivery_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Earlier alerts: one event and one finished delivery each (DateTime columns hold epoch milliseconds).
INSERT INTO "AlertEvent" ("id", "monitorId", "incidentId", "kind", "dedupKey", "at", "monitorName", "monitorTarget", "cause", "error", "createdAt")
SELECT 'legacy-' || a."id", a."monitorId", a."incidentId", a."kind", 'legacy:' || a."id", a."createdAt", m."name",
       CASE m."type" WHEN 'tcp' THEN COALESCE(m."host", '') || ':' || COALESCE(m."port", '') WHEN 'heartbeat' THEN 'heartbeat' ELSE COALESCE(m."url", '') END,
       a."cause", a."error", a."createdAt"
FROM "Alert" a JOIN "Monitor" m ON m."id" = a."monitorId";

INSERT INTO "Delivery" ("id", "eventId", "channelId", "channelKind", "monitorId", "state", "attempts", "nextAttemptAt", "lastError", "createdAt", "deliveredAt")
SELECT 'legacy-' || a."id", 'legacy-' || a."id", NULL, 'email', a."monitorId",
       CASE a."outcome" WHEN 'sent' THEN 'delivered' ELSE 'failed' END,
       CASE a."outcome" WHEN 'skipped' THEN 0 ELSE 1 END,
       a."createdAt",
       CASE a."outcome" WHEN 'skipped' THEN 'Not sent: email was not configured' ELSE a."error" END,
       a."createdAt",
       CASE a."outcome" WHEN 'sent' THEN a."createdAt" ELSE NULL END
FROM "Alert" a JOIN "Monitor" m ON m."id" = a."monitorId";

-- DropTable
DROP TABLE "Alert";

-- CreateIndex
CREATE UNIQUE INDEX "NotificationChannel_confirmToken_key" ON "NotificationChannel"("confirmToken");

-- CreateIndex
CREATE INDEX "NotificationChannel_userId_createdAt_idx" ON "NotificationChannel"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "MonitorChannel_channelId_idx" ON "MonitorChannel"("channelId");

-- CreateIndex
CREATE UNIQUE INDEX "AlertEvent_dedupKey_key" ON "AlertEvent"("dedupKey");

-- CreateIndex
CREATE INDEX "AlertEvent_incidentId_idx" ON "AlertEvent"("incidentId");

-- CreateIndex
CREATE INDEX "AlertEvent_monitorId_createdAt_idx" ON "AlertEvent"("monitorId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_eventId_channelId_key" ON "Delivery"("eventId", "channelId");

-- CreateIndex
CREATE INDEX "Delivery_state_nextAttemptAt_idx" ON "Delivery"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Delivery_monitorId_createdAt_idx" ON "Delivery"("monitorId", "createdAt");

-- CreateIndex
CREATE INDEX "Delivery_channelId_monitorId_eventId_idx" ON "Delivery"("channelId", "monitorId", "eventId");
