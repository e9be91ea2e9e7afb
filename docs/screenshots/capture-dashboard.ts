// Regenerates docs/screenshots/dashboard.png (the README picture) from a real run:
//   node --import tsx docs/screenshots/capture-dashboard.ts
import path from 'node:path';
import buildOnce from '../../tests/support/build-once';
import { startApp } from '../../tests/support/app-server';
import { startTarget } from '../../tests/support/target-server';
import { Api } from '../../tests/support/api';
import { openBrowser } from '../../tests/support/browser';

buildOnce();
const [app, healthy, flaky, broken] = await Promise.all([startApp(), startTarget(200), startTarget(200), startTarget(503)]);
const browser = await openBrowser({ viewport: { width: 1280, height: 820 } });
try {
  const api = new Api(app.url);
  await api.signup('ops@example.com');
  const tag = async (name: string, color: string) => (await api.post('/api/tags', { name, color })).body.tag.id as string;
  const [production, internal] = [await tag('Production', '#ef4444'), await tag('Internal', '#6366f1')];
  const monitors: Array<[string, string, number, string[], boolean?]> = [
    ['Marketing site', `${healthy.url}`, 1, [production]],
    ['Public API', `${healthy.url}api/health`, 1, [production]],
    ['Checkout service', `${flaky.url}checkout`, 1, [production]],
    ['Status webhook', `${broken.url}hooks/status`, 1, [internal]],
    ['Docs', `${healthy.url}docs`, 2, []],
    ['Staging (paused)', `${healthy.url}staging`, 60, [internal], false],
  ];
  for (const [name, url, intervalSeconds, tagIds, active] of monitors) {
    const r = await api.post('/api/monitors', { name, url, intervalSeconds, tagIds, active: active ?? true });
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  }
  // Let the strips fill up, with a short outage on the checkout service.
  await new Promise((r) => setTimeout(r, 12_000));
  flaky.setStatus(500);
  await new Promise((r) => setTimeout(r, 4_000));
  flaky.setStatus(200);
  await new Promise((r) => setTimeout(r, 10_000));
  await browser.context.addCookies([{ name: 'pingboard_session', value: api.token!, url: app.url }]);
  await browser.page.goto(app.url);
  // Every bar drawn (they load for the rows on screen just after the page).
  await browser.page.waitForFunction(() => {
    const bars = [...document.querySelectorAll('[data-chart="heartbeat"]')];
    return bars.length > 0 && bars.every((b) => b.querySelector('.recharts-bar-rectangle path'));
  });
  const file = path.resolve(import.meta.dirname, 'dashboard.png');
  await browser.page.screenshot({ path: file, animations: 'disabled' });
  console.log(`saved ${file}`);
} finally {
  await browser.close();
  await Promise.all([healthy.close(), flaky.close(), broken.close()]);
  await app.dispose();
}
