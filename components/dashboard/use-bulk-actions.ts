'use client';

import { useCallback, useState } from 'react';
import type { TagInfo } from '@/lib/ui/dashboard-list';
import type { DashboardFeedState } from '@/components/dashboard/use-dashboard-feed';
import { runBulk, type BulkAction } from '@/components/dashboard/dashboard-api';
import { monitorsWord } from '@/components/dashboard/bulk-confirm';

// Actions on the selected monitors: pause, resume, tag, untag at once; delete and "set
// notification channels" through their dialog. Afterwards the list is brought up to date: the
// delta for pause and resume, the whole list after a delete or a channel change (which the delta
// may not show), and tags patched in place.

export type BulkDialog = 'delete' | 'channels' | null;

export function useBulkActions({
  selected,
  tags,
  feed,
  clearSelection,
}: {
  selected: string[];
  tags: readonly TagInfo[];
  feed: DashboardFeedState;
  clearSelection: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<BulkDialog>(null);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  const perform = useCallback(
    async (action: BulkAction): Promise<string | null> => {
      setBusy(true);
      setMessage(null);
      const ids = [...selected];
      const res = await runBulk(action, ids);
      setBusy(false);
      if (!res.ok) {
        const text = res.error.issues?.[0]?.message ?? res.error.message;
        setMessage({ tone: 'error', text });
        return text;
      }
      const n = res.data.affected;
      const tagName = 'tagId' in action ? (tags.find((t) => t.id === action.tagId)?.name ?? 'the tag') : '';
      const text = {
        pause: `Paused ${monitorsWord(n)}.`,
        resume: `Resumed ${monitorsWord(n)}.`,
        delete: `Deleted ${monitorsWord(n)}.`,
        addTag: `Tagged ${monitorsWord(n)} “${tagName}”.`,
        removeTag: `Removed “${tagName}” from ${monitorsWord(n)}.`,
        setChannels: `Set the notification channels of ${monitorsWord(n)}.`,
      }[action.action];
      setMessage({ tone: 'success', text });
      if (action.action === 'addTag' || action.action === 'removeTag') {
        const { tagId } = action;
        const add = action.action === 'addTag';
        feed.patchRows(new Set(ids), (r) => {
          const has = r.tagIds.includes(tagId);
          if (add === has) return r;
          return { ...r, tagIds: add ? [...r.tagIds, tagId] : r.tagIds.filter((t) => t !== tagId) };
        });
      } else if (action.action === 'delete') {
        clearSelection();
        await feed.refresh(true);
      } else {
        await feed.refresh(action.action === 'setChannels');
      }
      return null;
    },
    [selected, tags, feed, clearSelection],
  );

  return {
    busy,
    dialog,
    message,
    run: (action: BulkAction) => void perform(action),
    askDelete: () => setDialog('delete'),
    askChannels: () => setDialog('channels'),
    closeDialog: () => setDialog(null),
    dismiss: () => setMessage(null),
    confirmDelete: async () => {
      const err = await perform({ action: 'delete' });
      if (!err) setDialog(null);
      return err;
    },
    saveChannels: async (channelIds: string[]) => {
      const err = await perform({ action: 'setChannels', channelIds });
      if (!err) setDialog(null);
      return err;
    },
  };
}
