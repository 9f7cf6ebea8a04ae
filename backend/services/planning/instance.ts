import { trusted, type Types } from 'mongoose';
import type { PlanRequestInfo } from '../../../shared/api/plans';
import { SESSION_LENGTHS, SETUP_MINUTES, TEARDOWN_MINUTES, type RequestStatus } from '../../../shared/api/requests';
import { addDays, listDates } from '../../../shared/domain/time';
import type { PinnedVisit, PlanningInstance, TourRequest } from '../../../shared/optimizer';
import { InvalidInputError } from '../../errors';
import { CalendarEntry } from '../../models/CalendarEntry';
import { Depot } from '../../models/Depot';
import { Region } from '../../models/Region';
import { School } from '../../models/School';
import { Truck } from '../../models/Truck';
import { VisitRequest, type VisitRequestFields } from '../../models/VisitRequest';
import { earliestPlannableDate } from '../leadTime';

/** Travel model of the tours: haversine × 1.35 for roads, 30 km/h average in the city region. */
export const TRAVEL = { model: 'haversine', roadFactor: 1.35, speedKmh: 30 } as const;

/** Requests in these statuses take part in planning; confirmed ones are pinned where they are. */
const PLANNABLE: readonly RequestStatus[] = ['accepted', 'planned', 'moved', 'confirmed'];

/** The planning instance of a period, plus what the board needs to show each request. */
export interface BuiltInstance {
  instance: PlanningInstance;
  requests: PlanRequestInfo[];
  /** Confirmed visits in the period: the optimizer keeps them where they are. */
  pinned: PinnedVisit[];
  /** Requests that cannot be planned at all (no known location), with the reason. */
  excluded: Array<{ requestId: string; reference: string; reason: string }>;
}

type RequestDoc = VisitRequestFields & { _id: Types.ObjectId; externalId?: string | null };

/**
 * Builds a planning instance (exchange format) from the database: the accepted/planned/confirmed requests
 * whose preferred weeks touch [from, to], their schools, the chosen trucks, the regions and the holidays.
 * Request ids are the requests' references (or the id they were imported with), sorted, so the same data
 * always gives the same instance and so the same plan for a seed.
 */
