import { z } from 'zod';
import { roadKm, travelMinutes } from '../domain/geo';
import { isIsoDate, isoWeekday, parseHhmm, toDayNumber } from '../domain/time';
import { INSTANCE_FORMAT, PLAN_FORMAT } from './types';
import type { Plan, PinnedVisit, PlanningInstance } from './types';

/** Thrown for an instance or options that cannot be planned at all; `issues` lists every problem found, one per line. */
export class InvalidInputError extends Error {
  readonly code = 'validation_failed';
  constructor(readonly issues: string[]) {
    super(
      `invalid planning input: ${issues.slice(0, 5).join('; ')}${issues.length > 5 ? `; … and ${issues.length - 5} more` : ''}`,
    );
    this.name = 'InvalidInputError';
  }
}

const isoDate = z.string().refine(isIsoDate, 'expected an ISO date YYYY-MM-DD');
const hhmm = z.string().refine((s) => !Number.isNaN(parseHhmm(s)), 'expected a time HH:MM');
const lngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const minutes = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);
const dateRange = z.object({ from: isoDate, to: isoDate });

const instanceSchema = z.object({
  format: z.literal(INSTANCE_FORMAT),
  name: z.string().min(1),
  horizon: dateRange,
  closedDates: z.array(isoDate),
  travel: z.object({
    model: z.literal('haversine'),
    roadFactor: z.number().positive(),
    speedKmh: z.number().positive(),
  }),
  depots: z.array(z.object({ id: z.string().min(1), name: z.string(), location: lngLat })).min(1),
  trucks: z
    .array(
      z.object({
        id: z.string().min(1),
        name: z.string(),
        depot: z.string(),
        shift: z.object({ start: hhmm, end: hhmm }),
        weekdays: z.array(z.number().int().min(1).max(7)),
        unavailableDates: z.array(isoDate),
        maxVisitsPerDay: z.number().int().min(1).max(12),
      }),
    )
    .min(1),
  regions: z.array(z.object({ id: z.string().min(1), name: z.string(), weight: z.number().min(0) })),
  schools: z.array(z.object({ id: z.string().min(1), name: z.string(), region: z.string(), location: lngLat })),
  requests: z.array(
    z.object({
      id: z.string().min(1),
      school: z.string(),
      submittedAt: z.string(),
      sessionMinutes: minutes.refine((m) => m > 0, 'expected a positive number of minutes'),
      setupMinutes: minutes,
      teardownMinutes: minutes,
      windows: z.array(dateRange),
      excludedDates: z.array(isoDate),
      earliestStart: hhmm,
      latestEnd: hhmm,
      priority: z.number().int().positive(),
    }),
  ),
});

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

/** Returns the instance if it is well-formed and consistent (unique ids, known references); throws InvalidInputError listing every problem otherwise. */
export function validatePlanningInstance(raw: unknown): PlanningInstance {
  const parsed = instanceSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InvalidInputError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const inst = parsed.data as PlanningInstance;
  const issues: string[] = [];
  for (const [what, list] of [
    ['depot', inst.depots],
    ['truck', inst.trucks],
    ['region', inst.regions],
    ['school', inst.schools],
    ['request', inst.requests],
  ] as const) {
    for (const id of duplicates(list.map((x) => x.id)))
      issues.push(`${what} id ${JSON.stringify(id)} is used more than once`);
  }
  if (inst.horizon.to < inst.horizon.from)
    issues.push(`horizon: ends (${inst.horizon.to}) before it starts (${inst.horizon.from})`);
  const depots = new Set(inst.depots.map((d) => d.id));
  const regions = new Set(inst.regions.map((r) => r.id));
  const schools = new Set(inst.schools.map((s) => s.id));
  for (const t of inst.trucks) {
    if (!depots.has(t.depot)) issues.push(`truck ${t.id}: unknown depot ${JSON.stringify(t.depot)}`);
    if (parseHhmm(t.shift.end) <= parseHhmm(t.shift.start)) issues.push(`truck ${t.id}: shift ends before it starts`);
  }
  for (const s of inst.schools)
    if (!regions.has(s.region)) issues.push(`school ${s.id}: unknown region ${JSON.stringify(s.region)}`);
  for (const r of inst.requests) {
    if (!schools.has(r.school)) issues.push(`request ${r.id}: unknown school ${JSON.stringify(r.school)}`);
    for (const w of r.windows)
      if (w.to < w.from) issues.push(`request ${r.id}: window ${w.from}..${w.to} ends before it starts`);
  }
  if (issues.length > 0) throw new InvalidInputError(issues);
  // Canonical order: the plan must not depend on how a producer happened to list schools, requests or
  // trucks (the same data from the database and from a file then give the same plan for a seed).
  const byId = <T extends { id: string }>(list: T[]) =>
    [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    ...inst,
    depots: byId(inst.depots),
    trucks: byId(inst.trucks),
    schools: byId(inst.schools),
    requests: byId(inst.requests),
  };
}

