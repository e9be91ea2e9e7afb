'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ChannelKind } from '@/lib/alerting/channel-types';
import type { ChannelDto } from '@/lib/dto/channels';
import { channelIssueKey, initialSettings, settingsBody, type ChannelKindInfo, type SettingsState } from '@/lib/ui/channel-kinds';
import { api } from '@/components/api-client';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field, inputClass, Notice } from '@/components/ui/field';
import { KindPicker } from '@/components/notifications/kind-picker';
import { SettingsFields } from '@/components/notifications/settings-fields';

/** Adds a channel (pick a kind, then only its fields) or edits one (its kind is fixed). */
export function ChannelForm({ kinds, channel, onSaved, onCancel }: { kinds: ChannelKindInfo[]; channel?: ChannelDto; onSaved: (c: ChannelDto) => void; onCancel: () => void }) {
  const idPrefix = `ch${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const editing = Boolean(channel);
  const form = useRef<HTMLFormElement>(null);
  const [kind, setKind] = useState<ChannelKind | null>(channel?.kind ?? null);
  const [name, setName] = useState(channel?.name ?? '');
  const [nameTouched, setNameTouched] = useState(editing);
  const [isDefault, setIsDefault] = useState(channel?.isDefault ?? false);
  const [settings, setSettings] = useState<SettingsState | null>(() => (channel ? initialSettings(channel.kind, channel) : null));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const info = kinds.find((k) => k.kind === kind);

  useEffect(() => {
    if (focusRequest) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  /** An input's error goes once its value changes; the server judges it again on save. */
  function changeSettings(next: SettingsState) {
    if (settings) {
      const changed = [...Object.keys(next.text).filter((k) => next.text[k] !== settings.text[k]), ...(next.headers !== settings.headers ? ['headers'] : [])];
      if (changed.some((k) => errors[k])) setErrors(Object.fromEntries(Object.entries(errors).filter(([k]) => !changed.includes(k))));
    }
    setSettings(next);
  }

  function chooseKind(k: ChannelKind) {
    setKind(k);
    setSettings(initialSettings(k));
    setErrors({});
    setFormError(null);
    // A fresh name follows the kind until the user types one.
    if (!nameTouched) setName(kinds.find((i) => i.kind === k)?.label ?? '');
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!kind || !settings) return;
    setBusy(true);
    setFormError(null);
    const body = { name, settings: settingsBody(kind, settings, editing), isDefault };
    const res = editing
      ? await api<{ channel: ChannelDto }>(`/api/channels/${channel!.id}`, { method: 'PATCH', body })
      : await api<{ channel: ChannelDto }>('/api/channels', { method: 'POST', body: { kind, ...body } });
    setBusy(false);
    if (res.ok) return onSaved(res.data.channel);
    const shown: Record<string, string> = {};
    const other: string[] = [];
    const inputs = new Set(['name', ...Object.keys(settings.text), 'headers']);
    for (const issue of res.error.issues ?? []) {
      const key = channelIssueKey(issue.path);
      if (inputs.has(key)) shown[key] ??= issue.message;
      else other.push(issue.message);
    }
    setErrors(shown);
    setFormError(other.length ? other.join('; ') : Object.keys(shown).length ? null : res.error.message);
    setFocusRequest((n) => n + 1);
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="space-y-5" aria-label={editing ? `Edit ${channel!.name}` : 'Add a channel'}>
      {formError ? <Notice>{formError}</Notice> : null}
      {editing ? null : <KindPicker kinds={kinds} value={kind} onChange={chooseKind} idPrefix={idPrefix} />}
      {info ? (
        <p className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-700 dark:border-zinc-800 dark:bg-zinc-800/40 dark:text-zinc-300" data-testid="kind-help">
          {editing ? <span className="font-medium">{info.label}: </span> : null}
          {info.help}
        </p>
      ) : (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Choose where alerts should go.</p>
      )}
      {kind && settings ? (
        <>
          <Field id={`${idPrefix}-name`} label="Channel name" error={errors.name} hint="Shown in the monitor form and beside each delivery.">
            {(a11y) => (
              <input
                {...a11y}
                className={inputClass}
                maxLength={100}
                value={name}
                onChange={(e) => {
                  setName(e.target.value);
                  setNameTouched(true);
                }}
              />
            )}
          </Field>
          <SettingsFields kind={kind} state={settings} onChange={changeSettings} errors={errors} editing={editing} idPrefix={idPrefix} />
          <Checkbox id={`${idPrefix}-default`} label="Default for new monitors" checked={isDefault} onChange={setIsDefault} hint="Pre-checked when you add a monitor." />
        </>
      ) : null}
      <div className="flex flex-wrap gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <Button type="submit" variant="primary" disabled={busy || !kind}>
          {busy ? 'Saving…' : editing ? 'Save changes' : 'Add channel'}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
