import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type AppServer } from '../support/app-server';
import { startTarget, type TargetServer } from '../support/target-server';
import { startFakeProviders, type FakeProviders } from '../support/fake-providers';
import { describeWithBrowser, openBrowser, screenshotBothThemes, type BrowserSession, signUpInBrowser } from '../support/browser';

// Notification channels through the pages: add a Slack channel pointing at a loopback fake,
// test it, edit it without retyping its secret, attach it to a monitor, break the target and
// watch the DOWN delivery arrive on the monitor's page; a monitor without a channel says so.

const SLACK_PATH = '/slack/T000/B000/e2e';

function channelRow(page: Page, name: string) {
  return page.locator('li[data-channel-id]').filter({ has: page.getByRole('heading', { name, exact: true }) });
}

async function createMonitor(page: Page, appUrl: string, opts: { name: string; url: string; channel: string; attach: boolean; screenshot?: string }) {
  await page.goto(`${appUrl}/monitors/new`);
  await page.getByLabel('Name').fill(opts.name);
  await page.getByLabel('URL', { exact: true }).fill(opts.url);
  // A default channel starts checked on a new monitor.
  expect(await page.getByLabel(opts.channel, { exact: true }).isChecked()).toBe(true);
  if (!opts.attach) await page.getByLabel(opts.channel, { exact: true }).uncheck();
  await page.getByLabel('Interval').selectOption({ label: 'Custom…' });
  await page.getByLabel('Seconds between checks').fill('1');
  await page.getByText('Advanced options').click();
  await page.getByLabel('Retries', { exact: true }).fill('0');
  if (opts.screenshot) await screenshotBothThemes(page, opts.screenshot);
  await page.getByRole('button', { name: 'Create monitor' }).click();
  await page.waitForURL(`${appUrl}/`);
  const row = page.locator('li[data-monitor-id]').filter({ hasText: opts.name });
  await row.waitFor();
  return `${appUrl}/monitors/${await row.getAttribute('data-monitor-id')}`;
}

