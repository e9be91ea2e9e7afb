// A dashboard's worth of monitors for the scale bench, written straight into SQLite: readable
// names, a few tags, the user's channels, a few monitors down (pointed at a closed loopback port, so the worker keeps
// them down) and a few paused, the last `checks` checks of each monitor at its cadence, a day
// of hourly rollups, and each monitor's state as the worker would have left it. The monitors
// are copied (seed-monitors.ts) from one created paused, and only switched on here, in the same
// transaction that gives them their URLs: the worker claims each one with its final settings.
import Database from 'better-sqlite3';
import { uuidv7 } from '../../lib/ids';
import { seedDailyRollups, seedRollups } from './seed-rollups';

const HOUR = 3_600_000;
const SERVICES = ['Checkout API', 'Auth', 'Search', 'Billing', 'Marketing site', 'Docs', 'Webhooks', 'Payments', 'Image CDN', 'Mail relay', 'Inventory', 'Reports', 'Admin', 'Status page', 'GraphQL gateway', 'Notifications'];
const REGIONS = ['eu-west', 'eu-central', 'us-east', 'us-west', 'ap-south', 'ap-east'];

/** Monitor i's name; unique for every i ("Payments eu-west 003"). */
export function monitorName(i: number): string {
  return `${SERVICES[i % SERVICES.length]} ${REGIONS[Math.floor(i / SERVICES.length) % REGIONS.length]} ${String(Math.floor(i / (SERVICES.length * REGIONS.length)) + 1).padStart(3, '0')}`;
}

export interface DashboardSeedOptions {
  /** The monitors in order; monitor i is the i-th. */
  ids: string[];
  intervalSeconds: number;
  checks: number;
  /** Monitor i checks `upUrl + i`, or `downUrl + i` when it is one of the down ones. */
  upUrl: string;
  downUrl: string;
  /** One monitor in this many is down, and one in this many (offset by half) paused. */
  downEvery: number;
  pausedEvery: number;
  /** Tag ids: monitor i gets tag i mod (tags + 1), none for the last residue. */
  tagIds: string[];
  /** Notification channels every monitor alerts. */
  channelIds: string[];
  now: number;
}

export interface DashboardSeed {
  down: number;
  paused: number;
  checks: number;
  /** How long each step held the database, in ms: history, rollups, monitors. */
  stepsMs: [number, number, number];
}

/**
 * Monitors per write transaction while they are paused, and the pause between two: short
 * transactions with room between them, so the app's own writes (its lease, renewed every 2 s)
 * get the lock instead of timing out behind a loop that takes it back at once.
 */
const CHUNK = 100;
const GAP_MS = 25;

