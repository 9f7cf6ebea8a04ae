import { trusted, Types } from 'mongoose';
import type { DayFlagDto, SlotCandidateDto } from '../../../shared/api/plans';
import { formatHhmm, parseHhmm } from '../../../shared/domain/time';
import { travelMinutes, type LngLat } from '../../../shared/domain/geo';
import { NotFoundError } from '../../errors';
import { optimizeTour, type PlanningInstance } from '../../../shared/optimizer';
import { DayFlag } from '../../models/DayFlag';
import { Depot } from '../../models/Depot';
import { School } from '../../models/School';
import { Truck } from '../../models/Truck';
import { VisitRequest } from '../../models/VisitRequest';
import { getTruckDay, takeStopOff, type TruckDayDto, type TruckDayStop } from '../truckDays';
import { buildInstance, TRAVEL } from './instance';

/**
 * The departure and return of a truck's day with these stops: the drive from the depot to the first school
 * ends at its arrival, the drive back starts when it leaves the last one (the travel model of the plans). The
 * stops keep their times: the schools were told them. Null times for an empty day.
 */
export async function timeDay(
  truckId: string,
  stops: TruckDayStop[],
): Promise<{ depart: string | null; return: string | null }> {
  if (stops.length === 0) return { depart: null, return: null };
  const truck = await Truck.findById(truckId, 'depotId').lean<{ depotId: string }>();
  const depot = truck ? await Depot.findById(truck.depotId, 'location').lean<{ location: number[] }>() : null;
  const sorted = [...stops].sort((a, b) => a.arrive.localeCompare(b.arrive));
  const first = sorted[0]!;
  const last = sorted.at(-1)!;
  const locations = await schoolLocations([first.requestId, last.requestId]);
  const home = depot?.location as LngLat | undefined;
  const a = locations.get(first.requestId);
  const b = locations.get(last.requestId);
  const out = home && a ? travelMinutes(home, a, TRAVEL) : 0;
  const back = home && b ? travelMinutes(b, home, TRAVEL) : 0;
  return {
    depart: formatHhmm(Math.max(0, parseHhmm(first.arrive) - out)),
    return: formatHhmm(Math.min(24 * 60 - 1, parseHhmm(last.leave) + back)),
  };
}

async function schoolLocations(requestIds: string[]): Promise<Map<string, LngLat>> {
  const ids = [...new Set(requestIds)].filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
  const requests = await VisitRequest.find({ _id: trusted({ $in: ids }) }, 'schoolId').lean<
    Array<{ _id: Types.ObjectId; schoolId: string | null }>
  >();
  const schoolIds = [...new Set(requests.map((r) => r.schoolId).filter((s): s is string => Boolean(s)))];
  const schools = await School.find({ _id: trusted({ $in: schoolIds }) }, 'location').lean<
    Array<{ _id: string; location: { coordinates: number[] } | null }>
  >();
  const bySchool = new Map(
    schools.filter((s) => s.location).map((s) => [s._id, s.location!.coordinates as unknown as LngLat]),
  );
  const out = new Map<string, LngLat>();
  for (const r of requests) {
    const loc = r.schoolId ? bySchool.get(r.schoolId) : undefined;
    if (loc) out.set(String(r._id), loc);
  }
  return out;
}

/** Takes a request's stop off a truck's day and re-times the day (truckDays.ts takeStopOff, with timeDay). */
export function takeVisitOffDay(
  truckId: string,
  date: string,
  requestId: string,
  now = new Date(),
): Promise<{ day: TruckDayDto; removed: TruckDayStop } | null> {
  return takeStopOff(truckId, date, requestId, (_day, stops) => timeDay(truckId, stops), now);
}

export type DayFlagKind = DayFlagDto['kind'];

/** Flags a truck's day on the planning board: a visit left it after publishing. Flagging the same change twice is a no-op. */
export async function flagDay(
  flag: {
    truckId: string;
    date: string;
    kind: DayFlagKind;
    requestId: string;
    reference: string;
    schoolName: string;
    freedFrom: string | null;
    freedTo: string | null;
    reason: string | null;
  },
  now = new Date(),
): Promise<void> {
  await DayFlag.updateOne(
    { _id: `${flag.truckId}:${flag.date}:${flag.requestId}` },
    { $set: { ...flag, at: now, resolvedAt: null, resolvedBy: null } },
    { upsert: true },
  );
}

