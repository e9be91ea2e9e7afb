-- The whole schema for PostgreSQL in one migration (this engine starts here). "Check" is
-- partitioned by day on "checkedAt": the app creates the day partitions ahead
-- (lib/db/postgresql/partitions.ts) and retention drops whole days.

-- CreateEnum
CREATE TYPE "MonitorType" AS ENUM ('http', 'tcp', 'heartbeat');

-- CreateEnum
CREATE TYPE "HttpMethod" AS ENUM ('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS');

-- CreateEnum
CREATE TYPE "KeywordMode" AS ENUM ('present', 'absent');

-- CreateEnum
CREATE TYPE "MonitorStatus" AS ENUM ('PENDING', 'UP', 'DOWN', 'BLOCKED');

-- CreateEnum
CREATE TYPE "CheckStatus" AS ENUM ('UP', 'DOWN', 'BLOCKED');

-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('DOWN', 'UP', 'REMINDER', 'CERT_EXPIRING', 'CERT_EXPIRED');

-- CreateEnum
CREATE TYPE "ChannelKind" AS ENUM ('email', 'webhook', 'slack', 'discord', 'teams', 'google_chat', 'telegram', 'ntfy', 'pushover', 'gotify', 'pagerduty');

-- CreateEnum
CREATE TYPE "DeliveryState" AS ENUM ('pending', 'retrying', 'delivered', 'failed');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "tokenVersion" INTEGER NOT NULL DEFAULT 0,
    "emailChannelProvisioned" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Monitor" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "MonitorType" NOT NULL DEFAULT 'http',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "intervalSeconds" INTEGER NOT NULL DEFAULT 60,
    "timeoutSeconds" INTEGER NOT NULL DEFAULT 10,
    "url" TEXT,
    "method" "HttpMethod" NOT NULL DEFAULT 'GET',
    "headers" JSONB,
    "body" TEXT,
    "acceptedStatusCodes" JSONB,
    "followRedirects" BOOLEAN NOT NULL DEFAULT true,
    "maxRedirects" INTEGER NOT NULL DEFAULT 5,
    "keyword" TEXT,
    "keywordMode" "KeywordMode" NOT NULL DEFAULT 'present',
    "keywordCaseSensitive" BOOLEAN NOT NULL DEFAULT true,
    "jsonAssertions" JSONB,
    "maxResponseTimeMs" INTEGER,
    "ignoreTlsErrors" BOOLEAN NOT NULL DEFAULT false,
    "certExpiryThresholdDays" INTEGER NOT NULL DEFAULT 14,
    "host" TEXT,
    "port" INTEGER,
    "heartbeatToken" TEXT,
    "graceSeconds" INTEGER NOT NULL DEFAULT 60,
    "lastHeartbeatAt" TIMESTAMP(3),
    "retries" INTEGER NOT NULL DEFAULT 1,
    "retryIntervalSeconds" INTEGER NOT NULL DEFAULT 10,
    "reminderIntervalMinutes" INTEGER,
    "status" "MonitorStatus" NOT NULL DEFAULT 'PENDING',
    "statusChangedAt" TIMESTAMP(3),
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "lastCheckedAt" TIMESTAMP(3),
    "lastLatencyMs" INTEGER,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "lastCause" TEXT,
    "certExpiresAt" TIMESTAMP(3),
    "certIssuer" TEXT,
    "hostWaitMs" INTEGER NOT NULL DEFAULT 0,
    "certWarnedFor" TIMESTAMP(3),
    "certExpiredWarnedFor" TIMESTAMP(3),
    "ownerId" TEXT,
    "nextDueAt" TIMESTAMP(3),
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Monitor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Check" (
    "id" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "status" "CheckStatus" NOT NULL,
    "latencyMs" INTEGER,
    "statusCode" INTEGER,
    "error" TEXT,
    "cause" TEXT,
    "dnsMs" INTEGER,
    "connectMs" INTEGER,
    "tlsMs" INTEGER,
    "ttfbMs" INTEGER,
    "transferMs" INTEGER,
    "checkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Check_pkey" PRIMARY KEY ("id","checkedAt")
) PARTITION BY RANGE ("checkedAt");

-- Checks stamped outside every day partition (a clock far off) land here instead of failing.
CREATE TABLE "Check_default" PARTITION OF "Check" DEFAULT;

