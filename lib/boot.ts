import 'server-only';
import { getEnv } from '@/lib/env';
import { migrateConfiguredDatabase } from '@/lib/db/client';
import { loadJwtKey } from '@/lib/auth/jwt-secret';
import { startInstance } from '@/lib/cluster/instance';
import { ensureOwnEmailChannel } from '@/lib/services/own-email-channel';
import { logger } from '@/lib/logger';
import { installCustomDomainLookup } from '@/lib/services/status-page-domains';

/** Start-up in order: settings, schema, secret, default channels, this instance (worker, maintenance). Any failure stops the process with a clear message. */
export async function boot(): Promise<void> {
  try {
    const env = getEnv();
    const { applied } = await migrateConfiguredDatabase();
    if (applied.length) logger.info({ applied, database: env.databaseEngine }, 'database migrated');
    // After the migrations: on PostgreSQL the generated secret lives in the database, shared by every instance.
    await loadJwtKey();
    const provisioned = await ensureOwnEmailChannel();
    if (provisioned) logger.info({ users: provisioned }, 'gave existing users an email channel to their own address');
    await startInstance();
    installCustomDomainLookup();
  } catch (err) {
    console.error(`\nPingboard cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
