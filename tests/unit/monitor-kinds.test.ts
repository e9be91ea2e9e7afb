// Each monitor kind against its contract, as tables: the probe it builds from a stored row,
// the target it names, when it is due and what being due means, its branch of the request
// schema and its config rules. No database, no sockets, no timers.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Monitor } from '@/lib/generated/prisma/client';
import { MONITOR_KINDS, monitorKind, monitorTarget, type MonitorType } from '@/lib/monitor-kinds';
import { heartbeatDeadline } from '@/lib/monitor-kinds/heartbeat';
import { rowToFields } from '@/lib/data/monitor-row';
import { createMonitorSchema, intIn, MONITOR_TYPES, monitorConfigIssues, monitorFieldsSchema, withMonitorDefaults } from '@/lib/schemas/monitor';

const T0 = new Date('2030-01-01T00:00:00Z');

function monitorRow(overrides: Partial<Monitor> = {}): Monitor {
  return {
    id: 'm1', userId: 'u1', name: 'm', type: 'http', active: true, intervalSeconds: 60, timeoutSeconds: 5,
    url: 'https://example.com/health', method: 'GET', headers: [], body: null, acceptedStatusCodes: ['200-299'],
    followRedirects: true, maxRedirects: 5, keyword: null, keywordMode: 'present', keywordCaseSensitive: true,
    jsonAssertions: [], maxResponseTimeMs: null, ignoreTlsErrors: false, certExpiryThresholdDays: 14, host: null,
    port: null, heartbeatToken: null, graceSeconds: 30, lastHeartbeatAt: null, retries: 2, retryIntervalSeconds: 10,
    reminderIntervalMinutes: null, status: 'PENDING', statusChangedAt: null, consecutiveFailures: 0, lastCheckedAt: null, hostWaitMs: 0,
    lastLatencyMs: null, lastStatusCode: null, lastError: null, lastCause: null, certExpiresAt: null, certIssuer: null,
    certWarnedFor: null, certExpiredWarnedFor: null, ownerId: null, nextDueAt: null, revision: 0, publicBadge: false, badgeKey: null, createdAt: T0, updatedAt: T0,
    successThreshold: 1, degraded: null, parentId: null, failingSince: null, streak: 0, streakSince: null,
    ...overrides,
  };
}

const probeOf = (row: Monitor) => monitorKind(row.type).toProbe(rowToFields(row));

describe('the registry', () => {
  it('has one kind per type, each under its own name, in the order the type picker shows', () => {
    expect(MONITOR_TYPES).toEqual(['http', 'tcp', 'heartbeat']);
    for (const type of MONITOR_TYPES) expect(MONITOR_KINDS[type].type).toBe(type);
  });

  it('lists only real fields as form fields, and every kind its own fields among them', () => {
    const keys = Object.keys(monitorFieldsSchema.shape);
    for (const kind of Object.values(MONITOR_KINDS)) {
      for (const f of kind.ui.formFields) expect(keys, `${kind.type}: ${f}`).toContain(f);
      const own = Object.keys(kind.fields({ z, intIn }));
      expect(own.length).toBeGreaterThan(0);
      for (const f of own) expect(kind.ui.formFields, `${kind.type}: ${f}`).toContain(f);
    }
  });

  it.each<[MonitorType, { probed: boolean; needsPushToken: boolean; retries: number }]>([
    ['http', { probed: true, needsPushToken: false, retries: 2 }],
    ['tcp', { probed: true, needsPushToken: false, retries: 2 }],
    ['heartbeat', { probed: false, needsPushToken: true, retries: 0 }],
  ])('%s: probed, push token and retries before DOWN', (type, expected) => {
    const kind = monitorKind(type);
    expect({ probed: kind.probed, needsPushToken: kind.needsPushToken, retries: kind.retries(monitorRow({ type, retries: 2 })) }).toEqual(expected);
  });
});

