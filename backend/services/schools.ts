import { createHash } from 'node:crypto';
import type { Page } from '../../shared/api/common';
import type { ListSchoolsQuery, SchoolDto } from '../../shared/api/schools';
import { NotFoundError } from '../errors';
import { School, type SchoolFields } from '../models/School';
import { toSchoolDto, toSchoolFeatureCollection } from '../presenters';
import { cached } from './cache';

// The ~200 school locations change only with a re-seed: every list is filtered from one cached read
// (FerretDB answers a sorted, filtered query with a full scan anyway, at ~100× the cost).
const allSchools = cached(60_000, async () => {
  const docs = await School.find().lean<Array<SchoolFields & { _id: string }>>();
  return docs
    .map((d) => ({ dto: toSchoolDto(d), searchText: d.searchText }))
    .sort((a, b) => (a.dto.name < b.dto.name ? -1 : a.dto.name > b.dto.name ? 1 : a.dto.id < b.dto.id ? -1 : 1));
});

// The answers themselves, as JSON text with an ETag, per query, for as long as the cached list they were made from.
const pages = new Map<string, { from: unknown; json: string; etag: string }>();
const PAGES_MAX = 500;

/**
 * A page of schools as the API sends it (JSON, or GeoJSON with `format=geojson`), with an ETag: made once per
 * query and list, so a repeated list call does not filter, serialise and hash the same page again.
 */
export async function schoolsPageJson(query: ListSchoolsQuery): Promise<{ json: string; etag: string }> {
  const list = await allSchools.get();
  const key = JSON.stringify(query);
  const hit = pages.get(key);
  if (hit && hit.from === list) return hit;
  const page = pageOf(list, query);
  const json = JSON.stringify(query.format === 'geojson' ? toSchoolFeatureCollection(page.items, page.total) : page);
  const entry = { from: list, json, etag: `W/"${createHash('sha1').update(json).digest('base64url')}"` };
  if (pages.size >= PAGES_MAX) pages.clear();
  pages.set(key, entry);
  return entry;
}

/** One page of schools matching the filters, sorted by name. */
function pageOf(list: Awaited<ReturnType<typeof allSchools.get>>, query: ListSchoolsQuery): Page<SchoolDto> {
  const q = query.q?.toLowerCase();
  const matching = list.filter(
    ({ dto, searchText }) =>
      (!query.region || dto.region === query.region) &&
      (!query.municipality || dto.municipality === query.municipality) &&
      (query.type === 'vmbo' ? dto.offersVmbo : !query.type || dto.level === query.type) &&
      (!q || searchText.includes(q)),
  );
  const start = (query.page - 1) * query.pageSize;
  return {
    items: matching.slice(start, start + query.pageSize).map((s) => s.dto),
    total: matching.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Name and region of a school, from the cached list; read directly when it is not there (added since). */
export async function schoolNameAndRegion(id: string): Promise<{ name: string; region: string } | null> {
  const hit = (await allSchools.get()).find((s) => s.dto.id === id);
  if (hit) return { name: hit.dto.name, region: hit.dto.region };
  return School.findById(id, 'name region').lean<{ name: string; region: string }>();
}

/** The school with this id; throws NotFoundError when there is none. */
export async function getSchool(id: string): Promise<SchoolDto> {
  const doc = await School.findById(id).lean<SchoolFields & { _id: string }>();
  if (!doc) throw new NotFoundError(`School ${id}`);
  return toSchoolDto(doc);
}
