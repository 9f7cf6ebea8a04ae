import { computeFairShares } from '../domain/fairness';
import { roadKm, travelMinutes } from '../domain/geo';
import { formatHhmm, isIsoDate, isoWeekday, parseHhmm } from '../domain/time';
import { planHeaderIssues } from './input';
import type { EvaluationResult, PlanFigures, PlanningInstance, RuleNumber, Violation } from './types';

type Loose = Record<string, unknown>;
const asObject = (x: unknown): Loose => (x !== null && typeof x === 'object' ? (x as Loose) : {});
const asArray = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const asString = (x: unknown): string => (typeof x === 'string' ? x : '');
const minutesOf = (x: unknown): number => (typeof x === 'string' ? parseHhmm(x) : NaN);

/**
 * Plan mode: checks a plan (any JSON value) against a validated instance on every hard rule of
 * PLANNING-FORMAT.md, with the checker's arithmetic, and returns the violations (rule number and a
 * message) and the plan's figures. Never throws on a bad plan.
 */
export function evaluatePlanAgainst(instance: PlanningInstance, planValue: unknown): EvaluationResult {
  const plan = asObject(planValue);
  const violations: Violation[] = [];
  const broken = (rule: RuleNumber, message: string): void => {
    violations.push({ rule, message });
  };
  for (const m of planHeaderIssues(instance, plan)) broken(0, m);

  const schools = new Map(instance.schools.map((x) => [x.id, x]));
  const requests = new Map(instance.requests.map((x) => [x.id, x]));
  const trucks = new Map(instance.trucks.map((x) => [x.id, x]));
  const depots = new Map(instance.depots.map((x) => [x.id, x]));
  const closed = new Set(instance.closedDates);
  const seen = new Map<string, string>();
  const mark = (id: string, where: string): void => {
    if (!requests.has(id)) broken(1, `${where}: unknown request ${JSON.stringify(id)}`);
    else if (seen.has(id)) broken(1, `${where}: request ${id} already placed at ${seen.get(id)}`);
    else seen.set(id, where);
  };

  const truckDays = new Set<string>();
  const servedByRegion = new Map<string, number>();
  let served = 0;
  let servedPriority = 0;
  let totalKm = 0;
  const routes = asArray(plan.routes);

  for (const [i, routeValue] of routes.entries()) {
    const route = asObject(routeValue);
    const date = asString(route.date);
    const where = `route ${i} (${asString(route.truck)} ${date})`;
    const truck = trucks.get(asString(route.truck));
    if (!truck) {
      broken(2, `${where}: unknown truck`);
      continue;
    }
    const depot = depots.get(truck.depot);
    if (!depot) {
      broken(2, `${where}: truck's depot ${truck.depot} is unknown`);
      continue;
    }
    if (!isIsoDate(date)) {
      broken(2, `${where}: bad date`);
      continue;
    }
    if (date < instance.horizon.from || date > instance.horizon.to) broken(2, `${where}: date outside the horizon`);
    if (closed.has(date)) broken(2, `${where}: date is closed`);
    if (!truck.weekdays.includes(isoWeekday(date))) broken(2, `${where}: not one of the truck's weekdays`);
    if (truck.unavailableDates.includes(date)) broken(2, `${where}: truck unavailable that day`);
    const key = `${truck.id}|${date}`;
    if (truckDays.has(key)) broken(2, `${where}: second route for this truck on this date`);
    truckDays.add(key);
    const stops = asArray(route.stops);
    if (stops.length === 0) broken(2, `${where}: route without stops`);
    if (stops.length > truck.maxVisitsPerDay)
      broken(2, `${where}: ${stops.length} stops, more than maxVisitsPerDay ${truck.maxVisitsPerDay}`);

    const depart = minutesOf(route.depart);
    const back = minutesOf(route.return);
    if (Number.isNaN(depart) || Number.isNaN(back)) {
      broken(4, `${where}: bad depart/return time`);
      continue;
    }
    if (depart < parseHhmm(truck.shift.start))
      broken(4, `${where}: departs ${formatHhmm(depart)} before shift start ${truck.shift.start}`);
    if (back > parseHhmm(truck.shift.end))
      broken(4, `${where}: returns ${formatHhmm(back)} after shift end ${truck.shift.end}`);

    let clock = depart;
    let at = depot.location;
    for (const [k, stopValue] of stops.entries()) {
      const stop = asObject(stopValue);
      const id = asString(stop.request);
      const sw = `${where} stop ${k} (${id})`;
      mark(id, sw);
      const req = requests.get(id);
      if (!req) continue;
      const school = schools.get(req.school);
      if (!school) {
        broken(1, `${sw}: request's school ${req.school} is unknown`);
        continue;
      }
      if (!req.windows.some((w) => date >= w.from && date <= w.to))
        broken(3, `${sw}: date not in any window of the request`);
      if (req.excludedDates.includes(date)) broken(3, `${sw}: date excluded by the school`);
      const [arrive, start, end, leave] = [stop.arrive, stop.start, stop.end, stop.leave].map(minutesOf) as [
        number,
        number,
        number,
        number,
      ];
      if ([arrive, start, end, leave].some(Number.isNaN)) {
        broken(4, `${sw}: bad time`);
        continue;
      }
      const drive = travelMinutes(at, school.location, instance.travel);
      totalKm += roadKm(at, school.location, instance.travel);
      if (arrive < clock + drive)
        broken(4, `${sw}: arrives ${formatHhmm(arrive)}, but the drive takes ${drive} min from ${formatHhmm(clock)}`);
      if (start < arrive + req.setupMinutes)
        broken(4, `${sw}: starts ${formatHhmm(start)}, before setup (${req.setupMinutes} min) is done`);
      if (start < parseHhmm(req.earliestStart)) broken(4, `${sw}: starts before earliestStart ${req.earliestStart}`);
      if (end !== start + req.sessionMinutes)
        broken(4, `${sw}: session runs ${end - start} min, request says ${req.sessionMinutes}`);
      if (end > parseHhmm(req.latestEnd)) broken(4, `${sw}: ends after latestEnd ${req.latestEnd}`);
      if (leave < end + req.teardownMinutes)
        broken(4, `${sw}: leaves ${formatHhmm(leave)}, before teardown (${req.teardownMinutes} min) is done`);
      clock = leave;
      at = school.location;
      served++;
      servedPriority += req.priority;
      servedByRegion.set(school.region, (servedByRegion.get(school.region) ?? 0) + 1);
    }
    const driveHome = travelMinutes(at, depot.location, instance.travel);
    totalKm += roadKm(at, depot.location, instance.travel);
    if (stops.length > 0 && back < clock + driveHome) {
      broken(
        4,
        `${where}: returns ${formatHhmm(back)}, but the drive home takes ${driveHome} min from ${formatHhmm(clock)}`,
      );
    }
  }

  const unassigned = asArray(plan.unassigned);
  for (const [i, value] of unassigned.entries()) {
    const u = asObject(value);
    const id = asString(u.request);
    mark(id, `unassigned ${i}`);
    if (typeof u.reason !== 'string' || u.reason.trim() === '') broken(1, `unassigned ${i} (${id}): no reason given`);
  }
  for (const id of requests.keys()) if (!seen.has(id)) broken(1, `request ${id} is neither planned nor unassigned`);

  return {
    valid: violations.length === 0,
    violations,
    figures: planFigures(instance, served, servedPriority, totalKm, servedByRegion, routes.length, unassigned.length),
  };
}

