-- How long the last check of a monitor waited for the per-host cap, shown on the monitor page.
ALTER TABLE "Monitor" ADD COLUMN "hostWaitMs" INTEGER NOT NULL DEFAULT 0;
