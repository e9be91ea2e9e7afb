import { z } from 'zod';
import { ApiError, errorBody, toApiError } from '@/lib/api/errors';
import { readJsonBody } from '@/lib/api/read-json';
import { authenticate, type Session } from '@/lib/auth/session';
import { declaresOrigin, isCrossSiteRequest } from '@/lib/auth/same-origin';
import { apiKeyRefusal } from '@/lib/auth/api-keys';
import { logger } from '@/lib/logger';

// Every API route is one call to `apiRoute`: it authenticates, refuses cross-site cookie
// mutations and what an API key may not do, parses params/query/body with zod, maps errors to
// the JSON error shape and marks the response uncacheable. Handlers only call lib/ and shape
// the answer.

type RouteContext = { params: Promise<Record<string, string | string[]>> };

interface Options<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, A extends boolean> {
  auth: A;
  body?: B;
  query?: Q;
  /** A larger cap than MAX_JSON_BODY_BYTES, for a body that lists many ids. */
  maxBodyBytes?: number;
  /** false for account and key management: an API key gets 403, only the password's session (cookie or login token) may. */
  allowApiKey?: boolean;
}

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface HandlerArgs<B, Q, A extends boolean> {
  req: Request;
  session: A extends true ? Session : Session | null;
  body: B;
  query: Q;
  params: Record<string, string>;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const NO_STORE = 'private, no-store';

export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  const res = Response.json(data, { status, headers });
  res.headers.set('Cache-Control', NO_STORE);
  return res;
}

/** A JSON body that is already text (built without making every value an object first). */
export function jsonText(body: string, status = 200): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': NO_STORE } });
}

export function noContent(headers?: HeadersInit): Response {
  const res = new Response(null, { status: 204, headers });
  res.headers.set('Cache-Control', NO_STORE);
  return res;
}

export function errorResponse(err: ApiError): Response {
  return json(errorBody(err), err.status, err.headers);
}

function flattenParams(raw: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]));
}

function queryObject(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams.entries());
}

export function apiRoute<
  A extends boolean,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
>(options: Options<B, Q, A>, handler: (args: HandlerArgs<Infer<B>, Infer<Q>, A>) => Promise<Response>) {
  return async (req: Request, ctx?: RouteContext): Promise<Response> => {
    try {
      const session = await authenticate(req.headers);
      if (options.auth && !session) throw ApiError.unauthorized();
      if (session?.via === 'apikey') {
        const refusal = apiKeyRefusal(session.apiKey.scope, { mutating: MUTATING.has(req.method), auth: options.auth, allowApiKey: options.allowApiKey ?? true });
        if (refusal) throw new ApiError('forbidden', refusal);
      }
      // Unauthenticated mutations (login, signup) set cookies, so they get the same origin rule;
      // Bearer tokens and API keys are not sent by browsers on their own, so they need none.
      if (MUTATING.has(req.method) && (!session || session.via === 'cookie') && isCrossSiteRequest(req)) {
        throw new ApiError('forbidden', 'Cross-site request refused');
      }
      // The cookie rides along with any request; a mutation on its strength must say where it came from.
      if (MUTATING.has(req.method) && session?.via === 'cookie' && !declaresOrigin(req)) {
        throw new ApiError('forbidden', 'A request signed in with the session cookie needs an Origin or Sec-Fetch-Site header; scripts use a Bearer token');
      }
      const params = flattenParams((await ctx?.params) ?? {});
      // No id, token or slug of ours holds a NUL; the database would refuse one with an error.
      if (Object.values(params).some((v) => v.includes('\u0000'))) throw ApiError.notFound();
      let query: unknown = undefined;
      if (options.query) {
        const parsed = options.query.safeParse(queryObject(req.url));
        if (!parsed.success) throw ApiError.validation(parsed.error, 'Invalid query parameters');
        query = parsed.data;
      }
      let body: unknown = undefined;
      if (options.body) {
        const parsed = options.body.safeParse(await readJsonBody(req, options.maxBodyBytes));
        if (!parsed.success) throw ApiError.validation(parsed.error);
        body = parsed.data;
      }
      return await handler({ req, session: session as HandlerArgs<Infer<B>, Infer<Q>, A>['session'], body: body as Infer<B>, query: query as Infer<Q>, params });
    } catch (err) {
      const mapped = toApiError(err);
      if (mapped) return errorResponse(mapped);
      logger.error({ err, method: req.method, path: new URL(req.url).pathname }, 'unhandled API error');
      return errorResponse(new ApiError('internal_error', 'Internal server error'));
    }
  };
}
