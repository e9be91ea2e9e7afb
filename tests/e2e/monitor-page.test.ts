import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { startApp, type AppServer } from '../support/app-server';
import { startTarget, type TargetServer } from '../support/target-server';
import { describeWithBrowser, openBrowser, screenshotBothThemes, type BrowserSession, signUpInBrowser } from '../support/browser';
import { openOlderChecks } from '../support/check-pages';
import { waitFor } from '../support/api';

// The monitor page in Chromium: it opens a young monitor on the 1 h window, refreshes with one
// request, draws each check's response time, colours uptime slices by degree, pages through
// checks, tells a retry from UP, shows a push monitor's response time as "—", and clones a
// monitor into the new-monitor form. Every wait is for a condition, never for a fixed time.

const apiPath = (r: Request) => new URL(r.url()).pathname.startsWith('/api/');

describeWithBrowser('the monitor page in Chromium', () => {
  let app: AppServer;
  let target: TargetServer;
  let browser: BrowserSession;
  let page: Page;
  let monitorId = '';
  /** Every API request the page made, in order. */
  const requests: string[] = [];

  async function createMonitor(body: Record<string, unknown>): Promise<string> {
    const res = await page.request.post(`${app.url}/api/monitors`, { data: body, headers: { origin: app.url } });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()).monitor.id;
  }

  /** The number of checks the latency chart draws, from its accessible label ("Response time of 12 checks, …"). */
  const drawnChecks = () =>
    page.locator('[data-chart="latency"] [role="img"]').evaluate((el) => Number(/^Response time of (\d+) checks?/.exec(el.getAttribute('aria-label') ?? '')?.[1] ?? -1));

  beforeAll(async () => {
    [app, target] = await Promise.all([startApp(), startTarget(200)]);
    browser = await openBrowser();
    page = browser.page;
    page.on('request', (r) => {
      if (apiPath(r)) requests.push(new URL(r.url()).pathname + new URL(r.url()).search);
    });
    await signUpInBrowser(page, app.url, `monitor-page-${Date.now()}@example.com`);
    monitorId = await createMonitor({
      name: 'Loopback site',
      url: target.url,
      intervalSeconds: 1,
      retries: 0,
      headers: [
        { name: 'X-Plain', value: 'visible', secret: false },
        { name: 'Authorization', value: 'Bearer probe-secret', secret: true },
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await target?.close();
    await app?.dispose();
  });

  it('opens a monitor younger than a day on the 1 h window, drawing one point per check', async () => {
    await page.goto(`${app.url}/monitors/${monitorId}`);
    await page.locator('h1 + [data-status="UP"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[role="group"][aria-label="Chart window"] button[aria-pressed="true"]').textContent()).toBe('1 h');
    expect(await page.locator('[data-window]').getAttribute('data-window')).toBe('1h');
    await page.locator('[data-chart="latency"][data-per-check="true"]').waitFor();
    await page.getByText('Response time per check').waitFor();
    // The page's refreshes add each new check to the chart.
    const first = await drawnChecks();
    await page.waitForFunction(
      (n) => Number(/^Response time of (\d+) checks?/.exec(document.querySelector('[data-chart="latency"] [role="img"]')?.getAttribute('aria-label') ?? '')?.[1] ?? 0) > n,
      first,
      { timeout: 30_000 },
    );
  });

  it('refreshes with one request, GET /api/monitors/:id/overview?hours=1, and nothing else', async () => {
    const from = requests.length;
    const overviews = () => requests.slice(from).filter((r) => r === `/api/monitors/${monitorId}/overview?hours=1`).length;
    // Three refreshes in a row, however long a busy machine takes for them.
    await waitFor(async () => overviews() >= 3, 60_000, 'three refreshes');
    expect(requests.slice(from).filter((r) => !r.startsWith(`/api/monitors/${monitorId}/overview?hours=1`))).toEqual([]);
  });

  it('colours an uptime slice with some failures amber, not red, and says so in the legend', async () => {
    await page.locator('[data-chart="uptime"] [data-legend="partial"]').getByText('Some failed').waitFor();
    target.setStatus(500);
    await page.locator('h1 + [data-status="DOWN"]').waitFor({ timeout: 15_000 });
    // Failed checks are marked on the response time chart.
    await page.locator('[data-chart="latency"] .recharts-scatter-symbol path[fill="#dc2626"]').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-chart="latency"] [role="img"]').getAttribute('aria-label')).toMatch(/; \d+ failed$/);
    target.setStatus(200);
    await page.locator('h1 + [data-status="UP"]').waitFor({ timeout: 15_000 });
    // The newest 2.5 min slice holds the passing checks before and after the few failures:
    // partial, drawn amber (once more than half of it passed, however slow the machine).
    await page.locator('[data-chart="uptime"] .recharts-bar-rectangle path[fill="#d97706"]').first().waitFor({ timeout: 60_000 });
    await screenshotBothThemes(page, 'monitor-page');
  });

  it('switches to 24 h with one request and back', async () => {
    const from = requests.length;
    await page.getByRole('button', { name: '24 h' }).click();
    await page.locator('[data-window="24h"]').waitFor();
    expect(requests.slice(from)[0]).toBe(`/api/monitors/${monitorId}/overview?hours=24`);
    await page.getByRole('button', { name: '1 h' }).click();
    await page.locator('[data-window="1h"]').waitFor();
  });

  it('pages back through the checks and returns to the newest', async () => {
    // Wait until the page itself shows a first page with checks older than its last row. Rows
    // on screen and checks stored are not enough: a refresh a moment earlier may still show the
    // first 20 checks ever, whose older page is rightly empty (this failed on a busy machine).
    // Polled from the test: an async waitForFunction resolves at once on its pending promise.
    await waitFor(
      async () => {
        const rows = await page.locator('tr[data-check-id]').evaluateAll((els) => els.map((r) => r.getAttribute('data-check-id')));
        if (rows.length !== 20) return false;
        const stored = ((await (await page.request.get(`${app.url}/api/monitors/${monitorId}/checks?limit=500`)).json()) as { checks: Array<{ id: string }> }).checks;
        const last = stored.findIndex((c) => c.id === rows[rows.length - 1]);
        return last >= 0 && last < stored.length - 1;
      },
      60_000,
      'a first page of checks with older ones behind it',
    );
    await openOlderChecks(page);
    // Refreshes go on while page 2 is shown, and do not replace it.
    const shown = await page.locator('tr[data-check-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-check-id')));
    const from = requests.length;
    await waitFor(async () => requests.slice(from).filter((r) => r.includes('/overview')).length >= 2, 60_000, 'two refreshes');
    expect(await page.locator('tr[data-check-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-check-id')))).toEqual(shown);
    await page.getByRole('button', { name: '← Newer' }).click();
    await page.getByText('Page 1').waitFor();
  });

  it('shows "retrying (1 of 2)" instead of UP while a failure waits for its retry', async () => {
    const failing = await startTarget(500);
    try {
      // A long retry interval keeps the monitor between its first failure and the retry.
      const id = await createMonitor({ name: 'Flaky site', url: failing.url, intervalSeconds: 300, retries: 2, retryIntervalSeconds: 600 });
      await page.goto(`${app.url}/monitors/${id}`);
      // retries: 2: the first of two retries is pending (the API says attempt 1 of 3 failed checks).
      await page.locator('h1 + [data-status="RETRYING"]').getByText('retrying (1 of 2)').waitFor({ timeout: 20_000 });
      await page.getByTestId('retrying').waitFor();
      await screenshotBothThemes(page, 'monitor-retrying');
    } finally {
      await failing.close();
    }
  });

  it('shows "—" as a push monitor’s response time', async () => {
    const id = await createMonitor({ name: 'Nightly backup', type: 'heartbeat', intervalSeconds: 3600, graceSeconds: 60 });
    await page.goto(`${app.url}/monitors/${id}`);
    const stat = page.locator('dl > div').filter({ has: page.getByText('Response time', { exact: true }) });
    expect(await stat.locator('dd').first().textContent()).toBe('—');
  });

  it('clones a monitor from its page, asking again for the secret header value', async () => {
    const tag = await page.request.post(`${app.url}/api/tags`, { data: { name: 'production' }, headers: { origin: app.url } });
    expect(tag.status(), await tag.text()).toBe(201);
    const tagId = (await tag.json()).tag.id;
    const tagged = await page.request.patch(`${app.url}/api/monitors/${monitorId}`, { data: { tagIds: [tagId] }, headers: { origin: app.url } });
    expect(tagged.status(), await tagged.text()).toBe(200);
    await page.goto(`${app.url}/monitors/${monitorId}`);
    await page.getByRole('link', { name: 'Clone' }).click();
    await page.waitForURL(`${app.url}/monitors/new?from=${monitorId}`);
    await page.getByRole('heading', { name: 'Clone monitor' }).waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Loopback site (copy)');
    expect(await page.getByLabel('Name', { exact: true }).getAttribute('maxlength')).toBe('100');
    expect(await page.getByLabel('URL', { exact: true }).inputValue()).toBe(target.url);
    expect(await page.getByTestId('clone-notice').textContent()).toContain('Authorization');
    // The headers are under Advanced options, opened for the secret to retype.
    expect(await page.getByLabel('Header 1 value').inputValue()).toBe('visible');
    expect(await page.getByLabel('Header 2 value').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Create monitor' }).click();
    await page.locator('#headers-1-value-error').getByText('Enter this secret value again').waitFor();
    await screenshotBothThemes(page, 'monitor-clone');
    await page.getByLabel('Header 2 value').fill('Bearer copy-secret');
    await page.getByRole('button', { name: 'Create monitor' }).click();
    await page.waitForURL(`${app.url}/`);
    const { monitors } = await (await page.request.get(`${app.url}/api/monitors`)).json();
    const copy = monitors.find((m: { name: string }) => m.name === 'Loopback site (copy)');
    expect(copy).toBeTruthy();
    expect(copy.id).not.toBe(monitorId);
    expect(copy.url).toBe(target.url);
    expect(copy.intervalSeconds).toBe(1);
    expect(copy.tagIds).toEqual([tagId]);
    expect(copy.headers).toEqual([
      { name: 'X-Plain', value: 'visible', secret: false },
      { name: 'Authorization', value: null, secret: true },
    ]);
  });

  it('ran without uncaught errors in the page', () => {
    const real = browser.errors.filter((e) => !/Failed to load resource/.test(e));
    expect(real).toEqual([]);
  });
});
