import type { CalendarEntryDto, CalendarQuery } from '../../shared/api/calendar';
import { getJson } from './http';

/** `GET /api/calendar?from&to`: holidays and truck-unavailable periods overlapping the range. */
export function listCalendar(query: CalendarQuery, signal?: AbortSignal): Promise<CalendarEntryDto[]> {
  return getJson<CalendarEntryDto[]>('/api/calendar', query, signal);
}
