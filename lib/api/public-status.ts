import 'server-only';
import { createHash } from 'node:crypto';
import { publicStatusPage, type PublicPage } from '@/lib/services/public-status';
import { hasAccess, unlock } from '@/lib/auth/status-page-access';
import { clientAddress } from '@/lib/auth/client-address';
import { slugForHost, STATUS_HOST_PARAM } from '@/lib/services/status-page-domains';
import { renderStatusPage } from '@/lib/status-pages/render-page';
import { renderPasswordGate } from '@/lib/status-pages/render-gate';
import { renderAtomFeed } from '@/lib/status-pages/render-atom';
import { getEnv } from '@/lib/env';
import { DomainError } from '@/lib/errors';
import { logger } from '@/lib/logger';

// The public status page's three representations (HTML, summary JSON, Atom) and its password
// gate, with the caching rules: public pages are `public, max-age=30` with an ETag; a protected
// page is `private`, and without its cookie everything answers 401 and names nothing. A page
// that is missing or unpublished answers a plain 404, the same for every slug.

export type Format = 'html' | 'json' | 'atom';

const MAX_AGE_SECONDS = 30;
/** What a slug can be (lib/schemas/status-page.ts); anything else is not looked up at all. */
const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** No scripts at all; styles are inline; a logo may come from anywhere the owner chose. */
export const STATUS_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const CONTENT_TYPES: Record<Format, string> = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
};

function securityHeaders(contentType: string, cacheControl: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Cache-Control': cacheControl,
    'Content-Security-Policy': STATUS_PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  });
}

function plain(status: number, format: Format, message: string, code: string, extra?: HeadersInit): Response {
  const headers = securityHeaders(CONTENT_TYPES[format], 'no-store');
  for (const [k, v] of new Headers(extra)) headers.set(k, v);
  if (format === 'json') return new Response(JSON.stringify({ error: { code, message } }), { status, headers });
  if (format === 'html') {
    headers.set('Content-Type', CONTENT_TYPES.html);
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${message}</title></head><body><p>${message}</p></body></html>`;
    return new Response(body, { status, headers });
  }
  headers.set('Content-Type', 'text/plain; charset=utf-8');
  return new Response(message, { status, headers });
}

/** Where the page is served for this request: at /status/<slug> under APP_URL, or at / on its custom domain. */
interface Place {
  basePath: string;
  /** Origin for absolute links (the feed, summary.json). */
  origin: string;
}

async function placeFor(req: Request, slug: string): Promise<Place> {
  const host = new URL(req.url).searchParams.get(STATUS_HOST_PARAM);
  if (host && (await slugForHost(host).catch(() => null)) === slug) {
    const forwarded = getEnv().TRUST_PROXY ? req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() : undefined;
    const protocol = forwarded === 'https' || forwarded === 'http' ? `${forwarded}:` : new URL(req.url).protocol;
    return { basePath: '', origin: `${protocol}//${host}` };
  }
  return { basePath: `/status/${slug}`, origin: getEnv().APP_URL };
}

const absolute = (place: Place, path: string) => `${place.origin}${path || '/'}`;

function render(format: Format, page: PublicPage, place: Place): string {
  const { view } = page;
  const { basePath } = place;
  if (format === 'json') {
    return JSON.stringify({
      page: { slug: view.slug, title: view.title, description: view.description, url: absolute(place, basePath) },
      status: view.overall,
      components: view.sections.flatMap((s) =>
        s.components.map((c) => ({
          id: c.id,
          name: c.name,
          section: s.name,
          status: c.status,
          since: c.since,
          uptime90d: c.uptime90d,
          uptime90dExcludingMaintenance: c.uptime90dExcludingMaintenance,
          days: c.days.map((d) => ({ date: d.date, uptime: d.uptime, uptimeExcludingMaintenance: d.uptimeExcludingMaintenance, totalChecks: d.totalChecks, maintenanceChecks: d.maintenanceChecks })),
          ...(c.details ? { details: c.details } : {}),
        })),
      ),
      activeIncidents: view.activeIncidents,
      outages: view.outages,
      maintenance: view.maintenance,
      generatedAt: view.generatedAt,
    });
  }
  if (format === 'atom') return renderAtomFeed(view, { selfUrl: absolute(place, `${basePath}/feed.atom`), pageUrl: absolute(place, basePath) });
  return renderStatusPage(view, { basePath, now: new Date(view.generatedAt) });
}

