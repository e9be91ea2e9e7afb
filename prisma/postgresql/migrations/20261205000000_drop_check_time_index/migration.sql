-- Issue 16: retention drops whole day partitions, and the default partition's strays are few,
-- so the index on "Check"("checkedAt") alone only cost space and a write per insert.

-- DropIndex
DROP INDEX "Check_checkedAt_idx";
