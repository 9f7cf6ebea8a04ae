import type { RequestDto } from '../../shared/api/requests';
import { todayInAmsterdam } from '../live/liveState';

/** The page of a school contact's requests ("Mijn aanvragen"); one request is at `${MY_REQUESTS_PATH}/:id`. */
export const MY_REQUESTS_PATH = '/mijn-aanvragen';

/** Statuses in which a visit with a date can still happen. */
export const OPEN_VISIT_STATUSES: readonly string[] = ['planned', 'confirmed'];

/** The public live page of a visit's truck-day when the visit is today and still on; null otherwise. */
export function followUrlOf(request: Pick<RequestDto, 'visit' | 'status'>, today = todayInAmsterdam()): string | null {
  if (!request.visit || request.visit.date !== today || !OPEN_VISIT_STATUSES.includes(request.status)) return null;
  return `/volg/${encodeURIComponent(request.visit.truckId)}/${request.visit.date}`;
}
