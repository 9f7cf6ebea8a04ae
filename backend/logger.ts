import { pino, type Logger } from 'pino';

/** Creates the app's structured logger (JSON lines on stdout). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'mongodbUri'], remove: true },
  });
}
export type { Logger };
