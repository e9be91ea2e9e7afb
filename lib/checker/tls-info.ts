// The leaf certificate summary kept on a check result (expiry and issuer).
import type { TLSSocket } from 'node:tls';
import type { TlsCertificateInfo } from './types';

function firstText(v: string | string[] | undefined): string | null {
  // Multi-valued subject fields come back as arrays at runtime despite the typings.
  const text = Array.isArray(v) ? v.join(', ') : v;
  return text ? text : null;
}

export function readCertificate(socket: TLSSocket): TlsCertificateInfo | null {
  const cert = socket.getPeerCertificate();
  if (!cert || !cert.valid_to) return null;
  const validTo = new Date(cert.valid_to);
  if (Number.isNaN(validTo.getTime())) return null;
  const issuer = cert.issuer ? (firstText(cert.issuer.CN) ?? firstText(cert.issuer.O) ?? '') : '';
  return { validTo, issuer };
}
