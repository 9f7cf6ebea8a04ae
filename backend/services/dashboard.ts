import { trusted, Types } from 'mongoose';
import {
  CO2_KG_PER_KM,
  type FairnessCounts,
  type FairnessDashboard,
  type FairnessExportLevel,
  type MunicipalityFairnessRow,
  type SchoolFairnessRow,
} from '../../shared/api/dashboard';
import type { RequestStatus } from '../../shared/api/requests';
import { toCsv, type CsvColumn } from '../../shared/domain/csv';
import { fairShares } from '../../shared/domain/fairness';
import { roadKm, type LngLat } from '../../shared/domain/geo';
import { Depot } from '../models/Depot';
import { Region } from '../models/Region';
import { School } from '../models/School';
import { Truck } from '../models/Truck';
import { TruckDay } from '../models/TruckDay';
import { TruckEvent } from '../models/TruckEvent';
import { VisitRequest } from '../models/VisitRequest';
import { TRAVEL } from './planning/instance';
import { listTour } from './planning/publish';

/** Statuses in which a request counts as demand of its period (the planner's, plus carried out). */
const COUNTED: readonly RequestStatus[] = ['accepted', 'planned', 'moved', 'confirmed', 'done'];
const OPEN: readonly RequestStatus[] = ['submitted', 'accepted'];
const WAITING_LIST_LENGTH = 20;
const DAY_MS = 86_400_000;

type RequestDoc = {
  _id: Types.ObjectId;
  reference: string;
  schoolId: string | null;
  schoolName: string;
  region: string | null;
  pupils: number;
  status: RequestStatus;
  preferredWeeks: Array<{ from: string; to: string }>;
  submittedAt: Date;
};
type SchoolDoc = {
  _id: string;
  name: string;
  municipality: string;
  region: string;
  offersVmbo: boolean;
  location: { coordinates: number[] } | null;
};

const zero = (): FairnessCounts => ({ requests: 0, planned: 0, done: 0, pupilsPlanned: 0, pupilsReached: 0 });
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Returns the fairness dashboard of [from, to]: per STO region the period's requests, planned and done
 * visits, pupils, fair share (max-min water filling over the requests, as the planner) and gap; the same
 * counts per municipality and school; vmbo schools never visited; the longest-waiting open requests; and
 * the kilometres (haversine × road factor over depot → stops → depot of every published truck-day) with CO2.
 */
