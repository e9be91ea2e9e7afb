import { createHash, timingSafeEqual } from 'node:crypto';

// Who may read GET /metrics: a scraper sending METRICS_TOKEN as its bearer token. No session
// and no user: the metrics describe the whole instance. Both sides are hashed to 32 bytes
// before the constant-time comparison, so neither the token's content nor its length shows in
// the time a refusal takes.

export type MetricsAccess = 'disabled' | 'refused' | 'granted';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** disabled: no METRICS_TOKEN (the endpoint does not exist); refused: no or another bearer token. */
export function metricsAccess(authorization: string | null, token: string | undefined): MetricsAccess {
  if (!token) return 'disabled';
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
  // A missing header is compared like a wrong one, so the two take the same time.
  const offered = match?.[1] ?? '';
  const equal = timingSafeEqual(digest(offered), digest(token));
  return equal && match ? 'granted' : 'refused';
}
