/** A location as [longitude, latitude] in WGS84 degrees (GeoJSON order). */
export type LngLat = readonly [number, number];

/** The travel model of the exchange format: haversine distance times a road factor, at a fixed speed. */
export interface TravelModel {
  model: 'haversine';
  roadFactor: number;
  speedKmh: number;
}

/** Earth radius in km used by the exchange format and its checker (mean radius, IUGG). */
export const EARTH_RADIUS_KM = 6371.0088;

/** Returns the great-circle distance in km between two locations. */
export function haversineKm(a: LngLat, b: LngLat): number {
  const rad = (deg: number): number => (deg * Math.PI) / 180;
  const [lng1, lat1] = a;
  const [lng2, lat2] = b;
  const h =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Returns the road kilometres between two locations: haversine km times the road factor. */
export function roadKm(a: LngLat, b: LngLat, travel: TravelModel): number {
  return haversineKm(a, b) * travel.roadFactor;
}

/** Returns the whole travel minutes between two locations: ceil(roadKm / speedKmh · 60), as the checker rounds. */
export function travelMinutes(a: LngLat, b: LngLat, travel: TravelModel): number {
  return Math.ceil((roadKm(a, b, travel) / travel.speedKmh) * 60 - 1e-9);
}
