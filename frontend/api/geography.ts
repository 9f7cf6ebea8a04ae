import type { DepotDto, MunicipalityDto, RegionDto } from '../../shared/api/regions';
import { getJson } from './http';

/** `GET /api/regions`: the seven STO regions with polygon, colour and counts. */
export function listRegions(signal?: AbortSignal): Promise<RegionDto[]> {
  return getJson<RegionDto[]>('/api/regions', undefined, signal);
}

/** `GET /api/municipalities`: municipality outlines for the offline base map. */
export function listMunicipalities(signal?: AbortSignal): Promise<MunicipalityDto[]> {
  return getJson<MunicipalityDto[]>('/api/municipalities', undefined, signal);
}

/** `GET /api/depots`. */
export function listDepots(signal?: AbortSignal): Promise<DepotDto[]> {
  return getJson<DepotDto[]>('/api/depots', undefined, signal);
}
