import { defineConfig } from 'vitest/config';
import path from 'node:path';

// Runs tests/cluster alone until the main config has a project for it:
//   NEXT_DIST_DIR=.next-cluster npx vitest run --config tests/cluster/vitest.config.ts
// (TEST_DATABASE_URL=postgres://... uses that server instead of a throwaway cluster.)
// One file at a time: each starts several servers that check a thousand targets on 2 cores.
const root = path.resolve(import.meta.dirname, '..', '..');

export default defineConfig({
  root,
  resolve: { alias: { '@': root, 'server-only': path.join(root, 'node_modules/server-only/empty.js') } },
  test: {
    include: ['tests/cluster/**/*.test.ts'],
    globalSetup: ['tests/support/build-once.ts', 'tests/support/postgres-setup.ts'],
    env: { TEST_ENGINE: 'postgresql' },
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
