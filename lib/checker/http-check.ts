// An HTTP(S) check: follow redirects by hand (each hop through the outbound policy), then
// evaluate the final response.
import { CheckFailure, describeError, type Failure } from './causes';
import type { CheckContext } from './context';
import { bodyMatters, evaluateResponse } from './evaluate-response';
import { CertificateRejectedError, sendHop, type BodyMode, type HopResult } from './http-hop';
import { REDIRECT_STATUSES, planRedirect, type HopRequest } from './redirects';
import { buildOutcome } from './outcome';
import { newMarks, toCheckTimings, type PhaseMarks } from './timings';
import type { CheckOutcome, HttpProbe, TlsCertificateInfo } from './types';

export const DEFAULT_USER_AGENT = 'Pingboard/1.0 (+uptime monitor)';
export const DEFAULT_MAX_REDIRECTS = 5;

function firstRequest(probe: HttpProbe): HopRequest {
  let url: URL;
  try {
    url = new URL(probe.url);
  } catch {
    throw new CheckFailure('network_error', `Invalid URL: ${probe.url}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CheckFailure('network_error', `Unsupported URL scheme ${url.protocol}`);
  }
  const headers: Record<string, string> = {};
  for (const { name, value } of probe.headers) headers[name] = value;
  if (!Object.keys(headers).some((k) => k.toLowerCase() === 'user-agent')) headers['User-Agent'] = DEFAULT_USER_AGENT;
  const secretHeaders = probe.headers.filter((h) => h.secret).map((h) => h.name.toLowerCase());
  return { url, method: probe.method, headers, secretHeaders, body: probe.body };
}

export async function runHttpCheck(probe: HttpProbe, ctx: CheckContext): Promise<CheckOutcome> {
  const maxRedirects =
    Number.isInteger(probe.maxRedirects) && probe.maxRedirects >= 0 ? probe.maxRedirects : DEFAULT_MAX_REDIRECTS;
  const follows = (code: number, location: string | null) =>
    probe.followRedirects && location !== null && REDIRECT_STATUSES.has(code);
  const bodyMode = (code: number, location: string | null): BodyMode =>
    follows(code, location) ? 'skip' : bodyMatters(probe) ? 'keep' : 'count';

  let marks: PhaseMarks | null = null;
  let last: HopResult | null = null;
  const finish = (failure: Failure | null, rejected: TlsCertificateInfo | null = null) =>
    buildOutcome({
      startedAt: ctx.startedAt,
      failure,
      statusCode: last?.statusCode ?? null,
      timings: toCheckTimings(marks, ctx.startedAt, marks?.end ?? ctx.now()),
      tls: last?.tls ?? rejected,
    });

  try {
    let request = firstRequest(probe);
    const seen = new Set([request.url.href]);
    for (let hop = 0; ; hop++) {
      marks = newMarks(ctx.now());
      last = null; // a failure on this hop must not report the previous hop's status
      // tls stays null on plain http hops: only https sockets emit secureConnect
      last = await sendHop({ request, rejectUnauthorized: !probe.ignoreTlsErrors, bodyMode }, ctx, marks);
      if (!follows(last.statusCode, last.location)) break;
      if (hop >= maxRedirects) {
        throw new CheckFailure('too_many_redirects', `Too many redirects (more than ${maxRedirects})`);
      }
      request = planRedirect(request, last.statusCode, last.location ?? '');
      if (seen.has(request.url.href)) {
        throw new CheckFailure('too_many_redirects', `Redirect loop: ${request.url.href} was reached twice`);
      }
      seen.add(request.url.href);
    }
    const totalMs = toCheckTimings(marks, ctx.startedAt, marks.end ?? ctx.now()).totalMs;
    return finish(evaluateResponse(probe, last, totalMs));
  } catch (err) {
    // A rejected certificate is still reported, so an expired one raises its expiry alert.
    return finish(describeError(err), err instanceof CertificateRejectedError ? err.certificate : null);
  }
}
