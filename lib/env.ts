import path from 'node:path';
import { z } from 'zod';

// process.env is parsed once, lazily: `next build` imports route modules, and the build
// must not depend on runtime settings.

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.string().default('production'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().min(1).optional(),
  JWT_SECRET: z.string().optional(),
  JWT_EXPIRES_IN_SECONDS: z.coerce.number().int().min(60).max(31_536_000).default(7 * 24 * 3600),
  BCRYPT_COST: z.coerce.number().int().min(10).max(15).default(12),
  SENDGRID_API_KEY: z.string().optional(),
  SENDGRID_API_BASE_URL: z.url().default('https://api.sendgrid.com'),
  ALERT_EMAIL_FROM: z.string().default('alerts@pingboard.local'),
  ALERT_RETRY_BASE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** How long a channel delivery keeps being retried after temporary failures. */
  ALERT_RETRY_HOURS: z.coerce.number().int().min(1).max(168).default(24),
  /** State changes of one user's monitors within this many seconds share one message per channel; 0: one message each, at once. */
  ALERT_GROUP_WINDOW_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  /** Comma-separated host:port or URLs Pingboard must reach; when a check fails and all of them fail too, the failure is Pingboard's own network (probe_offline). Empty: no guard. */
  CONNECTIVITY_CANARIES: z.string().default(''),
  /** Set: email goes through this SMTP server (nodemailer) instead of SendGrid. */
  SMTP_HOST: z.string().trim().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65_535).default(587),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  SMTP_SECURE: bool.default(false),
  /** Origins of the chat services' APIs, so a regional endpoint or a test fake can stand in. */
  TELEGRAM_API_BASE_URL: z.url().default('https://api.telegram.org'),
  PUSHOVER_API_BASE_URL: z.url().default('https://api.pushover.net'),
  /** The full Events API v2 enqueue URL. */
  PAGERDUTY_EVENTS_URL: z.url().default('https://events.pagerduty.com/v2/enqueue'),
  /** Defaults to http://localhost:<PORT>, filled in by getEnv. */
  APP_URL: z.url().optional(),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  BLOCK_PRIVATE_TARGETS: bool.default(false),
  TRUST_PROXY: bool.default(false),
  MAX_MONITORS_PER_USER: z.coerce.number().int().min(1).default(1000),
  MIN_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(1),
  /** Checks per second one user's active monitors may make together (the sum of 1/interval). */
  MAX_CHECKS_PER_SECOND_PER_USER: z.coerce.number().positive().default(20),
  /** Checks per second all monitors together may send to one destination host; more wait their turn. */
  MAX_CHECKS_PER_SECOND_PER_HOST: z.coerce.number().positive().default(10),
  /** open: anyone may create an account; closed: only the first one, later accounts come from `npm run user:add`. */
  SIGNUP: z.enum(['open', 'closed']).default('open'),
  /** Sign-up attempts one client address may make per hour. */
  SIGNUP_MAX_PER_HOUR: z.coerce.number().int().min(1).default(5),
  /** Failed logins within 15 minutes before login is refused: per (account, address), per account, per address. */
  LOGIN_MAX_FAILURES_PER_PAIR: z.coerce.number().int().min(1).default(10),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(100),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  /** Pings one heartbeat URL accepts per second; more answer 429. */
  HEARTBEAT_MAX_PER_SECOND: z.coerce.number().int().min(1).default(10),
  CHECK_RETENTION_DAYS: z.coerce.number().int().min(31).max(3650).default(90),
  /** off: this instance serves pages and the API and checks nothing (another instance does). */
  WORKER: z.enum(['on', 'off', 'true', 'false', '1', '0']).default('on').transform((v) => v === 'on' || v === 'true' || v === '1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set: GET /metrics answers Prometheus scrapes that send it as their bearer token; unset: /metrics is 404. */
  METRICS_TOKEN: z.string().optional(),
});

export type DatabaseEngine = 'sqlite' | 'postgresql';

export type Env = z.infer<typeof envSchema> & {
  /** postgres:// or postgresql:// selects PostgreSQL; anything else, or nothing, SQLite. */
  databaseEngine: DatabaseEngine;
  /** The SQLite file's path, or the PostgreSQL connection URL. */
  databaseLocation: string;
  dataDir: string;
  APP_URL: string;
};

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  // An empty variable means "not set", as in most tools' .env handling.
  const raw = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const dataDir = path.resolve(parsed.data.DATA_DIR);
  const url = parsed.data.DATABASE_URL;
  const databaseEngine: DatabaseEngine = url && /^postgres(ql)?:\/\//i.test(url) ? 'postgresql' : 'sqlite';
  const databaseLocation =
    databaseEngine === 'postgresql' ? url! : url ? path.resolve(url.replace(/^file:/, '')) : path.join(dataDir, 'pingboard.db');
  const APP_URL = (parsed.data.APP_URL ?? `http://localhost:${parsed.data.PORT}`).replace(/\/+$/, '');
  cached = { ...parsed.data, dataDir, databaseEngine, databaseLocation, APP_URL };
  return cached;
}
