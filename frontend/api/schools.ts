import type { Page } from '../../shared/api/common';
import type { ListSchoolsQuery, SchoolDto, SchoolFeatureCollection } from '../../shared/api/schools';
import { getJson } from './http';

/** The most schools one request may return; the map loads them all in one page. */
export const MAX_PAGE_SIZE = 500;

export type SchoolListParams = Partial<Omit<ListSchoolsQuery, 'format'>>;

/** `GET /api/schools` as a page of DTOs. */
export function listSchools(params: SchoolListParams = {}, signal?: AbortSignal): Promise<Page<SchoolDto>> {
  return getJson<Page<SchoolDto>>('/api/schools', { ...params, format: 'json' }, signal);
}

/** `GET /api/schools?format=geojson`: the schools with a location as a FeatureCollection. */
export function listSchoolsGeoJson(
  params: SchoolListParams = {},
  signal?: AbortSignal,
): Promise<SchoolFeatureCollection> {
  return getJson<SchoolFeatureCollection>('/api/schools', { ...params, format: 'geojson' }, signal);
}

/** Every school, fetched page by page (one page of 500 covers Rijnmond today). */
export async function listAllSchools(signal?: AbortSignal): Promise<SchoolDto[]> {
  const first = await listSchools({ page: 1, pageSize: MAX_PAGE_SIZE }, signal);
  const items = [...first.items];
  const pages = Math.ceil(first.total / MAX_PAGE_SIZE);
  for (let page = 2; page <= pages; page++) {
    const next = await listSchools({ page, pageSize: MAX_PAGE_SIZE }, signal);
    items.push(...next.items);
  }
  return items;
}

/** `GET /api/schools/:id`. */
export function getSchool(id: string, signal?: AbortSignal): Promise<SchoolDto> {
  return getJson<SchoolDto>(`/api/schools/${encodeURIComponent(id)}`, undefined, signal);
}
