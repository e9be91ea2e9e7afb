import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateDatabase } from '@/lib/db/sqlite/migrate';

// Alerts stored before notification channels existed become events and finished deliveries,
// so an upgraded install keeps its alert history (GET /api/monitors/:id/alerts still lists it).

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const all = path.join(root, 'prisma', 'migrations');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingboard-legacy-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the notification channels migration', () => {
  it('turns every Alert row into an AlertEvent and a Delivery with the same outcome', () => {
    // The database as the release before channels left it.
    const before = path.join(dir, 'before');
    fs.mkdirSync(before);
    for (const name of fs.readdirSync(all).filter((n) => /^\d{14}_/.test(n) && n < '20261203000000')) {
      fs.cpSync(path.join(all, name), path.join(before, name), { recursive: true });
    }
    const file = path.join(dir, 'app.db');
    migrateDatabase(file, before);
    const db = new Database(file);
    const t = Date.UTC(2026, 10, 30, 12);
    db.prepare(`INSERT INTO "User" (id, email, passwordHash, updatedAt) VALUES ('u1', 'a@example.com', 'x', ?)`).run(t);
    db.prepare(`INSERT INTO "Monitor" (id, userId, name, type, url, createdAt, updatedAt) VALUES ('m1', 'u1', 'Shop', 'http', 'https://shop.example', ?, ?)`).run(t, t);
    db.prepare(`INSERT INTO "Monitor" (id, userId, name, type, host, port, createdAt, updatedAt) VALUES ('m2', 'u1', 'DB', 'tcp', 'db.example', 5432, ?, ?)`).run(t, t);
    db.prepare(`INSERT INTO "Incident" (id, monitorId, startedAt, endedAt, cause) VALUES ('i1', 'm1', ?, ?, 'http_status')`).run(t, t + 60_000);
    const alert = db.prepare(`INSERT INTO "Alert" (id, monitorId, incidentId, kind, channel, recipient, outcome, error, cause, createdAt) VALUES (?, ?, ?, ?, 'email', 'a@example.com', ?, ?, ?, ?)`);
    alert.run('a1', 'm1', 'i1', 'DOWN', 'sent', null, 'http_status', t);
    alert.run('a2', 'm1', 'i1', 'UP', 'failed', 'SendGrid answered HTTP 500', null, t + 60_000);
    alert.run('a3', 'm2', null, 'CERT_EXPIRING', 'skipped', null, 'tls_error', t + 120_000);
    db.close();

    migrateDatabase(file, all);
    const after = new Database(file, { readonly: true });
    const events = after.prepare(`SELECT id, monitorId, incidentId, kind, dedupKey, at, monitorName, monitorTarget, cause FROM "AlertEvent" ORDER BY at`).all();
    expect(events).toEqual([
      { id: 'legacy-a1', monitorId: 'm1', incidentId: 'i1', kind: 'DOWN', dedupKey: 'legacy:a1', at: t, monitorName: 'Shop', monitorTarget: 'https://shop.example', cause: 'http_status' },
      { id: 'legacy-a2', monitorId: 'm1', incidentId: 'i1', kind: 'UP', dedupKey: 'legacy:a2', at: t + 60_000, monitorName: 'Shop', monitorTarget: 'https://shop.example', cause: null },
      { id: 'legacy-a3', monitorId: 'm2', incidentId: null, kind: 'CERT_EXPIRING', dedupKey: 'legacy:a3', at: t + 120_000, monitorName: 'DB', monitorTarget: 'db.example:5432', cause: 'tls_error' },
    ]);
    const deliveries = after.prepare(`SELECT eventId, channelId, channelKind, state, attempts, lastError, deliveredAt FROM "Delivery" ORDER BY createdAt`).all();
    expect(deliveries).toEqual([
      { eventId: 'legacy-a1', channelId: null, channelKind: 'email', state: 'delivered', attempts: 1, lastError: null, deliveredAt: t },
      { eventId: 'legacy-a2', channelId: null, channelKind: 'email', state: 'failed', attempts: 1, lastError: 'SendGrid answered HTTP 500', deliveredAt: null },
      { eventId: 'legacy-a3', channelId: null, channelKind: 'email', state: 'failed', attempts: 0, lastError: 'Not sent: email was not configured', deliveredAt: null },
    ]);
    expect(after.prepare(`SELECT name FROM sqlite_master WHERE name = 'Alert'`).get()).toBeUndefined();
    after.close();
  });
});
