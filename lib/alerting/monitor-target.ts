import type { Monitor } from '@/lib/generated/prisma/client';

/** What an alert names as the monitored thing: the URL, host:port, or 'heartbeat' for push monitors. */
export function monitorTarget(m: Pick<Monitor, 'type' | 'url' | 'host' | 'port'>): string {
  if (m.type === 'tcp') return `${m.host ?? ''}:${m.port ?? ''}`;
  if (m.type === 'heartbeat') return 'heartbeat';
  return m.url ?? '';
}
