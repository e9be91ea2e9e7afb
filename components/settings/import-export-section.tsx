'use client';

// Import / export of monitors and their settings, with a dry-run preview. Filled in by issue 15's config-as-code work.
export function ImportExportSection() {
  return null;
}
