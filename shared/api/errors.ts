/** Stable error codes of the HTTP API; the frontend switches on these, never on message text. */
export const ERROR_CODES = [
  'validation_failed',
  'invalid_id',
  'unauthenticated',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'invalid_transition',
  'slot_taken',
  'payload_too_large',
  'rate_limited',
  'database_unavailable',
  'server_busy',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The body of every error response: `{ error: { code, message, details? } }`. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
