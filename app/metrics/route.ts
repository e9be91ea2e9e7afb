import { errorResponse } from '@/lib/api/handler';
import { ApiError } from '@/lib/api/errors';
import { metricsAccess } from '@/lib/auth/metrics-token';
import { renderMetrics } from '@/lib/metrics/render';
import { getEnv } from '@/lib/env';

// Prometheus scrapes this instance here with METRICS_TOKEN as its bearer token (no session, so
// proxy.ts lets /metrics through); without METRICS_TOKEN the endpoint does not exist.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  const access = metricsAccess(req.headers.get('authorization'), getEnv().METRICS_TOKEN);
  if (access === 'disabled') return errorResponse(ApiError.notFound('Page'));
  if (access === 'refused') return errorResponse(new ApiError('unauthorized', 'Send METRICS_TOKEN as the bearer token', undefined, { 'WWW-Authenticate': 'Bearer realm="metrics"' }));
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
}
