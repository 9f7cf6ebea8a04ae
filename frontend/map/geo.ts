import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { MunicipalityDto, RegionDto } from '../../shared/api/regions';
import type { SchoolDto } from '../../shared/api/schools';
import { REGION_COLORS, type LngLat, type RegionId } from '../../shared/types/regions';

/** A Leaflet position: [latitude, longitude] in WGS84 degrees (the reverse of GeoJSON). */
export type LatLng = [number, number];
/** South-west and north-east corners as [lat, lng] pairs. */
export type LatLngBounds = [LatLng, LatLng];

/** Rijnmond from Goeree to Lansingerland: the view when no outline data is loaded yet. */
export const RIJNMOND_BOUNDS: LatLngBounds = [
  [51.65, 3.83],
  [52.07, 4.68],
];

/** Converts a GeoJSON [lng, lat] position to Leaflet's [lat, lng]. */
export function toLatLng([lng, lat]: LngLat): LatLng {
  return [lat, lng];
}

/** A school that can be drawn: it has a location. */
export interface SchoolMarker {
  id: string;
  name: string;
  region: RegionId;
  position: LatLng;
  color: string;
}

/** Markers for the schools with a known location; schools whose `location` is null are left out. */
export function toSchoolMarkers(schools: readonly SchoolDto[]): SchoolMarker[] {
  const markers: SchoolMarker[] = [];
  for (const s of schools) {
    if (!s.location) continue;
    markers.push({
      id: s.id,
      name: s.name,
      region: s.region,
      position: toLatLng(s.location),
      color: regionColor(s.region),
    });
  }
  return markers;
}

/** The display colour of a region. */
export function regionColor(region: RegionId): string {
  return REGION_COLORS[region];
}

/** Properties the region layer styles and labels by. */
export interface RegionProps {
  id: RegionId;
  name: string;
  color: string;
}

/** A region as a GeoJSON Feature; the API colour wins, the shared palette is the fallback. */
export function toRegionFeature(region: RegionDto): Feature<Geometry, RegionProps> {
  return {
    type: 'Feature',
    id: region.id,
    geometry: region.geometry,
    properties: { id: region.id, name: region.name, color: region.color || regionColor(region.id) },
  };
}

/** Properties of a municipality outline feature. */
export interface MunicipalityProps {
  code: string;
  name: string;
  isRijnmond: boolean;
}

/** The municipality outlines as one FeatureCollection, Rijnmond municipalities last so they draw on top. */
export function toMunicipalityCollection(
  municipalities: readonly MunicipalityDto[],
): FeatureCollection<Geometry, MunicipalityProps> {
  const sorted = [...municipalities].sort((a, b) => Number(a.group === 'rijnmond') - Number(b.group === 'rijnmond'));
  return {
    type: 'FeatureCollection',
    features: sorted.map((m) => ({
      type: 'Feature',
      id: m.code,
      geometry: m.geometry,
      properties: { code: m.code, name: m.name, isRijnmond: m.group === 'rijnmond' },
    })),
  };
}

function visitPositions(geometry: Geometry, visit: (p: Position) => void): void {
  switch (geometry.type) {
    case 'Point':
      visit(geometry.coordinates);
      return;
    case 'MultiPoint':
    case 'LineString':
      geometry.coordinates.forEach(visit);
      return;
    case 'MultiLineString':
    case 'Polygon':
      geometry.coordinates.forEach((line) => line.forEach(visit));
      return;
    case 'MultiPolygon':
      geometry.coordinates.forEach((poly) => poly.forEach((ring) => ring.forEach(visit)));
      return;
    case 'GeometryCollection':
      geometry.geometries.forEach((g) => visitPositions(g, visit));
      return;
  }
}

/** The bounding box of the geometries as Leaflet bounds, or null when they hold no position. */
export function geometryBounds(geometries: readonly Geometry[]): LatLngBounds | null {
  let south = Infinity;
  let west = Infinity;
  let north = -Infinity;
  let east = -Infinity;
  for (const g of geometries) {
    visitPositions(g, (p) => {
      const [lng, lat] = p;
      if (lng === undefined || lat === undefined) return;
      south = Math.min(south, lat);
      north = Math.max(north, lat);
      west = Math.min(west, lng);
      east = Math.max(east, lng);
    });
  }
  if (!Number.isFinite(south)) return null;
  return [
    [south, west],
    [north, east],
  ];
}

/** The bounding box of the given markers, or null for none. */
export function markerBounds(markers: readonly SchoolMarker[]): LatLngBounds | null {
  return geometryBounds(markers.map((m) => ({ type: 'Point', coordinates: [m.position[1], m.position[0]] })));
}
