import type { Metadata } from 'next';
import Link from 'next/link';
import { MonitorForm } from '@/components/monitors/monitor-form';
import { Card } from '@/components/ui/card';
import { monitorChoices, monitorForEdit } from '@/lib/page-data/monitors';
import { channelChoices } from '@/lib/page-data/channels';

export const metadata: Metadata = { title: 'Edit monitor' };
export const dynamic = 'force-dynamic';

export default async function EditMonitorPage({ params }: { params: Promise<{ id: string }> }) {
  const [monitor, channels, monitors] = await Promise.all([monitorForEdit((await params).id), channelChoices(), monitorChoices()]);
  return (
    <div className="mx-auto max-w-2xl">
      <nav aria-label="Breadcrumb" className="mb-2 truncate text-sm text-zinc-500 dark:text-zinc-400">
        <Link href="/" className="hover:underline">
          Monitors
        </Link>{' '}
        /{' '}
        <Link href={`/monitors/${monitor.id}`} className="hover:underline">
          {monitor.name}
        </Link>{' '}
        / Edit
      </nav>
      <h1 className="mb-4 text-xl font-semibold tracking-tight">Edit monitor</h1>
      <Card className="p-5">
        <MonitorForm monitor={monitor} channels={channels} monitors={monitors} />
      </Card>
    </div>
  );
}
