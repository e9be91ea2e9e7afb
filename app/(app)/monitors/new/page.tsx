import type { Metadata } from 'next';
import Link from 'next/link';
import { MonitorForm } from '@/components/monitors/monitor-form';
import { Card } from '@/components/ui/card';
import { channelChoices } from '@/lib/page-data/channels';
import { monitorChoices, monitorForEdit } from '@/lib/page-data/monitors';

export const metadata: Metadata = { title: 'Add monitor' };
export const dynamic = 'force-dynamic';

// `?from=<id>` opens the form on a copy of one of the user's monitors (the Clone button);
// another user's id is a 404, exactly like a missing one.
export default async function NewMonitorPage({ searchParams }: { searchParams: Promise<{ from?: string | string[] }> }) {
  const from = (await searchParams).from;
  // channelChoices(), monitorChoices() and monitorForEdit() check the session first, like every page-data loader.
  const [channels, monitors, copyOf] = await Promise.all([channelChoices(), monitorChoices(), typeof from === 'string' && from ? monitorForEdit(from) : undefined]);
  return (
    <div className="mx-auto max-w-2xl">
      <nav aria-label="Breadcrumb" className="mb-2 truncate text-sm text-zinc-500 dark:text-zinc-400">
        <Link href="/" className="hover:underline">
          Monitors
        </Link>{' '}
        /{' '}
        {copyOf ? (
          <>
            <Link href={`/monitors/${copyOf.id}`} className="hover:underline">
              {copyOf.name}
            </Link>{' '}
            / Clone
          </>
        ) : (
          'New'
        )}
      </nav>
      <h1 className="mb-4 text-xl font-semibold tracking-tight">{copyOf ? 'Clone monitor' : 'Add monitor'}</h1>
      <Card className="p-5">
        <MonitorForm channels={channels} monitors={monitors} copyOf={copyOf} />
      </Card>
    </div>
  );
}
