import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { installMetricsSource } from '@/lib/metrics/registry';
import { renderMetrics } from '@/lib/metrics/render';
import { parseExposition } from '../support/prometheus-text';

// docs/grafana-dashboard.json is an importable Grafana dashboard whose every query names only
// metrics GET /metrics really exposes, so renaming a metric without the dashboard fails here.

const file = path.resolve(import.meta.dirname, '..', '..', 'docs', 'grafana-dashboard.json');
const dashboard = JSON.parse(fs.readFileSync(file, 'utf8'));

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  gridPos: { h: number; w: number; x: number; y: number };
  targets?: Array<{ expr: string; refId: string; datasource?: { uid: string } }>;
}
const panels = dashboard.panels as Panel[];
const queries = [...panels.flatMap((p) => p.targets?.map((t) => t.expr) ?? []), ...dashboard.templating.list.map((v: { definition: string }) => v.definition)];

async function exposedFamilies(): Promise<Set<string>> {
  installMetricsSource({
    monitors: () => [{ id: 'm', name: 'n', type: 'http', userId: 'u', status: 'UP', active: true, lastLatencyMs: 1, certExpiresAt: new Date() }],
    scheduledTimers: () => 1,
    shared: async () => ({ paused: [], deliveries: [{ channelKind: 'email', pending: 0, failed: 0 }] }),
  });
  try {
    // A monitor with no counts yet has no checks_total sample, but the family is declared.
    return new Set(parseExposition((await renderMetrics()).body).types.keys());
  } finally {
    installMetricsSource(null);
  }
}

describe('the Grafana dashboard', () => {
  it('is an importable dashboard with a Prometheus data source input', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(dashboard.id).toBeNull();
    expect(dashboard.__inputs).toEqual([expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' })]);
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    for (const p of panels) {
      expect(p.gridPos.x + p.gridPos.w, p.title).toBeLessThanOrEqual(24);
      if (p.type === 'row') continue;
      expect(p.datasource?.uid, p.title).toBe('${DS_PROMETHEUS}');
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
      for (const t of p.targets ?? []) expect(t.datasource?.uid, p.title).toBe('${DS_PROMETHEUS}');
    }
    // No two panels overlap.
    const cells = new Set<string>();
    for (const p of panels) {
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
          expect(cells.has(`${x},${y}`), `${p.title} overlaps at ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  it('queries only metrics that /metrics exposes, and shows each of Pingboard\'s own', async () => {
    const families = await exposedFamilies();
    const named = new Set(queries.flatMap((q) => q.match(/\b(?:pingboard|process|nodejs)_[a-z0-9_]+/g) ?? []));
    const family = (name: string) => (families.has(name) ? name : name.replace(/_(bucket|sum|count)$/, ''));
    for (const name of named) expect(families.has(family(name)), `${name} is not exposed`).toBe(true);
    const own = [...families].filter((f) => f.startsWith('pingboard_'));
    expect(own.length).toBeGreaterThanOrEqual(10);
    for (const f of own) expect([...named].some((n) => family(n) === f), `${f} has no panel`).toBe(true);
  });
});
