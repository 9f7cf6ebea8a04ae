import { trusted, type Types } from 'mongoose';
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { RequestDto } from '../../shared/api/requests';
import { toCsv, type CsvColumn } from '../../shared/domain/csv';
import { Depot } from '../models/Depot';
import { School } from '../models/School';
import { VisitRequest, type VisitRequestFields } from '../models/VisitRequest';
import { toRequestDto } from '../presenters/requests';
import { listTour } from './planning/publish';

const REQUEST_COLUMNS: CsvColumn<RequestDto>[] = [
  { header: 'kenmerk', value: (r) => r.reference },
  { header: 'school', value: (r) => r.schoolName },
  { header: 'school_id', value: (r) => r.schoolId },
  { header: 'regio', value: (r) => r.region },
  { header: 'status', value: (r) => r.status },
  { header: 'contactpersoon', value: (r) => r.contact.name },
  { header: 'email', value: (r) => r.contact.email },
  { header: 'telefoon', value: (r) => r.contact.phone },
  { header: 'leerlingen', value: (r) => r.pupils },
  { header: 'klassen', value: (r) => r.classes },
  { header: 'niveaus', value: (r) => r.levels.join(' ') },
  { header: 'programma', value: (r) => r.programmes.join(' ') },
  { header: 'sessie_minuten', value: (r) => r.sessionMinutes },
  { header: 'voorkeursweken', value: (r) => r.preferredWeeks.map((w) => `${w.from}/${w.to}`).join(' ') },
  { header: 'datum', value: (r) => r.visit?.date ?? null },
  { header: 'begin', value: (r) => r.visit?.start ?? null },
  { header: 'einde', value: (r) => r.visit?.end ?? null },
  { header: 'truck', value: (r) => r.visit?.truckId ?? null },
  { header: 'opmerkingen', value: (r) => r.remarks },
  { header: 'ingediend', value: (r) => r.submittedAt },
];

/** Every request as CSV (formula-safe: cells a spreadsheet would run as a formula are neutralised). */
export async function requestsCsv(): Promise<string> {
  const docs = await VisitRequest.find()
    .sort({ submittedAt: 1 })
    .lean<Array<VisitRequestFields & { _id: Types.ObjectId }>>();
  return toCsv(
    docs.map((d) => toRequestDto(d, null)),
    REQUEST_COLUMNS,
  );
}

/** Only the requests with a visit date: the visits. */
export async function visitsCsv(): Promise<string> {
  const docs = await VisitRequest.find().lean<Array<VisitRequestFields & { _id: Types.ObjectId }>>();
  const rows = docs
    .map((d) => toRequestDto(d, null))
    .filter((r) => r.visit)
    .sort((a, b) => (a.visit!.date + a.visit!.start).localeCompare(b.visit!.date + b.visit!.start));
  return toCsv(rows, REQUEST_COLUMNS);
}

/** The published tour of a period as GeoJSON: a LineString per truck-day (depot → stops → depot) and a Point per stop. */
export async function tourGeoJson(from: string, to: string): Promise<FeatureCollection<LineString | Point>> {
  const days = await listTour(from, to);
  const requestIds = [...new Set(days.flatMap((d) => d.stops.map((s) => s.requestId)))];
  const requests = await VisitRequest.find({ _id: trusted({ $in: requestIds }) }, 'reference schoolId schoolName').lean<
    Array<{ _id: Types.ObjectId; reference: string; schoolId: string | null; schoolName: string }>
  >();
  const byId = new Map(requests.map((r) => [String(r._id), r]));
  const schools = new Map(
    (
      await School.find(
        { _id: trusted({ $in: requests.map((r) => r.schoolId).filter((id): id is string => Boolean(id)) }) },
        'location',
      ).lean<Array<{ _id: string; location: { coordinates: [number, number] } | null }>>()
    ).map((s) => [s._id, s.location?.coordinates ?? null]),
  );
  const depot = (await Depot.findOne().lean<{ location: [number, number] }>())!.location;
  const features: Array<Feature<LineString | Point>> = [];
  for (const day of days) {
    const points = day.stops.map((s) => {
      const r = byId.get(s.requestId);
      return { stop: s, r, at: r?.schoolId ? (schools.get(r.schoolId) ?? null) : null };
    });
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [depot, ...points.flatMap((p) => (p.at ? [p.at] : [])), depot] },
      properties: {
        kind: 'route',
        truck: day.truckId,
        date: day.date,
        depart: day.depart,
        return: day.return,
        stops: day.stops.length,
      },
    });
    points.forEach((p, i) => {
      if (!p.at) return;
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: p.at },
        properties: {
          kind: 'stop',
          truck: day.truckId,
          date: day.date,
          order: i + 1,
          reference: p.r?.reference ?? null,
          school: p.r?.schoolName ?? null,
          arrive: p.stop.arrive,
          start: p.stop.start,
          end: p.stop.end,
          leave: p.stop.leave,
        },
      });
    });
  }
  return { type: 'FeatureCollection', features };
}
