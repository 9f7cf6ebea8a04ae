import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import calendarJson from './data/calendar-nl.json' with { type: 'json' };
import municipalitiesJson from './data/rijnmond-municipalities.json' with { type: 'json' };
import districtsJson from './data/rotterdam-districts.json' with { type: 'json' };
import rijnmondJson from './data/schools-rijnmond.json' with { type: 'json' };
import stoJson from './data/schools-sto-rotterdam-noord.json' with { type: 'json' };
import stoRegionsJson from './data/sto-regions-rijnmond.json' with { type: 'json' };
import type { SchoolLevel } from '../shared/api/schools';
import type { LngLat, RegionId } from '../shared/types/regions';
import { assignRegion } from './regions';

/** A school location as the seed writes it (the School model's fields). */
export interface SeedSchool {
  _id: string;
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
  location: { type: 'Point'; coordinates: LngLat } | null;
  locationNote: string | null;
  searchText: string;
}

export interface SeedCalendarEntry {
  _id: string;
  kind: 'school_holiday' | 'public_holiday';
  name: string;
  startDate: string;
  endDate: string;
  truckId: null;
  note: string | null;
}

interface DuoSchool {
  official_name: string | null;
  brin: string | null;
  vestigingscode: string | null;
  school_type?: string | null;
  level?: string | null;
  offers_vmbo?: boolean | null;
  street: string | null;
  house_number: string | null;
  postcode: string | null;
  place: string;
  municipality: string;
  municipality_code: string;
  website?: string | null;
  pupils?: number | null;
  coordinates: LngLat | null;
  rotterdam_district_approx?: string | null;
  maas_bank_approx?: string | null;
  sto_seed_name?: string | null;
  seed_name?: string;
  notes?: string;
}

type Outlines<P> = FeatureCollection<Polygon | MultiPolygon, P>;

/** Everything the seed needs, read from the copied data files (seed/data, see seed/SOURCES.md). */
export interface SeedData {
  schools: SeedSchool[];
  depot: { id: string; name: string; address: string; location: LngLat };
  municipalities: Outlines<{ statcode: string; statnaam: string; group: 'rijnmond' | 'neighbour' }>;
  districts: Outlines<{ statcode: string; statnaam: string; maas_bank: string }>;
  calendar: SeedCalendarEntry[];
  regionNotes: Map<RegionId, { municipalities: string[]; assumption: string | null }>;
}

/** Reads and normalises the seed data files; pure apart from the JSON it imports. */
export function loadSeedData(): SeedData {
  const duo = rijnmondJson.schools as unknown as DuoSchool[];
  const schools = duo.map((s) => toSeedSchool(s, Boolean(s.sto_seed_name)));
  // The one STO school DUO does not list: kept, without an invented location.
  for (const s of stoJson.schools as unknown as DuoSchool[]) {
    if (s.vestigingscode !== null) continue;
    const seed = toSeedSchool(
      { ...s, official_name: s.seed_name ?? 'Onbekende school', offers_vmbo: true, level: 'vo' },
      true,
    );
    seed._id = 'sto-melanchthon-mathenesse';
    seed.locationNote = 'locatie onbekend: het adres staat niet in de DUO-gegevens van november 2024';
    schools.push(seed);
  }
  const d = rijnmondJson.depot;
  return {
    schools,
    depot: {
      id: 'glr',
      name: 'Grafisch Lyceum Rotterdam',
      address: `${d.street} ${d.house_number}, ${d.postcode} ${d.place}`,
      location: d.coordinates as LngLat,
    },
    municipalities: municipalitiesJson as unknown as SeedData['municipalities'],
    districts: districtsJson as unknown as SeedData['districts'],
    calendar: calendarEntries(),
    regionNotes: regionNotes(),
  };
}

function toSeedSchool(s: DuoSchool, stoProgramme: boolean): SeedSchool {
  const region = assignRegion(s);
  if (!region) throw new Error(`school ${s.vestigingscode ?? s.official_name} ligt buiten de STO-regio's`);
  const name = (s.official_name ?? '').replace(/\s+/g, ' ').trim();
  return {
    _id: (s.vestigingscode ?? name).toLowerCase(),
    name,
    brin: s.vestigingscode ? s.brin : null,
    vestigingscode: s.vestigingscode,
    address: { street: s.street, houseNumber: s.house_number, postcode: s.postcode, place: s.place },
    municipality: s.municipality,
    municipalityCode: s.municipality_code,
    region,
    level: s.level === 'vso' ? 'vso' : 'vo',
    schoolType: s.school_type ?? null,
    offersVmbo: Boolean(s.offers_vmbo),
    pupils: s.pupils ?? null,
    website: s.website ?? null,
    stoProgramme,
    location: s.coordinates ? { type: 'Point', coordinates: s.coordinates } : null,
    locationNote: null,
    searchText: [name, s.sto_seed_name, s.place, s.street, s.postcode, s.vestigingscode, s.municipality]
      .filter(Boolean)
      .join(' ')
      .toLowerCase(),
  };
}

const HOLIDAY_NAMES: Record<string, string> = {
  herfstvakantie: 'Herfstvakantie',
  kerstvakantie: 'Kerstvakantie',
  voorjaarsvakantie: 'Voorjaarsvakantie',
  meivakantie: 'Meivakantie',
  zomervakantie: 'Zomervakantie',
};

interface HolidayJson {
  type: string;
  regions: Record<string, { start: string; end: string; confidence?: string }>;
  confidence?: string;
  note?: string;
}

function calendarEntries(): SeedCalendarEntry[] {
  const entries: SeedCalendarEntry[] = [];
  for (const year of calendarJson.school_years as Array<{ school_year: string; holidays: HolidayJson[] }>) {
    for (const h of year.holidays) {
      const midden = h.regions.midden;
      if (!midden) continue;
      const confidence = midden.confidence ?? h.confidence;
      entries.push({
        _id: `school_holiday:${year.school_year}:${h.type}`,
        kind: 'school_holiday',
        name: `${HOLIDAY_NAMES[h.type] ?? h.type} ${year.school_year}`,
        startDate: midden.start,
        endDate: midden.end,
        truckId: null,
        note: confidence ? `zekerheid: ${confidence}${h.note ? `; ${h.note}` : ''}` : null,
      });
    }
  }
  for (const p of calendarJson.public_holidays.holidays) {
    entries.push({
      _id: `public_holiday:${p.date}`,
      kind: 'public_holiday',
      name: p.name,
      startDate: p.date,
      endDate: p.date,
      truckId: null,
      note: null,
    });
  }
  return entries;
}

function regionNotes(): SeedData['regionNotes'] {
  return new Map(
    (
      stoRegionsJson.regions as Array<{
        id: RegionId;
        municipalities: string[];
        boundary_assumption?: string;
        note?: string;
      }>
    ).map((r) => [
      r.id,
      {
        municipalities: r.municipalities,
        assumption: r.boundary_assumption ?? r.note ?? null,
      },
    ]),
  );
}
