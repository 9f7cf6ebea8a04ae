import type { SessionDto } from '../../shared/api/auth';
import type {
  ChooseAlternativeInput,
  CreatePlanInput,
  DayFlagDto,
  FillSlotResultDto,
  SlotCandidateDto,
  EditPlanInput,
  MoveVisitInput,
  PlanCheckDto,
  PlanDto,
  PlanListItemDto,
  PublishReportDto,
  TruckDayDto,
  TruckDto,
  WeekAvailabilityDto,
} from '../../shared/api/plans';
import { getJson, sendJson } from './http';

/** A plan with the outcome of a checked edit: `check.valid` false means refused (422) and nothing was saved. */
export interface CheckedPlanDto {
  plan: PlanDto;
  check: PlanCheckDto;
}

export type { PublishReportDto, TruckDayDto, TruckDto, WeekAvailabilityDto };

/** `GET /api/trucks`: every truck (public). */
export function listTrucks(signal?: AbortSignal): Promise<TruckDto[]> {
  return getJson('/api/trucks', undefined, signal);
}

/** `GET /api/availability`: visit slots and published visits per ISO week (public, no school names). */
export function getAvailability(from: string, to: string, signal?: AbortSignal): Promise<WeekAvailabilityDto[]> {
  return getJson('/api/availability', { from, to }, signal);
}

/** `GET /api/plans`: the plans, newest first, without their large parts. */
export function listPlans(signal?: AbortSignal): Promise<PlanListItemDto[]> {
  return getJson('/api/plans', undefined, signal);
}

/** `POST /api/plans` ("Plan maken"): answers at once with a queued plan; poll getPlan for progress. */
export function createPlan(
  input: Partial<CreatePlanInput> & Pick<CreatePlanInput, 'from' | 'to' | 'truckIds'>,
): Promise<PlanDto> {
  return sendJson<PlanDto>('POST', '/api/plans', input);
}

/** `GET /api/plans/:id`. */
export function getPlan(id: string, signal?: AbortSignal): Promise<PlanDto> {
  return getJson<PlanDto>(`/api/plans/${encodeURIComponent(id)}`, undefined, signal);
}

/** `DELETE /api/plans/:id/run`: stops a running plan. */
export function cancelPlanRun(id: string): Promise<PlanDto> {
  return sendJson<PlanDto>('DELETE', `/api/plans/${encodeURIComponent(id)}/run`);
}

/** `PUT /api/plans/:id/routes`: saves edited routes when every hard rule holds (else 422 with the violations). */
export function editPlanRoutes(id: string, input: EditPlanInput): Promise<CheckedPlanDto> {
  return sendJson<CheckedPlanDto>('PUT', `/api/plans/${encodeURIComponent(id)}/routes`, input, {
    acceptStatuses: [422],
  });
}

/** `POST /api/plans/:id/move`: one visit to another truck/day; the server retimes it or refuses (422) with the reason. */
export function moveVisit(id: string, input: MoveVisitInput): Promise<CheckedPlanDto> {
  return sendJson<CheckedPlanDto>('POST', `/api/plans/${encodeURIComponent(id)}/move`, input, {
    acceptStatuses: [422],
  });
}

/** `POST /api/plans/:id/publish`: makes the plan the tour. */
export function publishPlan(id: string, version: number): Promise<PublishReportDto> {
  return sendJson<PublishReportDto>('POST', `/api/plans/${encodeURIComponent(id)}/publish`, { version });
}

/** `GET /api/tour?from&to`: the published truck-days with stops in a period. */
export function listTour(from: string, to: string, signal?: AbortSignal): Promise<TruckDayDto[]> {
  return getJson<TruckDayDto[]>('/api/tour', { from, to }, signal);
}

/** `GET /api/trucks/:truckId/days/:date`. */
export function getTruckDay(truckId: string, date: string, signal?: AbortSignal): Promise<TruckDayDto> {
  return getJson<TruckDayDto>(
    `/api/trucks/${encodeURIComponent(truckId)}/days/${encodeURIComponent(date)}`,
    undefined,
    signal,
  );
}

/** `GET /api/session`: who is logged in (user null when nobody). */
export function readSession(signal?: AbortSignal): Promise<SessionDto> {
  return getJson<SessionDto>('/api/session', undefined, signal);
}

/** `GET /api/tour/flags?from&to`: published days that changed after publishing, for the planning board. */
export function listDayFlags(from: string, to: string, signal?: AbortSignal): Promise<DayFlagDto[]> {
  return getJson<DayFlagDto[]>('/api/tour/flags', { from, to }, signal);
}

/** `POST /api/tour/flags/:id/resolve`: the crew has dealt with a flagged day ("Gezien"). */
export function resolveDayFlag(id: string): Promise<{ resolved: boolean }> {
  return sendJson<{ resolved: boolean }>('POST', `/api/tour/flags/${encodeURIComponent(id)}/resolve`, {});
}

/** `POST /api/tour/flags/:id/fill`: plans a waiting request in the flagged day's free slot ("Inplannen"). */
export function fillSlot(id: string, requestId: string): Promise<FillSlotResultDto> {
  return sendJson<FillSlotResultDto>('POST', `/api/tour/flags/${encodeURIComponent(id)}/fill`, { requestId });
}

/** `GET /api/tour/flags/:id/candidates`: waiting requests that fit the flagged day's free slot, best first. */
export function listSlotCandidates(id: string, signal?: AbortSignal): Promise<SlotCandidateDto[]> {
  return getJson<SlotCandidateDto[]>(`/api/tour/flags/${encodeURIComponent(id)}/candidates`, undefined, signal);
}

/** `POST /api/plans/:id/choose`: makes one of the plan's alternatives its plan, with the crew's note on why. */
export function chooseAlternative(id: string, input: ChooseAlternativeInput): Promise<PlanDto> {
  return sendJson<PlanDto>('POST', `/api/plans/${encodeURIComponent(id)}/choose`, input);
}
