'use client';

import { useCallback, useMemo, type Dispatch, type SetStateAction } from 'react';
import type { TagDto } from '@/lib/dto/tags';
import type { TagInfo } from '@/lib/ui/dashboard-list';
import type { DashboardFeedState } from '@/components/dashboard/use-dashboard-feed';
import type { TagActions } from '@/components/dashboard/tag-manager';
import { createTag, deleteTag, setMonitorTags, updateTag } from '@/components/dashboard/dashboard-api';

// Tag changes from the dashboard: the user's tags (create, rename, recolour, delete) and one
// monitor's tags. The rows are patched here at once: the feed's delta follows monitor changes,
// and a tag change may not move the monitor.

const PALETTE = ['#ef4444', '#f59e0b', '#22c55e', '#0ea5e9', '#6366f1', '#a855f7', '#ec4899', '#64748b'];
const byTagName = (a: TagInfo, b: TagInfo) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });
const info = (t: TagDto): TagInfo => ({ id: t.id, name: t.name, color: t.color });

export function useTagActions({
  tags,
  setTags,
  patchRows,
  dropTagFilter,
}: {
  tags: readonly TagInfo[];
  setTags: Dispatch<SetStateAction<TagInfo[]>>;
  patchRows: DashboardFeedState['patchRows'];
  dropTagFilter: (id: string) => void;
}): TagActions & { setMonitorTags: (id: string, tagIds: string[]) => Promise<string | null>; createNamed: (name: string) => Promise<TagInfo | string> } {
  const create = useCallback(
    async (body: { name: string; color: string }): Promise<TagInfo | string> => {
      const res = await createTag(body);
      if (!res.ok) return res.error.issues?.[0]?.message ?? res.error.message;
      const tag = info(res.data.tag);
      setTags((cur) => [...cur, tag].sort(byTagName));
      return tag;
    },
    [setTags],
  );
  const tagCount = tags.length;
  const createNamed = useCallback((name: string) => create({ name, color: PALETTE[tagCount % PALETTE.length] }), [create, tagCount]);

  const update = useCallback(
    async (id: string, body: { name: string; color: string }) => {
      const res = await updateTag(id, body);
      if (!res.ok) return res.error.issues?.[0]?.message ?? res.error.message;
      setTags((cur) => cur.map((t) => (t.id === id ? info(res.data.tag) : t)).sort(byTagName));
      return null;
    },
    [setTags],
  );

  const remove = useCallback(
    async (id: string) => {
      const res = await deleteTag(id);
      if (!res.ok) return res.error.message;
      setTags((cur) => cur.filter((t) => t.id !== id));
      patchRows(null, (r) => (r.tagIds.includes(id) ? { ...r, tagIds: r.tagIds.filter((t) => t !== id) } : r));
      dropTagFilter(id);
      return null;
    },
    [setTags, patchRows, dropTagFilter],
  );

  const setOne = useCallback(
    async (monitorId: string, tagIds: string[]) => {
      const res = await setMonitorTags(monitorId, tagIds);
      if (!res.ok) return res.error.issues?.[0]?.message ?? res.error.message;
      const saved = res.data.monitor.tagIds;
      patchRows(new Set([monitorId]), (r) => ({ ...r, tagIds: saved }));
      return null;
    },
    [patchRows],
  );

  return useMemo(
    () => ({
      create: async (body: { name: string; color: string }) => {
        const made = await create(body);
        return typeof made === 'string' ? made : null;
      },
      update,
      remove,
      setMonitorTags: setOne,
      createNamed,
    }),
    [create, update, remove, setOne, createNamed],
  );
}
