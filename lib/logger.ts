import pino from 'pino';

// JSON lines on stdout. Secrets are redacted by path, so a stray object in a log call
// cannot leak a password, token or API key.
const globalForLogger = globalThis as unknown as { __pingboardLogger?: pino.Logger };

export const logger: pino.Logger =
  globalForLogger.__pingboardLogger ??
  (globalForLogger.__pingboardLogger = pino({
    level: process.env.LOG_LEVEL ?? 'info',
    base: { app: 'pingboard' },
    redact: {
      paths: [
        'password',
        '*.password',
        'passwordHash',
        '*.passwordHash',
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'headers',
        '*.headers',
        'apiKey',
        '*.apiKey',
      ],
      censor: '[redacted]',
    },
  }));
