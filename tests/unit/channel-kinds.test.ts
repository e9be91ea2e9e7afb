import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CHANNEL_PROVIDERS } from '@/lib/alerting/providers';
import { CHANNEL_KINDS } from '@/lib/alerting/channel-types';
import { CHANNEL_FORMS, channelIssueKey, initialSettings, settingsBody } from '@/lib/ui/channel-kinds';

// The browser's description of each channel kind's form must match the provider that
// validates it: the same settings keys, the same secrets, and required where the schema is.

describe('channel form descriptions', () => {
  it.each(CHANNEL_KINDS)('%s: inputs match the settings schema and its secret fields', (kind) => {
    const provider = CHANNEL_PROVIDERS[kind];
    const shape = (provider.settings as z.ZodObject).shape as Record<string, z.ZodType>;
    const fields = CHANNEL_FORMS[kind];
    expect(fields.map((f) => f.key).sort()).toEqual(Object.keys(shape).sort());
    expect(fields.filter((f) => f.secret).map((f) => f.key).sort()).toEqual([...provider.secretFields].sort());
    for (const f of fields) expect(shape[f.key].safeParse(undefined).success, `${kind}.${f.key} optional`).toBe(!f.required);
  });

  it('builds a create body without empty inputs, and an edit body that keeps unchanged secrets', () => {
    const fresh = initialSettings('ntfy');
    fresh.text.serverUrl = 'https://ntfy.sh';
    fresh.text.topic = 'alerts';
    expect(settingsBody('ntfy', fresh, false)).toEqual({ serverUrl: 'https://ntfy.sh', topic: 'alerts' });

    const saved = initialSettings('ntfy', { settings: { serverUrl: 'https://ntfy.sh', topic: 'alerts', token: null } });
    expect(saved.saved.token).toBe(true);
    expect(saved.text.token).toBe('');
    expect(settingsBody('ntfy', saved, true)).toEqual({ serverUrl: 'https://ntfy.sh', topic: 'alerts' });
    saved.remove.token = true;
    expect(settingsBody('ntfy', saved, true)).toEqual({ serverUrl: 'https://ntfy.sh', topic: 'alerts', token: '' });
  });

  it('keeps saved webhook headers by name when their value is left empty', () => {
    const s = initialSettings('webhook', { settings: { url: 'https://example.com/h', headers: { Authorization: null } } });
    expect(s.headers.map((h) => [h.name, h.stored])).toEqual([['Authorization', true]]);
    s.headers.push({ key: 99, name: 'X-Team', value: 'ops', stored: false });
    expect(settingsBody('webhook', s, true).headers).toEqual([
      { name: 'Authorization', value: null },
      { name: 'X-Team', value: 'ops' },
    ]);
  });

  it('puts an API issue beside its input', () => {
    expect(channelIssueKey(['settings', 'webhookUrl'])).toBe('webhookUrl');
    expect(channelIssueKey(['settings', 'headers', 'X-A'])).toBe('headers');
    expect(channelIssueKey(['name'])).toBe('name');
    expect(channelIssueKey(['settings'])).toBe('_form');
  });
});