describe('probe built from a stored row', () => {
  it('http: the request with every option, secret header values included', () => {
    const row = monitorRow({
      method: 'POST',
      body: '{"a":1}',
      headers: [{ name: 'Authorization', value: 'Bearer s', secret: true }],
      jsonAssertions: [{ path: 'status', op: '==', value: 'ok' }],
      keyword: 'ok',
      maxResponseTimeMs: 500,
    });
    expect(probeOf(row)).toEqual({
      type: 'http',
      url: 'https://example.com/health',
      method: 'POST',
      headers: [{ name: 'Authorization', value: 'Bearer s', secret: true }], // secret: not sent on to another origin
      body: '{"a":1}',
      timeoutMs: 5000,
      acceptedStatusCodes: ['200-299'],
      followRedirects: true,
      maxRedirects: 5,
      keyword: 'ok',
      keywordMode: 'present',
      keywordCaseSensitive: true,
      jsonAssertions: [{ path: 'status', op: '==', value: 'ok' }],
      maxResponseTimeMs: 500,
      ignoreTlsErrors: false,
    });
  });

  it.each<[string, Partial<Monitor>, unknown]>([
    ['tcp with host and port', { type: 'tcp', url: null, host: 'db.internal', port: 5432 }, { type: 'tcp', host: 'db.internal', port: 5432, timeoutMs: 5000 }],
    ['tcp keeps to host and port even with a URL stored', { type: 'tcp', host: 'db.internal', port: 5432 }, { type: 'tcp', host: 'db.internal', port: 5432, timeoutMs: 5000 }],
    ['tcp without a port', { type: 'tcp', url: null, host: 'db.internal' }, null],
    ['http without a URL', { url: null, host: 'db.internal', port: 80 }, null],
    ['heartbeat, never probed', { type: 'heartbeat', host: 'db.internal', port: 5432 }, null],
  ])('%s', (_label, overrides, expected) => {
    expect(probeOf(monitorRow(overrides))).toEqual(expected);
  });
});

describe('target labels', () => {
  it.each<[Partial<Monitor>, string, string]>([
    [{ type: 'http' }, 'https://example.com/health', 'https://example.com/health'],
    [{ type: 'http', url: null }, '', ''],
    [{ type: 'tcp', host: 'db.internal', port: 5432 }, 'db.internal:5432', 'db.internal:5432'],
    [{ type: 'heartbeat' }, 'heartbeat', 'Heartbeat'],
  ])('%j -> alerts %j, dashboard %j', (overrides, alert, page) => {
    const row = monitorRow(overrides);
    expect(monitorTarget(row)).toBe(alert);
    expect(monitorKind(row.type).ui.target(row)).toBe(page);
  });

  it.each<[Partial<Monitor>, string]>([
    [{ type: 'http', method: 'HEAD' }, 'HEAD https://example.com/health'],
    [{ type: 'tcp', host: 'db.internal', port: 5432 }, 'TCP db.internal:5432'],
    [{ type: 'heartbeat', graceSeconds: 60 }, 'Heartbeat · every 5 min, 60 s grace'],
  ])('monitor page headline of %j', (overrides, line) => {
    const row = monitorRow(overrides);
    expect(monitorKind(row.type).ui.headline(row, '5 min')).toBe(line);
  });

  it.each<[MonitorType, string | null, string | null, boolean]>([
    ['http', 'https://example.com', null, true],
    ['http', 'http://example.com', '2031-01-01T00:00:00.000Z', true],
    ['http', 'http://example.com', null, false],
    ['tcp', 'https://example.com', '2031-01-01T00:00:00.000Z', false],
    ['heartbeat', 'https://example.com', null, false],
  ])('%s with url %s and certificate %s shows the certificate panel: %s', (type, url, certExpiresAt, shown) => {
    expect(monitorKind(type).ui.showsCertificate({ url, certExpiresAt })).toBe(shown);
  });
});

