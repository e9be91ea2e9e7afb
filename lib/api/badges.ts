import 'server-only';
import { renderMonitorBadge, BADGE_WINDOWS, type BadgeKind, type BadgeWindow } from '@/lib/services/badges';
import { notFoundBadge, renderBadge } from '@/lib/badges/render-badge';
import { logger } from '@/lib/logger';

// Badge responses: SVG, cacheable for a minute, meant to be embedded anywhere (no frame rule),
// and unable to run anything (a CSP with no sources but inline styles).

const BADGE_CSP = "default-src 'none'; style-src 'unsafe-inline'";

function svgResponse(svg: string, status: number, cacheControl: string): Response {
  return new Response(svg, {
    status,
    headers: {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': cacheControl,
      'Content-Security-Policy': BADGE_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    },
  });
}

/** What a badge key can be (randomToken: base64url); anything else is not looked up at all. */
const KEY_RE = /^[A-Za-z0-9_-]{8,64}$/;

export async function serveBadge(req: Request, key: string, kind: BadgeKind): Promise<Response> {
  const query = new URL(req.url).searchParams;
  const label = query.get('label');
  if (!KEY_RE.test(key)) return svgResponse(notFoundBadge(label ?? undefined), 404, 'public, max-age=60');
  const window = query.get('window') ?? '24h';
  if (!(window in BADGE_WINDOWS)) {
    return svgResponse(renderBadge({ label: 'window', message: `use ${Object.keys(BADGE_WINDOWS).join(', ')}`, color: 'down' }), 400, 'no-store');
  }
  try {
    const { found, svg } = await renderMonitorBadge(key, kind, window as BadgeWindow, label);
    return svgResponse(svg, found ? 200 : 404, 'public, max-age=60');
  } catch (err) {
    logger.warn({ err, kind }, 'rendering a badge failed');
    return svgResponse(renderBadge({ label: label ?? kind, message: 'unavailable', color: 'neutral' }), 503, 'no-store');
  }
}