export async function getFairnessDashboard(from: string, to: string, now = new Date()): Promise<FairnessDashboard> {
  const [days, regions, schools, trucks, depots, finished, allDays] = await Promise.all([
    listTour(from, to),
    Region.find().sort({ order: 1 }).lean<Array<{ _id: string; name: string; weight: number }>>(),
    School.find({}, 'name municipality region offersVmbo location').lean<SchoolDoc[]>(),
    Truck.find({}, 'depotId').lean<Array<{ _id: string; depotId: string }>>(),
    Depot.find({}, 'location').lean<Array<{ _id: string; location: number[] }>>(),
    TruckEvent.find({ date: trusted({ $gte: from, $lte: to }), kind: 'finished' }, 'truckId date requestId').lean<
      Array<{ truckId: string; date: string; requestId: string | null }>
    >(),
    TruckDay.find({ date: trusted({ $lte: to }) }, 'stops.requestId').lean<
      Array<{ stops: Array<{ requestId: string }> }>
    >(),
  ]);
  const visits = days.flatMap((d) =>
    d.stops.map((s) => ({ truckId: d.truckId, date: d.date, requestId: s.requestId })),
  );
  const finishedKeys = new Set(finished.map((e) => `${e.truckId}:${e.date}:${e.requestId}`));

  // The period's requests: counted ones whose weeks touch the period, and every request with a visit in it.
  const visitIds = [...new Set(visits.map((v) => v.requestId))]
    .filter((id) => Types.ObjectId.isValid(id))
    .map((id) => new Types.ObjectId(id));
  const fields = 'reference schoolId schoolName region pupils status preferredWeeks submittedAt';
  const [inPeriod, withVisit] = await Promise.all([
    VisitRequest.find({ status: trusted({ $in: [...COUNTED, ...OPEN] }) }, fields).lean<RequestDoc[]>(),
    VisitRequest.find({ _id: trusted({ $in: visitIds }) }, fields).lean<RequestDoc[]>(),
  ]);
  const touches = (r: RequestDoc) => r.preferredWeeks.some((w) => w.from <= to && w.to >= from);
  const requestById = new Map<string, RequestDoc>();
  for (const r of [...inPeriod.filter(touches), ...withVisit]) requestById.set(String(r._id), r);
  const visitedIds = new Set(visits.map((v) => v.requestId));
  const counted = [...requestById.values()].filter((r) => COUNTED.includes(r.status) || visitedIds.has(String(r._id)));

  const schoolById = new Map(schools.map((s) => [s._id, s]));
  const regionOf = (r: RequestDoc) => (r.schoolId ? schoolById.get(r.schoolId)?.region : null) ?? r.region ?? null;
  const byRegion = new Map<string, FairnessCounts>();
  const byMunicipality = new Map<string, MunicipalityFairnessRow>();
  const bySchool = new Map<string, SchoolFairnessRow>();
  const totals = zero();
  const rowsOf = (r: RequestDoc): FairnessCounts[] => {
    const rows: FairnessCounts[] = [totals];
    const region = regionOf(r);
    if (region) {
      if (!byRegion.has(region)) byRegion.set(region, zero());
      rows.push(byRegion.get(region)!);
    }
    const school = r.schoolId ? schoolById.get(r.schoolId) : undefined;
    if (school) {
      if (!byMunicipality.has(school.municipality))
        byMunicipality.set(school.municipality, { name: school.municipality, region: school.region, ...zero() });
      if (!bySchool.has(school._id)) {
        bySchool.set(school._id, {
          id: school._id,
          name: school.name,
          municipality: school.municipality,
          region: school.region,
          lastVisit: null,
          ...zero(),
        });
      }
      rows.push(byMunicipality.get(school.municipality)!, bySchool.get(school._id)!);
    }
    return rows;
  };
  for (const r of counted) for (const row of rowsOf(r)) row.requests += 1;
  for (const v of visits) {
    const r = requestById.get(v.requestId);
    if (!r) continue;
    const done = r.status === 'done' || finishedKeys.has(`${v.truckId}:${v.date}:${v.requestId}`);
    for (const row of rowsOf(r)) {
      row.planned += 1;
      row.pupilsPlanned += r.pupils;
      if (done) {
        row.done += 1;
        row.pupilsReached += r.pupils;
      }
    }
    const school = r.schoolId ? bySchool.get(r.schoolId) : undefined;
    if (school && (!school.lastVisit || school.lastVisit < v.date)) school.lastVisit = v.date;
  }

  const demand = Object.fromEntries(regions.map((g) => [g._id, byRegion.get(g._id)?.requests ?? 0]));
  const share = fairShares(
    regions.map((g) => ({ id: g._id, weight: g.weight })),
    demand,
    totals.planned,
  );
  const regionRows = regions.map((g) => {
    const c = byRegion.get(g._id) ?? zero();
    return {
      id: g._id,
      name: g.name,
      weight: g.weight,
      ...c,
      fairShare: round(share[g._id] ?? 0, 2),
      gap: round(c.planned - (share[g._id] ?? 0), 2),
    };
  });

  // Kilometres: each truck-day from its truck's depot through its stops (schools with a known place) and back.
  const depotOf = new Map(
    trucks.map((t) => [t._id, depots.find((d) => d._id === t.depotId)?.location ?? depots[0]?.location]),
  );
  const truckDays = days.map((d) => {
    const depot = depotOf.get(d.truckId) ?? depots[0]?.location;
    const points: LngLat[] = d.stops.flatMap((s) => {
      const r = requestById.get(s.requestId);
      const loc = r?.schoolId ? schoolById.get(r.schoolId)?.location?.coordinates : undefined;
      return loc ? [[loc[0]!, loc[1]!] as LngLat] : [];
    });
    const path: LngLat[] = depot ? [[depot[0]!, depot[1]!], ...points, [depot[0]!, depot[1]!]] : points;
    let km = 0;
    for (let i = 1; i < path.length; i++) km += roadKm(path[i - 1]!, path[i]!, TRAVEL);
    return { truckId: d.truckId, date: d.date, stops: d.stops.length, km: round(km, 1) };
  });
  const km = round(
    truckDays.reduce((sum, d) => sum + d.km, 0),
    1,
  );

  const everVisited = new Set<string>();
  const everIds = [...new Set(allDays.flatMap((d) => d.stops.map((s) => s.requestId)))].filter((id) =>
    Types.ObjectId.isValid(id),
  );
  const everRequests = await VisitRequest.find(
    { _id: trusted({ $in: everIds.map((id) => new Types.ObjectId(id)) }) },
    'schoolId',
  ).lean<Array<{ schoolId: string | null }>>();
  for (const r of everRequests) if (r.schoolId) everVisited.add(r.schoolId);
  const regionOrder = new Map(regions.map((g, i) => [g._id, i]));
  const neverVisited = schools
    .filter((s) => s.offersVmbo && !everVisited.has(s._id))
    .sort(
      (a, b) =>
        (regionOrder.get(a.region) ?? 99) - (regionOrder.get(b.region) ?? 99) || a.name.localeCompare(b.name, 'nl'),
    )
    .map((s) => ({ id: s._id, name: s.name, municipality: s.municipality, region: s.region }));

  const waitingLongest = [...requestById.values()]
    .filter((r) => OPEN.includes(r.status) && !visitedIds.has(String(r._id)))
    .sort(
      (a, b) =>
        new Date(a.submittedAt).getTime() - new Date(b.submittedAt).getTime() || a.reference.localeCompare(b.reference),
    )
    .slice(0, WAITING_LIST_LENGTH)
    .map((r) => ({
      requestId: String(r._id),
      reference: r.reference,
      schoolId: r.schoolId,
      schoolName: r.schoolName,
      region: regionOf(r),
      status: r.status,
      submittedAt: new Date(r.submittedAt).toISOString(),
      waitingDays: Math.max(0, Math.floor((now.getTime() - new Date(r.submittedAt).getTime()) / DAY_MS)),
    }));

  return {
    from,
    to,
    co2KgPerKm: CO2_KG_PER_KM,
    roadFactor: TRAVEL.roadFactor,
    totals: { ...totals, truckDays: days.length, km, co2Kg: round(km * CO2_KG_PER_KM, 1) },
    regions: regionRows,
    municipalities: [...byMunicipality.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    schools: [...bySchool.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id)),
    neverVisited,
    waitingLongest,
    truckDays,
  };
}

