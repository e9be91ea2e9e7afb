'use client';

import { z } from 'zod';

// Zod compiles object parsers with new Function() where eval is allowed, and probes for it on
// the first parse. The app's CSP forbids eval, so in the browser the probe only earns a CSP
// violation report on every page with a form; jitless skips the probe (same results, no
// compiled fast path, which forms this small never need). Set when this module loads, which
// the root layout makes happen before any form can parse.
z.config({ jitless: true });

export function ZodJitless(): null {
  return null;
}
