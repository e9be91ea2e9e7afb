import { MaintenanceCalendar, type CalendarWindow } from '@/lib/domain/maintenance-calendar';
import { logger } from '@/lib/logger';

// The worker's copy of every maintenance window, so asking "is this check made during
// maintenance?" costs no query. It is re-read when a window changes (a signal, from any
// instance), every REFRESH_MS in case a signal was lost, and right before a failure would raise
// a DOWN (`confirm`), so a window created a moment ago on another instance is still honoured.

const REFRESH_MS = 30_000;
/** A confirm within this long of a successful read uses it rather than reading again. */
const FRESH_MS = 1_000;

export interface MaintenanceLookup {
  /** From the copy in memory: for every check. */
  covers(monitor: { id: string; userId: string }, at: Date): boolean;
  /** Reads the windows again first (unless just read): before a DOWN is raised. */
  confirm(monitor: { id: string; userId: string }, at: Date): Promise<boolean>;
}

export class MaintenanceWatch implements MaintenanceLookup {
  private calendar = new MaintenanceCalendar([]);
  private loadedAt = 0;
  private loading: Promise<void> | null = null;
  /** A change was signalled while a read was under way: read once more after it. */
  private again = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly load: () => Promise<CalendarWindow[]>,
    private readonly refreshMs = REFRESH_MS,
  ) {}

  async start(): Promise<void> {
    await this.refresh().catch((err) => logger.warn({ err }, 'reading maintenance windows failed; retrying on the next refresh'));
    this.timer = setInterval(() => void this.refresh().catch((err) => logger.warn({ err }, 'reading maintenance windows failed')), this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  covers(monitor: { id: string; userId: string }, at: Date): boolean {
    return this.calendar.activeFor(monitor, at) !== null;
  }

  async confirm(monitor: { id: string; userId: string }, at: Date): Promise<boolean> {
    if (Date.now() - this.loadedAt > FRESH_MS) {
      // Unreadable now (a busy database): the copy in memory is the best answer there is.
      await this.refresh().catch((err) => logger.warn({ err }, 'reading maintenance windows failed; using the last copy'));
    }
    return this.covers(monitor, at);
  }

  /** Reads every window again; calls made during a read share it and one more read after it. */
  refresh(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      try {
        do {
          this.again = false;
          const startedAt = Date.now();
          this.calendar = new MaintenanceCalendar(await this.load());
          this.loadedAt = startedAt;
        } while (this.again);
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }
}