/** One truck on one date it can work (open, its weekday, not unavailable, in the horizon). */
export interface TruckDay {
  index: number;
  truck: number;
  date: string;
  dayNumber: number;
  depotLoc: number;
  shiftStart: number;
  shiftEnd: number;
  maxVisits: number;
}

/** A request in the optimizer's index form: times in minutes, location and region as indices. */
export interface RequestInfo {
  index: number;
  id: string;
  loc: number;
  region: number;
  setup: number;
  session: number;
  teardown: number;
  /** Earliest session start; a pinned start time overrides it. */
  earliestStart: number;
  /** Latest session end; a pinned start time overrides it. */
  latestEnd: number;
  priority: number;
  submittedAt: string;
  /** Truck-days (ascending) on which the date rules hold and a visit alone fits the shift. */
  candidateDays: Int32Array;
  /** The truck-day this request is pinned to, or -1. */
  pinnedDay: number;
  isCancelled: boolean;
}

/** The instance turned into index form for the search; `meter.work` counts route evaluations (the work budget's unit). */
export interface Problem {
  instance: PlanningInstance;
  locCount: number;
  /** Whole travel minutes, row-major locCount × locCount; depots first, then schools. */
  travelMin: Int32Array;
  /** Road km, row-major locCount × locCount. */
  km: Float64Array;
  days: TruckDay[];
  /** Truck-day index by "truckIndex|date". */
  dayByKey: Map<string, number>;
  requests: RequestInfo[];
  requestIndex: Map<string, number>;
  /** For each truck-day, the requests that have it among their candidate days. */
  requestsByDay: Int32Array[];
  regionWeights: number[];
  /** Requests per region (all requests of the instance, as the checker counts them). */
  regionDemand: number[];
  /** For each school location, the other school locations nearest first (at most 40). */
  nearLocs: Int32Array[];
  /** Requests per location index. */
  requestsByLoc: number[][];
  maxVisits: number;
  meter: { work: number };
}

/** Returns the plan's ids as pins: every planned visit of `plan` (used to rebuild a plan around it). */
export function pinsFromPlan(plan: Plan): PinnedVisit[] {
  return plan.routes.flatMap((r) =>
    r.stops.map((s) => ({ request: s.request, truck: r.truck, date: r.date, start: s.start })),
  );
}

/**
 * Returns the search's index form of a valid instance: travel matrices, truck-days, candidate days per request.
 * Pinned visits restrict their request to one truck-day (and start time); cancelled requests get no candidate days.
 * Throws InvalidInputError for pins or cancellations that name unknown things or break the date rules.
 */
