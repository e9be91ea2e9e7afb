import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freePort, startApp, type AppServer } from '../support/app-server';
import { describeWithBrowser, openBrowser, screenshotBothThemes, type BrowserSession, signUpInBrowser } from '../support/browser';

// Issue 14's states as a person sees them, on one app whose only connectivity canary is a closed
// port (so any failed check finds Pingboard "offline"): a slow parent reads DEGRADED in amber
// with its reason, its failing child is "Pingboard offline" under the dashboard's network
// banner, and the monitor pages link parent and child both ways.

describeWithBrowser('alert states in Chromium', () => {
  let app: AppServer;
  let slow: http.Server;
  let browser: BrowserSession;
  let page: Page;
  const ids: Record<string, string> = {};

  async function createMonitor(body: Record<string, unknown>): Promise<string> {
    const res = await page.request.post(`${app.url}/api/monitors`, { data: body, headers: { origin: app.url } });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()).monitor.id;
  }

  beforeAll(async () => {
    // Answers after 40 ms: over a 10 ms response-time threshold on every check.
    slow = http.createServer((req, res) => {
      req.resume();
      setTimeout(() => res.end('ok'), 40);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const [canaryPort, deadPort] = await Promise.all([freePort(), freePort()]);
    app = await startApp({ env: { CONNECTIVITY_CANARIES: `127.0.0.1:${canaryPort}` } });
    browser = await openBrowser();
    page = browser.page;
    await signUpInBrowser(page, app.url, `alert-states-${Date.now()}@example.com`);
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`;
    ids.core = await createMonitor({ name: 'Core API', url, intervalSeconds: 300, degraded: { totalMs: 10, consecutive: 1 } });
    ids.checkout = await createMonitor({ name: 'Checkout', url: `http://127.0.0.1:${deadPort}/`, intervalSeconds: 300, retries: 0, parentId: ids.core });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
    await new Promise((resolve) => slow?.close(resolve));
  });

  it('shows DEGRADED in amber with its own counter, and the network banner with the excused failure', async () => {
    await page.goto(`${app.url}/`);
    const banner = page.getByTestId('connectivity-banner');
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.textContent()).toMatch(/Pingboard cannot reach the network since \d\d:\d\d/);
    const core = page.locator('li[data-monitor-id]').filter({ has: page.getByRole('link', { name: 'Core API', exact: true }) });
    await core.locator('[data-status="DEGRADED"]').waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector('button[data-summary="DEGRADED"] [data-count]')?.textContent === '1');
    const checkout = page.locator('li[data-monitor-id]').filter({ has: page.getByRole('link', { name: 'Checkout', exact: true }) });
    await checkout.locator('[data-cause="probe_offline"]').getByText('Pingboard offline').waitFor({ timeout: 20_000 });
    // An excused failure is no outage: the monitor never went DOWN.
    expect(await checkout.getAttribute('data-status')).not.toBe('DOWN');
    await screenshotBothThemes(page, 'dashboard-alert-states');
  });

  it('links a monitor to the one it depends on and back, and says why it is degraded', async () => {
    await page.goto(`${app.url}/monitors/${ids.checkout}`);
    const dependsOn = page.getByTestId('depends-on');
    await dependsOn.getByRole('link', { name: 'Core API' }).waitFor();
    await dependsOn.locator('[data-status="DEGRADED"]').waitFor();
    await page.getByTestId('suppressed-reason').getByText(/Pingboard cannot reach the network/).waitFor();

    await dependsOn.getByRole('link', { name: 'Core API' }).click();
    await page.waitForURL(`${app.url}/monitors/${ids.core}`);
    await page.locator('h1 + [data-status="DEGRADED"]').waitFor();
    expect(await page.getByTestId('degraded-reason').textContent()).toMatch(/^Response time \d+ ms > 10 ms for 1 check/);
    await page.getByTestId('dependents').getByRole('link', { name: 'Checkout' }).waitFor();
    await page.locator('[data-incident-kind]').getByText('Slowness').waitFor();
    await screenshotBothThemes(page, 'monitor-degraded');
  });
});