describeWithBrowser('notification channels in Chromium', () => {
  let app: AppServer;
  let target: TargetServer;
  let fake: FakeProviders;
  let browser: BrowserSession;
  let page: Page;
  let alertedUrl = '';
  const slackRequests = () => fake.requests.filter((r) => r.path === SLACK_PATH);

  beforeAll(async () => {
    [app, target, fake] = await Promise.all([startApp(), startTarget(200), startFakeProviders()]);
    browser = await openBrowser();
    page = browser.page;
    await signUpInBrowser(page, app.url, `notify-${Date.now()}@example.com`);
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([target?.close(), fake?.close()]);
    await app?.dispose();
  });

  it('adds a Slack channel: only its fields and help, errors beside the field', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notifications' }).click();
    await page.waitForURL(`${app.url}/notifications`);
    await page.getByText('No notification channels yet').waitFor();
    await page.getByRole('button', { name: 'Add channel' }).click();
    await page.getByLabel('Slack', { exact: true }).check();
    await page.getByTestId('kind-help').getByText('Incoming Webhooks').waitFor();
    expect(await page.getByLabel('Channel name').inputValue()).toBe('Slack');
    expect(await page.getByLabel('Webhook URL').getAttribute('type')).toBe('password');
    expect(await page.getByLabel('Email address').count()).toBe(0);
    expect(await page.getByLabel('Bot token').count()).toBe(0);

    await page.getByRole('button', { name: 'Add channel' }).click();
    await page.getByText('Enter the webhook URL from Slack').waitFor();
    expect(await page.getByLabel('Webhook URL').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Webhook URL').fill(`${fake.url}${SLACK_PATH}`);
    await screenshotBothThemes(page, 'notifications-add-form');
    await page.getByRole('button', { name: 'Add channel' }).click();
    await channelRow(page, 'Slack').locator('[data-channel-status="ready"]').waitFor();
  });

  it('sends a test message and shows that Slack accepted it', async () => {
    const row = channelRow(page, 'Slack');
    await row.getByRole('button', { name: 'Send test to Slack' }).click();
    expect(await row.getByTestId('test-result').textContent()).toBe('Test message sent (HTTP 200)');
    expect(slackRequests()).toHaveLength(1);
    expect(slackRequests()[0].json.text).toContain('[TEST]');
  });

  it('edits the channel without retyping its secret URL, and toggles enabled and default', async () => {
    await channelRow(page, 'Slack').getByRole('button', { name: 'Edit Slack' }).click();
    const url = page.getByLabel('Webhook URL');
    expect(await url.inputValue()).toBe('');
    expect(await url.getAttribute('placeholder')).toBe('•••• (unchanged)');
    await page.getByLabel('Channel name').fill('Ops Slack');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const row = channelRow(page, 'Ops Slack');
    await row.waitFor();

    await row.getByLabel('Enabled (Ops Slack)').uncheck();
    await row.locator('[data-channel-status="disabled"]').waitFor();
    await row.getByLabel('Enabled (Ops Slack)').check();
    await row.locator('[data-channel-status="ready"]').waitFor();
    await row.getByLabel('Default for new monitors (Ops Slack)').check();
    await row.locator('input[id$="-default"]:checked').waitFor();

    // The stored URL was kept: the test reaches the same fake path.
    await row.getByRole('button', { name: 'Send test to Ops Slack' }).click();
    await row.getByTestId('test-result').getByText('Test message sent').waitFor();
    expect(slackRequests()).toHaveLength(2);
    await screenshotBothThemes(page, 'notifications');
  });

  it('says plainly when a monitor has no working channel, on the dashboard and its page', async () => {
    const quietUrl = await createMonitor(page, app.url, { name: 'Quiet site', url: target.url, channel: 'Ops Slack', attach: false, screenshot: 'notifications-monitor-form' });
    const notice = page.getByTestId('no-channel-warning');
    expect(await notice.textContent()).toContain('1 monitor has no working notification channel');
    await screenshotBothThemes(page, 'notifications-dashboard');
    await page.goto(quietUrl);
    expect(await notice.textContent()).toContain('Nobody will be told when this monitor goes down: it has no working notification channel.');
    await notice.getByRole('link', { name: 'Set one up' }).click();
    await page.waitForURL(`${app.url}/notifications`);
  });

  it('alerts the Slack channel when the monitor goes down and shows the delivery on its page', async () => {
    alertedUrl = await createMonitor(page, app.url, { name: 'Checkout API', url: target.url, channel: 'Ops Slack', attach: true });
    await page.goto(alertedUrl);
    await page.locator('h1 + [data-status="UP"]').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('no-channel-warning').count()).toBe(0);
    expect(await page.getByTestId('alert-channels').textContent()).toContain('Alerts go to Ops Slack.');

    target.setStatus(500);
    const delivery = page.locator('[data-testid="deliveries"] li[data-state="delivered"]').filter({ hasText: 'Down alert' });
    await delivery.waitFor({ timeout: 20_000 });
    expect(await delivery.textContent()).toContain('→ Ops Slack');
    const down = slackRequests().filter((r) => String(r.json?.text).startsWith('[DOWN]'));
    expect(down).toHaveLength(1);
    expect(down[0].json.text).toContain('Checkout API');
    await screenshotBothThemes(page, 'notifications-monitor');
  });

  it('deletes the channel after confirmation; the monitor then warns and keeps its history', async () => {
    await page.goto(`${app.url}/notifications`);
    const row = channelRow(page, 'Ops Slack');
    await row.getByRole('button', { name: 'Delete Ops Slack' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Ops Slack”?' });
    expect(await dialog.textContent()).toContain('1 monitor alerts through it');
    await dialog.getByRole('button', { name: 'Delete channel' }).click();
    await page.getByText('No notification channels yet').waitFor();

    await page.goto(alertedUrl);
    await page.getByTestId('no-channel-warning').waitFor();
    await page.locator('[data-testid="deliveries"] li[data-state="delivered"]').filter({ hasText: 'Down alert' }).filter({ hasText: 'slack (channel removed)' }).waitFor();
  });

  it('ran without uncaught errors in the page', () => {
    const real = browser.errors.filter((e) => !/Failed to load resource/.test(e));
    expect(real).toEqual([]);
  });
});