const COUNT_COLUMNS: CsvColumn<FairnessCounts>[] = [
  { header: 'aanvragen', value: (r) => r.requests },
  { header: 'bezoeken gepland', value: (r) => r.planned },
  { header: 'bezoeken uitgevoerd', value: (r) => r.done },
  { header: 'leerlingen gepland', value: (r) => r.pupilsPlanned },
  { header: 'leerlingen bereikt', value: (r) => r.pupilsReached },
];

/** Returns one table of the dashboard as CSV (formula-safe, see toCsv). */
export function fairnessCsv(d: FairnessDashboard, level: FairnessExportLevel): string {
  if (level === 'regions') {
    return toCsv(d.regions, [
      { header: 'regio', value: (r) => r.name },
      { header: 'gewicht', value: (r) => r.weight },
      ...(COUNT_COLUMNS as CsvColumn<(typeof d.regions)[number]>[]),
      { header: 'eerlijk deel', value: (r) => r.fairShare },
      { header: 'verschil', value: (r) => r.gap },
    ]);
  }
  if (level === 'municipalities') {
    return toCsv(d.municipalities, [
      { header: 'gemeente', value: (r) => r.name },
      { header: 'regio', value: (r) => r.region },
      ...(COUNT_COLUMNS as CsvColumn<MunicipalityFairnessRow>[]),
    ]);
  }
  return toCsv(d.schools, [
    { header: 'school', value: (r) => r.name },
    { header: 'id', value: (r) => r.id },
    { header: 'gemeente', value: (r) => r.municipality },
    { header: 'regio', value: (r) => r.region },
    ...(COUNT_COLUMNS as CsvColumn<SchoolFairnessRow>[]),
    { header: 'laatste bezoek', value: (r) => r.lastVisit },
  ]);
}