export async function servePublicStatus(req: Request, slug: string, format: Format): Promise<Response> {
  try {
    const page = SLUG_RE.test(slug) ? await publicStatusPage(slug) : null;
    if (!page) return plain(404, format, 'Status page not found', 'not_found');
    const place = await placeFor(req, slug);
    const { basePath } = place;
    const locked = page.passwordHash !== null;
    if (locked && !(await hasAccess(req, page))) {
      if (format === 'html') {
        return new Response(renderPasswordGate({ action: `${basePath}/unlock` }), { status: 401, headers: securityHeaders(CONTENT_TYPES.html, 'private, no-store') });
      }
      return plain(401, format, 'This status page needs a password', 'unauthorized');
    }
    const body = render(format, page, place);
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    const headers = securityHeaders(CONTENT_TYPES[format], `${locked ? 'private' : 'public'}, max-age=${MAX_AGE_SECONDS}`);
    headers.set('ETag', etag);
    headers.set('Vary', 'Cookie');
    if (ifNoneMatch(req, etag)) return new Response(null, { status: 304, headers });
    return new Response(body, { status: 200, headers });
  } catch (err) {
    return failure(err, format, slug);
  }
}

function ifNoneMatch(req: Request, etag: string): boolean {
  const header = req.headers.get('if-none-match');
  if (!header) return false;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
}

function failure(err: unknown, format: Format, slug: string): Response {
  if (err instanceof DomainError && err.kind === 'rate_limited') {
    return plain(429, format, err.message, 'rate_limited', { 'Retry-After': String(err.details.retryAfterSeconds ?? 60) });
  }
  if (err instanceof DomainError && err.kind === 'unavailable') return plain(503, format, 'Temporarily unavailable', 'unavailable', { 'Retry-After': '1' });
  logger.error({ err, slug }, 'serving a status page failed');
  return plain(503, format, 'Temporarily unavailable', 'unavailable', { 'Retry-After': '5' });
}

/** The gate's form post: the right password sets the page's cookie and goes back to the page. */
export async function unlockPublicStatus(req: Request, slug: string): Promise<Response> {
  try {
    const page = SLUG_RE.test(slug) ? await publicStatusPage(slug) : null;
    if (!page) return plain(404, 'html', 'Status page not found', 'not_found');
    const { basePath } = await placeFor(req, slug);
    if (!page.passwordHash) return new Response(null, { status: 303, headers: { Location: basePath || '/' } });
    const password = await formPassword(req);
    const cookie = password === null ? null : await unlock(req, { ...page, passwordHash: page.passwordHash }, password, clientAddress(req.headers), basePath || '/');
    if (!cookie) {
      return new Response(renderPasswordGate({ action: `${basePath}/unlock`, error: 'That password is not right.' }), {
        status: 401,
        headers: securityHeaders(CONTENT_TYPES.html, 'private, no-store'),
      });
    }
    const headers = securityHeaders(CONTENT_TYPES.html, 'private, no-store');
    headers.set('Set-Cookie', cookie);
    headers.set('Location', basePath || '/');
    return new Response(null, { status: 303, headers });
  } catch (err) {
    return failure(err, 'html', slug);
  }
}

/** The password from a form post or a JSON body; null when there is none or it is absurd. */
async function formPassword(req: Request): Promise<string | null> {
  const type = req.headers.get('content-type') ?? '';
  const text = (await req.text().catch(() => '')).slice(0, 4096);
  let value: unknown = null;
  if (type.includes('application/json')) {
    try {
      value = (JSON.parse(text) as { password?: unknown }).password;
    } catch {
      value = null;
    }
  } else value = new URLSearchParams(text).get('password');
  return typeof value === 'string' && value.length <= 200 ? value : null;
}
