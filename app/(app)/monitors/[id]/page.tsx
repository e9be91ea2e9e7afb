import type { Metadata } from 'next';
import { MonitorDetail } from '@/components/monitors/monitor-detail';
import { monitorDetail } from '@/lib/page-data/monitors';

export const metadata: Metadata = { title: 'Monitor' };
export const dynamic = 'force-dynamic';

export default async function MonitorPage({ params }: { params: Promise<{ id: string }> }) {
  const data = await monitorDetail((await params).id);
  // Keyed by id so moving between monitors starts from fresh state.
  return <MonitorDetail key={data.monitor.id} initial={data} />;
}
