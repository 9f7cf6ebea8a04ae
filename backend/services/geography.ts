import { trusted } from 'mongoose';
import type { CalendarEntryDto, CalendarQuery } from '../../shared/api/calendar';
import type { DepotDto, MunicipalityDto, RegionDto } from '../../shared/api/regions';
import { CalendarEntry, type CalendarEntryFields } from '../models/CalendarEntry';
import { Depot, type DepotFields } from '../models/Depot';
import { Municipality, type MunicipalityFields } from '../models/Municipality';
import { Region, type RegionFields } from '../models/Region';
import { School } from '../models/School';
import { cached } from './cache';
import { toCalendarEntryDto, toDepotDto, toMunicipalityDto, toRegionDto } from '../presenters';

const regions = cached(60_000, loadRegions);

/** The seven STO regions in display order, each with its polygon and school counts (cached for a minute). */
export function listRegions(): Promise<RegionDto[]> {
  return regions.get();
}

async function loadRegions(): Promise<RegionDto[]> {
  const [regions, schools] = await Promise.all([
    Region.find().sort({ order: 1 }).lean<Array<RegionFields & { _id: string }>>(),
    School.find({}, 'region offersVmbo').lean<Array<{ region: string; offersVmbo: boolean }>>(),
  ]);
  const counts = new Map<string, { schools: number; vmboSchools: number }>();
  for (const s of schools) {
    const c = counts.get(s.region) ?? { schools: 0, vmboSchools: 0 };
    c.schools += 1;
    if (s.offersVmbo) c.vmboSchools += 1;
    counts.set(s.region, c);
  }
  return regions.map((r) => toRegionDto(r, counts.get(r._id) ?? { schools: 0, vmboSchools: 0 }));
}

/** Municipality outlines of Rijnmond and its neighbours, for the map's offline base layer. */
export async function listMunicipalities(): Promise<MunicipalityDto[]> {
  const docs = await Municipality.find().sort({ name: 1 }).lean<Array<MunicipalityFields & { _id: string }>>();
  return docs.map(toMunicipalityDto);
}

export async function listDepots(): Promise<DepotDto[]> {
  const docs = await Depot.find().sort({ _id: 1 }).lean<Array<DepotFields & { _id: string }>>();
  return docs.map(toDepotDto);
}

/** Holidays and unavailable days that overlap [from, to] (inclusive), by start date. */
export async function listCalendar({ from, to }: CalendarQuery): Promise<CalendarEntryDto[]> {
  const docs = await CalendarEntry.find({ startDate: trusted({ $lte: to }), endDate: trusted({ $gte: from }) })
    .sort({ startDate: 1, _id: 1 })
    .lean<Array<CalendarEntryFields & { _id: string }>>();
  return docs.map(toCalendarEntryDto);
}
