// The browser side of the JSON API: same-origin fetches carry the session cookie.

export interface ApiIssue {
  path: (string | number)[];
  message: string;
}

export interface ApiFailure {
  code: string;
  message: string;
  issues?: ApiIssue[];
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiFailure };

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers: init.body !== undefined ? { 'content-type': 'application/json' } : undefined,
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal: init.signal,
      cache: 'no-store',
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    return { ok: false, status: 0, error: { code: 'network', message: 'Cannot reach the server. Check your connection and try again.' } };
  }
  if (res.status === 401 && !path.startsWith('/api/auth/')) {
    // The session ended (logged out elsewhere, expired): back to the login page.
    window.location.assign('/login');
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (res.ok) return { ok: true, status: res.status, data: body as T };
  const error = (body as { error?: ApiFailure } | null)?.error;
  return { ok: false, status: res.status, error: error ?? { code: 'http_error', message: `The server answered ${res.status}` } };
}

/** The first message per top-level field, for showing beside that field. */
export function fieldErrors(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues ?? []) {
    const key = String(i.path[0] ?? '_form');
    out[key] ??= i.message;
  }
  return out;
}
