'use client';

import Script from 'next/script';
import { useRef, useState } from 'react';
import { Notice } from '@/components/ui/field';

// Swagger UI mounts its own React tree into one div. Its options keep it inside the app's CSP:
// no validator badge (an image from another site), the document from /api/docs, nothing else
// fetched. Dark mode inverts its light design, which it does not have a dark twin of.

interface SwaggerUiBundle {
  (options: Record<string, unknown>): unknown;
  presets: { apis: unknown };
}

declare global {
  interface Window {
    SwaggerUIBundle?: SwaggerUiBundle;
  }
}

export function ApiReferenceView({ bundleSrc, cssHref }: { bundleSrc: string; cssHref: string }) {
  const node = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  function mount() {
    const bundle = window.SwaggerUIBundle;
    if (!bundle || !node.current) return;
    bundle({
      domNode: node.current,
      url: '/api/docs',
      validatorUrl: null,
      deepLinking: true,
      presets: [bundle.presets.apis],
      layout: 'BaseLayout',
      docExpansion: 'list',
      defaultModelsExpandDepth: -1,
      displayRequestDuration: true,
      onComplete: () => setState('ready'),
    });
  }

  return (
    <div className="space-y-3">
      <link rel="stylesheet" href={cssHref} precedence="default" />
      {/* onReady also runs when the page is opened again with the script already loaded. */}
      <Script src={bundleSrc} strategy="afterInteractive" onReady={mount} onError={() => setState('failed')} />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold tracking-tight">API reference</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          The same OpenAPI document as{' '}
          <a href="/api/docs" className="font-mono underline underline-offset-2 hover:no-underline">
            GET /api/docs
          </a>
          . Scripts send <code className="font-mono">Authorization: Bearer &lt;token&gt;</code> with the token from POST /api/auth/login.
        </p>
      </div>
      {state === 'failed' ? <Notice>The API reference could not be loaded. The JSON document is still at /api/docs.</Notice> : null}
      {state === 'loading' ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400" role="status">
          Loading the API reference…
        </p>
      ) : null}
      <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:hue-rotate-180 dark:invert-[.88]">
        <div ref={node} data-testid="api-reference" />
      </div>
    </div>
  );
}
