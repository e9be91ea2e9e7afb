'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/field';
import { Modal } from '@/components/dashboard/modal';

// The one confirmation before deleting the selected monitors, naming how many.

export const monitorsWord = (n: number) => `${n} ${n === 1 ? 'monitor' : 'monitors'}`;

export function BulkDeleteConfirm({ count, open, onCancel, onConfirm }: { count: number; open: boolean; onCancel: () => void; onConfirm: () => Promise<string | null> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open={open}
      title={`Delete ${monitorsWord(count)}?`}
      testId="bulk-delete-dialog"
      onClose={() => {
        setError(null);
        onCancel();
      }}
    >
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Their checks, incidents and alert history are deleted with them, and they leave every status page. This cannot be undone.
      </p>
      {error ? <Notice>{error}</Notice> : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          variant="danger"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            const err = await onConfirm();
            setBusy(false);
            setError(err);
          }}
        >
          {busy ? 'Deleting…' : `Delete ${monitorsWord(count)}`}
        </Button>
      </div>
    </Modal>
  );
}
