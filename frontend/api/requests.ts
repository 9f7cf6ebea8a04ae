import type { Page } from '../../shared/api/common';
import type {
  ChangeStatusInput,
  CreatedRequestDto,
  CreateRequestInput,
  ListRequestsQuery,
  RequestDto,
  UpdateRequestInput,
} from '../../shared/api/requests';
import { getJson, sendJson } from './http';

/** `POST /api/requests`: the public request form; answers the request and its secret status link. */
export function createRequest(input: CreateRequestInput): Promise<CreatedRequestDto> {
  return sendJson<CreatedRequestDto>('POST', '/api/requests', input);
}

/** `GET /api/requests` with filters (crew: all; school contact: its own schools). */
export function listRequests(query: Partial<ListRequestsQuery> = {}, signal?: AbortSignal): Promise<Page<RequestDto>> {
  return getJson<Page<RequestDto>>('/api/requests', query, signal);
}

/** `GET /api/requests/:id`. */
export function getRequest(id: string, signal?: AbortSignal): Promise<RequestDto> {
  return getJson<RequestDto>(`/api/requests/${encodeURIComponent(id)}`, undefined, signal);
}

/** `PATCH /api/requests/:id`: changed wishes, with the version seen (409 `conflict` says what changed). */
export function updateRequest(id: string, input: UpdateRequestInput): Promise<RequestDto> {
  return sendJson<RequestDto>('PATCH', `/api/requests/${encodeURIComponent(id)}`, input);
}

/** `POST /api/requests/:id/status`: accept, decline (with reason), cancel… */
export function changeRequestStatus(id: string, input: ChangeStatusInput): Promise<RequestDto> {
  return sendJson<RequestDto>('POST', `/api/requests/${encodeURIComponent(id)}/status`, input);
}

const statusPath = (token: string) => `/api/status/${encodeURIComponent(token)}`;

/** `GET /api/status/:token`: the request behind a school's secret status link. */
export function getRequestByToken(token: string, signal?: AbortSignal): Promise<RequestDto> {
  return getJson<RequestDto>(statusPath(token), undefined, signal);
}

/** `PATCH /api/status/:token`: the school changes its wishes. */
export function updateRequestByToken(token: string, input: UpdateRequestInput): Promise<RequestDto> {
  return sendJson<RequestDto>('PATCH', statusPath(token), input);
}

/** `POST /api/status/:token/status`: the school cancels. */
export function changeStatusByToken(token: string, input: ChangeStatusInput): Promise<RequestDto> {
  return sendJson<RequestDto>('POST', `${statusPath(token)}/status`, input);
}

/** The calendar file of a planned visit (`GET /api/status/:token/visit.ics`). */
export function visitIcsUrl(token: string): string {
  return `${statusPath(token)}/visit.ics`;
}
