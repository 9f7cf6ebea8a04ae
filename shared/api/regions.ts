import type { Geometry } from 'geojson';
import type { RegionId } from '../types/regions';

/** An STO region with its polygon (built from CBS municipality and district polygons) and counts. */
export interface RegionDto {
  id: RegionId;
  name: string;
  weight: number;
  color: string;
  municipalities: string[];
  assumption: string | null;
  geometry: Geometry;
  counts: { schools: number; vmboSchools: number };
}

/** A municipality outline, for the map's offline base layer. */
export interface MunicipalityDto {
  code: string;
  name: string;
  group: 'rijnmond' | 'neighbour';
  geometry: Geometry;
}

/** The truck depot. */
export interface DepotDto {
  id: string;
  name: string;
  address: string;
  location: [number, number];
}
