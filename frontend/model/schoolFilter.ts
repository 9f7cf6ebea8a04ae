import type { SchoolDto } from '../../shared/api/schools';
import { REGION_IDS, type RegionId } from '../../shared/types/regions';

export const SCHOOL_TYPE_FILTERS = ['vmbo', 'vo', 'vso'] as const;
export type SchoolTypeFilter = (typeof SCHOOL_TYPE_FILTERS)[number];

/** The list and map filters; the same names as the query of `GET /api/schools`. */
export interface SchoolFilter {
  region: RegionId | null;
  municipality: string | null;
  type: SchoolTypeFilter | null;
  q: string;
}

export const EMPTY_FILTER: SchoolFilter = { region: null, municipality: null, type: null, q: '' };

/** Returns true when no filter is set. */
export function isFilterEmpty(filter: SchoolFilter): boolean {
  return !filter.region && !filter.municipality && !filter.type && filter.q.trim() === '';
}

/** Lower case without accents, so "Melanchthon" matches "melanchthon" and "Goeree" matches "goerée". */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

function searchText(school: SchoolDto): string {
  const a = school.address;
  return normalizeText(
    [
      school.name,
      a.street,
      a.houseNumber,
      a.postcode,
      a.postcode?.replace(/\s/g, ''),
      a.place,
      school.municipality,
      school.brin,
      school.vestigingscode,
    ]
      .filter(Boolean)
      .join(' '),
  );
}

/** Returns true when a school passes every part of the filter; every word of `q` must occur. */
export function matchesFilter(school: SchoolDto, filter: SchoolFilter): boolean {
  if (filter.region && school.region !== filter.region) return false;
  if (filter.municipality && school.municipality !== filter.municipality) return false;
  if (filter.type === 'vmbo' && !school.offersVmbo) return false;
  if ((filter.type === 'vo' || filter.type === 'vso') && school.level !== filter.type) return false;
  const words = normalizeText(filter.q).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = searchText(school);
  return words.every((w) => haystack.includes(w));
}

/** The schools that pass the filter, sorted by name (Dutch collation). */
export function filterSchools(schools: readonly SchoolDto[], filter: SchoolFilter): SchoolDto[] {
  return schools.filter((s) => matchesFilter(s, filter)).sort(compareSchools);
}

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

/** Orders schools by name, then by place. */
export function compareSchools(a: SchoolDto, b: SchoolDto): number {
  return collator.compare(a.name, b.name) || collator.compare(a.address.place, b.address.place);
}

/** The municipalities that have schools (in the chosen region, if any), sorted. */
export function municipalityOptions(schools: readonly SchoolDto[], region: RegionId | null): string[] {
  const names = new Set(schools.filter((s) => !region || s.region === region).map((s) => s.municipality));
  return [...names].sort(collator.compare);
}

function isRegionId(value: string | null): value is RegionId {
  return value !== null && (REGION_IDS as readonly string[]).includes(value);
}

function isTypeFilter(value: string | null): value is SchoolTypeFilter {
  return value !== null && (SCHOOL_TYPE_FILTERS as readonly string[]).includes(value);
}

/** Reads a filter from a URL query string; unknown or invalid values are ignored. */
export function filterFromSearch(search: string): SchoolFilter {
  const params = new URLSearchParams(search);
  const region = params.get('region');
  const type = params.get('type');
  const municipality = params.get('municipality')?.trim();
  return {
    region: isRegionId(region) ? region : null,
    municipality: municipality ? municipality.slice(0, 80) : null,
    type: isTypeFilter(type) ? type : null,
    q: (params.get('q') ?? '').slice(0, 100),
  };
}

/** Writes a filter as a query string ("" when empty, else starting with "?"), so a filtered view can be shared. */
export function filterToSearch(filter: SchoolFilter): string {
  const params = new URLSearchParams();
  if (filter.region) params.set('region', filter.region);
  if (filter.municipality) params.set('municipality', filter.municipality);
  if (filter.type) params.set('type', filter.type);
  if (filter.q.trim()) params.set('q', filter.q.trim());
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}
