// One JSON POST through the context's policy-checked client: the shape every chat provider sends.
import type { ProviderContext, SendResult } from '../channel-types';

export const USER_AGENT = 'Pingboard';

export interface PostJsonOptions {
  headers?: Record<string, string>;
  /** Values never to show in an error message (tokens and keys sent in this request). */
  secrets?: readonly string[];
  /** An operator-configured endpoint (env base URL): private addresses allowed, metadata still refused. */
  trusted?: boolean;
}

export async function postJson(ctx: ProviderContext, url: string, payload: unknown, opts: PostJsonOptions = {}): Promise<SendResult> {
  return postJsonBody(ctx, url, JSON.stringify(payload), opts);
}

/** The same with the body already serialized (a webhook signs the exact bytes it sends). */
export async function postJsonBody(ctx: ProviderContext, url: string, body: string, opts: PostJsonOptions = {}): Promise<SendResult> {
  const res = await ctx.http({
    url,
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'User-Agent': USER_AGENT, ...opts.headers },
    body,
    secrets: opts.secrets,
    trusted: opts.trusted,
  });
  return { providerStatus: res.status };
}
