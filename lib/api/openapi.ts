import { z } from 'zod';
import { changePasswordSchema, deleteAccountSchema, loginSchema, signupSchema } from '@/lib/schemas/auth';
import { createMonitorSchema, updateMonitorSchema } from '@/lib/schemas/monitor';
import { dashboardFeedQuerySchema, heartbeatsQuerySchema, listChecksQuerySchema, uptimeQuerySchema } from '@/lib/schemas/history';
import { createTagSchema, updateTagSchema } from '@/lib/schemas/tag';
import { createApiKeySchema } from '@/lib/schemas/api-key';
import { bulkActionSchema } from '@/lib/schemas/bulk';
import { createChannelSchema, updateChannelSchema } from '@/lib/schemas/channel';
import { CHANNEL_PROVIDERS } from '@/lib/alerting/providers';
import {
  createIncidentUpdateSchema,
  createPageIncidentSchema,
  createStatusPageSchema,
  updatePageIncidentSchema,
  updateStatusPageSchema,
} from '@/lib/schemas/status-page';
import { createMaintenanceSchema, updateMaintenanceSchema } from '@/lib/schemas/maintenance';
import { exportQuerySchema, exportWithSecretsQuerySchema, exportWithSecretsSchema, importQuerySchema } from '@/lib/config-io/requests';

// The OpenAPI document is generated from the same zod schemas the handlers validate with,
// so the docs cannot drift from what the server accepts.

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const body = (s: z.ZodType) => ({ required: true, content: { 'application/json': { schema: schema(s) } } });
const ok = (description: string) => ({ description });
const errors = {
  '400': ok('Validation failed: {"error":{"code","message","issues"}}'),
  '401': ok('Not signed in'),
  '404': ok('Not found (also for another user\'s monitor)'),
};
/** A channel body, with each kind's settings schema beside it (the API validates settings by kind). */
const channelBody = (s: z.ZodType) => ({
  ...body(s),
  'x-settings-by-kind': Object.fromEntries(Object.values(CHANNEL_PROVIDERS).map((p) => [p.kind, { ...schema(p.settings), description: p.help, 'x-secret': p.secretFields }])),
});
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const incidentParams = [...idParam, { name: 'incidentId', in: 'path', required: true, schema: { type: 'string' } }];
const slugParam = [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }];
const keyParam = [{ name: 'key', in: 'path', required: true, schema: { type: 'string' }, description: 'The monitor\'s badgeKey' }];
const labelParam = { name: 'label', in: 'query', required: false, schema: { type: 'string', maxLength: 64 }, description: 'Overrides the left-hand text' };
const windowParam = { name: 'window', in: 'query', required: false, schema: { type: 'string', enum: ['24h', '7d', '30d', '90d'], default: '24h' } };
const statusPageFields = '{id, slug, title, description, logoUrl, footerText, published, hasPassword, customDomain, url, sections:[{id, name, monitors:[{monitorId, name, displayName, showDetails}]}], createdAt, updatedAt}';
const incidentFields = '{id, pageId, title, impact, status, monitorIds, startedAt, resolvedAt, createdAt, updatedAt, updates:[{id, status, message, at}]}';
const maintenanceFields = '{id, title, allMonitors, monitorIds, start, end, recurrence, timeZone, active, nextWindow:{start, end}|null, createdAt, updatedAt}';
/** What GET /api/monitors/:id (and each list entry) answers, beyond the request fields. */
const monitorJson =
  '{monitor: {id, name, type, url, ..., status: PENDING|UP|DEGRADED|DOWN|BLOCKED|MAINTENANCE, statusChangedAt, consecutiveFailures, ' +
  'phase: retrying|recovering|null, attempt, of, degradedReason, successThreshold, degraded:{totalMs?, dnsMs?, connectMs?, tlsMs?, ttfbMs?, consecutive}|null, parentId, ' +
  'lastCheckedAt, lastLatencyMs, lastStatusCode, lastError, lastCause, maintenance, channelIds, tagIds, hasWorkingChannel, badgeKey, badgeUrl, createdAt, updatedAt}}';
