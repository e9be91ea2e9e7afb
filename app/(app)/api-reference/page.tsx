import type { Metadata } from 'next';
import { requireUser } from '@/lib/page-data/session';
import { ApiReferenceView } from '@/app/(app)/api-reference/api-reference-view';
import { assetUrl } from '@/app/(app)/api-reference/swagger-ui';

export const metadata: Metadata = { title: 'API reference' };
export const dynamic = 'force-dynamic';

// The OpenAPI document GET /api/docs serves, rendered by Swagger UI from the app's own files.
// A signed-in page like the rest of the app (the JSON document itself stays public), so
// "Try it out" runs with the viewer's session.
export default async function ApiReferencePage() {
  await requireUser();
  return <ApiReferenceView bundleSrc={assetUrl('swagger-ui-bundle.js')} cssHref={assetUrl('swagger-ui.css')} />;
}
