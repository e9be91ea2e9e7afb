/**
 * Cookie-borne mutations must come from our own pages. Browsers always send Origin on
 * cross-site POSTs and Sec-Fetch-Site on modern fetches; scripts (curl, SDKs) send
 * neither and authenticate with a Bearer token instead.
 */
export function isCrossSiteRequest(req: Request): boolean {
  const origin = req.headers.get('origin');
  if (origin !== null) {
    if (origin === 'null') return true;
    const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
    try {
      return new URL(origin).host !== host;
    } catch {
      return true;
    }
  }
  const site = req.headers.get('sec-fetch-site');
  return site !== null && site !== 'same-origin' && site !== 'none';
}
