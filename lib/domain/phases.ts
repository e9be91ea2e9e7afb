import type { CheckTimings } from '@/lib/checker/types';

// The request phases of one HTTP check, in the order they happen: named once, so the stored
// columns, the medians and every chart list the same phases in the same order.

export const PHASES = ['dnsMs', 'connectMs', 'tlsMs', 'ttfbMs', 'transferMs'] as const satisfies ReadonlyArray<keyof CheckTimings>;
export type Phase = (typeof PHASES)[number];
