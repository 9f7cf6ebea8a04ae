import { z } from 'zod';
import { pagingSchema } from './common';
import { REGION_IDS, type LngLat, type RegionId } from '../types/regions';

/** School kinds as DUO names them: regular secondary (vo) or special secondary (vso). */
export const SCHOOL_LEVELS = ['vo', 'vso'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

/** A school's id: its lowercased DUO vestigingscode (e.g. "23ja01") or a slug for a school DUO lacks. */
export const SCHOOL_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,59}$/;
export const schoolIdSchema = z.string().regex(SCHOOL_ID_PATTERN, 'is geen geldige school-id');

/** Query of `GET /api/schools`. Unknown parameters are rejected so typos do not silently match everything. */
export const listSchoolsQuerySchema = pagingSchema
  .extend({
    region: z.enum(REGION_IDS).optional(),
    municipality: z.string().trim().min(1).max(80).optional(),
    type: z.enum(['vmbo', 'vo', 'vso']).optional(),
    q: z.string().trim().min(1).max(100).optional(),
    format: z.enum(['json', 'geojson']).default('json'),
  })
  .strict();
export type ListSchoolsQuery = z.infer<typeof listSchoolsQuerySchema>;

/** A school location as the API presents it. `location` is null when the address is not known. */
export interface SchoolDto {
  id: string;
  name: string;
  brin: string | null;
  vestigingscode: string | null;
  address: { street: string | null; houseNumber: string | null; postcode: string | null; place: string };
  municipality: string;
  municipalityCode: string;
  region: RegionId;
  level: SchoolLevel;
  schoolType: string | null;
  offersVmbo: boolean;
  pupils: number | null;
  website: string | null;
  stoProgramme: boolean;
  location: LngLat | null;
  locationNote: string | null;
}

/** `?format=geojson`: a FeatureCollection of the schools that have a location. */
export interface SchoolFeatureCollection {
  type: 'FeatureCollection';
  features: Array<{
    type: 'Feature';
    id: string;
    geometry: { type: 'Point'; coordinates: LngLat };
    properties: Omit<SchoolDto, 'location'>;
  }>;
  total: number;
  withoutLocation: number;
}
