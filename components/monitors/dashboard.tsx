'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { TagDto } from '@/lib/dto/tags';
import { applyView, isFiltered, toggle, viewToSearch, DEFAULT_VIEW, type StatusKey } from '@/lib/ui/dashboard-view';
import { groupByTag, massOutage, ungrouped, type TagInfo } from '@/lib/ui/dashboard-list';
import { ButtonLink } from '@/components/ui/button';
import { Notice } from '@/components/ui/field';
import { NoChannelNotice } from '@/components/notifications/no-channel-notice';
import { useDashboardFeed, type InitialFeed } from '@/components/dashboard/use-dashboard-feed';
import { useHeartbeats } from '@/components/dashboard/use-heartbeats';
import { useViewUrl } from '@/components/dashboard/use-view-url';
import { useSelection } from '@/components/dashboard/use-selection';
import { useTagActions } from '@/components/dashboard/use-tag-actions';
import { useBulkActions } from '@/components/dashboard/use-bulk-actions';
import { SearchBox } from '@/components/dashboard/search-box';
import { StatusFilters } from '@/components/dashboard/status-filters';
import { TagFilter } from '@/components/dashboard/tag-filter';
import { GroupToggle, SortMenu, TypeFilter } from '@/components/dashboard/view-options';
import { OutageBanner } from '@/components/dashboard/outage-banner';
import { ConnectivityBanner } from '@/components/dashboard/connectivity-banner';
import { SelectionBar } from '@/components/dashboard/selection-bar';
import { BulkDeleteConfirm } from '@/components/dashboard/bulk-confirm';
import { ChannelDialog } from '@/components/dashboard/channel-dialog';
import { ListHeader } from '@/components/dashboard/list-header';
import { VirtualList } from '@/components/dashboard/virtual-list';
import { EmptyState, NoMatch } from '@/components/dashboard/empty-state';

// The dashboard: every monitor in one live list (only what is on screen is drawn), searched,
// filtered, sorted and grouped in the browser from one light feed, with the view in the URL,
// a mass outage summarised in one line, and actions on many monitors at once.

