import { resolve } from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  MONGODB_URI: z
    .string()
    .trim()
    .regex(/^mongodb(\+srv)?:\/\//, 'MONGODB_URI moet beginnen met mongodb:// of mongodb+srv://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('./data'),
  FERRETDB_BIN: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  APP_URL: z.url().default('http://localhost:3000'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  CORS_ORIGINS: z.string().default(''),
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\//, 'SMTP_URL moet beginnen met smtp:// of smtps://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().min(3).default('Techniekwagen GLR <techniekwagen@localhost>'),
  OUTBOX_DIR: z.string().min(1).default('./data/outbox'),
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});

/** The app's configuration, read from the environment once. */
export interface Config {
  port: number;
  host: string;
  mongodbUri: string | undefined;
  dataDir: string;
  ferretdbBin: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  isProduction: boolean;
  /** NODE_ENV=test: documents written through insertPlain are checked against their model (db/batchedInsert.ts). */
  verifyPlainDocuments: boolean;
  /** Public address of the app, for links in emails (never taken from the request's Host header). */
  appUrl: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Origins allowed to call the API from another site; empty: CORS stays closed. */
  corsOrigins: string[];
  /** SMTP server for the outbox; unset: emails are written as .eml files to outboxDir. */
  smtpUrl: string | undefined;
  mailFrom: string;
  outboxDir: string;
  /** Sent emails are removed from the outbox after this many days. */
  outboxRetentionDays: number;
}

/** Parses the environment; throws a ConfigError naming every bad variable. Nothing else reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Ongeldige configuratie (zie .env.example): ${lines.join('; ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    mongodbUri: e.MONGODB_URI,
    dataDir: resolve(e.DATA_DIR),
    ferretdbBin: resolve(e.FERRETDB_BIN ?? '.tools/bin/ferretdb'),
    logLevel: e.LOG_LEVEL,
    isProduction: e.NODE_ENV === 'production',
    verifyPlainDocuments: e.NODE_ENV === 'test',
    appUrl: e.APP_URL.replace(/\/+$/, ''),
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    outboxDir: resolve(e.OUTBOX_DIR),
    outboxRetentionDays: e.OUTBOX_RETENTION_DAYS,
  };
}

/** A configuration problem that the user must fix before the app can start. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
