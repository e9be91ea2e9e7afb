import { LoadingRegion, Skeleton } from '@/components/ui/skeleton';

export default function EditStatusPageLoading() {
  return (
    <LoadingRegion label="Loading status page…">
      <div className="mx-auto max-w-3xl space-y-4">
        <Skeleton className="h-4 w-40" />
        <Skeleton className="h-7 w-56" />
        <Skeleton className="h-20" />
        <Skeleton className="h-96" />
      </div>
    </LoadingRegion>
  );
}
