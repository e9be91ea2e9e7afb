import type { Metadata } from 'next';
import Link from 'next/link';
import { MonitorForm } from '@/components/monitors/monitor-form';
import { Card } from '@/components/ui/card';
import { channelChoices } from '@/lib/page-data/channels';

export const metadata: Metadata = { title: 'Add monitor' };
export const dynamic = 'force-dynamic';

export default async function NewMonitorPage() {
  // channelChoices() checks the session first, like every page-data loader.
  const channels = await channelChoices();
  return (
    <div className="mx-auto max-w-2xl">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-zinc-500 dark:text-zinc-400">
        <Link href="/" className="hover:underline">
          Monitors
        </Link>{' '}
        / New
      </nav>
      <h1 className="mb-4 text-xl font-semibold tracking-tight">Add monitor</h1>
      <Card className="p-5">
        <MonitorForm channels={channels} />
      </Card>
    </div>
  );
}
