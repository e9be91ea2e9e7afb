// The app's own security headers, in one place for next.config.ts (every path) and proxy.ts
// (the few paths a custom domain may serve a status page at instead, which next.config cannot
// tell apart by host). Status pages and badges send their own, stricter ones.

const production = process.env.NODE_ENV === 'production';

// Next's hydration needs inline scripts; eval is only needed by the dev server's fast refresh.
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${production ? '' : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const APP_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: 'Content-Security-Policy', value: csp },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

/** Paths a custom domain serves its status page at; the proxy gives them the app's headers otherwise. */
export const CUSTOM_DOMAIN_PATHS = ['/', '/summary.json', '/feed.atom', '/unlock'] as const;
