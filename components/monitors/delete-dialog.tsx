'use client';

import { TypedDeleteButton } from '@/components/ui/typed-delete-button';

/** Deleting asks for the monitor's URL to be typed, so a slip of the mouse cannot do it. */
export function DeleteMonitorButton({ confirmText, onDelete }: { confirmText: string; onDelete: () => Promise<string | null> }) {
  return (
    <TypedDeleteButton buttonLabel="Delete" title="Delete this monitor?" confirmText={confirmText} confirmLabel="Delete monitor" inputId="delete-confirm" onDelete={onDelete}>
      Its checks, incidents and alert history are deleted with it. This cannot be undone.
    </TypedDeleteButton>
  );
}
