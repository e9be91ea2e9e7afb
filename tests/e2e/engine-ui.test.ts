import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type AppServer } from '../support/app-server';
import { startTarget, type TargetServer } from '../support/target-server';
import { Api, waitFor } from '../support/api';
import { describeWithBrowser, openBrowser, screenshotBothThemes, type BrowserSession } from '../support/browser';

// The check engine's options through the pages: the form's type selector and advanced
// options, failure causes, the timing waterfall and breakdown chart, incidents, heartbeat
// and TCP monitors. Everything runs on loopback.

/** A page whose body the test controls; it answers after a short delay so every phase has a width. */
async function startKeywordTarget() {
  const state = { body: 'status: degraded', seen: [] as Array<string | undefined> };
  const server = http.createServer((req, res) => {
    state.seen.push(req.headers['x-probe'] as string | undefined);
    req.resume();
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(state.body);
    }, 15);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    state,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

async function startTcpTarget() {
  const server = net.createServer((socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function chooseOneSecond(page: Page) {
  await page.getByLabel('Interval').selectOption({ label: 'Custom…' });
  await page.getByLabel('Seconds between checks').fill('1');
}

describeWithBrowser('check engine options in Chromium', () => {
  let app: AppServer;
  let plain: TargetServer;
  let keyword: Awaited<ReturnType<typeof startKeywordTarget>>;
  let tcp: Awaited<ReturnType<typeof startTcpTarget>>;
  let browser: BrowserSession;
  let page: Page;
  let httpMonitorUrl = '';

  beforeAll(async () => {
    [app, plain, keyword, tcp] = await Promise.all([startApp(), startTarget(200), startKeywordTarget(), startTcpTarget()]);
    const api = new Api(app.url);
    const user = await api.signup();
    browser = await openBrowser();
    page = browser.page;
    await page.goto(`${app.url}/login`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${app.url}/`);
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([plain?.close(), keyword?.close(), tcp?.close()]);
    await app?.dispose();
  });

  it('keeps the simple path simple: name and URL are enough', async () => {
    await page.goto(`${app.url}/monitors/new`);
    await page.getByLabel('Name').fill('Plain site');
    await page.getByLabel('URL', { exact: true }).fill(plain.url);
    expect(await page.locator('main details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await page.getByRole('button', { name: 'Create monitor' }).click();
    await page.waitForURL(`${app.url}/`);
    await page.locator('li[data-monitor-id]').filter({ hasText: 'Plain site' }).waitFor();
  });

  it('creates an HTTP monitor with a secret header, a keyword and no retries; row errors show beside their row', async () => {
    await page.goto(`${app.url}/monitors/new`);
    await page.getByLabel('Name').fill('Keyword site');
    await page.getByLabel('URL', { exact: true }).fill(keyword.url);
    await chooseOneSecond(page);
    await page.getByText('Advanced options').click();
    await page.getByRole('button', { name: '+ Add header' }).click();
    await page.getByLabel('Header 1 name').fill('X-Probe');
    await page.getByLabel('Header 1 value').fill('probe-secret');
    await page.getByLabel('Secret (header 1)').check();
    await page.getByLabel('Keyword', { exact: true }).fill('healthy');
    await page.getByLabel('Retries', { exact: true }).fill('0');

    // A JSON assertion without a value: the shared cross-field rule, shown beside that row's value.
    await page.getByRole('button', { name: '+ Add assertion' }).click();
    await page.getByLabel('Assertion 1 path').fill('status');
    await page.getByRole('button', { name: 'Create monitor' }).click();
    await page.locator('#jsonAssertions-0-value-error').getByText('A value is required for this operator').waitFor();
    expect(await page.getByLabel('Assertion 1 value').getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Remove assertion 1' }).click();
    await screenshotBothThemes(page, 'monitor-form-advanced');

    await page.getByRole('button', { name: 'Create monitor' }).click();
    await page.waitForURL(`${app.url}/`);
    const row = page.locator('li[data-monitor-id]').filter({ hasText: 'Keyword site' });
    await row.locator('[data-status="DOWN"]').first().waitFor({ timeout: 15_000 });
    expect(keyword.state.seen).toContain('probe-secret');
    await row.getByRole('link', { name: 'Keyword site' }).click();
    await page.waitForURL(/\/monitors\/[^/]+$/);
    httpMonitorUrl = page.url();
  });

  it('shows the keyword failure cause with its message, in the header and the checks table', async () => {
    await page.getByTestId('down-reason').getByText('Keyword missing — Keyword "healthy" not found in response').waitFor();
    const reason = page.locator('tr[data-check-id] td').filter({ hasText: 'Keyword missing — Keyword "healthy" not found' }).first();
    await reason.waitFor();
  });

  it('expands a check into a waterfall of its phases', async () => {
    const first = page.locator('tr[data-check-id]').first();
    await first.getByRole('button').click();
    const waterfall = page.locator('tr[data-timing-for] [data-waterfall]');
    await waterfall.waitFor();
    const phases = await waterfall.locator('[data-phase]').evaluateAll((els) => els.map((e) => e.getAttribute('data-phase')));
    expect(phases).toEqual(expect.arrayContaining(['connectMs', 'ttfbMs']));
    const widths = await waterfall.locator('[data-bar]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
    expect(widths.length).toBe(phases.length);
    expect(widths.every((w) => w >= 2)).toBe(true);
    expect(await waterfall.textContent()).toMatch(/TTFB\s*\d+ ms/);
    expect(await first.getByRole('button').getAttribute('aria-expanded')).toBe('true');
  });

  it('draws the response time breakdown and redraws it for another window', async () => {
    const bars = page.locator('[data-chart="timings"] svg.recharts-surface .recharts-bar-rectangle path');
    await bars.first().waitFor();
    await page.getByRole('button', { name: '1 h' }).click();
    await page.waitForFunction(() => document.querySelector('button[aria-pressed="true"]')?.textContent === '1 h');
    await bars.first().waitFor();
    expect(await page.locator('[data-chart="timings"]').getByText('TTFB').count()).toBe(1);
  });

  it('lists the incident while it lasts and shows it ended after recovery', async () => {
    const incident = page.locator('[data-incident-id]').first();
    await incident.waitFor();
    expect(await incident.getAttribute('data-ongoing')).toBe('true');
    expect(await incident.textContent()).toContain('Keyword missing');
    expect(await incident.locator('[data-ended]').textContent()).toBe('ongoing');
    expect(await incident.textContent()).toContain('First error');
    await screenshotBothThemes(page, 'monitor-detail-incident');

    keyword.state.body = 'status: healthy';
    await page.locator('h1 + [data-status="UP"]').waitFor({ timeout: 15_000 });
    await page.locator('[data-incident-id][data-ongoing="false"]').first().waitFor();
    expect(await page.locator('[data-incident-id]').first().textContent()).toContain('Resolved');
    expect(await page.locator('[data-incident-id] [data-ended]').first().textContent()).not.toBe('ongoing');
  });

  it('keeps a secret header unchanged when the monitor is edited', async () => {
    await page.goto(`${httpMonitorUrl}/edit`);
    await page.getByText('Advanced options').click();
    const value = page.getByLabel('Header 1 value');
    expect(await value.inputValue()).toBe('');
    expect(await value.getAttribute('placeholder')).toBe('•••• (unchanged)');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(httpMonitorUrl);
    const before = keyword.state.seen.length;
    await waitFor(async () => keyword.state.seen.length >= before + 2, 10_000, 'two more checks');
    expect(keyword.state.seen.slice(before)).toEqual(keyword.state.seen.slice(before).map(() => 'probe-secret'));
  });

  it('creates a heartbeat monitor, shows its URL, and turns UP when pinged', async () => {
    await page.goto(`${app.url}/monitors/new`);
    await page.getByLabel('Name').fill('Nightly backup');
    await page.getByLabel('Heartbeat', { exact: true }).check();
    expect(await page.getByLabel('URL', { exact: true }).count()).toBe(0);
    await page.getByLabel('Grace (seconds)').fill('30');
    await page.getByRole('button', { name: 'Create monitor' }).click();
    await page.waitForURL(/\/monitors\/[^/]+$/);
    const url = await page.getByLabel('Heartbeat URL', { exact: true }).inputValue();
    expect(url).toMatch(new RegExp(`^${app.url}/api/heartbeat/[A-Za-z0-9_-]{16,}$`));
    expect(await page.getByTestId('curl-example').textContent()).toContain(`curl -fsS -m 10 --retry 3 ${url}`);
    expect(await page.getByTestId('last-ping').textContent()).toBe('never');
    expect((await fetch(url)).status).toBe(200);
    await page.locator('h1 + [data-status="UP"]').waitFor({ timeout: 10_000 });
    await page.getByTestId('last-ping').getByText(/s ago/).waitFor();
    await page.goto(`${app.url}/`);
    expect(await page.locator('li[data-monitor-id]').filter({ hasText: 'Nightly backup' }).textContent()).toContain('Heartbeat');
  });

  it('creates a TCP monitor against a loopback port and shows host:port UP', async () => {
    await page.goto(`${app.url}/monitors/new`);
    await page.getByLabel('Name').fill('Loopback port');
    await page.getByLabel('TCP port').check();
    await page.getByLabel('Host').fill('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill(String(tcp.port));
    await chooseOneSecond(page);
    await page.getByRole('button', { name: 'Create monitor' }).click();
    await page.waitForURL(`${app.url}/`);
    const row = page.locator('li[data-monitor-id]').filter({ hasText: 'Loopback port' });
    await row.locator('[data-status="UP"]').first().waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain(`127.0.0.1:${tcp.port}`);
    await row.getByRole('link', { name: 'Loopback port' }).click();
    await page.getByTestId('target').getByText(`TCP 127.0.0.1:${tcp.port}`).waitFor();
  });

  it('ran without uncaught errors in the page', () => {
    const real = browser.errors.filter((e) => !/Failed to load resource/.test(e));
    expect(real).toEqual([]);
  });
});
