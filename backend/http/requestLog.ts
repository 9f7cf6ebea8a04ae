import { randomUUID } from 'node:crypto';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger';

const REQUEST_ID = /^[\w-]{1,64}$/;

/** Structured request logs with a request id (taken from `X-Request-Id` when sane, else new), echoed back. */
export function requestLog(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId(req, res) {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel(_req, res, err) {
      if (res.statusCode === 503) return 'warn'; // database away: logged once by the error handler
      if (err || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'info';
      return 'debug';
    },
    customErrorObject(_req, res, _err, value: Record<string, unknown>) {
      // A 503 is an expected state, not a bug: no synthetic stack trace in the log.
      return res.statusCode === 503 ? { ...value, err: undefined } : value;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: redactTokens(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

/** Hides secret link tokens (invitation, reset, status links: long base64url path segments) in logged URLs. */
export function redactTokens(url: string): string {
  return url.replace(/\/[A-Za-z0-9_-]{32,}(?=[/?#]|$)/g, '/***');
}