describe('schedule', () => {
  const at = (seconds: number) => T0.getTime() + seconds * 1000;

  it.each<MonitorType>(['http', 'tcp'])('%s: armed after the worker default, probed when due and when checked by hand', (type) => {
    const { schedule } = monitorKind(type);
    const row = monitorRow({ type, host: 'h', port: 1 });
    expect(schedule.firstDelayMs(row, at(0), 250)).toBe(250);
    expect(schedule.onTimer(row, at(1000))).toEqual({ run: 'probe' });
    expect(schedule.onCheckNow(row, at(1000))).toEqual({ run: 'probe' });
    expect(schedule.onPush).toBeUndefined();
  });

  describe('heartbeat: due at period + grace after the last ping, else after set-up', () => {
    const { schedule } = monitorKind('heartbeat');
    const fresh = monitorRow({ type: 'heartbeat', intervalSeconds: 60, graceSeconds: 30 });
    const pinged = monitorRow({ type: 'heartbeat', intervalSeconds: 60, graceSeconds: 30, statusChangedAt: new Date(at(-500)), lastHeartbeatAt: new Date(at(100)) });

    it.each<[string, Monitor, number]>([
      ['never pinged: from creation', fresh, at(90)],
      ['never pinged, status changed: from the change', monitorRow({ type: 'heartbeat', statusChangedAt: new Date(at(10)) }), at(10 + 90)],
      ['pinged: from the last ping', pinged, at(190)],
    ])('deadline, %s', (_label, row, deadline) => {
      expect(heartbeatDeadline(row)).toBe(deadline);
    });

    it('waits for the deadline: armed for what is left of it, never a negative delay', () => {
      expect(schedule.firstDelayMs(fresh, at(20), 250)).toBe(70_000);
      expect(schedule.firstDelayMs(fresh, at(500), 250)).toBe(0);
    });

    it('a timer before the deadline (a ping moved it) waits again; one past it records a missed ping', () => {
      expect(schedule.onTimer(pinged, at(150))).toEqual({ run: 'wait', delayMs: 40_000 });
      expect(schedule.onTimer(pinged, at(190))).toMatchObject({
        run: 'outcome',
        outcome: { status: 'DOWN', cause: 'heartbeat_missed', error: `No ping within 60 s + 30 s grace (last ping ${new Date(at(100)).toISOString()})`, latencyMs: 0 },
      });
      expect(schedule.onTimer(fresh, at(95))).toMatchObject({ outcome: { cause: 'heartbeat_missed', error: 'No ping within 60 s + 30 s grace (no ping received yet)' } });
    });

    it('checked by hand: UP while a ping came within the deadline, else missed', () => {
      expect(schedule.onCheckNow(pinged, at(150))).toMatchObject({ run: 'outcome', outcome: { status: 'UP', cause: null } });
      expect(schedule.onCheckNow(pinged, at(200))).toMatchObject({ run: 'outcome', outcome: { status: 'DOWN', cause: 'heartbeat_missed' } });
      // Not yet overdue, but no ping ever came.
      expect(schedule.onCheckNow(fresh, at(10))).toMatchObject({ run: 'outcome', outcome: { status: 'DOWN', cause: 'heartbeat_missed' } });
    });

    it('a push records the ping on the monitor: ok is UP, a reported failure is DOWN', () => {
      const pingAt = new Date(at(300));
      const ok = schedule.onPush!(pinged, true, pingAt);
      expect(ok.monitor.lastHeartbeatAt).toEqual(pingAt);
      expect(ok.outcome).toMatchObject({ status: 'UP', cause: null, error: null, startedAt: pingAt });
      expect(schedule.onPush!(pinged, false, pingAt).outcome).toMatchObject({ status: 'DOWN', cause: 'heartbeat_failed', error: 'The job reported a failure' });
      expect(schedule.firstDelayMs(ok.monitor, at(300), 250)).toBe(90_000);
    });
  });
});

