import type { ErrorCode } from '../shared/api/errors';

/** A failure the client can understand; mapped to an HTTP status in http/errorHandler.ts only. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The requested record does not exist. */
export class NotFoundError extends AppError {
  constructor(what: string, details?: unknown) {
    super('not_found', `${what} bestaat niet.`, details);
  }
}

/** The input is not acceptable; `details` lists the fields. */
export class InvalidInputError extends AppError {
  constructor(message: string, details?: unknown) {
    super('validation_failed', message, details);
  }
}

/** The database does not answer; the client should retry later. */
export class DatabaseUnavailableError extends AppError {
  constructor() {
    super(
      'database_unavailable',
      'De database is tijdelijk niet bereikbaar. Probeer het over een paar seconden opnieuw.',
    );
  }
}

/** The record changed since the client read it (optimistic concurrency); `details` says what changed. */
export class StaleVersionError extends AppError {
  constructor(message: string, details?: unknown) {
    super('conflict', message, details);
  }
}

/** The action is not allowed in the record's current state (e.g. a status change the lifecycle forbids). */
export class InvalidStateError extends AppError {
  constructor(message: string, details?: unknown) {
    super('invalid_transition', message, details);
  }
}

/** Nobody is logged in (or the session ended) and the action needs a user. */
export class UnauthenticatedError extends AppError {
  constructor(message = 'Log eerst in.') {
    super('unauthenticated', message);
  }
}

/** The logged-in user's role may not do this. */
export class ForbiddenError extends AppError {
  constructor(message = 'Je hebt geen toegang tot deze actie.') {
    super('forbidden', message);
  }
}

/** A write with a session cookie lacks the matching X-CSRF-Token header. */
export class CsrfError extends AppError {
  constructor() {
    super('csrf_failed', 'De beveiligingscode van dit formulier ontbreekt of klopt niet. Laad de pagina opnieuw.');
  }
}

/** Too many attempts; `retryAfterSeconds` says when to try again. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `Te veel pogingen. Probeer het over ${formatWait(retryAfterSeconds)} opnieuw.`, {
      retryAfterSeconds,
    });
  }
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconden`;
  return `${Math.ceil(seconds / 60)} minuten`;
}
