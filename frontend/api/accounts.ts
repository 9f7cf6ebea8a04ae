import type { SessionDto, UserDto } from '../../shared/api/auth';
import type { Page } from '../../shared/api/common';
import type { OutboxMessageDto } from '../../shared/api/outbox';
import { ERROR_CODES, type ErrorBody } from '../../shared/api/errors';
import { ApiError, getJson, readCsrfToken, sendJson } from './http';

/** `GET /api/session`: who is logged in. */
export function getSession(signal?: AbortSignal): Promise<SessionDto> {
  return getJson<SessionDto>('/api/session', undefined, signal);
}

/** `POST /api/session`: logs in; throws ApiError `unauthenticated` for a wrong email or password. */
export function logIn(email: string, password: string): Promise<SessionDto> {
  return sendJson<SessionDto>('POST', '/api/session', { email, password });
}

/** `DELETE /api/session`: logs out. */
export function logOut(): Promise<void> {
  return sendNoContent('DELETE', '/api/session');
}

/** `POST /api/password-resets`: asks for a reset link (the same answer whether or not the account exists). */
export function requestPasswordReset(email: string): Promise<{ message: string }> {
  return sendJson('POST', '/api/password-resets', { email });
}

/** `POST /api/password-resets/:token`: sets a new password with an emailed link. */
export async function resetPassword(token: string, password: string): Promise<void> {
  await sendNoContent('POST', `/api/password-resets/${encodeURIComponent(token)}`, { password });
}

/** `POST /api/invitations/:token/accept`. */
export function acceptInvitation(
  token: string,
  input: { name: string; password: string; language?: 'nl' | 'en' },
): Promise<UserDto> {
  return sendJson('POST', `/api/invitations/${encodeURIComponent(token)}/accept`, input);
}

/** `GET /api/users` (admin). */
export function listUsers(signal?: AbortSignal): Promise<Page<UserDto>> {
  return getJson<Page<UserDto>>('/api/users', { pageSize: 500 }, signal);
}

/** `POST /api/invitations` (admin). */
export function inviteUser(input: {
  email: string;
  role: UserDto['role'];
  name?: string;
  schoolIds?: string[];
  language?: 'nl' | 'en';
}): Promise<UserDto> {
  return sendJson('POST', '/api/invitations', input);
}

/** `PATCH /api/users/:id` (admin). */
export function updateUser(
  id: string,
  input: { role?: UserDto['role']; status?: 'active' | 'deactivated'; schoolIds?: string[]; name?: string },
): Promise<UserDto> {
  return sendJson('PATCH', `/api/users/${encodeURIComponent(id)}`, input);
}

/** `GET /api/outbox` (admin). */
export function listOutbox(signal?: AbortSignal): Promise<Page<OutboxMessageDto>> {
  return getJson<Page<OutboxMessageDto>>('/api/outbox', { pageSize: 200 }, signal);
}

/** `GET /api/outbox/:id` (admin). */
export function getOutboxMessage(id: string, signal?: AbortSignal): Promise<OutboxMessageDto> {
  return getJson<OutboxMessageDto>(`/api/outbox/${encodeURIComponent(id)}`, undefined, signal);
}

/** A write whose success has no body (204); errors become ApiError like everywhere else. */
async function sendNoContent(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<void> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const csrf = readCsrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (err) {
    throw new ApiError('network_error', err instanceof Error ? err.message : 'network error', 0);
  }
  if (res.ok) return;
  const parsed = (await res.json().catch(() => null)) as ErrorBody | null;
  const code = parsed?.error?.code;
  if (code && (ERROR_CODES as readonly string[]).includes(code))
    throw new ApiError(code, parsed!.error.message, res.status, parsed!.error.details);
  throw new ApiError('internal', `HTTP ${res.status}`, res.status);
}
