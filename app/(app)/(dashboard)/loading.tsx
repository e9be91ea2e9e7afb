import { LoadingRegion, Skeleton } from '@/components/ui/skeleton';

// The dashboard's shape while it loads: heading, status counters, the search and sort bar, the
// filters, then rows, so nothing jumps when the list arrives.
export default function DashboardLoading() {
  return (
    <LoadingRegion label="Loading monitors…">
      <div className="mb-4 flex items-center justify-between">
        <Skeleton className="h-7 w-40" />
        <Skeleton className="h-9 w-32" />
      </div>
      <div className="mb-4 grid grid-cols-2 gap-2 sm:flex">
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <Skeleton key={i} className="h-11 sm:w-28" />
        ))}
      </div>
      <div className="mb-4 flex gap-2">
        <Skeleton className="h-9 flex-1" />
        <Skeleton className="hidden h-9 w-56 sm:block" />
        <Skeleton className="hidden h-9 w-28 sm:block" />
      </div>
      <Skeleton className="mb-4 h-7 w-2/3" />
      <div className="space-y-px overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
        <Skeleton className="h-9 rounded-none" />
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <Skeleton key={i} className="h-16 rounded-none" />
        ))}
      </div>
    </LoadingRegion>
  );
}