export function buildProblem(
  instance: PlanningInstance,
  pinned: PinnedVisit[] = [],
  cancelled: string[] = [],
): Problem {
  const issues: string[] = [];
  const depotIndex = new Map(instance.depots.map((d, i) => [d.id, i]));
  const schoolIndex = new Map(instance.schools.map((s, i) => [s.id, instance.depots.length + i]));
  const regionIndex = new Map(instance.regions.map((r, i) => [r.id, i]));
  const locations = [...instance.depots.map((d) => d.location), ...instance.schools.map((s) => s.location)];
  const locCount = locations.length;
  const travelMin = new Int32Array(locCount * locCount);
  const km = new Float64Array(locCount * locCount);
  for (let a = 0; a < locCount; a++) {
    for (let b = 0; b < locCount; b++) {
      const la = locations[a]!;
      const lb = locations[b]!;
      km[a * locCount + b] = roadKm(la, lb, instance.travel);
      travelMin[a * locCount + b] = travelMinutes(la, lb, instance.travel);
    }
  }

  const closed = new Set(instance.closedDates);
  const days: TruckDay[] = [];
  const dayByKey = new Map<string, number>();
  const daysByDate = new Map<number, number[]>();
  const from = toDayNumber(instance.horizon.from);
  const to = toDayNumber(instance.horizon.to);
  for (let dn = from; dn <= to; dn++) {
    const date = new Date(dn * 86_400_000).toISOString().slice(0, 10);
    if (closed.has(date)) continue;
    const weekday = isoWeekday(date);
    instance.trucks.forEach((t, ti) => {
      if (!t.weekdays.includes(weekday) || t.unavailableDates.includes(date)) return;
      const index = days.length;
      days.push({
        index,
        truck: ti,
        date,
        dayNumber: dn,
        depotLoc: depotIndex.get(t.depot) ?? 0,
        shiftStart: parseHhmm(t.shift.start),
        shiftEnd: parseHhmm(t.shift.end),
        maxVisits: t.maxVisitsPerDay,
      });
      dayByKey.set(`${ti}|${date}`, index);
      const list = daysByDate.get(dn) ?? [];
      list.push(index);
      daysByDate.set(dn, list);
    });
  }

  const cancelledSet = new Set(cancelled);
  const pinByRequest = new Map<string, PinnedVisit>();
  const truckIndex = new Map(instance.trucks.map((t, i) => [t.id, i]));
  const requestIds = new Set(instance.requests.map((r) => r.id));
  for (const id of cancelled) if (!requestIds.has(id)) issues.push(`cancelled: unknown request ${JSON.stringify(id)}`);
  for (const p of pinned) {
    if (!requestIds.has(p.request)) issues.push(`pinned: unknown request ${JSON.stringify(p.request)}`);
    else if (pinByRequest.has(p.request)) issues.push(`pinned: request ${p.request} is pinned twice`);
    else if (cancelledSet.has(p.request)) issues.push(`pinned: request ${p.request} is also cancelled`);
    else pinByRequest.set(p.request, p);
  }

  const requests: RequestInfo[] = instance.requests.map((r, index) => {
    const loc = schoolIndex.get(r.school) ?? 0;
    const region = regionIndex.get(instance.schools[loc - instance.depots.length]?.region ?? '') ?? 0;
    let earliestStart = parseHhmm(r.earliestStart);
    let latestEnd = parseHhmm(r.latestEnd);
    const excluded = new Set(r.excludedDates.map(toDayNumber));
    const allowed = new Set<number>();
    for (const w of r.windows) {
      for (let dn = Math.max(from, toDayNumber(w.from)), end = Math.min(to, toDayNumber(w.to)); dn <= end; dn++) {
        if (!excluded.has(dn)) allowed.add(dn);
      }
    }
    let pinnedDay = -1;
    const pin = pinByRequest.get(r.id);
    if (pin) {
      const ti = truckIndex.get(pin.truck);
      const day = ti === undefined ? undefined : dayByKey.get(`${ti}|${pin.date}`);
      if (ti === undefined) issues.push(`pinned ${r.id}: unknown truck ${JSON.stringify(pin.truck)}`);
      else if (!isIsoDate(pin.date) || day === undefined)
        issues.push(`pinned ${r.id}: ${pin.truck} does not work on ${pin.date}`);
      else if (!allowed.has(toDayNumber(pin.date)))
        issues.push(`pinned ${r.id}: ${pin.date} is not in the request's windows or is excluded`);
      else pinnedDay = day;
      if (pin.start !== undefined) {
        const start = parseHhmm(pin.start);
        if (Number.isNaN(start)) issues.push(`pinned ${r.id}: start ${JSON.stringify(pin.start)} is not HH:MM`);
        else if (start < earliestStart || start + r.sessionMinutes > latestEnd) {
          issues.push(
            `pinned ${r.id}: start ${pin.start} breaks earliestStart ${r.earliestStart} / latestEnd ${r.latestEnd}`,
          );
        } else {
          earliestStart = start;
          latestEnd = start + r.sessionMinutes;
        }
      }
    }
    const info: RequestInfo = {
      index,
      id: r.id,
      loc,
      region,
      setup: r.setupMinutes,
      session: r.sessionMinutes,
      teardown: r.teardownMinutes,
      earliestStart,
      latestEnd,
      priority: r.priority,
      submittedAt: r.submittedAt,
      candidateDays: new Int32Array(0),
      pinnedDay,
      isCancelled: cancelledSet.has(r.id),
    };
    if (info.isCancelled) return info;
    const candidates: number[] = [];
    const dayList =
      pinnedDay >= 0 ? [pinnedDay] : [...allowed].sort((a, b) => a - b).flatMap((dn) => daysByDate.get(dn) ?? []);
    for (const d of dayList) {
      const day = days[d]!;
      if (soloFits(day, info, travelMin, locCount)) candidates.push(d);
      else if (pinnedDay >= 0)
        issues.push(
          `pinned ${r.id}: the visit alone does not fit ${instance.trucks[day.truck]?.id}'s shift on ${day.date}`,
        );
    }
    info.candidateDays = Int32Array.from(candidates);
    return info;
  });
  if (issues.length > 0) throw new InvalidInputError(issues);

  const byDay: number[][] = days.map(() => []);
  for (const r of requests) for (const d of r.candidateDays) byDay[d]!.push(r.index);
  const regionDemand = instance.regions.map(() => 0);
  for (const r of requests) regionDemand[r.region] = (regionDemand[r.region] ?? 0) + 1;

  const requestsByLoc: number[][] = locations.map(() => []);
  for (const r of requests) requestsByLoc[r.loc]!.push(r.index);
  const schoolLocs = instance.schools.map((_, i) => instance.depots.length + i);
  const nearLocs = locations.map((_, a) => {
    if (a < instance.depots.length) return new Int32Array(0);
    const others = schoolLocs
      .filter((b) => b !== a)
      .sort((x, y) => km[a * locCount + x]! - km[a * locCount + y]! || x - y);
    return Int32Array.from(others.slice(0, 40));
  });

  return {
    instance,
    locCount,
    travelMin,
    km,
    days,
    dayByKey,
    requests,
    requestIndex: new Map(requests.map((r) => [r.id, r.index])),
    requestsByDay: byDay.map((l) => Int32Array.from(l)),
    regionWeights: instance.regions.map((r) => r.weight),
    regionDemand,
    nearLocs,
    requestsByLoc,
    maxVisits: Math.max(...instance.trucks.map((t) => t.maxVisitsPerDay)),
    meter: { work: 0 },
  };
}

function soloFits(day: TruckDay, r: RequestInfo, travelMin: Int32Array, locCount: number): boolean {
  const there = travelMin[day.depotLoc * locCount + r.loc]!;
  const back = travelMin[r.loc * locCount + day.depotLoc]!;
  const start = Math.max(day.shiftStart + there + r.setup, r.earliestStart);
  const end = start + r.session;
  return end <= r.latestEnd && end + r.teardown + back <= day.shiftEnd;
}

/** Returns the plan header check used by plan mode: issues with the format tag or the instance name. */
export function planHeaderIssues(instance: PlanningInstance, plan: { format?: unknown; instance?: unknown }): string[] {
  const out: string[] = [];
  if (plan.format !== PLAN_FORMAT) out.push(`plan format is ${JSON.stringify(plan.format)}, expected "${PLAN_FORMAT}"`);
  if (plan.instance !== instance.name)
    out.push(`plan is for instance ${JSON.stringify(plan.instance)}, not ${JSON.stringify(instance.name)}`);
  return out;
}
