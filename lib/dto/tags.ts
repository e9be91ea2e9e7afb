import type { TagRow } from '@/lib/data/tags';

export function tagDto(t: TagRow) {
  return { id: t.id, name: t.name, color: t.color, monitorCount: t._count.monitors, createdAt: t.createdAt.toISOString() };
}
export type TagDto = ReturnType<typeof tagDto>;
