import { describe, expect, it } from 'vitest';
import { emptyDocument, pingboardDocumentSchema } from '@/lib/config-io/format';

// The document schema reads what the export writes, defaults every list, and names bad fields by path.

describe('pingboard document schema', () => {
  it('reads an empty document and fills every list', () => {
    expect(pingboardDocumentSchema.parse({ version: 1 })).toEqual(emptyDocument());
  });

  it('reads a full document and parses its own output to itself', () => {
    const doc = pingboardDocumentSchema.parse({
      version: 1,
      monitors: [{ key: 'm1', name: 'API', url: 'https://example.com', acceptedStatusCodes: [200], tags: ['prod'], channels: ['ops'], parent: null }],
      tags: [{ name: 'prod', color: '#AABBCC' }],
      channels: [{ kind: 'webhook', name: 'ops', settings: { url: 'https://hooks.example.com' } }],
      statusPages: [{ slug: 'acme', title: 'Acme', sections: [{ name: 'Core', monitors: [{ monitor: 'API' }] }] }],
      maintenanceWindows: [{ title: 'Patch', monitors: ['m1'], start: '2027-01-01T00:00:00Z', end: '2027-01-01T01:00:00Z' }],
    });
    expect(doc.tags[0].color).toBe('#aabbcc');
    expect(doc.monitors[0].acceptedStatusCodes).toEqual(['200']);
    expect(pingboardDocumentSchema.parse(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
  });

  it('names each problem by its path', () => {
    const r = pingboardDocumentSchema.safeParse({ version: 1, monitors: [{ name: 'a' }, { name: 'b', intervalSeconds: 0 }], bogus: 1 });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('monitors.1.intervalSeconds');
    expect(paths).toContain('');
  });
});
