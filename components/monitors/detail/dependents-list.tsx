import Link from 'next/link';
import type { RelatedMonitor } from '@/lib/page-data/monitors';
import { StatusBadge } from '@/components/ui/status-badge';

/** Monitors that depend on this one: while it is DOWN, their failures are stored as "Parent down" and alert nobody. */
export function DependentsList({ monitors }: { monitors: RelatedMonitor[] }) {
  return (
    <>
      <p className="px-4 pt-2.5 text-xs text-zinc-500 dark:text-zinc-400">While this monitor is down, their failures alert nobody.</p>
      <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800/70" data-testid="dependents">
        {monitors.map((m) => (
          <li key={m.id} className="flex items-center justify-between gap-3 px-4 py-2">
            <Link href={`/monitors/${m.id}`} className="min-w-0 truncate font-medium hover:underline">
              {m.name}
            </Link>
            <StatusBadge status={m.status} />
          </li>
        ))}
      </ul>
    </>
  );
}
