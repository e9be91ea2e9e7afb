// Three instances on one PostgreSQL database share 1,000 monitors checked every 5 s, and each
// monitor's arrivals at a loopback target are the evidence: (a) after a warm-up every monitor
// is checked once per interval and never twice within half an interval; (b) a SIGKILLed
// instance's monitors are taken over with no monitor unchecked for more than two intervals
// plus 10 s; (c) a new instance on the same database takes its share back, again without a
// double check; and a clean stop (SIGTERM) hands its monitors over without checking any early.
// They run in order on one population: each phase starts from the state the previous one
// left, as in a real deployment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServer } from '../support/app-server';
import { startApp } from '../support/app-server';
import { createDatabase, dropDatabase } from '../support/postgres';
import { startArrivalTarget, type ArrivalTarget } from './support/arrival-target';
import { Client, countChecks, health, inParallel, owners, startInstances, until, type Health } from './support/cluster';
import { closePairs, earlyArrivals, firstAfter, longestGap, percentile, seconds, within } from './support/series';

const MONITORS = 1000;
const ACCOUNTS = 5;
const INTERVAL_S = 5;
const T = INTERVAL_S * 1000;
/** Two arrivals of one monitor closer than this are a double check. */
const MIN_GAP_MS = T / 2;
/** The longest a monitor may go unchecked when an instance dies: two intervals plus 10 s. */
const MAX_TAKEOVER_GAP_MS = 2 * T + 10_000;
/** A check a second or more before its monitor's cadence is early (see earlyArrivals); none may be, except after a kill (see (b)). */
const EARLY_TOLERANCE_MS = 1000;
/** How long the steady state is watched in (a): six intervals. */
const WINDOW_MS = 6 * T;

