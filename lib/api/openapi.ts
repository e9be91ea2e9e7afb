import { z } from 'zod';
import { changePasswordSchema, deleteAccountSchema, loginSchema, signupSchema } from '@/lib/schemas/auth';
import { createMonitorSchema, updateMonitorSchema } from '@/lib/schemas/monitor';
import { listChecksQuerySchema, uptimeQuerySchema } from '@/lib/schemas/history';
import { createChannelSchema, updateChannelSchema } from '@/lib/schemas/channel';
import { CHANNEL_PROVIDERS } from '@/lib/alerting/providers';

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
const queryParams = (s: z.ZodObject) =>
  Object.entries(s.shape).map(([name, field]) => ({ name, in: 'query', required: false, schema: schema(field as z.ZodType) }));

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Pingboard API',
      version: '1.0.0',
      description:
        'JSON in and out. Authenticate with `Authorization: Bearer <token>` (from signup/login) or the session cookie. Errors are `{"error":{"code","message","issues"?}}`.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ bearer: [] }],
    paths: {
      '/api/auth/signup': { post: { summary: 'Create an account', security: [], requestBody: body(signupSchema), responses: { '201': ok('{token, user}'), '409': ok('Email exists'), ...errors } } },
      '/api/auth/login': { post: { summary: 'Sign in', security: [], requestBody: body(loginSchema), responses: { '200': ok('{token, user}'), '401': ok('Invalid email or password'), '429': ok('Too many failures; see Retry-After') } } },
      '/api/auth/logout': { post: { summary: 'Sign out everywhere (revokes all tokens)', responses: { '204': ok('Signed out') } } },
      '/api/auth/me': {
        get: { summary: 'The signed-in user', responses: { '200': ok('{user}'), ...errors } },
        delete: { summary: 'Delete the account and all its monitors', requestBody: body(deleteAccountSchema), responses: { '204': ok('Deleted'), ...errors } },
      },
      '/api/auth/password': { post: { summary: 'Change password (revokes all earlier tokens)', requestBody: body(changePasswordSchema), responses: { '200': ok('{token, user}'), ...errors } } },
      '/api/monitors': {
        get: { summary: 'List your monitors with uptime24h and recentChecks', responses: { '200': ok('{monitors}'), ...errors } },
        post: { summary: 'Create a monitor', requestBody: body(createMonitorSchema), responses: { '201': ok('{monitor}'), ...errors } },
      },
      '/api/monitors/{id}': {
        parameters: idParam,
        get: { summary: 'One monitor', responses: { '200': ok('{monitor}'), ...errors } },
        put: { summary: 'Update any subset of fields', requestBody: body(updateMonitorSchema), responses: { '200': ok('{monitor}'), ...errors } },
        patch: { summary: 'Update any subset of fields', requestBody: body(updateMonitorSchema), responses: { '200': ok('{monitor}'), ...errors } },
        delete: { summary: 'Delete a monitor and its history', responses: { '204': ok('Deleted'), ...errors } },
      },
      '/api/monitors/{id}/check': { parameters: idParam, post: { summary: 'Run a check now', responses: { '200': ok('{check}'), ...errors } } },
      '/api/monitors/{id}/checks': { parameters: [...idParam, ...queryParams(listChecksQuerySchema)], get: { summary: 'Check history, newest first', responses: { '200': ok('{checks, nextCursor}'), ...errors } } },
      '/api/monitors/{id}/uptime': { parameters: [...idParam, ...queryParams(uptimeQuerySchema)], get: { summary: 'Uptime over a window in 24 buckets', responses: { '200': ok('{uptimePercent, totalChecks, upChecks, avgLatencyMs, buckets}'), ...errors } } },
      '/api/monitors/{id}/timings': { parameters: [...idParam, ...queryParams(uptimeQuerySchema)], get: { summary: 'Median DNS/connect/TLS/TTFB/transfer times in 24 buckets', responses: { '200': ok('{buckets:[{start, end, samples, dnsMs, connectMs, tlsMs, ttfbMs, transferMs}]}'), ...errors } } },
      '/api/monitors/{id}/incidents': { parameters: idParam, get: { summary: 'Incidents, newest first', responses: { '200': ok('{incidents}'), ...errors } } },
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
      '/api/healthz': { get: { summary: 'Liveness', security: [], responses: { '200': ok('{status, db, worker:{running, scheduled}}'), '503': ok('Database unreachable') } } },
    },
  };
}
