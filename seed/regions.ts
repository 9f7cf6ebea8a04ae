import { featureCollection, union } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { RegionId } from '../shared/types/regions';

/** The fields of a DUO school location that decide its STO region. */
export interface RegionInput {
  municipality: string;
  rotterdam_district_approx?: string | null;
  maas_bank_approx?: string | null;
}

const REGION_BY_MUNICIPALITY: Record<string, RegionId> = {
  Vlaardingen: 'nieuwe-waterweg-noord',
  Maassluis: 'nieuwe-waterweg-noord',
  Schiedam: 'nieuwe-waterweg-noord',
  Barendrecht: 'barendrecht-ridderkerk',
  Ridderkerk: 'barendrecht-ridderkerk',
  Albrandswaard: 'barendrecht-ridderkerk',
  'Capelle aan den IJssel': 'capelle-oostland',
  'Krimpen aan den IJssel': 'capelle-oostland',
  Lansingerland: 'capelle-oostland',
  Nissewaard: 'voorne-putten-rozenburg',
  'Voorne aan Zee': 'voorne-putten-rozenburg',
  'Hoeksche Waard': 'hoeksche-waard-goeree-overflakkee',
  'Goeree-Overflakkee': 'hoeksche-waard-goeree-overflakkee',
};

/**
 * The STO region of a school location. Rotterdam is split by the river (the labelled assumption in
 * sto-regions-rijnmond.json): Rozenburg goes with Voorne-Putten, wijken south of the Nieuwe Maas to
 * Rotterdam-Zuid, the rest (and a location no wijk polygon contains) to Rotterdam-Noord.
 * Returns null for a municipality outside the seven regions.
 */
export function assignRegion(school: RegionInput): RegionId | null {
  if (school.municipality === 'Rotterdam') {
    if (school.rotterdam_district_approx === 'Rozenburg') return 'voorne-putten-rozenburg';
    return school.maas_bank_approx === 'zuid' ? 'rotterdam-zuid' : 'rotterdam-noord';
  }
  return REGION_BY_MUNICIPALITY[school.municipality] ?? null;
}

/** Which CBS outlines make up each region: whole municipalities, or Rotterdam wijken. */
export function regionParts(
  municipalities: FeatureCollection<Polygon | MultiPolygon, { statnaam: string; group: string }>,
  districts: FeatureCollection<Polygon | MultiPolygon, { statnaam: string; maas_bank: string }>,
): Map<RegionId, Array<Feature<Polygon | MultiPolygon>>> {
  const parts = new Map<RegionId, Array<Feature<Polygon | MultiPolygon>>>();
  const add = (id: RegionId, f: Feature<Polygon | MultiPolygon>) => parts.set(id, [...(parts.get(id) ?? []), f]);
  for (const m of municipalities.features) {
    if (m.properties.group !== 'rijnmond' || m.properties.statnaam === 'Rotterdam') continue;
    const id = REGION_BY_MUNICIPALITY[m.properties.statnaam];
    if (id) add(id, m);
  }
  for (const d of districts.features) {
    const id = assignRegion({
      municipality: 'Rotterdam',
      rotterdam_district_approx: d.properties.statnaam,
      maas_bank_approx: d.properties.maas_bank,
    });
    if (id) add(id, d);
  }
  return parts;
}

/** Dissolves a region's parts into one Polygon or MultiPolygon. */
export function dissolve(parts: Array<Feature<Polygon | MultiPolygon>>): Geometry {
  if (parts.length === 1) return parts[0]!.geometry;
  const merged = union(featureCollection(parts));
  if (!merged) throw new Error('region has no area');
  return merged.geometry;
}

/**
 * Region weights for the fair share: the number of vmbo-offering locations in the DUO data per region
 * (a school DUO does not list, without a vestigingscode, is not counted: its kind is not known).
 */
export function regionWeights(
  schools: Array<{ region: RegionId; offersVmbo: boolean; vestigingscode: string | null }>,
): Map<RegionId, number> {
  const weights = new Map<RegionId, number>();
  for (const s of schools)
    if (s.offersVmbo && s.vestigingscode) weights.set(s.region, (weights.get(s.region) ?? 0) + 1);
  return weights;
}
