// What the dashboard scale bench measures in the page, each timed by the page's own clock:
// the first view (every row of the first screen shown with its heartbeat bar drawn), the bytes
// an open dashboard receives, the frame times of a scroll, and a search. A script added to every
// document watches each frame from the start of the navigation, so no timing waits on a round
// trip to the bench; it also records long tasks. Pages must have it installed (installProbe).
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

interface BenchState {
  firstScreen: number;
  barsDrawn: number;
  longTasks: Array<{ start: number; duration: number }>;
  /** The rows on screen when each has its heartbeat bar drawn (every check of it), else null. */
  drawnScreen: () => HTMLElement[] | null;
}
/** Installed in every document before the app's own scripts. */
function probe(): void {
  const onScreen = () => {
    const h = window.innerHeight;
    return [...document.querySelectorAll<HTMLElement>('li[data-monitor-id]')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.bottom > 0 && b.top < h;
    });
  };
  const drawn = (row: HTMLElement) => {
    const bar = row.querySelector<HTMLElement>('[data-chart="heartbeat"]');
    const beats = bar?.dataset.beats;
    return bar !== null && beats !== undefined && bar.querySelectorAll('.recharts-bar-rectangle path').length >= Number(beats);
  };
  /** The rows on screen, once they fill it (or the list ends on it). */
  const firstScreen = (): HTMLElement[] | null => {
    const rows = onScreen();
    if (rows.length === 0) return null;
    const last = rows.reduce((a, r) => (r.getBoundingClientRect().bottom > a.getBoundingClientRect().bottom ? r : a));
    const full = last.getBoundingClientRect().bottom >= window.innerHeight || last.getAttribute('aria-posinset') === last.getAttribute('aria-setsize');
    return full ? rows : null;
  };
  const state: BenchState = {
    firstScreen: 0,
    barsDrawn: 0,
    longTasks: [],
    drawnScreen: () => {
      const rows = firstScreen();
      return rows && rows.every(drawn) ? rows : null;
    },
  };
  (window as unknown as { __bench: BenchState }).__bench = state;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long task timing in this browser
  }
  const started = performance.now();
  const tick = () => {
    if (!state.firstScreen && firstScreen()) state.firstScreen = performance.now();
    if (state.firstScreen && state.drawnScreen()) {
      state.barsDrawn = performance.now();
      return;
    }
    if (performance.now() - started < 60_000) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

export async function installProbe(context: BrowserContext): Promise<void> {
  // tsx compiles named inner functions to __name(fn, "name") calls; the page needs the helper
  // for this file's in-page functions (the probe and every evaluate) to run there.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  await context.addInitScript(probe);
}

export interface FirstView {
  ttfb: number;
  fcp: number;
  firstScreen: number;
  barsDrawn: number;
  rowsOnScreen: number;
  documentKiB: number;
  documentDecodedKiB: number;
  longTasks: number;
  longTaskMs: number;
  longestTaskMs: number;
}

/** Loads the page and waits until every row of the first screen has its heartbeat bar drawn. */
export async function firstView(page: Page, url: string): Promise<FirstView> {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __bench?: BenchState }).__bench?.barsDrawn, undefined, { timeout: 60_000, polling: 100 });
  const r = await page.evaluate(() => {
    const state = (window as unknown as { __bench: BenchState }).__bench;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const tasks = state.longTasks.filter((t) => t.start < state.barsDrawn).map((t) => t.duration);
    return {
      ttfb: nav.responseStart,
      fcp: fcp ? fcp.startTime : Number.NaN,
      firstScreen: state.firstScreen,
      barsDrawn: state.barsDrawn,
      rowsOnScreen: state.drawnScreen()?.length ?? 0,
      documentKiB: nav.transferSize / 1024,
      documentDecodedKiB: nav.decodedBodySize / 1024,
      tasks,
    };
  });
  const { tasks, ...rest } = r;
  return { ...rest, longTasks: tasks.length, longTaskMs: tasks.reduce((s, t) => s + t, 0), longestTaskMs: Math.max(0, ...tasks) };
}

/** Responses with an error status the page received (browser-made ones such as /favicon.ico included), as "404 /path". */
export async function watchHttpErrors(page: Page): Promise<string[]> {
  const seen: string[] = [];
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Network.responseReceived', (e) => {
    if (e.response.status >= 400) seen.push(`${e.response.status} ${new URL(e.response.url).pathname}`);
  });
  await cdp.send('Network.enable');
  return seen;
}

