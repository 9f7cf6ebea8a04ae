import type { Geometry } from 'geojson';
import type { CalendarEntryDto } from '../../shared/api/calendar';
import type { DepotDto, MunicipalityDto, RegionDto } from '../../shared/api/regions';
import type { SchoolDto, SchoolFeatureCollection } from '../../shared/api/schools';
import { REGION_COLORS, type LngLat, type RegionId } from '../../shared/types/regions';
import type { CalendarEntryFields } from '../models/CalendarEntry';
import type { DepotFields } from '../models/Depot';
import type { MunicipalityFields } from '../models/Municipality';
import type { RegionFields } from '../models/Region';
import type { SchoolFields } from '../models/School';

type WithId<T, Id = string> = T & { _id: Id };

/** A stored school as the API presents it. */
export function toSchoolDto(s: WithId<SchoolFields>): SchoolDto {
  return {
    id: s._id,
    name: s.name,
    brin: s.brin ?? null,
    vestigingscode: s.vestigingscode ?? null,
    address: {
      street: s.address?.street ?? null,
      houseNumber: s.address?.houseNumber ?? null,
      postcode: s.address?.postcode ?? null,
      place: s.address?.place ?? '',
    },
    municipality: s.municipality,
    municipalityCode: s.municipalityCode,
    region: s.region as RegionId,
    level: s.level,
    schoolType: s.schoolType ?? null,
    offersVmbo: s.offersVmbo,
    pupils: s.pupils ?? null,
    website: s.website ?? null,
    stoProgramme: Boolean(s.stoProgramme),
    location: s.location ? (s.location.coordinates as LngLat) : null,
    locationNote: s.locationNote ?? null,
  };
}

/** Schools as a GeoJSON FeatureCollection; schools without a location are counted, not drawn. */
export function toSchoolFeatureCollection(schools: SchoolDto[], total: number): SchoolFeatureCollection {
  const features: SchoolFeatureCollection['features'] = [];
  for (const { location, ...properties } of schools) {
    if (location)
      features.push({
        type: 'Feature',
        id: properties.id,
        geometry: { type: 'Point', coordinates: location },
        properties,
      });
  }
  return { type: 'FeatureCollection', features, total, withoutLocation: schools.length - features.length };
}

/** A stored region, with the school counts computed for it. */
export function toRegionDto(r: WithId<RegionFields>, counts: RegionDto['counts']): RegionDto {
  const id = r._id as RegionId;
  return {
    id,
    name: r.name,
    weight: r.weight,
    color: REGION_COLORS[id],
    municipalities: r.municipalities,
    assumption: r.assumption ?? null,
    geometry: JSON.parse(r.geometryJson) as Geometry,
    counts,
  };
}

export function toMunicipalityDto(m: WithId<MunicipalityFields>): MunicipalityDto {
  return { code: m._id, name: m.name, group: m.group, geometry: JSON.parse(m.geometryJson) as Geometry };
}

export function toDepotDto(d: WithId<DepotFields>): DepotDto {
  return { id: d._id, name: d.name, address: d.address, location: d.location as LngLat };
}

export function toCalendarEntryDto(c: WithId<CalendarEntryFields>): CalendarEntryDto {
  return {
    id: c._id,
    kind: c.kind,
    name: c.name,
    startDate: c.startDate,
    endDate: c.endDate,
    truckId: c.truckId ?? null,
    note: c.note ?? null,
  };
}
