import { trusted, Types } from 'mongoose';
import { NotFoundError } from '../../errors';
import { Depot } from '../../models/Depot';
import { School } from '../../models/School';
import { Truck } from '../../models/Truck';
import { VisitRequest } from '../../models/VisitRequest';
import { TRAVEL } from '../planning/instance';
import { getTruckDay } from '../truckDays';
import type { LiveContext, LiveContextStop } from './state';

/** What only the server needs of a stop: whom to tell about a delay. */
export interface StopContact {
  email: string;
  language: 'nl' | 'en';
  schoolName: string;
}

/** A published day with its stops' places, and (server side only) the contacts of its stops. */
export interface LoadedDay {
  ctx: LiveContext;
  contacts: Map<string, StopContact>;
  version: number;
}

/**
 * Loads the published day of a truck (through getTruckDay, so a newer claimed version is seen), its depot,
 * and each stop's school name and location. NotFoundError when the truck has no published stops that day.
 */
export async function loadLiveDay(truckId: string, date: string): Promise<LoadedDay> {
  const day = await getTruckDay(truckId, date);
  if (day.stops.length === 0) throw new NotFoundError(`De tour van ${truckId} op ${date}`);
  // Every report loads the day; the rest only changes with a new version of it (school places and names are
  // stable within a day), so it is kept per version for a minute.
  const cacheKey = `${day.id}#${day.version}`;
  const cached = cache.get(cacheKey);
  if (cached && cached.until > Date.now()) return cached.day;
  const loaded = await loadDetails(truckId, date, day);
  cache.set(cacheKey, { day: loaded, until: Date.now() + 60_000 });
  if (cache.size > 200) cache.delete(cache.keys().next().value!);
  return loaded;
}

const cache = new Map<string, { day: LoadedDay; until: number }>();

async function loadDetails(
  truckId: string,
  date: string,
  day: Awaited<ReturnType<typeof getTruckDay>>,
): Promise<LoadedDay> {
  const truck = await Truck.findById(truckId, 'depotId').lean<{ depotId: string }>();
  const depot = truck ? await Depot.findById(truck.depotId, 'location').lean<{ location: number[] }>() : null;
  const fallbackDepot = depot ?? (await Depot.findOne({}, 'location').lean<{ location: number[] }>());
  if (!fallbackDepot) throw new NotFoundError('Het depot');
  const ids = day.stops.map((s) => s.requestId).filter((id) => Types.ObjectId.isValid(id));
  const requests = await VisitRequest.find(
    { _id: trusted({ $in: ids.map((id) => new Types.ObjectId(id)) }) },
    'schoolId schoolName contact language',
  ).lean<
    Array<{
      _id: Types.ObjectId;
      schoolId: string | null;
      schoolName: string;
      contact: { email: string };
      language: 'nl' | 'en';
    }>
  >();
  const byId = new Map(requests.map((r) => [String(r._id), r]));
  const schoolIds = requests.map((r) => r.schoolId).filter((x): x is string => Boolean(x));
  const schools = await School.find({ _id: trusted({ $in: schoolIds }) }, 'name location').lean<
    Array<{ _id: string; name: string; location: { coordinates: number[] } | null }>
  >();
  const schoolById = new Map(schools.map((s) => [s._id, s]));
  const contacts = new Map<string, StopContact>();
  const stops: LiveContextStop[] = [...day.stops]
    .sort((a, b) => a.arrive.localeCompare(b.arrive))
    .map((s, i) => {
      const r = byId.get(s.requestId);
      const school = r?.schoolId ? schoolById.get(r.schoolId) : undefined;
      const schoolName = school?.name ?? r?.schoolName ?? 'onbekende school';
      if (r) contacts.set(s.requestId, { email: r.contact.email, language: r.language ?? 'nl', schoolName });
      const location = school?.location
        ? ([school.location.coordinates[0]!, school.location.coordinates[1]!] as [number, number])
        : null;
      return {
        requestId: s.requestId,
        order: i + 1,
        schoolName,
        location,
        arrive: s.arrive,
        start: s.start,
        end: s.end,
        leave: s.leave,
      };
    });
  const loc = fallbackDepot.location;
  return {
    ctx: { truckId, date, depot: [loc[0]!, loc[1]!], stops, travel: { ...TRAVEL } },
    contacts,
    version: day.version,
  };
}