export interface WireTally {
  seconds: number;
  requests: number;
  receivedBytes: number;
  decodedBytes: number;
  sentBytes: number;
  /** Requests that ended without a response body, by path and reason ("canceled" for aborted ones). */
  failed: Map<string, number>;
  byPath: Map<string, { requests: number; receivedBytes: number; decodedBytes: number }>;
}

/** Every response the page receives over `ms`, as the network saw it (headers and encoded body). */
export async function wireTally(page: Page, ms: number): Promise<WireTally> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const paths = new Map<string, string>();
  const decoded = new Map<string, number>();
  const tally: WireTally = { seconds: ms / 1000, requests: 0, receivedBytes: 0, decodedBytes: 0, sentBytes: 0, failed: new Map(), byPath: new Map() };
  cdp.on('Network.requestWillBeSent', (e) => {
    const u = new URL(e.request.url);
    // One line per kind of request: every monitor page's prefetch is one kind.
    const kind = u.pathname.replace(/^\/monitors\/(?!summary$|heartbeats$)[^/]+/, '/monitors/:id') + (Object.keys(e.request.headers).some((h) => h.toLowerCase() === 'next-router-prefetch') ? ' (prefetch)' : '');
    paths.set(e.requestId, kind);
    // The request line and headers as sent (an estimate: HTTP/1.1 framing, no body on GET).
    const headers = Object.entries(e.request.headers).reduce((s, [k, v]) => s + k.length + String(v).length + 4, 0);
    tally.sentBytes += `${e.request.method} ${u.pathname}${u.search} HTTP/1.1\r\n`.length + headers + 2 + (e.request.postData?.length ?? 0);
  });
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
    // Cookies and the like that the plain event leaves out.
    const cookie = e.headers.Cookie ?? e.headers.cookie;
    if (cookie) tally.sentBytes += 'Cookie: '.length + String(cookie).length + 2;
  });
  cdp.on('Network.dataReceived', (e) => decoded.set(e.requestId, (decoded.get(e.requestId) ?? 0) + e.dataLength));
  cdp.on('Network.loadingFinished', (e) => {
    const path = paths.get(e.requestId) ?? '(sent before the window)';
    const d = decoded.get(e.requestId) ?? 0;
    tally.requests++;
    tally.receivedBytes += e.encodedDataLength;
    tally.decodedBytes += d;
    const p = tally.byPath.get(path) ?? { requests: 0, receivedBytes: 0, decodedBytes: 0 };
    p.requests++;
    p.receivedBytes += e.encodedDataLength;
    p.decodedBytes += d;
    tally.byPath.set(path, p);
  });
  cdp.on('Network.loadingFailed', (e) => {
    const key = `${paths.get(e.requestId) ?? '(sent before the window)'}: ${e.canceled ? 'canceled' : e.errorText}`;
    tally.failed.set(key, (tally.failed.get(key) ?? 0) + 1);
  });
  await cdp.send('Network.enable');
  // The measurement itself: the dashboard left open, as a person would leave it.
  await page.waitForTimeout(ms);
  await cdp.detach();
  return tally;
}

