import type { ChannelProvider } from './channel-types';

// Write-only secrets: what a response shows of a channel's settings, and how an update that
// leaves a secret out keeps the stored one.

type Settings = Record<string, unknown>;

const isObject = (v: unknown): v is Settings => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every secret value replaced by null (a map of secrets, like webhook headers, keeps its names). */
export function maskSettings(provider: Pick<ChannelProvider, 'secretFields'>, settings: unknown): Settings {
  const out: Settings = isObject(settings) ? { ...settings } : {};
  for (const key of provider.secretFields) {
    const value = out[key];
    if (value === undefined || value === null) continue;
    out[key] = isObject(value) ? Object.fromEntries(Object.keys(value).map((k) => [k, null])) : null;
  }
  return out;
}

/**
 * The settings an update asks for: given keys replace stored ones; a secret given as null (or
 * left out) keeps its stored value, and in a map of secrets each null entry keeps the stored
 * entry of the same name (case-insensitive); a non-secret given as null, or any value given
 * as an empty string on an optional field, removes it.
 */
export function mergeSettings(provider: Pick<ChannelProvider, 'secretFields'>, stored: unknown, patch: Settings): Settings {
  const base: Settings = isObject(stored) ? { ...stored } : {};
  const secrets = new Set(provider.secretFields);
  for (const [key, value] of Object.entries(patch)) {
    if (secrets.has(key)) {
      if (value === null || value === undefined) continue;
      if (isObject(value) && isObject(base[key])) {
        const before = base[key] as Settings;
        base[key] = Object.fromEntries(
          Object.entries(value).map(([name, v]) => {
            if (v !== null) return [name, v];
            const kept = Object.entries(before).find(([n]) => n.toLowerCase() === name.toLowerCase());
            return [name, kept ? kept[1] : v];
          }),
        );
        continue;
      }
    } else if (value === null) {
      delete base[key];
      continue;
    }
    if (value === '') delete base[key];
    else base[key] = value;
  }
  return base;
}