export function Dashboard({ initial, initialTags, initialSearch }: { initial: InitialFeed; initialTags: TagDto[]; initialSearch: string }) {
  const router = useRouter();
  const heartbeats = useHeartbeats();
  const feed = useDashboardFeed(initial, heartbeats.changed);
  const [view, setView] = useViewUrl(initialSearch);
  const [tags, setTags] = useState<TagInfo[]>(() => initialTags.map(({ id, name, color }) => ({ id, name, color })));
  const tagsById = useMemo(() => new Map(tags.map((t) => [t.id, t])), [tags]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());

  // Typing stays instant: the list follows the newest view as soon as React has a moment.
  const shownView = useDeferredValue(view);
  const { rows: shown, facets } = useMemo(() => applyView(feed.rows, shownView), [feed.rows, shownView]);
  const items = useMemo(
    () => (shownView.group === 'tag' ? groupByTag(shown, tags, { only: shownView.tags, collapsed }) : ungrouped(shown)),
    [shown, shownView.group, shownView.tags, tags, collapsed],
  );
  const order = useMemo(() => [...new Set(items.flatMap((i) => (i.kind === 'row' ? [i.row.id] : [])))], [items]);
  const selection = useSelection(order);
  const outage = useMemo(() => massOutage(shown), [shown]);
  const typesPresent = useMemo(() => [...new Set(feed.rows.map((r) => r.type))], [feed.rows]);
  const unalerted = useMemo(() => feed.rows.filter((r) => !r.hasWorkingChannel).length, [feed.rows]);

  const tagActions = useTagActions({ tags, setTags, patchRows: feed.patchRows, dropTagFilter: (id) => setView((v) => ({ ...v, tags: v.tags.filter((t) => t !== id) }), 'replace') });
  const bulk = useBulkActions({ selected: selection.ids, tags, feed, clearSelection: selection.clear });

  const onOpen = useCallback((id: string) => router.push(`/monitors/${id}`), [router]);
  const onFold = useCallback((key: string) => setCollapsed((cur) => (cur.has(key) ? new Set([...cur].filter((k) => k !== key)) : new Set([...cur, key]))), []);
  const selectedSet = useMemo(() => new Set(selection.ids), [selection.ids]);
  const isSelected = useCallback((id: string) => selectedSet.has(id), [selectedSet]);

  if (feed.rows.length === 0) {
    return (
      <div className="space-y-4">
        <Heading />
        <ConnectivityBanner connectivity={feed.connectivity} />
        <EmptyState />
      </div>
    );
  }

  const filtered = isFiltered(shownView);
  return (
    <div className="space-y-4">
      <Heading>
        <p role="status" className="text-sm text-zinc-500 dark:text-zinc-400">
          {filtered ? `${shown.length} of ${feed.rows.length} monitors match` : `${feed.rows.length} ${feed.rows.length === 1 ? 'monitor' : 'monitors'}`}
        </p>
      </Heading>
      {feed.error ? <Notice tone="info">Could not refresh ({feed.error}). Showing the last known state; retrying…</Notice> : null}
      <ConnectivityBanner connectivity={feed.connectivity} />
      {outage ? (
        <OutageBanner
          outage={outage}
          downFirst={view.sort === 'status' && !view.reversed}
          showingOnlyDown={view.status.length === 1 && view.status[0] === 'down'}
          onlyDown={() => setView((v) => ({ ...v, status: ['down'] }))}
        />
      ) : null}
      <StatusFilters
        counts={facets.status}
        chosen={view.status}
        onToggle={(key: StatusKey) => setView((v) => ({ ...v, status: toggle(v.status, key) }))}
        onAll={() => setView((v) => ({ ...v, status: [] }))}
      />
      <div className="flex flex-wrap items-center gap-2">
        <SearchBox value={view.q} onChange={(q) => setView((v) => ({ ...v, q }), view.q === '' ? 'push' : 'replace')} />
        <SortMenu view={view} onSort={(sort) => setView((v) => ({ ...v, sort, reversed: false }))} onReverse={() => setView((v) => ({ ...v, reversed: !v.reversed }))} />
        <GroupToggle grouped={view.group === 'tag'} onChange={(g) => setView((v) => ({ ...v, group: g ? 'tag' : 'none' }))} />
        {isFiltered(view) ? (
          <button type="button" className="text-sm font-medium underline underline-offset-2 hover:no-underline" onClick={() => setView({ ...DEFAULT_VIEW, sort: view.sort, reversed: view.reversed, group: view.group })}>
            Clear filters
          </button>
        ) : null}
      </div>
      <div className="flex flex-wrap items-start gap-x-6 gap-y-2">
        <TypeFilter present={typesPresent} counts={facets.types} chosen={view.types} onToggle={(t) => setView((v) => ({ ...v, types: toggle(v.types, t) }))} />
        <div className="min-w-0 flex-1 basis-72">
          <TagFilter tags={tags} counts={facets.tags} chosen={view.tags} onToggle={(id) => setView((v) => ({ ...v, tags: toggle(v.tags, id) }))} actions={tagActions} />
        </div>
      </div>
      {unalerted > 0 ? (
        <NoChannelNotice>
          {unalerted === 1 ? '1 monitor has' : `${unalerted} monitors have`} no working notification channel: nobody will be told when {unalerted === 1 ? 'it goes' : 'they go'} down.
        </NoChannelNotice>
      ) : null}
      {bulk.message ? (
        <Notice tone={bulk.message.tone} className="flex items-center justify-between gap-3">
          <span>{bulk.message.text}</span>
          <button type="button" onClick={bulk.dismiss} className="rounded px-1.5 text-base leading-none opacity-70 hover:opacity-100" aria-label="Dismiss">
            ×
          </button>
        </Notice>
      ) : null}
      {selection.ids.length > 0 ? (
        <SelectionBar count={selection.ids.length} tags={tags} busy={bulk.busy} onAction={bulk.run} onDelete={bulk.askDelete} onChannels={bulk.askChannels} onClear={selection.clear} />
      ) : null}
      {/* data-view: the view the list shows now (it may trail the typed one by a frame). */}
      <div data-view={viewToSearch(shownView)} className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <ListHeader shown={order.length} selected={selection.ids.length} onSelectAll={(on) => selection.setAll(order, on)} />
        {items.length ? (
          <VirtualList
            items={items}
            heartbeats={heartbeats}
            isSelected={isSelected}
            tags={tags}
            tagsById={tagsById}
            onToggle={selection.toggle}
            onFold={onFold}
            onOpen={onOpen}
            onTagsChange={tagActions.setMonitorTags}
            onCreateTag={tagActions.createNamed}
          />
        ) : (
          <NoMatch onClear={() => setView({ ...DEFAULT_VIEW, sort: view.sort, reversed: view.reversed, group: view.group })} />
        )}
      </div>
      <BulkDeleteConfirm count={selection.ids.length} open={bulk.dialog === 'delete'} onCancel={bulk.closeDialog} onConfirm={bulk.confirmDelete} />
      <ChannelDialog count={selection.ids.length} open={bulk.dialog === 'channels'} onCancel={bulk.closeDialog} onSave={bulk.saveChannels} />
    </div>
  );
}

function Heading({ children }: { children?: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <div className="flex items-baseline gap-3">
        <h1 className="text-xl font-semibold tracking-tight">Monitors</h1>
        {children}
      </div>
      <ButtonLink href="/monitors/new" variant="primary">
        <span aria-hidden="true">+</span> Add monitor
      </ButtonLink>
    </div>
  );
}
