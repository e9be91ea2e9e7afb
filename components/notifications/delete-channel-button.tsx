'use client';

import { ConfirmDeleteButton } from '@/components/ui/confirm-delete-button';

/** Deleting asks once more, saying which monitors lose the channel. */
export function DeleteChannelButton({ name, monitorCount, onDelete }: { name: string; monitorCount: number; onDelete: () => Promise<string | null> }) {
  return (
    <ConfirmDeleteButton name={name} title={`Delete “${name}”?`} confirmLabel="Delete channel" onDelete={onDelete}>
      {monitorCount === 0
        ? 'No monitor uses it.'
        : `${monitorCount} ${monitorCount === 1 ? 'monitor alerts' : 'monitors alert'} through it and will stop doing so.`}{' '}
      Past deliveries stay in each monitor’s history. This cannot be undone.
    </ConfirmDeleteButton>
  );
}
