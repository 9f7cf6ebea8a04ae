import type { ErrorRequestHandler, RequestHandler } from 'express';
import mongoose from 'mongoose';
import { ZodError } from 'zod';
import type { ErrorBody, ErrorCode } from '../../shared/api/errors';
import { AppError, DatabaseUnavailableError } from '../errors';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_id: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  slot_taken: 409,
  payload_too_large: 413,
  rate_limited: 429,
  database_unavailable: 503,
  server_busy: 503,
  internal: 500,
};

/** The one place where errors become HTTP statuses and `{error: {code, message, details}}` bodies. */
export const errorHandler: ErrorRequestHandler = (err, req, res, next) => {
  if (res.headersSent) return next(err);
  const appErr = toAppError(err);
  if (appErr.code === 'internal') req.log?.error({ err }, 'unhandled error');
  else if (appErr.code === 'database_unavailable')
    req.log?.warn({ err: (err as Error).message }, 'database unavailable');
  if (appErr.code === 'database_unavailable') res.set('Retry-After', '5');
  const retryAfter = (appErr as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  if (typeof retryAfter === 'number') res.set('Retry-After', String(retryAfter)); // RateLimitedError, ServerBusyError
  const body: ErrorBody = { error: { code: appErr.code, message: appErr.message } };
  if (appErr.details !== undefined) body.error.details = appErr.details;
  res.status(STATUS_BY_CODE[appErr.code]).json(body);
};

/** Unknown `/api/...` paths: 404 in the same error format (not the SPA's index.html). */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `Onbekend adres: ${req.method} ${req.originalUrl.split('?')[0]}`));
};

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) {
    return new AppError(
      'validation_failed',
      `Ongeldige invoer: ${err.issues.map((i) => `${i.path.join('.') || 'invoer'}: ${i.message}`).join('; ')}`,
      err.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })),
    );
  }
  if (err instanceof mongoose.Error.ValidationError) {
    return new AppError(
      'validation_failed',
      'Ongeldige invoer.',
      Object.values(err.errors).map((e) => ({ path: e.path, message: e.message })),
    );
  }
  if (err instanceof mongoose.Error.CastError) return new AppError('invalid_id', `Ongeldige waarde voor ${err.path}.`);
  if (isDuplicateKey(err)) return new AppError('conflict', 'Dit bestaat al.');
  if (isDatabaseDown(err)) return new DatabaseUnavailableError();
  const e = err as { type?: string; status?: number };
  if (e.type === 'entity.too.large') return new AppError('payload_too_large', 'Het verzoek is te groot.');
  if (e.type === 'entity.parse.failed') return new AppError('validation_failed', 'De body is geen geldige JSON.');
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AppError('validation_failed', 'Het verzoek kan niet worden gelezen.');
  }
  return new AppError(
    'internal',
    'Er ging iets mis aan onze kant. Probeer het opnieuw; blijft het misgaan, meld het dan.',
  );
}

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** Driver error classes that mean "no database right now" (recognised by class, not by text). */
const DOWN_NAMES = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
  'MongoPoolClosedError',
  'PoolClosedError',
  'MongoPoolClearedError',
  'MongooseServerSelectionError',
  'MongoOperationTimeoutError',
]);
/**
 * Socket errors of a connection whose other end went away. The driver passes some of them on unwrapped: a write on
 * the embedded database's Unix socket just after it died rejects with Node's own `write EPIPE`.
 */
const SOCKET_GONE_CODES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED']);
/** Server error codes of a server that is stopping or not (yet) able to take writes. */
const DOWN_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

/**
 * Driver and mongoose errors that mean "no database right now": a lost or closed connection, a pool or topology
 * closed, no server to select, a server shutting down; also when such an error is wrapped, e.g. a
 * MongoBulkWriteError from an insertMany whose connection died (its errorResponse or cause, or write errors with such codes),
 * or carries the driver's NetworkError / ResetPool label.
 */
export function isDatabaseDown(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 4) return false;
  if (DOWN_NAMES.has(err.name)) return true;
  const e = err as Error & {
    code?: unknown;
    errorLabels?: unknown;
    hasErrorLabel?: (label: string) => boolean;
    writeErrors?: unknown;
    writeConcernError?: { code?: unknown };
  };
  if (typeof e.code === 'number' && DOWN_CODES.has(e.code)) return true;
  const syscall = (err as NodeJS.ErrnoException).syscall;
  if (typeof e.code === 'string' && SOCKET_GONE_CODES.has(e.code) && typeof syscall === 'string') return true;
  const labels = Array.isArray(e.errorLabels) ? (e.errorLabels as string[]) : [];
  const hasLabel = (l: string) => labels.includes(l) || (typeof e.hasErrorLabel === 'function' && e.hasErrorLabel(l));
  if (hasLabel('NetworkError') || hasLabel('ResetPool')) return true;
  if (typeof e.writeConcernError?.code === 'number' && DOWN_CODES.has(e.writeConcernError.code)) return true;
  const writeErrors = Array.isArray(e.writeErrors) ? e.writeErrors : e.writeErrors ? [e.writeErrors] : [];
  if (
    writeErrors.length > 0 &&
    writeErrors.every((w: { code?: unknown }) => typeof w.code === 'number' && DOWN_CODES.has(w.code))
  )
    return true;
  // A MongoBulkWriteError keeps the error that ended the batch (e.g. the MongoNetworkError of a closed connection) as
  // its errorResponse.
  const wrapped = (e as { errorResponse?: unknown }).errorResponse;
  if (wrapped instanceof Error && isDatabaseDown(wrapped, depth + 1)) return true;
  return err.cause !== undefined && isDatabaseDown(err.cause, depth + 1);
}
