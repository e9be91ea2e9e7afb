import { getEnv } from '@/lib/env';
import { migrateDatabase } from '@/lib/db/migrate';
import { getJwtKey } from '@/lib/auth/jwt-secret';
import { startWorker } from '@/lib/worker/instance';
import { logger } from '@/lib/logger';

/** Start-up in order: settings, secret, schema, worker. Any failure stops the process with a clear message. */
export async function boot(): Promise<void> {
  try {
    const env = getEnv();
    getJwtKey();
    const { applied } = migrateDatabase(env.databasePath);
    if (applied.length) logger.info({ applied, database: env.databasePath }, 'database migrated');
    await startWorker();
  } catch (err) {
    console.error(`\nPingboard cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
