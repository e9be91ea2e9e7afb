import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type AppServer } from '../support/app-server';
import { startTarget, type TargetServer } from '../support/target-server';
import { Api } from '../support/api';
import { describeWithBrowser, openBrowser, screenshotBothThemes, type BrowserSession } from '../support/browser';

// The dashboard in Chromium with a handful of monitors of every type, tags, one shared target
// that fails on cue: search, each filter (with the URL and Back), sorting, tags managed in place
// and grouping, bulk pause and delete, the heartbeat bar's tooltip, a monitor awaiting its retry,
// the mass-outage banner, and the list by keyboard. Every wait is for a condition.

const LONG_NAME = 'Golf reporting service with a name far too long to fit in the row of the dashboard list';

function row(page: Page, name: string) {
  return page.locator('li[data-monitor-id]').filter({ has: page.getByRole('link', { name, exact: true }) });
}

/** Names of the rows in list order (the virtual list keeps DOM order equal to list order). */
function rowNames(page: Page): Promise<string[]> {
  return page.locator('li[data-monitor-id] a[href^="/monitors/"]').evaluateAll((as) => as.map((a) => a.textContent ?? ''));
}

async function waitForNames(page: Page, expected: string[]) {
  try {
    await page.waitForFunction(
      (want) => JSON.stringify([...document.querySelectorAll('li[data-monitor-id] a[href^="/monitors/"]')].map((a) => a.textContent)) === JSON.stringify(want),
      expected,
      { polling: 100 },
    );
  } catch (err) {
    throw new Error(`rows are ${JSON.stringify(await rowNames(page))}, not ${JSON.stringify(expected)} (${page.url()})`, { cause: err });
  }
}

const counter = (page: Page, status: string) => page.locator(`button[data-summary="${status}"]`);
const counterValue = (page: Page, status: string) => counter(page, status).locator('[data-count]').textContent();
const search = (page: Page) => page.getByRole('searchbox', { name: /Search monitors/ });

