// Alert events, provider contexts and a check for DeliveryErrors, for the channel provider
// tests: every base URL points at a loopback fake, the HTTP client is the real policy-checked
// one, and DNS is a fixed table so no test asks a real resolver.
import type { LookupAddress } from 'node:dns';
import { expect } from 'vitest';
import { DeliveryError, type ChannelEvent, type Mailer, type ProviderContext } from '@/lib/alerting/channel-types';
import { createOutboundHttp, type OutboundHttpOptions } from '@/lib/alerting/outbound-http';
import type { LookupFn } from '@/lib/checker/safe-lookup';

export const APP_URL = 'https://pingboard.example';
export const AT = new Date('2025-03-04T05:06:07Z');

const monitor = {
  id: 'mon_1',
  name: 'Checkout "API"',
  target: 'https://shop.example/health',
  link: `${APP_URL}/monitors/mon_1`,
};

export const DOWN: ChannelEvent = {
  eventId: '0195a1b2-c3d4-7e5f-8a9b-000000000001',
  kind: 'DOWN',
  at: AT,
  monitor,
  incidentId: 'inc_1',
  cause: 'timeout',
  error: 'Timed out after 10 s',
  downtimeMs: null,
  certExpiresAt: null,
};

export const UP: ChannelEvent = {
  ...DOWN,
  eventId: '0195a1b2-c3d4-7e5f-8a9b-000000000002',
  kind: 'UP',
  at: new Date(AT.getTime() + 192_000),
  downtimeMs: 192_000,
  outageAlertUndelivered: true,
};

export const TEST: ChannelEvent = {
  ...DOWN,
  eventId: '0195a1b2-c3d4-7e5f-8a9b-000000000003',
  monitor: { id: 'test', name: 'Pingboard test', target: 'https://example.com', link: `${APP_URL}/notifications` },
  incidentId: null,
  cause: null,
  error: 'This is a test message; nothing is down.',
  test: true,
};

export const CERT: ChannelEvent = {
  ...DOWN,
  eventId: '0195a1b2-c3d4-7e5f-8a9b-000000000004',
  kind: 'CERT_EXPIRING',
  incidentId: null,
  cause: null,
  error: null,
  certExpiresAt: new Date(AT.getTime() + 5 * 86_400_000),
};

/** A fixed DNS table: names not in it fail like a missing domain. */
export function tableLookup(table: Record<string, string>): LookupFn {
  return async (hostname) => {
    const address = table[hostname.toLowerCase()];
    if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    const found: LookupAddress = { address, family: address.includes(':') ? 6 : 4 };
    return [found];
  };
}

export const NO_MAILER: Mailer = { transport: null, send: () => Promise.reject(new Error('no mailer in this test')) };

/** A context whose operator base URLs all point at `fakeUrl`. */
export function fakeContext(fakeUrl: string, opts: Partial<OutboundHttpOptions> & { mailer?: Mailer } = {}): ProviderContext {
  return {
    http: createOutboundHttp({
      policy: opts.policy ?? { blockPrivateTargets: false },
      timeoutMs: opts.timeoutMs ?? 3_000,
      lookup: opts.lookup ?? tableLookup({}),
    }),
    mailer: opts.mailer ?? NO_MAILER,
    env: {
      appUrl: APP_URL,
      telegramApiBaseUrl: fakeUrl,
      pushoverApiBaseUrl: fakeUrl,
      pagerdutyEventsUrl: `${fakeUrl}/v2/enqueue`,
    },
  };
}

/** The DeliveryError `promise` rejected with; the test fails if it resolved or rejected with anything else. */
export async function deliveryFailure(promise: Promise<unknown>): Promise<DeliveryError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DeliveryError);
  return err as DeliveryError;
}
