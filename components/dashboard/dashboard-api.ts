import { api, type ApiResult } from '@/components/api-client';
import type { DashboardRowDto, HeartbeatDto } from '@/lib/dto/dashboard';
import type { TagDto } from '@/lib/dto/tags';
import type { BulkActionInput } from '@/lib/schemas/bulk';
import { MAX_BULK_MONITORS } from '@/lib/schemas/bulk';
import { chunks } from '@/lib/ui/dashboard-list';

// The dashboard's calls to the JSON API, typed once here so the components only say what they want.

/** offline: Pingboard's own network is down (every connectivity canary fails), so failures are not judged. */
export interface Connectivity {
  state: 'online' | 'offline';
  offlineSince: string | null;
}

export interface FeedAnswer {
  monitors: DashboardRowDto[];
  cursor: number;
  total: number;
  partial: boolean;
  /** Absent from a server older than issue 14: read as online. */
  connectivity?: Connectivity;
}

export function fetchFeed(since: number | null, signal?: AbortSignal): Promise<ApiResult<FeedAnswer>> {
  return api<FeedAnswer>(since === null ? '/api/monitors/summary' : `/api/monitors/summary?since=${since}`, { signal });
}

/** The API takes up to 200 ids per call. */
export const HEARTBEAT_BATCH = 200;

export function fetchHeartbeats(ids: string[], limit: number, signal?: AbortSignal): Promise<ApiResult<{ heartbeats: Record<string, HeartbeatDto[]> }>> {
  return api(`/api/monitors/heartbeats?ids=${ids.map(encodeURIComponent).join(',')}&limit=${limit}`, { signal });
}

/** A bulk action without its monitors (each variant keeps its own fields). */
export type BulkAction = BulkActionInput extends infer T ? (T extends unknown ? Omit<T, 'monitorIds'> : never) : never;

/** One action on many monitors, in as many calls as the API's limit needs; the affected counts add up. */
export async function runBulk(action: BulkAction, monitorIds: string[]): Promise<ApiResult<{ affected: number }>> {
  let affected = 0;
  for (const ids of chunks(monitorIds, MAX_BULK_MONITORS)) {
    const res = await api<{ affected: number }>('/api/monitors/bulk', { method: 'POST', body: { ...action, monitorIds: ids } });
    if (!res.ok) return res;
    affected += res.data.affected;
  }
  return { ok: true, status: 200, data: { affected } };
}

export type TagBody = { name: string; color: string };

export const createTag = (body: TagBody) => api<{ tag: TagDto }>('/api/tags', { method: 'POST', body });
export const updateTag = (id: string, body: Partial<TagBody>) => api<{ tag: TagDto }>(`/api/tags/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const deleteTag = (id: string) => api<null>(`/api/tags/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const setMonitorTags = (id: string, tagIds: string[]) => api<{ monitor: { tagIds: string[] } }>(`/api/monitors/${encodeURIComponent(id)}`, { method: 'PATCH', body: { tagIds } });

export interface ChannelChoice {
  id: string;
  name: string;
  kind: string;
}
export const fetchChannels = () => api<{ channels: ChannelChoice[] }>('/api/channels');
