import type { NextConfig } from 'next';
import { APP_SECURITY_HEADERS } from './lib/security-headers';

const nextConfig: NextConfig = {
  // Lets parallel test runs in one checkout build into separate folders.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // The build type-checks the app only; tests and benches are checked by `npm run typecheck`.
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  // Native and worker-thread modules must be loaded by Node, not bundled.
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', 'pino', '@sendgrid/mail', '@sendgrid/client'],
  async headers() {
    return [
      {
        // Not: status pages and badges (their own, stricter headers; badges may be embedded), nor
        // the paths a custom domain may serve a status page at, which proxy.ts gives these headers.
        source: '/((?!status/|badge/|summary\\.json$|feed\\.atom$|unlock$).+)',
        headers: [...APP_SECURITY_HEADERS],
      },
    ];
  },
};

export default nextConfig;
