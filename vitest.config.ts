import { defineConfig } from 'vitest/config';
import os from 'node:os';
import path from 'node:path';

// Five projects so each layer can be run alone: pure/unit and loopback checker tests,
// integration tests against the built server on SQLite, the same integration tests on
// PostgreSQL (one throwaway cluster for the project, a fresh database per app), several
// instances sharing one PostgreSQL database, and browser tests in Chromium. TEST_ENGINE tells
// tests/support which engine a project runs on.
const integration = {
  include: ['tests/integration/**/*.test.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // Every file starts real servers (and their database) that check targets on a timer, and
  // several tests time them: a file per two cores keeps a busy 2-core machine from starving them.
  maxWorkers: Math.max(1, Math.floor(os.availableParallelism() / 2)),
};

export default defineConfig({
  // Tests load lib/ modules outside Next's server bundle; the server-only marker is empty there,
  // as it is on Next's server (the react-server condition).
  resolve: { alias: { '@': path.resolve(import.meta.dirname), 'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js') } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/checker/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          ...integration,
          name: 'integration',
          globalSetup: ['tests/support/build-once.ts'],
          env: { TEST_ENGINE: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          ...integration,
          name: 'integration-postgresql',
          globalSetup: ['tests/support/build-once.ts', 'tests/support/postgres-setup.ts'],
          env: { TEST_ENGINE: 'postgresql' },
        },
      },
      {
        extends: true,
        test: {
          // Several instances on one PostgreSQL database (takeover, handover, exactly-once alerts).
          // One file at a time: each starts several servers that check many targets on 2 cores.
          name: 'cluster',
          include: ['tests/cluster/**/*.test.ts'],
          globalSetup: ['tests/support/build-once.ts', 'tests/support/postgres-setup.ts'],
          env: { TEST_ENGINE: 'postgresql' },
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          env: { TEST_ENGINE: 'sqlite' },
          globalSetup: ['tests/support/build-once.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