describe('request schema branches', () => {
  const parse = (body: unknown) => createMonitorSchema.safeParse(body);

  it.each<[string, Record<string, unknown>, MonitorType | undefined]>([
    ['no type: an HTTP monitor', { name: 'x', url: 'https://example.com' }, undefined],
    ['http', { name: 'x', type: 'http', url: 'https://example.com', host: null, port: null }, 'http'],
    ['tcp, with a URL sent along as the form does', { name: 'x', type: 'tcp', host: 'db.internal', port: 5432, url: 'https://example.com' }, 'tcp'],
    ['heartbeat, with other kinds\' fields empty', { name: 'x', type: 'heartbeat', graceSeconds: 10, url: null, host: null, port: null, headers: [] }, 'heartbeat'],
  ])('accepts %s', (_label, body, type) => {
    const parsed = parse(body);
    expect(parsed.success).toBe(true);
    expect(parsed.data!.type).toBe(type);
    expect(withMonitorDefaults(parsed.data!).type).toBe(type ?? 'http');
  });

  it('refuses an unknown type at its path with the message it always had, beside any other issue', () => {
    const parsed = parse({ name: '', type: 'ftp', port: 0 });
    expect(parsed.error!.issues.map((i) => [i.path, i.code, i.message])).toEqual([
      [['name'], 'too_small', 'Name is required'],
      [['type'], 'invalid_value', 'Invalid option: expected one of "http"|"tcp"|"heartbeat"'],
      [['port'], 'too_small', 'Port must be at least 1'],
    ]);
  });

  it.each<[string, Record<string, unknown>, PropertyKey[]]>([
    ['another kind\'s field is validated on every kind', { name: 'x', type: 'heartbeat', host: 'no spaces allowed' }, ['host']],
    ['a kind\'s own field', { name: 'x', type: 'heartbeat', graceSeconds: -1 }, ['graceSeconds']],
    ['an unknown field', { name: 'x', type: 'tcp', colour: 'red' }, []],
    ['a type that is not a string', { name: 'x', type: null }, ['type']],
  ])('refuses %s', (_label, body, path) => {
    expect(parse(body).error!.issues.map((i) => i.path)).toEqual([path]);
  });
});

describe('config rules by kind, on the complete monitor', () => {
  const complete = (body: Record<string, unknown>) => withMonitorDefaults(createMonitorSchema.parse({ name: 'x', ...body }));
  const paths = (body: Record<string, unknown>) => monitorConfigIssues(complete(body)).map((i) => i.path.join('.'));

  it.each<[string, Record<string, unknown>, string[]]>([
    ['http needs a URL', {}, ['url']],
    ['tcp needs host and port', { type: 'tcp' }, ['host', 'port']],
    ['heartbeat needs neither', { type: 'heartbeat' }, []],
    ['a probed kind\'s timeout fits in its interval', { type: 'tcp', host: 'h', port: 1, intervalSeconds: 5, timeoutSeconds: 10 }, ['timeoutSeconds']],
    ['a heartbeat has no timeout to fit', { type: 'heartbeat', intervalSeconds: 5, timeoutSeconds: 10 }, []],
    ['the request fields\' rules hold on every kind', { type: 'tcp', host: 'h', port: 1, body: '{}', headers: [{ name: 'a', value: '1' }, { name: 'A', value: '2' }] }, ['body', 'headers']],
  ])('%s', (_label, body, expected) => {
    expect(paths(body)).toEqual(expected);
  });

  it('reports the kind\'s rules, then the schedule, then the request fields, as always', () => {
    const m = complete({ intervalSeconds: 5, timeoutSeconds: 10, body: '{}', jsonAssertions: [{ path: 'a', op: '==' }] });
    expect(monitorConfigIssues(m, { minIntervalSeconds: 30 }).map((i) => i.path.join('.'))).toEqual(['url', 'intervalSeconds', 'timeoutSeconds', 'body', 'jsonAssertions.0.value']);
  });
});
