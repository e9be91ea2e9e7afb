'use client';

import Link from 'next/link';
import { memo, useRef, useState, type CSSProperties, type MouseEvent } from 'react';
import type { HeartbeatDto } from '@/lib/dto/dashboard';
import type { DashboardRow } from '@/lib/ui/view-models';
import { formatPercent, notTheTarget } from '@/lib/ui/view-models';
import { causeLabel } from '@/lib/domain/cause-labels';
import type { TagInfo } from '@/lib/ui/dashboard-list';
import { HeartbeatBar } from '@/components/charts/heartbeat-bar';
import { PhaseBadge, StatusBadge } from '@/components/ui/status-badge';
import { RelativeTime } from '@/components/ui/time';
import { cn } from '@/components/ui/cn';
import { RowTags } from '@/components/dashboard/row-tags';

// One monitor in the list: selection box, status in words, name (truncated, whole on hover and
// focus), target and tags, the heartbeat bar, 24 h uptime, response time and when it was last
// checked. The list positions it; keyboard handling lives in the list (one tab stop for all).

export const ROW_GRID =
  'grid grid-cols-[1.25rem_minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1.5 md:grid-cols-[1.25rem_9rem_minmax(0,1.3fr)_minmax(7rem,1fr)_5.5rem_4.5rem_7.5rem] md:gap-x-4';

export interface MonitorRowProps {
  row: DashboardRow;
  index: number;
  setSize: number;
  beats: readonly HeartbeatDto[] | undefined;
  selected: boolean;
  active: boolean;
  /** The list is scrolling fast: rows that come into view wait to draw their charts. */
  scrolling: boolean;
  tags: readonly TagInfo[];
  tagsById: ReadonlyMap<string, TagInfo>;
  /** Offset from the list's top, in px. */
  top: number;
  measure: (el: HTMLElement | null) => void;
  onToggle: (id: string, range: boolean) => void;
  onTagsChange: (id: string, tagIds: string[]) => Promise<string | null>;
  onCreateTag: (name: string) => Promise<TagInfo | string>;
}

export const MonitorRow = memo(function MonitorRow(p: MonitorRowProps) {
  const { row, active } = p;
  const nameRef = useRef<HTMLAnchorElement>(null);
  const [fullName, setFullName] = useState(false);
  const tabIndex = active ? 0 : -1;
  const revealName = () => {
    const el = nameRef.current;
    setFullName(Boolean(el && el.scrollWidth > el.clientWidth));
  };
  // The click toggles (the box shows the state it is given); shift extends the range from the last clicked row.
  const onCheckbox = (e: MouseEvent<HTMLInputElement>) => p.onToggle(row.id, e.shiftKey);
  const chipTags = row.tagIds.map((id) => p.tagsById.get(id)).filter((t): t is TagInfo => Boolean(t));
  return (
    <li
      ref={p.measure}
      data-index={p.index}
      data-monitor-id={row.id}
      data-status={row.status}
      aria-setsize={p.setSize}
      aria-posinset={p.index + 1}
      tabIndex={tabIndex}
      style={itemStyle(p.top)}
      onFocus={revealName}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFullName(false);
      }}
      onMouseEnter={revealName}
      onMouseLeave={() => setFullName(false)}
      className={cn(
        ROW_GRID,
        'group border-b border-zinc-200 px-4 py-2.5 outline-offset-[-2px] hover:z-10 focus-within:z-10 dark:border-zinc-800',
        p.selected ? 'bg-sky-50 dark:bg-sky-950/30' : 'bg-white hover:bg-zinc-50 dark:bg-zinc-900 dark:hover:bg-zinc-800/60',
        row.status === 'DOWN' || row.phase === 'retrying' ? 'border-l-4 border-l-red-600 pl-3 dark:border-l-red-500' : '',
        row.status === 'DEGRADED' && row.phase === null ? 'border-l-4 border-l-amber-500 pl-3' : '',
      )}
    >
      <input
        type="checkbox"
        className="size-4 accent-zinc-900 dark:accent-zinc-100"
        aria-label={`Select ${row.name}`}
        checked={p.selected}
        tabIndex={tabIndex}
        onClick={onCheckbox}
        onChange={() => {}}
      />
      <div className="order-3 flex flex-col items-end gap-0.5 md:order-none md:items-start">
        {row.phase && row.phaseLabel ? <PhaseBadge phase={row.phase} label={row.phaseLabel} /> : <StatusBadge status={row.status} />}
        {notTheTarget(row.lastCause) ? (
          <span data-cause={row.lastCause} className="text-xs whitespace-nowrap text-zinc-500 dark:text-zinc-400" title={row.lastError ?? undefined}>
            {causeLabel(row.lastCause)}
          </span>
        ) : null}
      </div>
      <div className="relative order-2 min-w-0 md:order-none">
        <div className="flex min-w-0 items-center gap-1.5">
          <Link ref={nameRef} href={`/monitors/${row.id}`} tabIndex={tabIndex} title={row.name} className="min-w-0 truncate font-medium hover:underline">
            {row.name}
          </Link>
          <RowTags
            monitorId={row.id}
            monitorName={row.name}
            chips={chipTags}
            tags={p.tags}
            tabIndex={tabIndex}
            onChange={(ids) => p.onTagsChange(row.id, ids)}
            onCreate={p.onCreateTag}
          />
        </div>
        <p className="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400" title={row.target}>
          {row.target}
        </p>
        {fullName ? (
          <span role="tooltip" className="absolute top-full left-0 z-30 mt-1 max-w-[min(36rem,80vw)] rounded-md border border-zinc-200 bg-white px-2 py-1 text-sm font-medium break-words shadow-md dark:border-zinc-700 dark:bg-zinc-900">
            {row.name}
          </span>
        ) : null}
      </div>
      <div className="order-4 col-span-3 min-w-0 md:order-none md:col-span-1">
        <HeartbeatBar beats={p.beats} defer={p.scrolling} />
      </div>
      <div className="order-5 col-span-3 flex flex-wrap items-baseline gap-x-4 md:order-none md:col-span-1 md:contents">
        <Stat label="Uptime 24 h" value={formatPercent(row.uptime24h)} />
        <Stat label="Response time" value={row.responseTime} />
        <div className="ml-auto text-xs text-zinc-500 md:ml-0 md:text-right dark:text-zinc-400">
          <RelativeTime iso={row.lastCheckedAt} prefix="checked " empty={row.active ? 'not checked yet' : 'paused'} />
          <span className="hidden md:block">
            <RelativeTime iso={row.statusChangedAt} prefix="changed " empty="" />
          </span>
        </div>
      </div>
    </li>
  );
});

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="text-sm whitespace-nowrap md:text-right">
      <span className="text-xs text-zinc-500 md:sr-only dark:text-zinc-400">{label} </span>
      <span className="font-medium tabular-nums">{value}</span>
    </div>
  );
}

/** Where the virtual list places an item. */
export function itemStyle(top: number): CSSProperties {
  return { position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${top}px)` };
}