/** Monitor states and phases, said once for every operation that returns a monitor. */
const monitorStates =
  'status DEGRADED: up, but slower than its `degraded` thresholds for `consecutive` checks (counts as up; `degradedReason` says which, e.g. "TLS handshake 850 ms > 500 ms for 3 checks"). ' +
  'phase retrying: failures not confirmed yet (`attempt` failed checks of `of` = retries + 1); recovering: a DOWN monitor with `attempt` of `of` = successThreshold successes. ' +
  'lastCause parent_down (its parent is DOWN) and probe_offline (Pingboard cannot reach the network) mark failures that change nothing and alert nobody.';
const publicCache = 'Cache-Control: public, max-age=30 and an ETag (If-None-Match answers 304); private behind a password';
/** Account and key management: the password's session (cookie or login token) only; an API key gets 403. */
const sessionOnly = { security: [{ bearer: [] }], 'x-api-key': false };
const keyRefused = { '403': ok('An API key was used: account and key management need the password\'s session') };
const apiKeyFields = '{id, name, scope: read|write, prefix, createdAt, lastUsedAt, expiresAt}';
const queryParams = (s: z.ZodObject) =>
  Object.entries(s.shape).map(([name, field]) => ({ name, in: 'query', required: false, schema: schema(field as z.ZodType) }));

