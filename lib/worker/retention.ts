import { deleteChecksBefore } from '@/lib/data/checks';
import { logger } from '@/lib/logger';

const HOUR_MS = 3_600_000;

/** Deletes checks older than the retention window once an hour, so the database stays bounded. */
export function startRetention(retentionDays: number): NodeJS.Timeout {
  const prune = async () => {
    try {
      const removed = await deleteChecksBefore(new Date(Date.now() - retentionDays * 24 * HOUR_MS));
      if (removed.partitions > 0 || (removed.rows ?? 0) > 0) logger.info({ ...removed, retentionDays }, "pruned old checks");
    } catch (err) {
      logger.warn({ err }, 'pruning old checks failed');
    }
  };
  const timer = setInterval(prune, HOUR_MS);
  timer.unref();
  setTimeout(prune, 60_000).unref();
  return timer;
}
