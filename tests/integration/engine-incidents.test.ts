// Confirmation, incidents and alerts through the real server: retries at the retry interval,
// exactly one DOWN and one UP alert per incident (also under concurrent manual checks), the
// cause on checks, incidents and alerts, and uptime that agrees with the incident.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startTarget, type TargetServer } from '../support/target-server';
import {
  alertsOf,
  checksOf,
  incidentsOf,
  monitorOf,
  sleep,
  startEngineApp,
  waitFor,
  waitForStatus,
  type EngineApp,
} from './engine-helpers';

let e: EngineApp;
const targets: TargetServer[] = [];

async function target(status = 200): Promise<TargetServer> {
  const t = await startTarget(status);
  targets.push(t);
  return t;
}

/** Subjects of mails about one monitor (tests here run concurrently for one user). */
const subjectsFor = (name: string) => e.subjects().filter((s) => s.includes(`] ${name} (`));

beforeAll(async () => {
  e = await startEngineApp();
});
afterAll(async () => {
  await e?.close();
  await Promise.all(targets.map((t) => t.close()));
});

describe.concurrent('confirmation and incidents', () => {
  it('retries=2 at 1 s: DOWN only after 3 failures about a second apart, one DOWN email, then checks at the interval', async ({ expect }) => {
    const t = await target(200);
    const name = 'Retry twice';
    const m = (await e.api.post('/api/monitors', { name, url: t.url, intervalSeconds: 10, timeoutSeconds: 2, retries: 2, retryIntervalSeconds: 1 })).body.monitor;
    await waitForStatus(e.api, m.id, 'UP', 3000);
    const upHit = t.hits[t.hits.length - 1];
    t.setStatus(500);
    const failingSince = Date.now();

    const down = await waitForStatus(e.api, m.id, 'DOWN', 15_000);
    const failing = t.hits.filter((h) => h > failingSince);
    expect(failing).toHaveLength(3);
    // The first failure is the next scheduled check, then two retries at the retry interval.
    expect(failing[0] - upHit).toBeGreaterThan(9_500);
    expect(failing[0] - upHit).toBeLessThan(10_600);
    for (const gap of [failing[1] - failing[0], failing[2] - failing[1]]) {
      expect(gap).toBeGreaterThan(900);
      expect(gap).toBeLessThan(1_500);
    }
    // The third failure confirmed it (the status stayed UP until then), and the outage is dated
    // from the first failure of that run, so "down since" and the incident tell its real length.
    const changedAt = Date.parse(down.statusChangedAt);
    expect(Math.abs(changedAt - failing[0])).toBeLessThan(200);
    // Check rows are written in batches, up to a quarter second after the status change.
    const checks = await waitFor(async () => {
      const list = await checksOf(e.api, m.id);
      return list.length >= 4 ? list : null;
    }, 2000, '4 stored checks');
    expect(checks.slice(0, 3).map((c) => [c.status, c.cause, c.error])).toEqual(
      Array(3).fill(['DOWN', 'http_status', 'HTTP 500 Internal Server Error']),
    );
    expect(checks[3].status).toBe('UP');
    expect(down).toMatchObject({ lastCause: 'http_status', lastError: 'HTTP 500 Internal Server Error', lastStatusCode: 500 });

    await e.sendgrid.waitFor(() => subjectsFor(name).length >= 1, 5000);
    expect(subjectsFor(name)).toEqual([`[DOWN] ${name} (${t.url})`]);
    const downText = e.mails().find((x) => String(x.body.subject).includes(name))!.body.content.map((c: { value: string }) => c.value).join('\n');
    expect(downText).toContain('HTTP 500');

    // While DOWN, scheduled checks continue at the interval (10 s), not at the retry interval.
    await sleep(7_000);
    expect(t.hits.filter((h) => h > failing[2])).toHaveLength(0);
    await waitFor(async () => t.hits.filter((h) => h > failing[2]).length >= 1, 5_000, 'scheduled check while DOWN');
    const whileDown = t.hits.filter((h) => h > failing[2]);
    expect(whileDown[0] - failing[2]).toBeGreaterThan(9_500);
    expect(whileDown[0] - failing[2]).toBeLessThan(10_600);

    // A different error while DOWN becomes the incident's last error; still one DOWN email.
    t.setStatus(503);
    expect((await e.api.post(`/api/monitors/${m.id}/check`)).body.check).toMatchObject({ status: 'DOWN', cause: 'http_status', error: 'HTTP 503 Service Unavailable' });
    expect(subjectsFor(name)).toHaveLength(1);

    // One success brings it back UP, with one UP email.
    t.setStatus(200);
    expect((await e.api.post(`/api/monitors/${m.id}/check`)).body.check.status).toBe('UP');
    const up = await monitorOf(e.api, m.id);
    expect(up.status).toBe('UP');
    await e.sendgrid.waitFor(() => subjectsFor(name).length >= 2, 5000);
    expect(subjectsFor(name)).toEqual([`[DOWN] ${name} (${t.url})`, `[UP] ${name} (${t.url})`]);

    const incidents = await incidentsOf(e.api, m.id);
    expect(incidents).toHaveLength(1);
    const [inc] = incidents;
    expect(inc).toMatchObject({
      ongoing: false,
      cause: 'http_status',
      firstError: 'HTTP 500 Internal Server Error',
      lastError: 'HTTP 503 Service Unavailable',
      startedAt: down.statusChangedAt,
      endedAt: up.statusChangedAt,
    });
    expect(inc.durationSeconds).toBe(Math.round((Date.parse(inc.endedAt) - Date.parse(inc.startedAt)) / 1000));
    const alerts = await alertsOf(e.api, m.id);
    expect(alerts.map((a) => [a.kind, a.channelKind])).toEqual([
      ['UP', 'email'],
      ['DOWN', 'email'],
    ]);
    await e.api.delete(`/api/monitors/${m.id}`);
  });

  it('5 concurrent manual checks while failing and while recovering: one incident, one DOWN and one UP alert', async ({ expect }) => {
    const t = await target(200);
    const slowName = 'Concurrent slow';
    const fastName = 'Concurrent fast';
    // One monitor checked only by hand (60 s interval), one whose 1 s schedule races the manual checks.
    const slow = (await e.api.post('/api/monitors', { name: slowName, url: t.url, intervalSeconds: 60, retries: 1 })).body.monitor;
    const fast = (await e.api.post('/api/monitors', { name: fastName, url: t.url, intervalSeconds: 1, timeoutSeconds: 1, retries: 1, retryIntervalSeconds: 1 })).body.monitor;
    await Promise.all([waitForStatus(e.api, slow.id, 'UP', 3000), waitForStatus(e.api, fast.id, 'UP', 3000)]);
    const burst = async (id: string) => {
      const results = await Promise.all(Array.from({ length: 5 }, () => e.api.post(`/api/monitors/${id}/check`)));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      return results.map((r) => r.body.check);
    };

    t.setStatus(500);
    const [slowChecks, fastChecks] = await Promise.all([burst(slow.id), burst(fast.id)]);
    expect(slowChecks.every((c) => c.status === 'DOWN' && c.cause === 'http_status')).toBe(true);
    expect(new Set(slowChecks.map((c) => c.id)).size).toBe(5); // five real checks, not one shared
    expect(fastChecks.every((c) => c.status === 'DOWN')).toBe(true);
    await burst(slow.id); // more while already DOWN
    for (const m of [slow, fast]) expect((await monitorOf(e.api, m.id)).status).toBe('DOWN');
    await e.sendgrid.waitFor(() => subjectsFor(slowName).length >= 1 && subjectsFor(fastName).length >= 1, 5000);
    await sleep(1500);

    t.setStatus(200);
    await Promise.all([burst(slow.id), burst(fast.id)]);
    await e.sendgrid.waitFor(() => subjectsFor(slowName).length >= 2 && subjectsFor(fastName).length >= 2, 5000);
    await sleep(1500);
    for (const [m, name] of [[slow, slowName], [fast, fastName]] as const) {
      expect(subjectsFor(name)).toEqual([`[DOWN] ${name} (${t.url})`, `[UP] ${name} (${t.url})`]);
      const incidents = await incidentsOf(e.api, m.id);
      expect(incidents).toHaveLength(1);
      expect(incidents[0]).toMatchObject({ ongoing: false, cause: 'http_status', firstError: 'HTTP 500 Internal Server Error' });
      expect((await alertsOf(e.api, m.id)).map((a) => a.kind)).toEqual(['UP', 'DOWN']);
      await e.api.delete(`/api/monitors/${m.id}`);
    }
  });

  it('uptime agrees with the incident: the DOWN checks are exactly those inside it', async ({ expect }) => {
    const t = await target(200);
    const m = (await e.api.post('/api/monitors', { name: 'Uptime', url: t.url, intervalSeconds: 1, timeoutSeconds: 1, retries: 0 })).body.monitor;
    await waitForStatus(e.api, m.id, 'UP', 3000);
    await sleep(3000);
    t.setStatus(502);
    await waitForStatus(e.api, m.id, 'DOWN', 3000);
    await sleep(3000);
    t.setStatus(200);
    await waitForStatus(e.api, m.id, 'UP', 3000);
    await sleep(3000);
    await e.api.patch(`/api/monitors/${m.id}`, { active: false });
    await sleep(500);

    const checks = (await checksOf(e.api, m.id)).reverse();
    const [inc] = await incidentsOf(e.api, m.id);
    expect(inc).toMatchObject({ ongoing: false, cause: 'http_status', firstError: 'HTTP 502 Bad Gateway' });
    const start = Date.parse(inc.startedAt);
    const end = Date.parse(inc.endedAt);
    const inside = checks.filter((c) => Date.parse(c.checkedAt) >= start && Date.parse(c.checkedAt) < end);
    expect(inside.length).toBeGreaterThanOrEqual(3);
    expect(inside.every((c) => c.status === 'DOWN')).toBe(true);
    expect(checks.filter((c) => c.status === 'DOWN')).toHaveLength(inside.length);
    // retries = 0: the incident starts at the first failed check and ends at the first success.
    expect(inside[0].checkedAt).toBe(inc.startedAt);
    expect(checks.find((c) => Date.parse(c.checkedAt) >= end)?.checkedAt).toBe(inc.endedAt);

    const uptime = (await e.api.get(`/api/monitors/${m.id}/uptime?hours=1`)).body;
    expect(uptime.totalChecks).toBe(checks.length);
    expect(uptime.upChecks).toBe(checks.length - inside.length);
    // Time-based and count-based figures agree within a check or so at a steady 1 s cadence.
    const window = Date.parse(checks[checks.length - 1].checkedAt) - Date.parse(checks[0].checkedAt) + 1000;
    const downtimeShare = (end - start) / window;
    expect(Math.abs((100 - uptime.uptimePercent) / 100 - downtimeShare)).toBeLessThan(0.1);
    expect(inc.durationSeconds).toBeGreaterThanOrEqual(2);
    expect(inc.durationSeconds).toBeLessThanOrEqual(5);
  });
});