export async function seedDashboard(dbPath: string, o: DashboardSeedOptions): Promise<DashboardSeed> {
  const db = new Database(dbPath, { timeout: 30_000 });
  const T = o.intervalSeconds * 1000;
  const n = o.ids.length;
  const isDown = (i: number) => i % o.downEvery === Math.floor(o.downEvery / 3);
  const isPaused = (i: number) => !isDown(i) && i % o.pausedEvery === Math.floor(o.pausedEvery / 2);
  // Phases spread over one interval, as monitors created over time would be.
  const lastAt = (i: number) => o.now - Math.floor((i / n) * T);
  // The down ones failed their last ten checks; the others about one check in a hundred.
  const failed = (i: number, k: number) => (isDown(i) ? k < 10 : (i * 31 + k * 7) % 100 === 0);
  const latency = (i: number, k: number) => (failed(i, k) ? null : 20 + ((i * 13 + k * 29) % 180));

  // 1. History and tags, a chunk of monitors at a time (they are all paused: nothing else writes them).
  const insertCheck = db.prepare('INSERT INTO "Check" ("id","monitorId","status","latencyMs","statusCode","error","cause","checkedAt") VALUES (?,?,?,?,?,?,?,?)');
  const tag = db.prepare('INSERT INTO "MonitorTag" ("monitorId", "tagId") VALUES (?, ?)');
  const channel = db.prepare('INSERT INTO "MonitorChannel" ("monitorId", "channelId") VALUES (?, ?)');
  const history = db.transaction((from: number) => {
    for (let i = from; i < Math.min(n, from + CHUNK); i++) {
      for (let k = o.checks - 1; k >= 0; k--) {
        const f = failed(i, k);
        const at = lastAt(i) - k * T;
        insertCheck.run(uuidv7(at), o.ids[i], f ? 'DOWN' : 'UP', latency(i, k), f ? null : 200, f ? 'connect ECONNREFUSED' : null, f ? 'connection_refused' : null, at);
      }
      const t = i % (o.tagIds.length + 1);
      if (t < o.tagIds.length) tag.run(o.ids[i], o.tagIds[t]);
      for (const c of o.channelIds) channel.run(o.ids[i], c);
    }
  });
  let t0 = performance.now();
  for (let from = 0; from < n; from += CHUNK) {
    history(from);
    await new Promise((resolve) => setTimeout(resolve, GAP_MS));
  }
  const historyMs = performance.now() - t0;

  // 2. Rollups: those of the seeded checks, then the rest of the day before the first of them,
  // one hour at a time at the monitor's cadence.
  const perHour = Math.max(1, Math.round(HOUR / T));
  t0 = performance.now();
  db.transaction(() => {
    seedRollups(db);
    db.prepare(
      `WITH RECURSIVE h(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM h WHERE k < 25)
       INSERT OR IGNORE INTO "CheckRollup" ("monitorId", "hourStart", "totalChecks", "upChecks", "latencySum", "latencyCount")
       SELECT m."id", ((CAST(? AS INTEGER) / ${HOUR}) - h.k) * ${HOUR}, ?, ? - (CASE WHEN (h.k + length(m."name")) % 9 = 0 THEN 1 ELSE 0 END), ? * 90, ?
       FROM "Monitor" m CROSS JOIN h
       WHERE m."userId" = (SELECT "userId" FROM "Monitor" WHERE "id" = ?)
         AND ((CAST(? AS INTEGER) / ${HOUR}) - h.k) * ${HOUR} < (SELECT MIN(r."hourStart") FROM "CheckRollup" r WHERE r."monitorId" = m."id")`,
    ).run(o.now, perHour, perHour, perHour, perHour, o.ids[0], o.now);
    seedDailyRollups(db);
  })();
  const rollupsMs = performance.now() - t0;

  // 3. Each monitor's name, URL and state as its last check left it, switched on (but the
  // paused ones) in one transaction: the worker claims every one with these settings.
  const updateMonitor = db.prepare(
    `UPDATE "Monitor" SET "name" = ?, "url" = ?, "active" = ?, "status" = ?, "statusChangedAt" = ?, "lastCheckedAt" = ?, "lastLatencyMs" = ?,
       "lastStatusCode" = ?, "lastError" = ?, "lastCause" = ?, "consecutiveFailures" = ?, "nextDueAt" = ?, "updatedAt" = ? WHERE "id" = ?`,
  );
  const seeded: DashboardSeed = { down: 0, paused: 0, checks: n * o.checks, stepsMs: [historyMs, rollupsMs, 0] };
  t0 = performance.now();
  db.transaction(() => {
    o.ids.forEach((id, i) => {
      const d = isDown(i);
      const p = isPaused(i);
      const last = lastAt(i);
      updateMonitor.run(
        monitorName(i),
        `${d ? o.downUrl : o.upUrl}${i}`,
        p ? 0 : 1,
        d ? 'DOWN' : 'UP',
        d ? last - 9 * T : o.now - (2 + (i % 40)) * 24 * HOUR,
        last,
        latency(i, 0),
        d ? null : 200,
        d ? 'connect ECONNREFUSED' : null,
        d ? 'connection_refused' : null,
        d ? 10 : 0,
        last + T,
        o.now,
        id,
      );
      if (d) seeded.down++;
      if (p) seeded.paused++;
    });
  })();
  seeded.stepsMs[2] = performance.now() - t0;
  db.close();
  return seeded;
}
