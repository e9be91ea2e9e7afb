import { LoadingRegion, Skeleton } from '@/components/ui/skeleton';

export default function EditLoading() {
  return (
    <LoadingRegion label="Loading monitor…">
      <div className="mx-auto max-w-2xl">
        <Skeleton className="mb-3 h-4 w-40" />
        <Skeleton className="mb-4 h-7 w-48" />
        <Skeleton className="h-96" />
      </div>
    </LoadingRegion>
  );
}
