import Link from 'next/link';
import type { FormPartProps } from '@/lib/ui/monitor-form-model';
import { STATUS_LABEL, type ChannelChoice } from '@/lib/ui/channel-kinds';
import { Checkbox } from '@/components/ui/checkbox';
import { FieldError } from '@/components/ui/field';
import { SubLegend } from '@/components/monitors/form/rows';

/** Which of the user's notification channels this monitor alerts; a channel that cannot deliver says why. */
export function NotificationFields({ values, errors, set, channels }: FormPartProps & { channels: ChannelChoice[] }) {
  const toggle = (id: string, on: boolean) => set('channelIds', on ? [...values.channelIds, id] : values.channelIds.filter((c) => c !== id));
  const add = (
    <Link href="/notifications" className="font-medium text-zinc-800 underline underline-offset-2 hover:no-underline dark:text-zinc-200">
      Add a channel
    </Link>
  );
  return (
    <fieldset aria-describedby={errors.channelIds ? 'channelIds-error' : undefined} data-testid="notification-fields">
      <SubLegend>Notifications</SubLegend>
      {channels.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">You have no notification channels yet, so nobody would be told when this monitor goes down. {add}</p>
      ) : (
        <>
          <div className="grid gap-2 sm:grid-cols-2">
            {channels.map((c) => (
              <Checkbox
                key={c.id}
                id={`channel-${c.id}`}
                label={c.name}
                checked={values.channelIds.includes(c.id)}
                onChange={(on) => toggle(c.id, on)}
                hint={c.status === 'ready' ? c.kindLabel : `${c.kindLabel} · ${STATUS_LABEL[c.status].toLowerCase()}`}
              />
            ))}
          </div>
          <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">Alerts go to every checked channel. {add}</p>
        </>
      )}
      {errors.channelIds ? <FieldError id="channelIds-error">{errors.channelIds}</FieldError> : null}
    </fieldset>
  );
}