-- CreateTable
CREATE TABLE "CheckRollup" (
    "monitorId" TEXT NOT NULL,
    "hourStart" TIMESTAMP(3) NOT NULL,
    "totalChecks" INTEGER NOT NULL,
    "upChecks" INTEGER NOT NULL,
    "latencySum" INTEGER NOT NULL,
    "latencyCount" INTEGER NOT NULL,

    CONSTRAINT "CheckRollup_pkey" PRIMARY KEY ("monitorId","hourStart")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "cause" TEXT,
    "firstError" TEXT,
    "lastError" TEXT,
    "lastReminderAt" TIMESTAMP(3),
    "openFor" TEXT,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationChannel" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "ChannelKind" NOT NULL,
    "name" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "confirmedAt" TIMESTAMP(3),
    "confirmToken" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitorChannel" (
    "monitorId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,

    CONSTRAINT "MonitorChannel_pkey" PRIMARY KEY ("monitorId","channelId")
);

-- CreateTable
CREATE TABLE "AlertEvent" (
    "id" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "incidentId" TEXT,
    "kind" "AlertKind" NOT NULL,
    "dedupKey" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "monitorName" TEXT NOT NULL,
    "monitorTarget" TEXT NOT NULL,
    "cause" TEXT,
    "error" TEXT,
    "downtimeMs" INTEGER,
    "certExpiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "channelId" TEXT,
    "channelKind" "ChannelKind" NOT NULL,
    "monitorId" TEXT NOT NULL,
    "state" "DeliveryState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "providerStatus" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Instance" (
    "id" TEXT NOT NULL,
    "worker" BOOLEAN NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "heartbeatAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Instance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Attempt" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkerCommand" (
    "id" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "result" JSONB,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "WorkerCommand_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Monitor_heartbeatToken_key" ON "Monitor"("heartbeatToken");

-- CreateIndex
CREATE INDEX "Monitor_userId_createdAt_idx" ON "Monitor"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Monitor_active_ownerId_idx" ON "Monitor"("active", "ownerId");

-- CreateIndex
CREATE INDEX "Monitor_ownerId_idx" ON "Monitor"("ownerId");

-- CreateIndex
CREATE INDEX "Check_monitorId_checkedAt_idx" ON "Check"("monitorId", "checkedAt");

-- CreateIndex
CREATE INDEX "Check_checkedAt_idx" ON "Check"("checkedAt");

-- CreateIndex
CREATE INDEX "CheckRollup_hourStart_idx" ON "CheckRollup"("hourStart");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_openFor_key" ON "Incident"("openFor");

-- CreateIndex
CREATE INDEX "Incident_monitorId_startedAt_idx" ON "Incident"("monitorId", "startedAt");

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
CREATE INDEX "Delivery_state_nextAttemptAt_idx" ON "Delivery"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Delivery_monitorId_createdAt_idx" ON "Delivery"("monitorId", "createdAt");

-- CreateIndex
CREATE INDEX "Delivery_channelId_monitorId_eventId_idx" ON "Delivery"("channelId", "monitorId", "eventId");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_eventId_channelId_key" ON "Delivery"("eventId", "channelId");

-- CreateIndex
CREATE INDEX "Instance_expiresAt_idx" ON "Instance"("expiresAt");

-- CreateIndex
CREATE INDEX "Attempt_kind_key_at_idx" ON "Attempt"("kind", "key", "at");

-- CreateIndex
CREATE INDEX "Attempt_at_idx" ON "Attempt"("at");

-- CreateIndex
CREATE INDEX "WorkerCommand_instanceId_state_idx" ON "WorkerCommand"("instanceId", "state");

-- CreateIndex
CREATE INDEX "WorkerCommand_createdAt_idx" ON "WorkerCommand"("createdAt");

-- AddForeignKey
ALTER TABLE "Monitor" ADD CONSTRAINT "Monitor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Check" ADD CONSTRAINT "Check_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckRollup" ADD CONSTRAINT "CheckRollup_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationChannel" ADD CONSTRAINT "NotificationChannel_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorChannel" ADD CONSTRAINT "MonitorChannel_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorChannel" ADD CONSTRAINT "MonitorChannel_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "NotificationChannel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertEvent" ADD CONSTRAINT "AlertEvent_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertEvent" ADD CONSTRAINT "AlertEvent_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "AlertEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "NotificationChannel"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

