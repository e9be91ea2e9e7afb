'use client';

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { defaultRangeExtractor, useWindowVirtualizer, type Range } from '@tanstack/react-virtual';
import type { ListItem, TagInfo } from '@/lib/ui/dashboard-list';
import type { Heartbeats } from '@/components/dashboard/use-heartbeats';
import { MonitorRow } from '@/components/dashboard/monitor-row';
import { GroupHeaderItem } from '@/components/dashboard/group-header';

// The monitor list, drawing only the items near the screen (the page itself scrolls). One tab
// stop for the whole list (roving tabindex): arrows, Page Up/Down, Home and End move between
// items, Space selects a row (Shift+Space a range) or folds a group, Enter opens the monitor.
// The focused item is always drawn, even when scrolled far away, so focus is never lost.

const ROW_ESTIMATE = 66;
const GROUP_ESTIMATE = 41;
const OVERSCAN = 5;

export interface VirtualListProps {
  items: readonly ListItem[];
  heartbeats: Heartbeats;
  isSelected: (id: string) => boolean;
  tags: readonly TagInfo[];
  tagsById: ReadonlyMap<string, TagInfo>;
  onToggle: (id: string, range: boolean) => void;
  onFold: (key: string) => void;
  onOpen: (id: string) => void;
  onTagsChange: (id: string, tagIds: string[]) => Promise<string | null>;
  onCreateTag: (name: string) => Promise<TagInfo | string>;
}

export function VirtualList(p: VirtualListProps) {
  const { items, heartbeats } = p;
  const listRef = useRef<HTMLUListElement>(null);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const pendingFocus = useRef<number | null>(null);

  const activeIndex = useMemo(() => {
    if (items.length === 0) return -1;
    const i = activeKey === null ? -1 : items.findIndex((it) => it.key === activeKey);
    return i < 0 ? 0 : i;
  }, [items, activeKey]);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (activeIndex >= 0 && !indexes.includes(activeIndex)) {
        indexes.push(activeIndex);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [activeIndex],
  );

  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: (i) => (items[i]?.kind === 'group' ? GROUP_ESTIMATE : ROW_ESTIMATE),
    getItemKey: (i) => items[i]?.key ?? i,
    overscan: OVERSCAN,
    scrollMargin,
    rangeExtractor,
    // The server draws the first screenful; the browser measures the real window at once.
    initialRect: { width: 1024, height: 900 },
  });

  // Where the list starts on the page: what is above it (banner, toolbar) can change height.
  useLayoutEffect(() => {
    const measure = () => {
      const el = listRef.current;
      if (!el) return;
      const top = Math.round(el.getBoundingClientRect().top + window.scrollY);
      setScrollMargin((m) => (m === top ? m : top));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  });

  useLayoutEffect(() => {
    const i = pendingFocus.current;
    if (i === null) return;
    pendingFocus.current = null;
    listRef.current?.querySelector<HTMLElement>(`li[data-index="${i}"]`)?.focus({ preventScroll: true });
  });

  const virtualItems = virtualizer.getVirtualItems();

  // The rows on screen (and just beyond) get their heartbeat bars.
  const onScreen = virtualItems
    .map((v) => items[v.index])
    .filter((it): it is Extract<ListItem, { kind: 'row' }> => it?.kind === 'row')
    .map((it) => it.row.id);
  const onScreenKey = onScreen.join(',');
  const { show } = heartbeats;
  const scrolling = virtualizer.isScrolling;
  // While the list flies past, nothing is fetched; the rows it stops on are.
  useEffect(() => {
    if (onScreenKey && !scrolling) show(onScreenKey.split(','));
  }, [onScreenKey, show, scrolling]);

  const move = (index: number) => {
    const i = Math.max(0, Math.min(items.length - 1, index));
    setActiveKey(items[i].key);
    pendingFocus.current = i;
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const li = e.target as HTMLElement;
    // Keys inside a row's own controls (the tag editor, the checkbox) stay theirs.
    if (li.tagName !== 'LI' || li.dataset.index === undefined) return;
    const index = Number(li.dataset.index);
    const item = items[index];
    const page = Math.max(1, Math.floor(window.innerHeight / ROW_ESTIMATE) - 1);
    switch (e.key) {
      case 'ArrowDown':
        move(index + 1);
        break;
      case 'ArrowUp':
        move(index - 1);
        break;
      case 'PageDown':
        move(index + page);
        break;
      case 'PageUp':
        move(index - page);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(items.length - 1);
        break;
      case ' ':
        if (item.kind === 'row') p.onToggle(item.row.id, e.shiftKey);
        else p.onFold(item.key);
        break;
      case 'Enter':
        if (item.kind === 'row') p.onOpen(item.row.id);
        else p.onFold(item.key);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const onFocus = (e: React.FocusEvent<HTMLUListElement>) => {
    const li = (e.target as HTMLElement).closest<HTMLElement>('li[data-index]');
    const key = li ? items[Number(li.dataset.index)]?.key : undefined;
    if (key !== undefined && key !== activeKey) setActiveKey(key);
  };

  const setSize = items.length;
  return (
    <ul
      ref={listRef}
      role="list"
      aria-label="Monitors"
      data-testid="monitor-list"
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      className="relative"
      style={{ height: virtualizer.getTotalSize() }}
    >
      {virtualItems.map((v) => {
        const item = items[v.index];
        if (!item) return null;
        const top = v.start - scrollMargin;
        const active = v.index === activeIndex;
        if (item.kind === 'group') {
          return <GroupHeaderItem key={item.key} group={item} index={v.index} setSize={setSize} active={active} top={top} measure={virtualizer.measureElement} onFold={p.onFold} />;
        }
        return (
          <MonitorRow
            key={item.key}
            row={item.row}
            index={v.index}
            setSize={setSize}
            beats={heartbeats.get(item.row.id)}
            selected={p.isSelected(item.row.id)}
            active={active}
            scrolling={scrolling}
            tags={p.tags}
            tagsById={p.tagsById}
            top={top}
            measure={virtualizer.measureElement}
            onToggle={p.onToggle}
            onTagsChange={p.onTagsChange}
            onCreateTag={p.onCreateTag}
          />
        );
      })}
    </ul>
  );
}
