import type { Monitor } from '@/lib/generated/prisma/client';
import type { TlsCertificateInfo } from '@/lib/checker/types';
import { DAY_MS } from '@/lib/shared/time';

export interface CertificateAlertDue {
  kind: 'CERT_EXPIRING' | 'CERT_EXPIRED';
  validTo: Date;
  message: string;
}

/**
 * One "expiring" alert per certificate once it is within the monitor's threshold, and one
 * "expired" alert once it has expired. Keyed by the certificate's expiry date, so a renewed
 * certificate starts afresh.
 */
export function certificateAlertFor(m: Monitor, tls: TlsCertificateInfo | null, now: Date): CertificateAlertDue | null {
  if (!tls || m.certExpiryThresholdDays <= 0) return null;
  const validTo = tls.validTo.getTime();
  const same = (d: Date | null) => d !== null && d.getTime() === validTo;
  if (validTo <= now.getTime()) {
    if (same(m.certExpiredWarnedFor)) return null;
    return { kind: 'CERT_EXPIRED', validTo: tls.validTo, message: `Certificate from ${tls.issuer} expired on ${tls.validTo.toISOString()}` };
  }
  const daysLeft = (validTo - now.getTime()) / DAY_MS;
  if (daysLeft > m.certExpiryThresholdDays || same(m.certWarnedFor)) return null;
  return {
    kind: 'CERT_EXPIRING',
    validTo: tls.validTo,
    message: `Certificate from ${tls.issuer} expires in ${Math.floor(daysLeft)} days (${tls.validTo.toISOString()})`,
  };
}
