// Runs `prisma generate` without the network, once per engine's schema (SQLite, the default,
// and PostgreSQL). The Prisma CLI insists on a schema-engine binary that it would download;
// generate never runs it, so any existing file satisfies it.
import { spawnSync } from 'node:child_process';

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
env.CHECKPOINT_DISABLE = '1';
for (const schema of ['prisma/schema.prisma', 'prisma/postgresql/schema.prisma']) {
  const result = spawnSync('npx', ['--no-install', 'prisma', 'generate', '--schema', schema], { stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
