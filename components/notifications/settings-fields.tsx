import type { ChannelKind } from '@/lib/alerting/channel-types';
import { CHANNEL_FORMS, type SettingsField, type SettingsFieldType, type SettingsState } from '@/lib/ui/channel-kinds';
import { Checkbox } from '@/components/ui/checkbox';
import { Field, inputClass } from '@/components/ui/field';
import { HeadersInput } from '@/components/notifications/headers-input';

/** The <input type> of each field type (textarea and headers have their own controls). */
const INPUT_TYPE: Record<SettingsFieldType, string> = { text: 'text', email: 'email', url: 'url', password: 'password', textarea: 'text', headers: 'text' };

/** The chosen kind's inputs, and nothing else; each API issue shows beside its input. */
export function SettingsFields({
  kind,
  state,
  onChange,
  errors,
  editing,
  idPrefix,
}: {
  kind: ChannelKind;
  state: SettingsState;
  onChange: (s: SettingsState) => void;
  errors: Record<string, string>;
  editing: boolean;
  idPrefix: string;
}) {
  const setText = (key: string, value: string) => onChange({ ...state, text: { ...state.text, [key]: value } });
  return (
    <>
      {CHANNEL_FORMS[kind].map((f) => {
        const id = `${idPrefix}-${f.key}`;
        const label = f.required ? f.label : `${f.label} (optional)`;
        if (f.type === 'headers') {
          return <HeadersInput key={f.key} id={id} label={f.label} rows={state.headers} onChange={(headers) => onChange({ ...state, headers })} error={errors[f.key]} />;
        }
        const keeps = editing && f.secret && state.saved[f.key];
        const hint = keeps ? 'Saved; leave empty to keep the saved value.' : f.hint;
        return (
          <div key={f.key} className="space-y-1.5">
            <Field id={id} label={label} error={errors[f.key]} hint={hint}>
              {(a11y) =>
                f.type === 'textarea' ? (
                  <textarea {...a11y} rows={4} spellCheck={false} className={`${inputClass} font-mono`} placeholder={f.placeholder} value={state.text[f.key] ?? ''} onChange={(e) => setText(f.key, e.target.value)} />
                ) : (
                  <input
                    {...a11y}
                    type={INPUT_TYPE[f.type]}
                    autoComplete={f.secret ? 'new-password' : 'off'}
                    spellCheck={false}
                    className={`${inputClass} ${fontFor(f)}`}
                    placeholder={keeps ? '•••• (unchanged)' : f.placeholder}
                    value={state.text[f.key] ?? ''}
                    disabled={Boolean(state.remove[f.key])}
                    onChange={(e) => setText(f.key, e.target.value)}
                  />
                )
              }
            </Field>
            {keeps && !f.required ? (
              <Checkbox
                id={`${id}-remove`}
                label={<span className="font-normal">Remove the saved {f.label.toLowerCase()}</span>}
                checked={Boolean(state.remove[f.key])}
                onChange={(c) => onChange({ ...state, text: { ...state.text, [f.key]: '' }, remove: { ...state.remove, [f.key]: c } })}
              />
            ) : null}
          </div>
        );
      })}
    </>
  );
}

function fontFor(f: SettingsField): string {
  return f.type === 'email' ? '' : 'font-mono';
}
