import { Button } from '@/components/ui/button';

/** Arrow buttons with names that say what moves where ("Move section Databases up"). */
export function MoveButtons({ idPrefix, what, first, last, onMove }: { idPrefix: string; what: string; first: boolean; last: boolean; onMove: (by: -1 | 1) => void }) {
  return (
    <>
      <Button id={`${idPrefix}-up`} size="sm" variant="ghost" aria-label={`Move ${what} up`} title={`Move ${what} up`} disabled={first} onClick={() => onMove(-1)}>
        <span aria-hidden="true">↑</span>
      </Button>
      <Button id={`${idPrefix}-down`} size="sm" variant="ghost" aria-label={`Move ${what} down`} title={`Move ${what} down`} disabled={last} onClick={() => onMove(1)}>
        <span aria-hidden="true">↓</span>
      </Button>
    </>
  );
}