export type { DayFlagDto };

/** The open flags of the days in [from, to]. */
export async function listDayFlags(from: string, to: string): Promise<DayFlagDto[]> {
  const docs = await DayFlag.find({ date: trusted({ $gte: from, $lte: to }), resolvedAt: null })
    .sort({ date: 1, truckId: 1 })
    .lean<Array<Omit<DayFlagDto, 'id' | 'at'> & { _id: string; at: Date }>>();
  return docs.map(({ _id, at, ...rest }) => ({
    id: _id,
    ...rest,
    at: new Date(at).toISOString(),
    freedFrom: rest.freedFrom ?? null,
    freedTo: rest.freedTo ?? null,
    reason: rest.reason ?? null,
  }));
}

/** The crew has dealt with a flag ("Gezien"). */
export async function resolveDayFlag(id: string, userId: string, now = new Date()): Promise<boolean> {
  const res = await DayFlag.updateOne({ _id: id, resolvedAt: null }, { $set: { resolvedAt: now, resolvedBy: userId } });
  return res.matchedCount > 0;
}

export type { SlotCandidateDto };

/**
 * "Fill the slot": the accepted requests (no date yet) that can go on a flagged day, best first. For each, the
 * optimizer plans the day in plan mode with the day's visits pinned at their times and the candidate pinned to
 * the day (no search, only timing and every hard rule); those that fit are offered, fewest road km first. The
 * crew places one with one click ("Inplannen", fillSlot.ts), or with a new plan from the board.
 */
export async function slotCandidates(
  flagId: string,
  options: { limit?: number; onlyRequestId?: string } = {},
): Promise<SlotCandidateDto[]> {
  const limit = options.limit ?? 5;
  const flag = await DayFlag.findById(flagId).lean<{ truckId: string; date: string }>();
  if (!flag) throw new NotFoundError('Deze markering');
  const built = await buildInstance(`vul ${flagId}`, flag.date, flag.date, [flag.truckId]);
  const day = await getTruckDay(flag.truckId, flag.date);
  const infoByRequest = new Map(built.requests.map((i) => [i.requestId, i]));
  const pinned = day.stops.flatMap((s) => {
    const info = infoByRequest.get(s.requestId);
    return info ? [{ request: info.id, truck: flag.truckId, date: flag.date, start: s.start }] : [];
  });
  // One request ("Inplannen" checks the one it places) or every request of the day's instance.
  const asked = built.requests.filter((i) => !options.onlyRequestId || i.requestId === options.onlyRequestId);
  const waiting = await VisitRequest.find(
    { _id: trusted({ $in: asked.map((i) => new Types.ObjectId(i.requestId)) }), status: 'accepted' },
    '_id',
  ).lean<Array<{ _id: Types.ObjectId }>>();
  const out: SlotCandidateDto[] = [];
  for (const w of waiting) {
    const info = infoByRequest.get(String(w._id))!;
    const ids = new Set([...pinned.map((p) => p.request), info.id]);
    const reduced: PlanningInstance = {
      ...built.instance,
      requests: built.instance.requests.filter((r) => ids.has(r.id)),
    };
    try {
      const result = optimizeTour(reduced, {
        seed: 1,
        workBudget: 0,
        pinned: [...pinned, { request: info.id, truck: flag.truckId, date: flag.date }],
      });
      const route = result.plan.routes.find((r) => r.truck === flag.truckId && r.date === flag.date);
      const stop = route?.stops.find((s) => s.request === info.id);
      if (!stop) continue;
      out.push({
        requestId: info.requestId,
        reference: info.reference,
        schoolName: info.schoolName,
        arrive: stop.arrive,
        start: stop.start,
        end: stop.end,
        leave: stop.leave,
        dayKm: Math.round(result.figures.roadKm * 10) / 10,
      });
    } catch {
      // does not fit on this day
    }
  }
  return out.sort((a, b) => a.dayKm - b.dayKm || a.reference.localeCompare(b.reference)).slice(0, limit);
}