describe('three instances, 1,000 monitors every 5 s, one PostgreSQL database', () => {
  let databaseUrl: string;
  let env: Record<string, string>;
  let target: ArrivalTarget;
  const apps: AppServer[] = [];
  const retired: AppServer[] = [];
  /** Monitor i checks /m/<i>; ids[i] is its id. */
  const ids: string[] = [];
  const pathOf = (i: number) => `/m/${i}`;
  const series = (i: number) => target.arrivals(pathOf(i));
  const indexOf = new Map<string, number>();

  const healths = () => Promise.all(apps.map(health));
  const owned = (hs: Health[]) => hs.map((h) => h.worker.owned);

  /** Every double check so far, over the whole run: [monitor index, earlier, later]. */
  function doubleChecks(): Array<[number, number, number]> {
    const found: Array<[number, number, number]> = [];
    for (let i = 0; i < MONITORS; i++) for (const [a, b] of closePairs(series(i), MIN_GAP_MS)) found.push([i, a, b]);
    return found;
  }
  const describeDoubles = (d: Array<[number, number, number]>) =>
    d.slice(0, 10).map(([i, a, b]) => `m${i}: ${new Date(a).toISOString()} and ${b - a} ms later`).join('; ');

  /** Checks in [from, to] early for their monitor's cadence: [monitor index, earlier, early]. */
  function earlyChecks(from: number, to: number): Array<[number, number, number]> {
    return ids.flatMap((_, i) => earlyArrivals(series(i), T, EARLY_TOLERANCE_MS, from, to).map(([a, b]) => [i, a, b] as [number, number, number]));
  }
  /** Each early check with the gaps around it, e.g. "m12: 5001, 3656 ms (at ...)". */
  const describeEarly = (e: Array<[number, number, number]>) =>
    e
      .slice(0, 10)
      .map(([i, a, b]) => {
        const s = series(i);
        const k = s.indexOf(b);
        const gaps = s.slice(Math.max(1, k - 2), Math.min(s.length, k + 2)).map((t) => t - s[s.indexOf(t) - 1]);
        return `m${i} at ${new Date(b).toISOString()}: ${b - a} ms after the check before; gaps around it ${gaps.join(', ')} ms`;
      })
      .join('; ');

  beforeAll(async () => {
    const started = Date.now();
    [databaseUrl, target] = await Promise.all([createDatabase('pingboard_cluster_scale'), startArrivalTarget()]);
    env = {
      DATABASE_URL: databaseUrl,
      // 1,000 monitors at 5 s are 200 checks a second, all to 127.0.0.1, 40 a second per account.
      MAX_CHECKS_PER_SECOND_PER_USER: '100000',
      MAX_CHECKS_PER_SECOND_PER_HOST: '100000',
    };
    apps.push(...(await startInstances(3, env)));
    // Five accounts of 200 monitors: one account's creations queue on its row, five proceed side by side.
    const accounts = await Promise.all(
      Array.from({ length: ACCOUNTS }, async (_, a) => {
        const c = new Client(apps[a % 3]);
        const signup = await c.post('/api/auth/signup', { email: `scale-${a}-${Date.now()}@example.com`, password: 'scale test password' });
        expect(signup.status).toBe(201);
        c.token = signup.body.token;
        return apps.map((app) => c.on(app));
      }),
    );
    const createdAt = Date.now();
    // Through all three instances, as a load balancer would spread the requests.
    await inParallel(MONITORS, 24, async (i) => {
      const res = await accounts[i % ACCOUNTS][i % 3].postRetryingBusy('/api/monitors', { name: `m${i}`, url: `${target.url}${pathOf(i)}`, intervalSeconds: INTERVAL_S });
      if (res.status !== 201) throw new Error(`creating monitor ${i}: ${res.status} ${JSON.stringify(res.body)}`);
      ids[i] = res.body.monitor.id;
      indexOf.set(res.body.monitor.id, i);
    });
    console.log(`cluster up and ${MONITORS} monitors created in ${seconds(Date.now() - started)} (creation ${seconds(Date.now() - createdAt)})`);
  });

  afterAll(async () => {
    await Promise.all([...apps, ...retired].map((a) => a.dispose()));
    await target?.close();
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  it('(a) checks every monitor once per interval and never twice within half an interval', async () => {
    const warm = Date.now();
    await until(
      'every monitor checked twice and the monitors shared out',
      async () => {
        const hs = await healths();
        const counts = owned(hs);
        const balanced = counts.reduce((a, b) => a + b, 0) === MONITORS && counts.every((c) => c >= MONITORS / 3 - 10);
        return balanced && ids.every((_, i) => series(i).length >= 2) && counts;
      },
      60_000,
      500,
    );
    console.log(`warm-up: ${seconds(Date.now() - warm)}, owned ${owned(await healths()).join(' / ')}`);

    const from = Date.now();
    await until('the watch window to pass with every monitor checked after it', async () => ids.every((_, i) => firstAfter(series(i), from + WINDOW_MS) !== null), WINDOW_MS + 2 * T, 500);
    const to = from + WINDOW_MS;
    const counts = ids.map((_, i) => within(series(i), from, to).length);
    const gaps = ids.map((_, i) => longestGap(series(i), from, to));
    const intervals = ids.flatMap((_, i) => {
      const s = within(series(i), from, to);
      return s.slice(1).map((t, k) => t - s[k]);
    });
    const rate = counts.reduce((a, b) => a + b, 0) / (WINDOW_MS / 1000);
    const doubles = doubleChecks();
    console.log(
      `(a) over ${seconds(WINDOW_MS)}: ${rate.toFixed(1)} checks/s (expected ${MONITORS / INTERVAL_S}); arrivals per monitor ${Math.min(...counts)}..${Math.max(...counts)} ` +
        `(expected ${WINDOW_MS / T}); interval p1 ${percentile(intervals, 1)} ms, p50 ${percentile(intervals, 50)} ms, p99 ${percentile(intervals, 99)} ms; ` +
        `longest gap ${Math.max(...gaps)} ms; double checks since the start: ${doubles.length}`,
    );
    expect(doubles, describeDoubles(doubles)).toHaveLength(0);
    const offCount = ids.map((_, i) => i).filter((i) => counts[i] < WINDOW_MS / T - 1 || counts[i] > WINDOW_MS / T + 1);
    expect(offCount.map((i) => `m${i}: ${counts[i]}`), 'monitors not checked about once per interval').toEqual([]);
    expect(Math.max(...gaps), 'longest gap between two checks of one monitor').toBeLessThanOrEqual(T * 1.5);
    const early = earlyChecks(from, to);
    expect(early, `checks early for their cadence: ${describeEarly(early)}`).toHaveLength(0);

    // Checked means stored too: the window's results reach the database within a few batches.
    const arrived = ids.reduce((n, _, i) => n + within(series(i), from + 1000, to - 1000).length, 0);
    let stored = 0;
    const storedInTime = await until('the window\'s results stored', async () => (stored = await countChecks(databaseUrl, from + 500, to - 500)) >= arrived, 15_000, 500).catch(() => false);
    const hs = await healths();
    console.log(`(a) results stored for the window: ${stored} of ${arrived} arrivals; health ${hs.map((h) => `${h.status} (pendingResults ${h.worker.pendingResults})`).join(' / ')}`);
    expect(storedInTime, `check rows stored for the window: ${stored} of ${arrived} arrivals`).toBe(true);
    expect(hs.map((h) => h.status)).toEqual(['ok', 'ok', 'ok']);
  });

  it('(b) takes over a SIGKILLed instance within two intervals plus 10 s', async () => {
    const victim = apps[1];
    const victimId = (await health(victim)).instance;
    const before = await owners(databaseUrl);
    const victimMonitors = [...before].filter(([, owner]) => owner === victimId).map(([id]) => indexOf.get(id)!);
    expect(victimMonitors.length).toBeGreaterThan(MONITORS / 3 - 20);

    const killAt = Date.now();
    await victim.stop('SIGKILL');
    const deadAt = Date.now();
    apps.splice(1, 1);
    retired.push(victim);

    // Resumed: checked by a survivor, i.e. after the process had exited.
    await until('every monitor of the killed instance checked again', async () => victimMonitors.every((i) => firstAfter(series(i), deadAt) !== null), MAX_TAKEOVER_GAP_MS + 10_000, 250);
    const resumedAt = Date.now();
    const takeovers = victimMonitors.map((i) => firstAfter(series(i), deadAt)! - killAt);
    // Every monitor's longest gap from one interval before the kill to one interval after the last resumed.
    await until('one more interval after the takeover', async () => ids.every((_, i) => firstAfter(series(i), resumedAt + T) !== null), 3 * T, 250);
    const gapOf = (i: number) => longestGap(series(i), killAt - T, resumedAt + T);
    const victimGaps = victimMonitors.map(gapOf);
    const others = ids.map((_, i) => i).filter((i) => !victimMonitors.includes(i));
    const otherGaps = others.map(gapOf);
    const survivors = await until('the survivors to own every monitor', async () => {
      const hs = await healths();
      return owned(hs).reduce((a, b) => a + b, 0) === MONITORS && hs;
    }, 20_000);
    const doubles = doubleChecks();
    console.log(
      `(b) killed ${victimId} owning ${victimMonitors.length} monitors; takeover (kill -> first check by a survivor): ` +
        `first ${seconds(Math.min(...takeovers))}, median ${seconds(percentile(takeovers, 50))}, last ${seconds(Math.max(...takeovers))}; ` +
        `longest gap: its monitors ${seconds(Math.max(...victimGaps))} (p50 ${seconds(percentile(victimGaps, 50))}), the others ${seconds(Math.max(...otherGaps))}; ` +
        `survivors own ${owned(survivors).join(' / ')}; double checks since the start: ${doubles.length}`,
    );
    expect(Math.max(...victimGaps), 'longest gap of a monitor of the killed instance').toBeLessThanOrEqual(MAX_TAKEOVER_GAP_MS);
    expect(Math.max(...otherGaps), 'longest gap of a monitor of a survivor').toBeLessThanOrEqual(MAX_TAKEOVER_GAP_MS);
    expect(doubles, describeDoubles(doubles)).toHaveLength(0);
  });

  it('(c) lets a restarted instance take its share back without double checks', async () => {
    const restartAt = Date.now();
    const fresh = await startApp({ env });
    apps.splice(1, 0, fresh);
    const upAt = Date.now();
    const mean = MONITORS / apps.length;
    const shares = await until(
      'every instance to own between half and twice the mean',
      async () => {
        const counts = owned(await healths());
        return counts.reduce((a, b) => a + b, 0) === MONITORS && counts.every((c) => c >= mean / 2 && c <= 2 * mean) && counts;
      },
      60_000,
      250,
    );
    const balancedAt = Date.now();
    // Two more intervals on the new shares, so every handed-over monitor is checked by its new owner.
    await until('two intervals on the new shares', async () => ids.every((_, i) => within(series(i), balancedAt, Infinity).length >= 2), 3 * T + 5000, 250);
    const endAt = Date.now();
    const gaps = ids.map((_, i) => longestGap(series(i), restartAt, endAt));
    const doubles = doubleChecks();
    const finalShares = owned(await healths());
    const late = gaps.filter((g) => g > T + 1000).length;
    const freshId = (await health(fresh)).instance;
    const moved = [...(await owners(databaseUrl))].filter(([, owner]) => owner === freshId).map(([id]) => gaps[indexOf.get(id)!]);
    console.log(
      `(c) new instance healthy ${seconds(upAt - restartAt)} after start; shares ${shares.join(' / ')} ${seconds(balancedAt - upAt)} after it was up ` +
        `(then ${finalShares.join(' / ')}); longest gap since the restart ${seconds(Math.max(...gaps))} (${late} monitors over one interval + 1 s); ` +
        `the ${moved.length} handed to the new instance: gap p50 ${seconds(percentile(moved, 50))}, max ${seconds(Math.max(...moved))}; double checks over the whole run: ${doubles.length} ` +
        `(${target.total()} arrivals in all)`,
    );
    expect(Math.max(...finalShares)).toBeLessThanOrEqual(2 * mean);
    expect(doubles, describeDoubles(doubles)).toHaveLength(0);
    expect(Math.max(...gaps), 'longest gap while the shares moved').toBeLessThanOrEqual(MAX_TAKEOVER_GAP_MS);
    // A handover to the new instance continues each monitor's cadence: nothing is checked early.
    const early = earlyChecks(restartAt, endAt);
    expect(early, `checks early for their cadence since the restart: ${describeEarly(early)}`).toHaveLength(0);
  });

  it('hands the monitors of a cleanly stopped (SIGTERM) instance over without a double or early check', async () => {
    const leaving = apps[2];
    const leavingId = (await health(leaving)).instance;
    const theirs = [...(await owners(databaseUrl))].filter(([, owner]) => owner === leavingId).map(([id]) => indexOf.get(id)!);
    expect(theirs.length).toBeGreaterThan(MONITORS / 3 - 20);
    const stopAt = Date.now();
    const code = await leaving.stop('SIGTERM');
    const exitedAt = Date.now();
    apps.splice(2, 1);
    retired.push(leaving);
    expect(code, 'exit code of the clean stop').toBe(0);

    await until('every monitor of the stopped instance checked again', async () => theirs.every((i) => firstAfter(series(i), exitedAt) !== null), MAX_TAKEOVER_GAP_MS + 10_000, 250);
    const resumedAt = Date.now();
    await until('one more interval after the handover', async () => ids.every((_, i) => firstAfter(series(i), resumedAt + T) !== null), 3 * T, 250);
    const endAt = Date.now();
    const gaps = theirs.map((i) => longestGap(series(i), stopAt - T, endAt));
    const early = earlyChecks(stopAt - T, endAt);
    const late = gaps.filter((g) => g > T + 1000).length;
    const survivors = await until('the other two to own every monitor', async () => {
      const counts = owned(await healths());
      return counts.reduce((a, b) => a + b, 0) === MONITORS && counts;
    }, 20_000);
    const doubles = doubleChecks();
    console.log(
      `clean stop of ${leavingId} owning ${theirs.length}: exited ${seconds(exitedAt - stopAt)} after SIGTERM; its monitors' longest gap ${seconds(Math.max(...gaps))} ` +
        `(p50 ${seconds(percentile(gaps, 50))}, ${late} of them over one interval + 1 s); checks early for their cadence ${early.length}; ` +
        `the others own ${survivors.join(' / ')}; double checks over the whole run: ${doubles.length}`,
    );
    expect(doubles, describeDoubles(doubles)).toHaveLength(0);
    expect(early, `checks early for their cadence across the handover: ${describeEarly(early)}`).toHaveLength(0);
    expect(Math.max(...gaps), 'longest gap of a handed-over monitor').toBeLessThanOrEqual(MAX_TAKEOVER_GAP_MS);
  });
});