/** Groups for the rendered reference, by path prefix, most specific first. */
const TAGS: Array<[prefix: string, tag: string]> = [
  ['/api/auth/', 'Account'],
  ['/api/monitors', 'Monitors'],
  ['/api/tags', 'Tags'],
  ['/api/keys', 'API keys'],
  ['/api/channels', 'Notification channels'],
  ['/api/status-pages', 'Status pages'],
  ['/api/maintenance', 'Maintenance'],
  ['/api/heartbeat/', 'Heartbeats'],
  ['/api/export', 'Configuration'],
  ['/api/import', 'Configuration'],
  ['/api/schemas/', 'Configuration'],
  ['/status/', 'Public status pages'],
  ['/badge/', 'Badges'],
  ['/api/healthz', 'Health'],
];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Puts every operation under its resource's tag, so the reference groups them. */
function withTags<T extends Record<string, Record<string, unknown>>>(paths: T): T {
  for (const [path, item] of Object.entries(paths)) {
    const tag = TAGS.find(([prefix]) => path.startsWith(prefix))?.[1];
    if (!tag) continue;
    for (const m of METHODS) if (item[m]) (item[m] as { tags?: string[] }).tags = [tag];
  }
  return paths;
}

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Pingboard API',
      version: '1.0.0',
      description:
        'JSON in and out. Authenticate with `Authorization: Bearer <token>` (from signup/login), `Authorization: Bearer <API key>` (pb_..., made with POST /api/keys) or the session cookie. Errors are `{"error":{"code","message","issues"?}}`.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A login token (signup, login, password change), or the session cookie in a browser' },
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'pb_<43 characters>',
          description:
            'An API key from POST /api/keys, sent the same way. Scope read: 403 on POST, PUT, PATCH and DELETE; write: everything else too. Neither may manage the account or its keys (operations marked x-api-key: false answer 403). Logout leaves keys working; revocation, a password change and account deletion end them at once.',
        },
      },
    },
    security: [{ bearer: [] }, { apiKey: [] }],
    tags: TAGS.map(([, name]) => ({ name })),
    paths: withTags({
      '/api/auth/signup': { post: { summary: 'Create an account', security: [], requestBody: body(signupSchema), responses: { '201': ok('{token, user}'), '409': ok('Email exists'), ...errors } } },
      '/api/auth/login': { post: { summary: 'Sign in', security: [], requestBody: body(loginSchema), responses: { '200': ok('{token, user}'), '401': ok('Invalid email or password'), '429': ok('Too many failures; see Retry-After') } } },
      '/api/auth/logout': { post: { summary: 'Sign out everywhere (revokes all login tokens; API keys stay valid)', ...sessionOnly, responses: { '204': ok('Signed out'), ...keyRefused } } },
      '/api/auth/me': {
        get: { summary: 'The signed-in user', responses: { '200': ok('{user}'), ...errors } },
        delete: { summary: 'Delete the account and all its monitors and API keys', ...sessionOnly, requestBody: body(deleteAccountSchema), responses: { '204': ok('Deleted'), ...errors, ...keyRefused } },
      },
      '/api/auth/password': { post: { summary: 'Change password (revokes all earlier tokens and every API key)', ...sessionOnly, requestBody: body(changePasswordSchema), responses: { '200': ok('{token, user}'), ...errors, ...keyRefused } } },
      '/api/keys': {
        get: { summary: 'Your API keys, newest first (the prefix only, never the key)', ...sessionOnly, responses: { '200': ok(`{apiKeys:[${apiKeyFields}]}`), ...errors, ...keyRefused } },
        post: {
          summary: 'Create an API key; the answer is the only time the key is shown',
          description: 'expiresAt: an ISO 8601 date-time in the future, or null / left out for a key that never expires. At most 50 keys per user (409).',
          ...sessionOnly,
          requestBody: body(createApiKeySchema),
          responses: { '201': ok(`{key: "pb_...", apiKey: ${apiKeyFields}}`), '409': ok('50 keys already'), ...errors, ...keyRefused },
        },
      },
      '/api/keys/{id}': {
        parameters: idParam,
        delete: { summary: 'Revoke a key: its next request gets 401', ...sessionOnly, responses: { '204': ok('Revoked'), ...errors, ...keyRefused } },
      },
      '/api/monitors': {
        get: { summary: 'List your monitors with uptime24h and recentChecks', description: monitorStates, responses: { '200': ok('{monitors:[monitor + uptime24h, uptime24hExcludingMaintenance, recentChecks]}'), ...errors } },
        post: {
          summary: 'Create a monitor',
          description: 'parentId must be another of your monitors and may not form a cycle (400 on parentId otherwise); degraded needs at least one threshold, or null.',
          requestBody: body(createMonitorSchema),
          responses: { '201': ok(monitorJson), ...errors },
        },
      },
      '/api/monitors/{id}': {
        parameters: idParam,
        get: { summary: 'One monitor', description: monitorStates, responses: { '200': ok(monitorJson), ...errors } },
        put: { summary: 'Update any subset of fields', requestBody: body(updateMonitorSchema), responses: { '200': ok('{monitor}'), ...errors } },
        patch: { summary: 'Update any subset of fields', requestBody: body(updateMonitorSchema), responses: { '200': ok('{monitor}'), ...errors } },
        delete: { summary: 'Delete a monitor and its history', responses: { '204': ok('Deleted'), ...errors } },
      },
      '/api/monitors/summary': {
        parameters: queryParams(dashboardFeedQuerySchema),
        get: {
          summary: 'Light rows of all your monitors for a list, or with ?since=<cursor> only those changed since; merge by id, and reload when your count differs from total (a monitor was deleted)',
          description: `${monitorStates} connectivity.state is offline while Pingboard's own network is down (every connectivity canary fails), since offlineSince.`,
          responses: {
            '200': ok(
              '{monitors:[{id, name, type, target, active, status, statusChangedAt, lastCheckedAt, lastLatencyMs, lastCause, lastError, consecutiveFailures, retries, phase, attempt, of, parentId, intervalSeconds, uptime24h, tagIds, hasWorkingChannel, maintenance}], cursor, total, partial, connectivity:{state: online|offline, offlineSince}}',
            ),
            ...errors,
          },
        },
      },
      '/api/monitors/heartbeats': {
        parameters: queryParams(heartbeatsQuerySchema),
        get: { summary: 'The newest checks of up to 200 monitors (ids comma-separated), oldest first', responses: { '200': ok('{heartbeats:{<id>:[{status, latencyMs, cause, checkedAt}]}}'), ...errors } },
      },
      '/api/monitors/bulk': {
        post: { summary: 'One action on up to 10,000 of your monitors: pause, resume, delete, addTag, removeTag, setChannels', requestBody: body(bulkActionSchema), responses: { '200': ok('{action, affected}'), ...errors } },
      },
      '/api/monitors/{id}/overview': {
        parameters: [...idParam, ...queryParams(uptimeQuerySchema)],
        get: { summary: 'Everything the monitor page shows, in one answer', responses: { '200': ok('{monitor, summary:{h24, d7, d30}, report, hours, timings, checks:{checks, nextCursor}, incidents, alerts}'), ...errors } },
      },
      '/api/tags': {
        get: { summary: 'Your tags, by name', responses: { '200': ok('{tags:[{id, name, color, monitorCount, createdAt}]}'), ...errors } },
        post: { summary: 'Create a tag (name unique per user)', requestBody: body(createTagSchema), responses: { '201': ok('{tag}'), '409': ok('Name taken'), ...errors } },
      },
      '/api/tags/{id}': {
        parameters: idParam,
        get: { summary: 'One tag', responses: { '200': ok('{tag}'), ...errors } },
        patch: { summary: 'Rename or recolour', requestBody: body(updateTagSchema), responses: { '200': ok('{tag}'), '409': ok('Name taken'), ...errors } },
        put: { summary: 'Same as PATCH', requestBody: body(updateTagSchema), responses: { '200': ok('{tag}'), ...errors } },
        delete: { summary: 'Delete a tag (monitors keep everything else)', responses: { '204': ok('Deleted'), ...errors } },
      },
      '/api/monitors/{id}/check': { parameters: idParam, post: { summary: 'Run a check now', responses: { '200': ok('{check}'), ...errors } } },
      '/api/monitors/{id}/checks': { parameters: [...idParam, ...queryParams(listChecksQuerySchema)], get: { summary: 'Check history, newest first', responses: { '200': ok('{checks, nextCursor}'), ...errors } } },
      '/api/monitors/{id}/uptime': { parameters: [...idParam, ...queryParams(uptimeQuerySchema)], get: { summary: 'Uptime over a window in 24 buckets', responses: { '200': ok('{uptimePercent, totalChecks, upChecks, avgLatencyMs, buckets}'), ...errors } } },
      '/api/monitors/{id}/timings': { parameters: [...idParam, ...queryParams(uptimeQuerySchema)], get: { summary: 'Median DNS/connect/TLS/TTFB/transfer times in 24 buckets', responses: { '200': ok('{buckets:[{start, end, samples, dnsMs, connectMs, tlsMs, ttfbMs, transferMs}]}'), ...errors } } },
      '/api/monitors/{id}/incidents': {
        parameters: idParam,
        get: {
          summary: 'Incidents, newest first: kind DOWN is an outage, DEGRADED a stretch of slowness (up all along)',
          responses: { '200': ok('{incidents:[{id, monitorId, kind: DOWN|DEGRADED, startedAt, endedAt, durationSeconds, ongoing, cause, firstError, lastError}]}'), ...errors },
        },
      },
      '/api/monitors/{id}/alerts': { parameters: idParam, get: { summary: 'Deliveries of its alerts, one per event and channel, newest first', responses: { '200': ok('{alerts:[{id, eventId, kind, incidentId, cause, channelId, channelKind, state, attempts, nextAttemptAt, lastError, createdAt, deliveredAt}]}'), ...errors } } },
      '/api/channels': {
        get: { summary: 'Your notification channels (secret settings are null)', responses: { '200': ok('{channels}'), ...errors } },
        post: { summary: 'Create a channel; settings depend on kind (see x-settings-by-kind)', requestBody: channelBody(createChannelSchema), responses: { '201': ok('{channel}'), ...errors } },
      },
      '/api/channels/{id}': {
        parameters: idParam,
        get: { summary: 'One channel', responses: { '200': ok('{channel}'), ...errors } },
        patch: { summary: 'Update any subset; secret settings left out or null keep their value; kind cannot change', requestBody: channelBody(updateChannelSchema), responses: { '200': ok('{channel}'), ...errors } },
        put: { summary: 'Same as PATCH', requestBody: channelBody(updateChannelSchema), responses: { '200': ok('{channel}'), ...errors } },
        delete: { summary: 'Delete a channel (its delivery history stays with the monitors)', responses: { '204': ok('Deleted'), ...errors } },
      },
      '/api/channels/{id}/test': { parameters: idParam, post: { summary: 'Send a marked test message now', responses: { '200': ok('{ok, providerStatus?, error?}'), ...errors } } },
      '/api/heartbeat/{token}': { get: { summary: 'Heartbeat ping (also POST); append /fail to report a failure', security: [], responses: { '200': ok('{ok:true}'), '404': ok('Unknown token') } } },
      '/api/status-pages': {
        get: { summary: 'Your status pages', responses: { '200': ok(`{statusPages:[${statusPageFields}]}`), ...errors } },
        post: { summary: 'Create a status page (published by default)', requestBody: body(createStatusPageSchema), responses: { '201': ok(`{statusPage: ${statusPageFields}}`), '409': ok('Slug or custom domain taken'), ...errors } },
      },
      '/api/status-pages/{id}': {
        parameters: idParam,
        get: { summary: 'One status page', responses: { '200': ok('{statusPage}'), ...errors } },
        patch: { summary: 'Update any subset; sections replace all sections; password null removes it', requestBody: body(updateStatusPageSchema), responses: { '200': ok('{statusPage}'), '409': ok('Slug or custom domain taken'), ...errors } },
        put: { summary: 'Same as PATCH', requestBody: body(updateStatusPageSchema), responses: { '200': ok('{statusPage}'), ...errors } },
        delete: { summary: 'Delete a status page and its incidents', responses: { '204': ok('Deleted'), ...errors } },
      },
      '/api/status-pages/{id}/incidents': {
        parameters: idParam,
        get: { summary: 'Incidents written on the page, newest first', responses: { '200': ok(`{incidents:[${incidentFields}]}`), ...errors } },
        post: { summary: 'Write an incident with its first update', requestBody: body(createPageIncidentSchema), responses: { '201': ok(`{incident: ${incidentFields}}`), ...errors } },
      },
      '/api/status-pages/{id}/incidents/{incidentId}': {
        parameters: incidentParams,
        get: { summary: 'One incident with its timeline', responses: { '200': ok('{incident}'), ...errors } },
        patch: { summary: 'Change title, impact or affected monitors', requestBody: body(updatePageIncidentSchema), responses: { '200': ok('{incident}'), ...errors } },
        delete: { summary: 'Delete an incident', responses: { '204': ok('Deleted'), ...errors } },
      },
      '/api/status-pages/{id}/incidents/{incidentId}/updates': {
        parameters: incidentParams,
        post: { summary: 'Add an update; the incident takes the status of its latest update', requestBody: body(createIncidentUpdateSchema), responses: { '201': ok('{incident, update}'), ...errors } },
      },
      '/api/maintenance': {
        get: { summary: 'Your maintenance windows', responses: { '200': ok(`{maintenance:[${maintenanceFields}]}`), ...errors } },
        post: { summary: 'Plan a maintenance window: one period, or a weekly or cron recurrence in a time zone', requestBody: body(createMaintenanceSchema), responses: { '201': ok(`{maintenance: ${maintenanceFields}}`), ...errors } },
      },
      '/api/maintenance/{id}': {
        parameters: idParam,
        get: { summary: 'One maintenance window', responses: { '200': ok('{maintenance}'), ...errors } },
        patch: { summary: 'Update any subset of fields', requestBody: body(updateMaintenanceSchema), responses: { '200': ok('{maintenance}'), ...errors } },
        put: { summary: 'Same as PATCH', requestBody: body(updateMaintenanceSchema), responses: { '200': ok('{maintenance}'), ...errors } },
        delete: { summary: 'Delete a maintenance window', responses: { '204': ok('Deleted'), ...errors } },
      },
      '/api/export': {
        get: {
          summary: 'Your monitors, tags, channels, status pages and maintenance windows as a Pingboard document (docs/config-format.md), secrets null',
          parameters: queryParams(exportQuerySchema),
          responses: { '200': ok('The document as an attachment (application/json or application/yaml; Content-Disposition names the file)'), ...errors },
        },
        post: {
          summary: 'The same export with secrets (channel secrets, secret monitor headers): the password typed again',
          description: 'includeSecrets=true and format go in the body or the query string; the body holds the password. Only for the password\'s session (cookie or login token); an API key gets 403. A wrong password is 403 and counts as a failed login (429 after too many).',
          ...sessionOnly,
          parameters: queryParams(exportWithSecretsQuerySchema),
          requestBody: body(exportWithSecretsSchema),
          responses: { '200': ok('The document as an attachment'), '403': ok('Wrong password, or an API key'), '429': ok('Too many wrong passwords; see Retry-After'), ...errors },
        },
      },
      '/api/import': {
        post: {
          summary: 'Import a Pingboard document (or an Uptime Kuma backup, or a Gatus config.yaml): plan, and unless dryRun=true apply it all in one transaction',
          description:
            'The body is the file, JSON or YAML (Content-Type application/json or application/yaml; otherwise JSON is tried, then YAML), at most 5 MB. Items match yours by key (an id of yours), else by name (a status page by slug, a maintenance window by title). A file with any problem changes nothing: 400 with each problem\'s path (e.g. monitors.3.intervalSeconds, or the line and column of a syntax error).',
          parameters: queryParams(importQuerySchema),
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '/api/schemas/export.json' } }, 'application/yaml': { schema: { $ref: '/api/schemas/export.json' } } } },
          responses: { '200': ok('{plan:[{type: monitor|tag|channel|statusPage|maintenanceWindow, name, action: create|update|unchanged|skipped, reason?}], applied}'), '409': ok('A limit per user would be passed'), ...errors },
        },
      },
      '/api/schemas/export.json': { get: { summary: 'The JSON Schema of the Pingboard document (public, cacheable)', security: [], responses: { '200': ok('JSON Schema (draft 2020-12)') } } },
      '/status/{slug}': { parameters: slugParam, get: { summary: `Public status page (HTML, no scripts). ${publicCache}`, security: [], responses: { '200': ok('HTML'), '401': ok('Password page; reveals nothing'), '404': ok('Unknown or unpublished') } } },
      '/status/{slug}/summary.json': {
        parameters: slugParam,
        get: {
          summary: `Machine-readable status. ${publicCache}`,
          security: [],
          description: 'status (overall): operational, maintenance, degraded_performance, partial_outage or major_outage, from best to worst; a component: operational, degraded, down, maintenance, pending or paused.',
          responses: { '200': ok('{page, status, components:[{id, name, section, status, since, uptime90d, uptime90dExcludingMaintenance, days:[{date, uptime, uptimeExcludingMaintenance, totalChecks, maintenanceChecks}], details?}], activeIncidents, outages, maintenance, generatedAt}'), '401': ok('Password needed'), '404': ok('Unknown or unpublished') },
        },
      },
      '/status/{slug}/feed.atom': { parameters: slugParam, get: { summary: `Atom feed of incidents and their updates. ${publicCache}`, security: [], responses: { '200': ok('Atom 1.0'), '401': ok('Password needed'), '404': ok('Unknown or unpublished') } } },
      '/status/{slug}/unlock': { parameters: slugParam, post: { summary: 'Password form post (field "password"); sets a cookie for this page only', security: [], responses: { '303': ok('Unlocked: back to the page'), '401': ok('Wrong password'), '429': ok('Too many guesses') } } },
      '/badge/{key}/status.svg': { parameters: [...keyParam, labelParam], get: { summary: 'Status badge (SVG, cacheable 60 s): up, degraded (amber), down, maintenance, paused or pending', security: [], responses: { '200': ok('SVG'), '404': ok('Neutral "not found" badge') } } },
      '/badge/{key}/uptime.svg': { parameters: [...keyParam, labelParam, windowParam], get: { summary: 'Uptime badge over a window', security: [], responses: { '200': ok('SVG'), '400': ok('Bad window'), '404': ok('Neutral "not found" badge') } } },
      '/badge/{key}/response.svg': { parameters: [...keyParam, labelParam], get: { summary: 'Average response time over 24 h', security: [], responses: { '200': ok('SVG'), '404': ok('Neutral "not found" badge') } } },
      '/api/healthz': { get: { summary: 'Liveness', security: [], responses: { '200': ok('{status, db, worker:{running, scheduled}, connectivity, offlineSince}'), '503': ok('Database unreachable') } } },
    }),
  };
}
