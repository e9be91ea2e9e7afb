import { currentOrNextOccurrence, occurrenceAt, type MaintenanceSchedule, type Occurrence } from '@/lib/domain/maintenance-schedule';

// Which maintenance window, if any, covers a monitor at a moment: the one question the worker
// asks of every check result, and the dashboard and status pages of every monitor they show.
// Built once from a list of windows and indexed by monitor and by user (for "all monitors").

export interface CalendarWindow {
  id: string;
  userId: string;
  title: string;
  allMonitors: boolean;
  monitorIds: string[];
  schedule: MaintenanceSchedule;
}

/** The window covering a monitor now, as its JSON shows it. */
export interface MaintenanceNow {
  id: string;
  title: string;
  start: Date;
  end: Date;
}

export interface ActiveMaintenance {
  window: CalendarWindow;
  occurrence: Occurrence;
}

export class MaintenanceCalendar {
  private readonly byMonitor = new Map<string, CalendarWindow[]>();
  private readonly byUser = new Map<string, CalendarWindow[]>();

  constructor(readonly windows: CalendarWindow[]) {
    for (const w of windows) {
      if (w.allMonitors) push(this.byUser, w.userId, w);
      else for (const id of w.monitorIds) push(this.byMonitor, id, w);
    }
  }

  get size(): number {
    return this.windows.length;
  }

  /** Windows that name this monitor, or cover all of its owner's monitors. */
  windowsFor(monitor: { id: string; userId: string }): CalendarWindow[] {
    const own = this.byMonitor.get(monitor.id);
    const all = this.byUser.get(monitor.userId);
    if (!own) return all ?? [];
    return all ? [...own, ...all] : own;
  }

  /** The window covering the monitor at `at`; of several, the one that ends last. */
  activeFor(monitor: { id: string; userId: string }, at: Date): ActiveMaintenance | null {
    let best: ActiveMaintenance | null = null;
    for (const window of this.windowsFor(monitor)) {
      const occurrence = occurrenceAt(window.schedule, at);
      if (occurrence && (!best || occurrence.end > best.occurrence.end)) best = { window, occurrence };
    }
    return best;
  }

  /** The covering window as monitor JSON shows it, or null. */
  nowFor(monitor: { id: string; userId: string }, at: Date): MaintenanceNow | null {
    const active = this.size ? this.activeFor(monitor, at) : null;
    return active ? { id: active.window.id, title: active.window.title, start: active.occurrence.start, end: active.occurrence.end } : null;
  }

  /** Active and upcoming occurrences (starting before `until`) of the monitor's windows, soonest first. */
  currentAndUpcoming(monitor: { id: string; userId: string }, at: Date, until: Date): ActiveMaintenance[] {
    const out: ActiveMaintenance[] = [];
    for (const window of this.windowsFor(monitor)) {
      const occurrence = currentOrNextOccurrence(window.schedule, at);
      if (occurrence && occurrence.start < until) out.push({ window, occurrence });
    }
    return out.sort((a, b) => a.occurrence.start.getTime() - b.occurrence.start.getTime());
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
