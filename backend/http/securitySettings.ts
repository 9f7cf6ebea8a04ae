import type { Request } from 'express';
import type { Config } from '../config';
import type { StreamLimits } from './streamLimits';

/** The settings of sessions, cookies, CORS and links; `now` is the clock, injectable for tests. */
export interface SecuritySettings {
  /** Cookies get `Secure` (production behind HTTPS). */
  secureCookies: boolean;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** Origins that may call the API from another site; empty: no CORS headers at all. */
  corsOrigins: string[];
  /** Public address of the app for links in emails, without a trailing slash. */
  appUrl: string;
  /** Express `trust proxy` (TRUST_PROXY): a hop count or addresses/ranges whose X-Forwarded-For is believed. */
  trustProxy: string | number;
  /** Open anonymous live streams per client IP and in all, on this instance (LIVE_PUBLIC_STREAMS_*). */
  publicStreams: StreamLimits;
  /** The per-account login slow-down (README, Login limits): the first wait and the longest. */
  loginSlowdown: { firstDelayMs: number; maxDelayMs: number };
  now: () => Date;
}

export const DEFAULT_SECURITY: SecuritySettings = {
  secureCookies: false,
  sessionIdleMs: 2 * 60 * 60_000,
  sessionAbsoluteMs: 12 * 60 * 60_000,
  corsOrigins: [],
  appUrl: 'http://localhost:3000',
  trustProxy: 'loopback',
  publicStreams: { perIp: 50, total: 1000 },
  loginSlowdown: { firstDelayMs: 1000, maxDelayMs: 10_000 },
  now: () => new Date(),
};

/** The security settings the configuration asks for. */
export function securityFromConfig(config: Config): SecuritySettings {
  return {
    secureCookies: config.isProduction,
    sessionIdleMs: config.sessionIdleMinutes * 60_000,
    sessionAbsoluteMs: config.sessionAbsoluteHours * 60 * 60_000,
    corsOrigins: config.corsOrigins,
    appUrl: config.appUrl,
    trustProxy: config.trustProxy,
    publicStreams: config.publicStreams,
    loginSlowdown: DEFAULT_SECURITY.loginSlowdown,
    now: () => new Date(),
  };
}

/** The settings of the app that serves this request (set by createApp on app.locals). */
export function securityOf(req: Request): SecuritySettings {
  return (req.app.locals.security as SecuritySettings | undefined) ?? DEFAULT_SECURITY;
}