export async function buildInstance(
  name: string,
  from: string,
  to: string,
  truckIds: string[],
): Promise<BuiltInstance> {
  const [trucks, depots, regions, calendar, requestDocs] = await Promise.all([
    Truck.find({ _id: trusted({ $in: truckIds }) }).lean<
      Array<{
        _id: string;
        name: string;
        depotId: string;
        shift: { start: string; end: string };
        weekdays: number[];
        maxVisitsPerDay: number;
      }>
    >(),
    Depot.find().lean<Array<{ _id: string; name: string; location: number[] }>>(),
    Region.find().sort({ order: 1 }).lean<Array<{ _id: string; name: string; weight: number }>>(),
    CalendarEntry.find({ startDate: trusted({ $lte: to }), endDate: trusted({ $gte: from }) }).lean<
      Array<{ kind: string; startDate: string; endDate: string; truckId: string | null }>
    >(),
    VisitRequest.find({ status: trusted({ $in: PLANNABLE }) }).lean<RequestDoc[]>(),
  ]);
  const missing = truckIds.filter((id) => !trucks.some((t) => t._id === id));
  if (missing.length > 0)
    throw new InvalidInputError(`Onbekende truck: ${missing.join(', ')}.`, [{ path: 'truckIds', message: 'onbekend' }]);

  // Time is real: no visit before the earliest plannable date (now plus the lead time, leadTime.ts).
  const earliest = await earliestPlannableDate();
  const closed = new Set<string>(
    from < earliest ? listDates(from, addDays(earliest, -1) < to ? addDays(earliest, -1) : to) : [],
  );
  const unavailable = new Map<string, Set<string>>();
  for (const c of calendar) {
    for (const d of listDates(c.startDate < from ? from : c.startDate, c.endDate > to ? to : c.endDate)) {
      if (c.kind === 'truck_unavailable' && c.truckId) {
        if (!unavailable.has(c.truckId)) unavailable.set(c.truckId, new Set());
        unavailable.get(c.truckId)!.add(d);
      } else if (c.kind !== 'truck_unavailable') closed.add(d);
    }
  }

  const inPeriod = requestDocs.filter((r) => r.preferredWeeks.some((w) => w.from! <= to && w.to! >= from));
  const schoolIds = [...new Set(inPeriod.map((r) => r.schoolId).filter((id): id is string => Boolean(id)))];
  const schools = await School.find({ _id: trusted({ $in: schoolIds }) }, 'name region location').lean<
    Array<{ _id: string; name: string; region: string; location: { coordinates: number[] } | null }>
  >();
  const schoolById = new Map(schools.map((s) => [s._id, s]));

  const requests: TourRequest[] = [];
  const info: PlanRequestInfo[] = [];
  const pinned: PinnedVisit[] = [];
  const excluded: BuiltInstance['excluded'] = [];
  for (const r of inPeriod) {
    const school = r.schoolId ? schoolById.get(r.schoolId) : undefined;
    if (!school?.location) {
      excluded.push({
        requestId: String(r._id),
        reference: r.reference,
        reason: 'de school heeft geen bekende locatie',
      });
      continue;
    }
    if (
      r.visit?.date &&
      r.visit.date < earliest &&
      (r.status === 'planned' || r.status === 'moved' || r.status === 'confirmed')
    ) {
      excluded.push({
        requestId: String(r._id),
        reference: r.reference,
        reason: `het bezoek op ${r.visit.date} ligt vóór de eerste dag die nog gepland kan worden (${earliest})`,
      });
      continue;
    }
    const id = r.externalId ?? r.reference;
    requests.push({
      id,
      school: school._id,
      submittedAt: new Date(r.submittedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      sessionMinutes: SESSION_LENGTHS[r.sessionLength],
      setupMinutes: SETUP_MINUTES,
      teardownMinutes: TEARDOWN_MINUTES,
      windows: r.preferredWeeks.map((w) => ({ from: w.from!, to: w.to! })),
      excludedDates: r.excludedDates,
      earliestStart: r.earliestStart,
      latestEnd: r.latestEnd,
      priority: r.priority ?? 1,
    });
    info.push({
      id,
      requestId: String(r._id),
      reference: r.reference,
      schoolId: school._id,
      schoolName: school.name,
      region: school.region,
      location: school.location.coordinates as [number, number],
      sessionMinutes: SESSION_LENGTHS[r.sessionLength],
      version: r.version,
    });
    if (
      r.status === 'confirmed' &&
      r.visit?.date &&
      r.visit.date >= from &&
      r.visit.date <= to &&
      truckIds.includes(r.visit.truckId!)
    ) {
      pinned.push({ request: id, truck: r.visit.truckId!, date: r.visit.date, start: r.visit.start! });
    }
  }
  requests.sort((a, b) => a.id.localeCompare(b.id));
  info.sort((a, b) => a.id.localeCompare(b.id));
  const usedSchools = [...new Set(requests.map((r) => r.school))].sort();

  const instance: PlanningInstance = {
    format: 'techniekwagen-instance/1',
    name,
    horizon: { from, to },
    closedDates: [...closed].sort(),
    travel: { ...TRAVEL },
    depots: depots.map((d) => ({ id: d._id, name: d.name, location: d.location as [number, number] })),
    trucks: [...trucks]
      .sort((a, b) => a._id.localeCompare(b._id))
      .map((t) => ({
        id: t._id,
        name: t.name,
        depot: t.depotId,
        shift: { start: t.shift.start, end: t.shift.end },
        weekdays: t.weekdays,
        unavailableDates: [...(unavailable.get(t._id) ?? [])].sort(),
        maxVisitsPerDay: t.maxVisitsPerDay,
      })),
    regions: regions.map((r) => ({ id: r._id, name: r.name, weight: r.weight })),
    schools: usedSchools.map((id) => {
      const s = schoolById.get(id)!;
      return { id, name: s.name, region: s.region, location: s.location!.coordinates as [number, number] };
    }),
    requests,
  };
  return { instance, requests: info, pinned, excluded };
}
