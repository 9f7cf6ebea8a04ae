import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

/** Express's names for address ranges in `trust proxy`. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One item of TRUST_PROXY: a range name, an IP address, or an address with a prefix length or netmask. */
function isProxyAddress(item: string): boolean {
  if (PROXY_RANGE_NAMES.has(item)) return true;
  const [address, range, extra] = item.split('/');
  if (extra !== undefined || !address || !isIP(address)) return false;
  if (range === undefined) return true;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (isIP(address) === 4 ? 32 : 128);
  return isIP(range) === 4 && isIP(address) === 4;
}

/**
 * TRUST_PROXY in Express's `trust proxy` terms: a hop count (the number of proxies in front of the app) or
 * comma-separated addresses, CIDR ranges and range names whose X-Forwarded-For is believed. `true` (trust every
 * sender) is refused: anyone could then choose their own address and escape every per-IP limit.
 */
const trustProxySchema = z
  .string()
  .trim()
  .default('loopback')
  .transform((value, ctx): string | number => {
    if (value === '') return 'loopback';
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops <= 10) return hops;
    } else {
      const items = value
        .split(',')
        .map((i) => i.trim())
        .filter(Boolean);
      const bad = items.filter((i) => !isProxyAddress(i));
      if (items.length > 0 && bad.length === 0) return items.join(', ');
    }
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is geen aantal proxy's (0–10) en geen lijst van adressen/CIDR-bereiken (bijvoorbeeld 1 of 10.0.0.0/8, loopback)`,
    });
    return z.NEVER;
  });

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
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  CORS_ORIGINS: z.string().default(''),
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\//, 'SMTP_URL moet beginnen met smtp:// of smtps://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().min(3).default('Techniekwagen GLR <techniekwagen@localhost>'),
  OUTBOX_DIR: z.string().min(1).default('./data/outbox'),
  TRUST_PROXY: trustProxySchema,
  LIVE_PUBLIC_STREAMS_PER_IP: z.coerce.number().int().min(1).max(100_000).default(50),
  LIVE_PUBLIC_STREAMS_MAX: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  PLAN_RUNS_MAX: z.coerce.number().int().min(1).max(64).default(2),
  PLAN_RUNS_PER_USER: z.coerce.number().int().min(1).max(64).default(1),
  PLAN_SAFETY_STOP_FACTOR: z.coerce.number().min(1).max(100).default(3),
  PLANNING_LEAD_SCHOOL_DAYS: z.coerce.number().int().min(1).max(60).default(1),
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
  /**
   * Express `trust proxy`: whose X-Forwarded-For is believed for the client's IP (per-IP rate limits, logs). A hop
   * count or a list of addresses/ranges; default `loopback` (a proxy on this machine only).
   */
  trustProxy: string | number;
  /** Open anonymous live streams (the public live page) per client IP and in all, per instance. */
  publicStreams: { perIp: number; total: number };
  /** Plan runs (optimizer workers) at once on this instance, in all and per user; more wait their turn. */
  planRuns: { max: number; perUser: number; safetyStopFactor: number };
  /** No plan, move or publish places a visit before this many school days after today (1: the next school day). */
  planningLeadSchoolDays: number;
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
    trustProxy: e.TRUST_PROXY,
    publicStreams: { perIp: e.LIVE_PUBLIC_STREAMS_PER_IP, total: e.LIVE_PUBLIC_STREAMS_MAX },
    planRuns: { max: e.PLAN_RUNS_MAX, perUser: e.PLAN_RUNS_PER_USER, safetyStopFactor: e.PLAN_SAFETY_STOP_FACTOR },
    planningLeadSchoolDays: e.PLANNING_LEAD_SCHOOL_DAYS,
    outboxRetentionDays: e.OUTBOX_RETENTION_DAYS,
  };
}

/** A configuration problem that the user must fix before the app can start. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
