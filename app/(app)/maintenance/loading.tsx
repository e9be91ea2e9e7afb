import { LoadingRegion, Skeleton } from '@/components/ui/skeleton';

export default function MaintenanceLoading() {
  return (
    <LoadingRegion label="Loading maintenance windows…">
      <div className="mb-4 flex items-center justify-between">
        <Skeleton className="h-7 w-36" />
        <Skeleton className="h-9 w-32" />
      </div>
      <div className="space-y-px overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-24 rounded-none" />
        ))}
      </div>
    </LoadingRegion>
  );
}