export interface Frames {
  frames: number;
  /** Longer than one 16.7 ms frame, and than two: rAF times step by whole frames (16.7, 33.3, 50 ms) give or take 0.1 ms, so these count deltas over 20 and 40 ms. */
  p50: number;
  p95: number;
  max: number;
  over16: number;
  over33: number;
  scrolledPx: number;
  seconds: number;
  longTasks: number;
  longestTaskMs: number;
  /** After the scroll stopped: until every row of the last screen had its bar. */
  barsAfterMs: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

/**
 * Scrolls the page from the top, one step per frame: to the bottom in `seconds` when
 * `pxPerSecond` is null, else at that speed for `seconds`. Frame time is the gap between
 * requestAnimationFrame callbacks.
 */
export async function scrollFrames(page: Page, seconds: number, pxPerSecond: number | null): Promise<Frames> {
  await page.mouse.move(2, 2);
  const r = await page.evaluate(
    async ({ seconds, pxPerSecond }) => {
      const w = window as unknown as { __bench: BenchState };
      const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
      window.scrollTo(0, 0);
      await frame();
      await frame();
      const from = performance.now();
      const deltas: number[] = [];
      const start = await frame();
      let last = start;
      let y = 0;
      for (;;) {
        const t = await frame();
        deltas.push(t - last);
        last = t;
        const max = document.documentElement.scrollHeight - window.innerHeight;
        const elapsed = (t - start) / 1000;
        y = Math.min(max, pxPerSecond === null ? (max * elapsed) / seconds : elapsed * pxPerSecond);
        window.scrollTo(0, y);
        if (elapsed >= seconds || (pxPerSecond === null && y >= max)) break;
      }
      const stopped = performance.now();
      // The last screen's bars, fetched once its rows came into view.
      while (!w.__bench.drawnScreen() && performance.now() - stopped < 15_000) await frame();
      const tasks = w.__bench.longTasks.filter((t) => t.start >= from && t.start < stopped);
      return { deltas, y, barsAfterMs: performance.now() - stopped, tasks: tasks.map((t) => t.duration) };
    },
    { seconds, pxPerSecond },
  );
  return {
    frames: r.deltas.length,
    p50: pct(r.deltas, 50),
    p95: pct(r.deltas, 95),
    max: Math.max(...r.deltas),
    over16: r.deltas.filter((d) => d > 20).length,
    over33: r.deltas.filter((d) => d > 40).length,
    scrolledPx: r.y,
    seconds: r.deltas.reduce((s, d) => s + d, 0) / 1000,
    longTasks: r.tasks.length,
    longestTaskMs: Math.max(0, ...r.tasks),
    barsAfterMs: r.barsAfterMs,
  };
}

export interface SearchTiming {
  /** From the first input event until the list shows only matching rows and the count says so. */
  rowsMs: number;
  /** Until every row of the filtered first screen has its bar. */
  barsMs: number;
  /** Escape, until the whole list is back. */
  clearMs: number;
  /** Rows drawn (the virtual list draws only those near the screen). */
  drawn: number;
}

/** Records when the next event of this type happens, by the page's clock. */
const armClock = (page: Page, type: 'input' | 'keydown') =>
  page.evaluate((type) => {
    const w = window as unknown as { __eventAt?: number };
    w.__eventAt = undefined;
    document.addEventListener(type, () => (w.__eventAt ??= performance.now()), { capture: true, once: true });
  }, type);
const clock = (page: Page) => page.evaluate(() => (window as unknown as { __eventAt: number }).__eventAt);

/**
 * Puts `query` in the search box, typed key by key or at once (`fill`, one input event as a
 * paste makes), and times the list's answer; `expected` of `total` rows match.
 */
export async function searchTiming(page: Page, query: string, how: 'type' | 'fill', expected: number, total: number): Promise<SearchTiming> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = page.getByRole('searchbox', { name: /search monitors/i });
  await box.click();
  await armClock(page, 'input');
  if (how === 'type') await page.keyboard.type(query);
  else await box.fill(query);
  const rowsAt = await page
    .waitForFunction(
      ({ query, count }) => {
        const status = [...document.querySelectorAll('[role="status"]')].some((s) => s.textContent?.trim().startsWith(count));
        const names = [...document.querySelectorAll('li[data-monitor-id] a[title]')].map((a) => a.getAttribute('title')?.toLowerCase() ?? '');
        const words = query.toLowerCase().split(/\s+/);
        return status && names.length > 0 && names.every((n) => words.every((w) => n.includes(w))) ? performance.now() : 0;
      },
      { query, count: `${expected} of ${total} ` },
      { timeout: 30_000, polling: 'raf' },
    )
    .then((h) => h.jsonValue());
  const barsAt = await page
    .waitForFunction(() => ((window as unknown as { __bench: BenchState }).__bench.drawnScreen() ? performance.now() : 0), undefined, { timeout: 30_000, polling: 'raf' })
    .then((h) => h.jsonValue());
  const inputAt = await clock(page);
  const drawn = await page.locator('li[data-monitor-id]').count();
  await armClock(page, 'keydown');
  await page.keyboard.press('Escape');
  const clearedAt = await page
    .waitForFunction((all) => ([...document.querySelectorAll('[role="status"]')].some((s) => s.textContent?.trim() === all) ? performance.now() : 0), `${total} monitors`, {
      timeout: 30_000,
      polling: 'raf',
    })
    .then((h) => h.jsonValue());
  return { rowsMs: rowsAt - inputAt, barsMs: barsAt - inputAt, clearMs: clearedAt - (await clock(page)), drawn };
}
