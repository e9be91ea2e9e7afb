import 'server-only';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { getEnv } from '@/lib/env';
import type { Session } from '@/lib/auth/session';
import { login } from '@/lib/services/account';
import { loadConfigState } from '@/lib/config-io/state';
import { buildExport, serializeExport, type ExportFormat } from '@/lib/config-io/export';

// GET /api/export (secrets left out) and POST /api/export (secrets included, for a signed-in
// person who types their password again). The password is checked as a login is, counted by the
// same throttle, so a stolen session cannot guess its way to the secrets; API keys and any
// other non-password credential are refused, since they never prove who holds them.

export const SCHEMA_PATH = '/api/schemas/export.json';

/** Ways of signing in that began with the account's password: the browser's cookie and a login token. */
const PASSWORD_SESSIONS: readonly string[] = ['cookie', 'bearer'];

async function confirmPassword(session: Session, password: string, address: string): Promise<void> {
  if (!PASSWORD_SESSIONS.includes(session.via)) {
    throw new ForbiddenError('Secrets are exported only to a signed-in session, never to an API key');
  }
  try {
    await login({ email: session.user.email, password }, address);
  } catch (err) {
    if (err instanceof UnauthenticatedError) throw new ForbiddenError('Password is incorrect');
    throw err;
  }
}

export interface ExportRequest {
  format: ExportFormat;
  /** Present only to include secrets: the account's password, checked again. */
  password?: string;
  address: string;
}

export async function exportConfig(session: Session, request: ExportRequest) {
  const includeSecrets = request.password !== undefined;
  if (includeSecrets) await confirmPassword(session, request.password ?? '', request.address);
  const now = new Date();
  const state = await loadConfigState(session.user.id);
  const doc = buildExport(state, { includeSecrets, schemaUrl: `${getEnv().APP_URL}${SCHEMA_PATH}`, now });
  return serializeExport(doc, request.format, now);
}
