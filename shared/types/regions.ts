/** The seven Sterk Techniekonderwijs regions of Rijnmond, in their fixed display order. */
export const REGION_IDS = [
  'rotterdam-noord',
  'rotterdam-zuid',
  'nieuwe-waterweg-noord',
  'barendrecht-ridderkerk',
  'capelle-oostland',
  'voorne-putten-rozenburg',
  'hoeksche-waard-goeree-overflakkee',
] as const;
export type RegionId = (typeof REGION_IDS)[number];

/** Region names as the programme uses them (Dutch; proper names, not translated). */
export const REGION_NAMES: Record<RegionId, string> = {
  'rotterdam-noord': 'Rotterdam-Noord',
  'rotterdam-zuid': 'Rotterdam-Zuid',
  'nieuwe-waterweg-noord': 'Nieuwe Waterweg Noord',
  'barendrecht-ridderkerk': 'Barendrecht en Ridderkerk',
  'capelle-oostland': 'Capelle en Oostland',
  'voorne-putten-rozenburg': 'Voorne-Putten en Rozenburg',
  'hoeksche-waard-goeree-overflakkee': 'Hoeksche Waard en Goeree-Overflakkee',
};

/** Display colours per region: distinct hues, each with ≥ 3:1 contrast against white for map edges. */
export const REGION_COLORS: Record<RegionId, string> = {
  'rotterdam-noord': '#1f5fa8',
  'rotterdam-zuid': '#b3261e',
  'nieuwe-waterweg-noord': '#1b7a4a',
  'barendrecht-ridderkerk': '#8a4fbf',
  'capelle-oostland': '#b35c00',
  'voorne-putten-rozenburg': '#00758a',
  'hoeksche-waard-goeree-overflakkee': '#8c6d00',
};

/** A GeoJSON position: [longitude, latitude] in WGS84 degrees. */
export type LngLat = [number, number];