function planFigures(
  instance: PlanningInstance,
  served: number,
  servedPriority: number,
  totalKm: number,
  servedByRegion: Map<string, number>,
  routeCount: number,
  unassignedCount: number,
): PlanFigures {
  const schools = new Map(instance.schools.map((x) => [x.id, x]));
  const demand = new Map<string, number>();
  for (const r of instance.requests) {
    const region = schools.get(r.school)?.region ?? '';
    demand.set(region, (demand.get(region) ?? 0) + 1);
  }
  const weights = instance.regions.map((r) => r.weight);
  const demands = instance.regions.map((r) => demand.get(r.id) ?? 0);
  const fair = computeFairShares(weights, demands, served);
  let shortfall = 0;
  instance.regions.forEach((r, i) => {
    shortfall += Math.max(0, fair[i]! - (servedByRegion.get(r.id) ?? 0));
  });
  return {
    requests: instance.requests.length,
    served,
    servedPriority,
    unassigned: unassignedCount,
    roadKm: Math.round(totalKm * 10) / 10,
    fairShortfall: Math.round(shortfall * 100) / 100,
    routes: routeCount,
    servedByRegion: Object.fromEntries(
      instance.regions.map((r, i) => [
        r.id,
        {
          served: servedByRegion.get(r.id) ?? 0,
          fair: Math.round(fair[i]! * 100) / 100,
          demand: demand.get(r.id) ?? 0,
        },
      ]),
    ),
  };
}
