-- Issue 16: the index on "Check"("checkedAt") alone served only retention pruning, which now
-- deletes each monitor's old checks through ("monitorId", "checkedAt"). It cost about 16 bytes
-- of every stored check and one more B-tree write per insert.

-- DropIndex
DROP INDEX "Check_checkedAt_idx";