describeWithBrowser('dashboard in Chromium', () => {
  let app: AppServer;
  let good: TargetServer;
  let shared: TargetServer;
  let browser: BrowserSession;
  let page: Page;
  const api = new Api('');
  const ids: Record<string, string> = {};
  const tagIds: Record<string, string> = {};

  beforeAll(async () => {
    [app, good, shared] = await Promise.all([startApp(), startTarget(200), startTarget(200)]);
    Object.assign(api, { baseUrl: app.url });
    await api.signup();
    for (const [name, color] of [
      ['Production', '#ef4444'],
      ['Staging', '#3b82f6'],
    ]) {
      const r = await api.post('/api/tags', { name, color });
      expect(r.status).toBe(201);
      tagIds[name] = r.body.tag.id;
    }
    const port = Number(new URL(good.url).port);
    const monitors: Array<[string, Record<string, unknown>]> = [
      ['Alpha API', { url: `${good.url}alpha`, intervalSeconds: 2, tagIds: [tagIds.Production] }],
      ['Bravo web', { url: `${good.url}bravo`, intervalSeconds: 2, tagIds: [tagIds.Staging] }],
      ['Charlie port', { type: 'tcp', url: null, host: '127.0.0.1', port, intervalSeconds: 2 }],
      ['Delta cron', { type: 'heartbeat', url: null, intervalSeconds: 60 }],
      ['Echo 1', { url: `${shared.url}e1`, intervalSeconds: 1, retries: 0, tagIds: [tagIds.Production] }],
      ['Echo 2', { url: `${shared.url}e2`, intervalSeconds: 1, retries: 0, tagIds: [tagIds.Production] }],
      ['Echo 3', { url: `${shared.url}e3`, intervalSeconds: 1, retries: 0, tagIds: [tagIds.Production] }],
      ['Foxtrot paused', { url: `${good.url}foxtrot`, intervalSeconds: 60, active: false }],
      [LONG_NAME, { url: `${good.url}golf`, intervalSeconds: 60 }],
      // Checked hourly; its failure is confirmed ten minutes later: long enough to be seen waiting.
      ['Hotel retry', { url: `${shared.url}hotel`, intervalSeconds: 3600, retries: 2, retryIntervalSeconds: 600 }],
    ];
    for (const [name, body] of monitors) {
      const r = await api.post('/api/monitors', { name, channelIds: [], ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids[name] = r.body.monitor.id;
    }
    browser = await openBrowser();
    page = browser.page;
    await browser.context.addCookies([{ name: 'pingboard_session', value: api.token!, url: app.url }]);
    await page.goto(`${app.url}/`);
    // Everything probed has been checked once and is UP.
    for (const name of ['Alpha API', 'Bravo web', 'Charlie port', 'Echo 1', 'Echo 2', 'Echo 3', LONG_NAME, 'Hotel retry']) {
      await row(page, name).locator('[data-status="UP"]').first().waitFor({ timeout: 20_000 });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([good?.close(), shared?.close()]);
    await app?.dispose();
  });

  it('lists every monitor, worst status first then A to Z, with a heartbeat bar and the 24 h uptime', async () => {
    // The push monitor has had no ping (PENDING), the paused one comes last.
    expect(await rowNames(page)).toEqual(['Delta cron', 'Alpha API', 'Bravo web', 'Charlie port', 'Echo 1', 'Echo 2', 'Echo 3', LONG_NAME, 'Hotel retry', 'Foxtrot paused']);
    const alpha = row(page, 'Alpha API');
    await alpha.locator('[data-chart="heartbeat"] svg.recharts-surface .recharts-bar-rectangle path').first().waitFor();
    expect(await alpha.textContent()).toMatch(/100%|\d+\.\d\d%/);
    // A push monitor has no response time.
    expect(await row(page, 'Delta cron').textContent()).toContain('—');
    expect(await counterValue(page, 'ALL')).toBe('10');
  });

  it('searches by name, URL and host as one types, with the query in the URL', async () => {
    await search(page).fill('bravo');
    await waitForNames(page, ['Bravo web']);
    expect(new URL(page.url()).searchParams.get('q')).toBe('bravo');
    await search(page).fill('/foxtrot');
    await waitForNames(page, ['Foxtrot paused']);
    // The host and port of the TCP monitor, which the HTTP monitors on the same target share.
    await search(page).fill(`127.0.0.1:${new URL(good.url).port}`);
    await waitForNames(page, ['Alpha API', 'Bravo web', 'Charlie port', LONG_NAME, 'Foxtrot paused']);
    await page.getByRole('status').filter({ hasText: '5 of 10 monitors match' }).waitFor();
    await search(page).press('Escape');
    await page.waitForFunction(() => document.querySelectorAll('li[data-monitor-id]').length === 10);
    expect(new URL(page.url()).search).toBe('');
  });

  it('filters by status with the counters, whose numbers follow the search, and Back undoes it', async () => {
    await counter(page, 'PAUSED').click();
    await waitForNames(page, ['Foxtrot paused']);
    expect(await counter(page, 'PAUSED').getAttribute('aria-pressed')).toBe('true');
    expect(new URL(page.url()).searchParams.get('status')).toBe('paused');

    await search(page).fill('echo');
    await page.getByTestId('no-match').waitFor();
    await page.waitForFunction(() => document.querySelector('button[data-summary="UP"] [data-count]')?.textContent === '3');
    expect(await counterValue(page, 'PAUSED')).toBe('0');
    await counter(page, 'UP').click();
    await waitForNames(page, ['Echo 1', 'Echo 2', 'Echo 3']);
    expect(new URL(page.url()).searchParams.get('status')).toBe('up,paused');

    await page.goBack();
    await page.getByTestId('no-match').waitFor();
    expect(await counter(page, 'UP').getAttribute('aria-pressed')).toBe('false');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.waitForFunction(() => document.querySelectorAll('li[data-monitor-id]').length === 10);
    expect(await counter(page, 'ALL').getAttribute('aria-pressed')).toBe('true');
  });

  it('opens a bookmarked view as it was left', async () => {
    await page.goto(`${app.url}/?tag=${tagIds.Staging}&sort=name&order=reversed`);
    await waitForNames(page, ['Bravo web']);
    expect(await page.locator(`button[data-tag-filter="${tagIds.Staging}"]`).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByLabel('Sort', { exact: true }).inputValue()).toBe('name');
    await page.goto(`${app.url}/`);
  });

  it('filters by tag and by type', async () => {
    await page.locator(`button[data-tag-filter="${tagIds.Production}"]`).click();
    await waitForNames(page, ['Alpha API', 'Echo 1', 'Echo 2', 'Echo 3']);
    expect(new URL(page.url()).searchParams.get('tag')).toBe(tagIds.Production);
    await page.locator(`button[data-tag-filter="${tagIds.Production}"]`).click();

    await page.locator('button[data-type-filter="tcp"]').click();
    await waitForNames(page, ['Charlie port']);
    await page.locator('button[data-type-filter="heartbeat"]').click();
    await waitForNames(page, ['Delta cron', 'Charlie port']);
    expect(new URL(page.url()).searchParams.get('type')).toBe('tcp,heartbeat');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.waitForFunction(() => document.querySelectorAll('li[data-monitor-id]').length === 10);
  });

  it('sorts by name, both ways, and by response time', async () => {
    await page.getByLabel('Sort', { exact: true }).selectOption('name');
    await waitForNames(page, ['Alpha API', 'Bravo web', 'Charlie port', 'Delta cron', 'Echo 1', 'Echo 2', 'Echo 3', 'Foxtrot paused', LONG_NAME, 'Hotel retry']);
    await page.getByTestId('sort-order').click();
    await waitForNames(page, ['Hotel retry', LONG_NAME, 'Foxtrot paused', 'Echo 3', 'Echo 2', 'Echo 1', 'Delta cron', 'Charlie port', 'Bravo web', 'Alpha API']);
    expect(new URL(page.url()).search).toBe('?sort=name&order=reversed');
    await page.getByLabel('Sort', { exact: true }).selectOption('latency');
    // Monitors without a response time (push, paused before its first check) come last.
    await page.waitForFunction(() => {
      const names = [...document.querySelectorAll('li[data-monitor-id] a[href^="/monitors/"]')].map((a) => a.textContent);
      return names.length === 10 && names.slice(-2).sort().join('|') === 'Delta cron|Foxtrot paused';
    });
    await page.getByLabel('Sort', { exact: true }).selectOption('status');
    expect(new URL(page.url()).search).toBe('');
  });

  it('shows a long name whole on hover and on focus', async () => {
    const golf = row(page, LONG_NAME);
    const link = golf.getByRole('link', { name: LONG_NAME });
    expect(await link.evaluate((a) => a.scrollWidth > a.clientWidth)).toBe(true);
    expect(await link.getAttribute('title')).toBe(LONG_NAME);
    await golf.hover({ position: { x: 200, y: 10 } });
    await golf.getByRole('tooltip').filter({ hasText: LONG_NAME }).waitFor();
    await page.mouse.move(0, 0);
    await golf.getByRole('tooltip').waitFor({ state: 'detached' });
    await golf.focus();
    await golf.getByRole('tooltip').filter({ hasText: LONG_NAME }).waitFor();
  });

  it('manages tags in place, tags a monitor from its row and groups the list by tag', async () => {
    await page.getByRole('button', { name: 'Manage tags' }).click();
    const manager = page.getByRole('region', { name: 'Manage tags' });
    await manager.getByLabel('New tag name').fill('Edge');
    await manager.getByRole('button', { name: 'Create tag' }).click();
    const edge = page.locator('button[data-tag-filter]').filter({ hasText: 'Edge' });
    await edge.waitFor();
    // A clash is refused beside the form, with the API's message.
    await manager.getByLabel('New tag name').fill('Edge');
    await manager.getByRole('button', { name: 'Create tag' }).click();
    await manager.getByRole('alert').filter({ hasText: /already have a tag/ }).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();

    const bravo = row(page, 'Bravo web');
    await bravo.getByRole('button', { name: 'Edit tags of Bravo web' }).click();
    await bravo.getByRole('group', { name: 'Tags of Bravo web' }).getByRole('checkbox', { name: 'Edge' }).check();
    await bravo.locator('[data-row-chips] [data-tag-chip]').filter({ hasText: 'Edge' }).waitFor();
    await page.keyboard.press('Escape');
    const saved = await api.get(`/api/monitors/${ids['Bravo web']}`);
    expect(saved.body.monitor.tagIds).toHaveLength(2);

    await page.getByRole('button', { name: 'Group by tag' }).click();
    expect(new URL(page.url()).searchParams.get('group')).toBe('tag');
    const groups = page.locator('li[data-group]');
    await page.waitForFunction(() => document.querySelectorAll('li[data-group]').length === 4);
    expect(await groups.evaluateAll((gs) => gs.map((g) => g.querySelector('button')?.textContent))).toEqual(['Edge', 'Production', 'Staging', 'No tag']);
    const production = groups.filter({ hasText: 'Production' });
    expect(await production.textContent()).toContain('4 monitors');
    expect(await production.locator('[data-group-counts]').textContent()).toMatch(/4 up.*0 down/);
    // Folding a group hides its rows, not the others'.
    await production.getByRole('button', { name: 'Production' }).click();
    expect(await production.getByRole('button', { name: 'Production' }).getAttribute('aria-expanded')).toBe('false');
    await page.waitForFunction(() => [...document.querySelectorAll('li[data-monitor-id] a')].every((a) => !a.textContent?.startsWith('Echo')));
    await row(page, 'Bravo web').first().waitFor();
    await production.getByRole('button', { name: 'Production' }).click();
    await row(page, 'Echo 1').waitFor();
    await screenshotBothThemes(page, 'dashboard-grouped');
    await page.getByRole('button', { name: 'Group by tag' }).click();
    await page.waitForFunction(() => document.querySelectorAll('li[data-group]').length === 0);
  });

  it('selects with a click and a shift-click range, and pauses and resumes them in bulk', async () => {
    await page.getByLabel('Sort', { exact: true }).selectOption('name');
    await row(page, 'Alpha API').getByRole('checkbox').click();
    await row(page, 'Charlie port').getByRole('checkbox').click({ modifiers: ['Shift'] });
    const bar = page.getByTestId('selection-bar');
    await bar.getByText('3 monitors selected').waitFor();
    for (const name of ['Alpha API', 'Bravo web', 'Charlie port']) expect(await row(page, name).getByRole('checkbox').isChecked()).toBe(true);

    await bar.getByRole('button', { name: 'Pause' }).click();
    await page.getByText('Paused 3 monitors.').waitFor();
    for (const name of ['Alpha API', 'Bravo web', 'Charlie port']) await row(page, name).locator('[data-status="PAUSED"]').first().waitFor();
    expect((await api.get(`/api/monitors/${ids['Alpha API']}`)).body.monitor.active).toBe(false);
    await page.waitForFunction(() => document.querySelector('button[data-summary="PAUSED"] [data-count]')?.textContent === '4');

    await bar.getByRole('button', { name: 'Resume' }).click();
    await page.getByText('Resumed 3 monitors.').waitFor();
    for (const name of ['Alpha API', 'Bravo web', 'Charlie port']) await row(page, name).locator('[data-status="PAUSED"]').first().waitFor({ state: 'detached' });

    // Select all that the filter shows, then tag them in one go.
    await bar.getByRole('button', { name: 'Clear selection' }).click();
    await search(page).fill('echo');
    await waitForNames(page, ['Echo 1', 'Echo 2', 'Echo 3']);
    await page.getByRole('checkbox', { name: 'Select all 3 shown monitors' }).check();
    await bar.getByText('3 monitors selected').waitFor();
    await bar.getByLabel('Add a tag to the selected monitors').selectOption({ label: 'Staging' });
    await page.getByText('Tagged 3 monitors “Staging”.').waitFor();
    await row(page, 'Echo 2').locator('[data-row-chips] [data-tag-chip]').filter({ hasText: 'Staging' }).waitFor();
    await bar.getByLabel('Remove a tag from the selected monitors').selectOption({ label: 'Staging' });
    await page.getByText('Removed “Staging” from 3 monitors.').waitFor();
    await row(page, 'Echo 2').locator('[data-row-chips] [data-tag-chip]').filter({ hasText: 'Staging' }).waitFor({ state: 'detached' });
    await bar.getByRole('button', { name: 'Clear selection' }).click();
    await search(page).fill('');
  });

  it('deletes the selection after one confirmation that names the count', async () => {
    await row(page, 'Foxtrot paused').getByRole('checkbox').click();
    await page.getByTestId('selection-bar').getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByTestId('bulk-delete-dialog');
    await dialog.getByRole('heading', { name: 'Delete 1 monitor?' }).waitFor();
    await dialog.getByRole('button', { name: 'Delete 1 monitor' }).click();
    await page.getByText('Deleted 1 monitor.').waitFor();
    await row(page, 'Foxtrot paused').waitFor({ state: 'detached' });
    expect((await api.get(`/api/monitors/${ids['Foxtrot paused']}`)).status).toBe(404);
    expect(await counterValue(page, 'ALL')).toBe('9');
  });

  it('sets the notification channels of the selection', async () => {
    const hook = await api.post('/api/channels', { kind: 'webhook', name: 'Ops hook', settings: { url: `${good.url}hook` } });
    expect(hook.status).toBe(201);
    await row(page, 'Alpha API').getByRole('checkbox').click();
    await row(page, 'Bravo web').getByRole('checkbox').click();
    await page.getByTestId('selection-bar').getByRole('button', { name: 'Notification channels…' }).click();
    const dialog = page.getByTestId('bulk-channels-dialog');
    await dialog.getByRole('heading', { name: 'Notification channels of 2 monitors' }).waitFor();
    await dialog.getByRole('checkbox', { name: /Ops hook/ }).check();
    await dialog.getByRole('button', { name: 'Use 1 channel' }).click();
    await page.getByText('Set the notification channels of 2 monitors.').waitFor();
    for (const name of ['Alpha API', 'Bravo web']) expect((await api.get(`/api/monitors/${ids[name]}`)).body.monitor.channelIds).toEqual([hook.body.channel.id]);
    await page.getByTestId('selection-bar').getByRole('button', { name: 'Clear selection' }).click();
  });

  it('says "retrying (1 of 2)" while a failure awaits its retry, then reads the mass outage as one', async () => {
    await page.getByLabel('Sort', { exact: true }).selectOption('status');
    shared.setStatus(500);
    expect((await api.post(`/api/monitors/${ids['Hotel retry']}/check`)).body.check.status).toBe('DOWN');
    const hotel = row(page, 'Hotel retry');
    // retries: 2: the first of two retries is pending (the API says attempt 1 of 3 failed checks).
    await hotel.getByText('retrying (1 of 2)').waitFor({ timeout: 20_000 });
    expect(await hotel.getAttribute('data-status')).toBe('UP');

    // Production: Alpha plus the three Echo monitors on the shared target, three of four down.
    await page.locator(`button[data-tag-filter="${tagIds.Production}"]`).click();
    const banner = page.getByTestId('outage-banner');
    await banner.waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => /3 of 4 monitors are down since \d\d:\d\d/.test(document.querySelector('[data-testid="outage-banner"]')?.textContent ?? ''));
    await waitForNames(page, ['Echo 1', 'Echo 2', 'Echo 3', 'Alpha API']);
    expect(await banner.getAttribute('role')).toBe('status');
    await screenshotBothThemes(page, 'dashboard-outage');
    await banner.getByRole('button', { name: 'Show only down' }).click();
    await waitForNames(page, ['Echo 1', 'Echo 2', 'Echo 3']);
  });

  it("shows each check's time, result, response time and cause in the heartbeat bar's tooltip", async () => {
    const echo = row(page, 'Echo 1');
    const bar = echo.locator('[data-chart="heartbeat"]');
    // Wait for a bar whose newest segment is a failure (drawn full height).
    await page.waitForFunction(
      () => {
        const r = [...document.querySelectorAll('li[data-monitor-id]')].find((li) => li.querySelector('a')?.textContent === 'Echo 1');
        const label = r?.querySelector('[data-chart="heartbeat"]')?.getAttribute('aria-label') ?? '';
        return /[1-9]\d* down/.test(label);
      },
      undefined,
      { timeout: 20_000 },
    );
    const box = (await bar.boundingBox())!;
    await page.mouse.move(box.x + box.width - 2, box.y + box.height - 3);
    const tip = page.getByTestId('heartbeat-tooltip');
    await tip.waitFor();
    expect(await tip.textContent()).toMatch(/DOWN · \d+ ms/);
    expect(await tip.textContent()).toContain('Unexpected status');
    expect(await tip.textContent()).toMatch(/\d\d:\d\d:\d\d/);
    await page.mouse.move(0, 0);
    shared.setStatus(200);
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
  });

  it('works by keyboard: one tab stop for the list, arrows move, Space selects, Enter opens', async () => {
    await page.getByLabel('Sort', { exact: true }).selectOption('name');
    await waitForNames(page, ['Alpha API', 'Bravo web', 'Charlie port', 'Delta cron', 'Echo 1', 'Echo 2', 'Echo 3', LONG_NAME, 'Hotel retry']);
    await page.getByRole('checkbox', { name: /Select all/ }).focus();
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.querySelector('a')?.textContent ?? document.activeElement?.tagName);
    expect(await page.evaluate(() => document.activeElement?.matches('li[data-monitor-id]'))).toBe(true);
    await page.keyboard.press('Home');
    expect(await focused()).toBe('Alpha API');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('Charlie port');
    await page.keyboard.press('Space');
    await page.getByTestId('selection-bar').getByText('1 monitor selected').waitFor();
    expect(await row(page, 'Charlie port').getByRole('checkbox').isChecked()).toBe(true);
    await page.keyboard.press('Space');
    await page.getByTestId('selection-bar').waitFor({ state: 'detached' });
    await page.keyboard.press('End');
    expect(await focused()).toBe('Hotel retry');
    await page.keyboard.press('Home');
    expect(await focused()).toBe('Alpha API');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${app.url}/monitors/${ids['Bravo web']}`);
  });

  it('fits a 375 px phone without sideways scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${app.url}/`);
    await row(page, 'Alpha API').locator('[data-chart="heartbeat"] .recharts-bar-rectangle path').first().waitFor();
    await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => r(null)))));
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshotBothThemes(page, 'dashboard-phone');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('ran without uncaught errors in the page', () => {
    const real = browser.errors.filter((e) => !/Failed to load resource/.test(e));
    expect(real).toEqual([]);
  });
});
