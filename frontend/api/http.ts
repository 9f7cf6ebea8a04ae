import { ERROR_CODES, type ErrorBody, type ErrorCode } from '../../shared/api/errors';

/** Codes the client adds for failures that never reached the API. */
export type ClientErrorCode = 'network_error' | 'bad_response';

/** A failed API call; `code` is the API's stable error code (or a client-side one), never message text. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: ErrorCode | ClientErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode | ClientErrorCode, message: string, status: number, details?: unknown) {
    super(message);
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export type QueryValue = string | number | boolean | null | undefined;

/** Builds `path?query`, leaving out empty values. */
export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((error as { code: string }).code)
  );
}

/** GETs JSON from the API; throws ApiError for network failures, error bodies and non-JSON answers. */
export async function getJson<T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), { headers: { Accept: 'application/json' }, signal: signal ?? null });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError('network_error', err instanceof Error ? err.message : 'network error', 0);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.ok ? 'bad_response' : 'internal', `HTTP ${response.status}`, response.status);
  }
  if (!response.ok) {
    if (isErrorBody(body)) throw new ApiError(body.error.code, body.error.message, response.status, body.error.details);
    throw new ApiError('internal', `HTTP ${response.status}`, response.status);
  }
  return body as T;
}

/** The session's CSRF token (the script-readable `csrf` cookie), or null when nobody is logged in. */
export function readCsrfToken(): string | null {
  const match = /(?:^|;\s*)csrf=([^;]*)/.exec(typeof document === 'undefined' ? '' : document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Sends a write (JSON body, X-CSRF-Token from the `csrf` cookie) and returns the JSON answer. Throws ApiError like
 * getJson, except for statuses listed in `acceptStatuses` (e.g. 422 with a plan check), whose body is returned.
 */
export async function sendJson<T>(
  method: WriteMethod,
  path: string,
  body?: unknown,
  options: { acceptStatuses?: readonly number[]; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const csrf = readCsrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError('network_error', err instanceof Error ? err.message : 'network error', 0);
  }
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    throw new ApiError(response.ok ? 'bad_response' : 'internal', `HTTP ${response.status}`, response.status);
  }
  if (response.ok || options.acceptStatuses?.includes(response.status)) return parsed as T;
  if (isErrorBody(parsed))
    throw new ApiError(parsed.error.code, parsed.error.message, response.status, parsed.error.details);
  throw new ApiError('internal', `HTTP ${response.status}`, response.status);
}
