import type { FormPartProps } from '@/lib/ui/monitor-form-model';
import { monitorKind } from '@/lib/monitor-kinds';
import { HttpOptions } from '@/components/monitors/form/http-options';
import { AlertingFields } from '@/components/monitors/form/alerting-fields';
import { SlownessFields } from '@/components/monitors/form/slowness-fields';
import { DependencyField } from '@/components/monitors/form/dependency-field';
import type { MonitorChoice } from '@/lib/page-data/monitors';

/** Everything with a sensible default, folded away so a first monitor needs only a name and a URL. */
export function AdvancedSection({
  open,
  onToggle,
  monitors,
  selfId,
  ...props
}: FormPartProps & { open: boolean; onToggle: (open: boolean) => void; monitors: MonitorChoice[]; selfId: string | null }) {
  const kind = monitorKind(props.values.type);
  return (
    <details
      open={open}
      onToggle={(e) => onToggle((e.currentTarget as HTMLDetailsElement).open)}
      className="group rounded-md border border-zinc-200 dark:border-zinc-800"
    >
      <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-2 px-3 py-2 text-sm font-medium select-none [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">
          ▸
        </span>
        Advanced options
        <span className="font-normal text-zinc-500 dark:text-zinc-400">
          {kind.ui.advancedSummary}
        </span>
      </summary>
      <div className="space-y-6 border-t border-zinc-200 px-3 py-4 dark:border-zinc-800">
        {kind.ui.formFields.includes('headers') ? <HttpOptions {...props} /> : null}
        <AlertingFields {...props} />
        {kind.ui.formFields.includes('degraded') ? <SlownessFields {...props} /> : null}
        <DependencyField {...props} monitors={monitors} selfId={selfId} />
      </div>
    </details>
  );
}
