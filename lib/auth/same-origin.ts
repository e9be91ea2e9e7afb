import { getEnv } from '@/lib/env';

/**
 * Cookie-borne mutations must come from our own pages. Browsers always send Origin on
 * cross-site POSTs and Sec-Fetch-Site on modern fetches; scripts (curl, SDKs) send
 * neither and authenticate with a Bearer token instead.
 */
export function isCrossSiteRequest(req: Request): boolean {
  // The browser's own verdict wins when it gives one: it also sees what Origin cannot show,
  // such as an http page of our host posting to the https app (schemeful same-site).
  const site = req.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.headers.get('origin');
  if (origin !== null) {
    if (origin === 'null') return true;
    // Behind a declared proxy the public host arrives in X-Forwarded-Host; otherwise only Host counts.
    const forwarded = getEnv().TRUST_PROXY ? req.headers.get('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
    const host = forwarded || req.headers.get('host');
    try {
      return new URL(origin).host !== host;
    } catch {
      return true;
    }
  }
  return false;
}

/**
 * Whether the request says where it came from. Browsers send Origin on every POST, PUT, PATCH
 * and DELETE (and Sec-Fetch-Site on fetches): a cookie-authenticated mutation that carries
 * neither did not come from a browser page we can vouch for, and scripts use Bearer tokens.
 */
export function declaresOrigin(req: Request): boolean {
  return req.headers.has('origin') || req.headers.has('sec-fetch-site');
}
