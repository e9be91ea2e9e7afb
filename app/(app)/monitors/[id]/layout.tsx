import type { ReactNode } from 'react';
import { ownedMonitor } from '@/lib/page-data/monitors';

// Ownership is settled here, above the loading boundary, so a monitor that is not the
// viewer's answers with a real 404 status rather than a streamed not-found page.
export default async function MonitorLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  await ownedMonitor((await params).id);
  return children;
}
