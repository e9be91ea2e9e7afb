import type { z } from 'zod';
import { PROBED_SCHEDULE } from '@/lib/monitor-kinds/probed';
import { configIssue, type FieldTools, type MonitorKind } from '@/lib/monitor-kinds/types';

// TCP monitors: the worker opens a connection to host and port; accepted means UP.

export const tcpFields = ({ z, intIn }: FieldTools) => ({
  host: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:_-]+$/, 'Enter a host name or IP address').nullable(),
  port: intIn('Port', 1, 65_535).nullable(),
});

const address = (m: { host: string | null; port: number | null }) => `${m.host ?? ''}:${m.port ?? ''}`;

export const tcpKind = {
  type: 'tcp',
  fields: tcpFields,
  configIssues(m) {
    const issues: z.core.$ZodIssue[] = [];
    if (!m.host) issues.push(configIssue(['host'], 'Host is required for a TCP monitor'));
    if (m.port === null) issues.push(configIssue(['port'], 'Port is required for a TCP monitor'));
    return issues;
  },
  fieldIssues: () => [],
  probed: true,
  needsPushToken: false,
  policyTarget: (f) => (f.host ? { field: 'host', host: f.host } : null),
  toProbe: (f) => (f.host && f.port ? { type: 'tcp', host: f.host, port: f.port, timeoutMs: f.timeoutSeconds * 1000 } : null),
  schedule: PROBED_SCHEDULE,
  retries: (m) => m.retries,
  target: address,
  ui: {
    label: 'TCP port',
    hint: 'Open a connection to host and port',
    formFields: ['host', 'port', 'timeoutSeconds', 'retries', 'retryIntervalSeconds', 'successThreshold', 'degraded'],
    advancedSummary: 'retries, slowness, dependency and reminders',
    target: address,
    headline: (m) => `TCP ${address(m)}`,
    showsCertificate: () => false,
  },
} satisfies MonitorKind;
