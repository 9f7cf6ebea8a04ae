#!/usr/bin/env node
// Vendored copy of the independent plan checker (bench/check-plan.mjs of the planning material that ships
// with PLANNING-FORMAT.md, beside the project on the development machines), copied unchanged below this
// header (minus its first, shebang, line), so the project needs nothing outside itself. Refresh it by copying
// that file again when the format changes.
// Checks a plan against a planning instance (see PLANNING-FORMAT.md) and prints its figures.
// Usage: node check-plan.mjs [--json] instance.json plan.json
// Exit: 0 valid, 1 a hard rule is broken, 2 unreadable input.
import { readFileSync } from 'node:fs';

const EARTH_RADIUS_KM = 6371.0088;

function fail(message) {
  console.error(`check-plan: ${message}`);
  process.exit(2);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    fail(`cannot read ${path}: ${error.message}`);
  }
}

export function roadKm(a, b, travel) {
  const rad = (deg) => (deg * Math.PI) / 180;
  const [lng1, lat1] = a;
  const [lng2, lat2] = b;
  const h =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h))) * travel.roadFactor;
}

export function travelMinutes(a, b, travel) {
  return Math.ceil((roadKm(a, b, travel) / travel.speedKmh) * 60 - 1e-9);
}

function minutes(hhmm) {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm ?? '');
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return NaN;
  return Number(m[1]) * 60 + Number(m[2]);
}

function isoWeekday(date) {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

const isDate = (s) => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const inRange = (date, { from, to }) => date >= from && date <= to;

// Max-min fair split of `served` visits over regions, capped by each region's demand.
export function fairShares(regions, demand, served) {
  const fair = new Map(regions.map((r) => [r.id, 0]));
  let open = regions.filter((r) => (demand.get(r.id) ?? 0) > 0 && r.weight > 0);
  let left = served;
  while (open.length > 0 && left > 1e-9) {
    const totalWeight = open.reduce((sum, r) => sum + r.weight, 0);
    const capped = open.filter((r) => demand.get(r.id) - fair.get(r.id) <= (left * r.weight) / totalWeight);
    if (capped.length === 0) {
      for (const r of open) fair.set(r.id, fair.get(r.id) + (left * r.weight) / totalWeight);
      left = 0;
    } else {
      for (const r of capped) {
        left -= demand.get(r.id) - fair.get(r.id);
        fair.set(r.id, demand.get(r.id));
      }
      open = open.filter((r) => !capped.includes(r));
    }
  }
  return fair;
}

export function checkPlan(instance, plan) {
  const errors = [];
  const err = (msg) => errors.push(msg);
  const byId = (list) => new Map((list ?? []).map((x) => [x.id, x]));
  const schools = byId(instance.schools);
  const requests = byId(instance.requests);
  const trucks = byId(instance.trucks);
  const depots = byId(instance.depots);
  const closed = new Set(instance.closedDates ?? []);
  const travel = instance.travel;

  if (plan.format !== 'techniekwagen-plan/1') err(`plan format is ${JSON.stringify(plan.format)}, expected "techniekwagen-plan/1"`);
  if (plan.instance !== instance.name) err(`plan is for instance ${JSON.stringify(plan.instance)}, not ${JSON.stringify(instance.name)}`);

  const seen = new Map();
  const mark = (id, where) => {
    if (!requests.has(id)) err(`${where}: unknown request ${JSON.stringify(id)}`);
    else if (seen.has(id)) err(`${where}: request ${id} already placed at ${seen.get(id)}`);
    else seen.set(id, where);
  };

  const truckDays = new Set();
  const servedByRegion = new Map();
  let served = 0;
  let servedPriority = 0;
  let totalKm = 0;

  for (const [i, route] of (plan.routes ?? []).entries()) {
    const where = `route ${i} (${route.truck} ${route.date})`;
    const truck = trucks.get(route.truck);
    if (!truck) { err(`${where}: unknown truck`); continue; }
    const depot = depots.get(truck.depot);
    if (!depot) { err(`${where}: truck's depot ${truck.depot} is unknown`); continue; }
    if (!isDate(route.date)) { err(`${where}: bad date`); continue; }
    if (!inRange(route.date, instance.horizon)) err(`${where}: date outside the horizon`);
    if (closed.has(route.date)) err(`${where}: date is closed`);
    if (!(truck.weekdays ?? [1, 2, 3, 4, 5]).includes(isoWeekday(route.date))) err(`${where}: not one of the truck's weekdays`);
    if ((truck.unavailableDates ?? []).includes(route.date)) err(`${where}: truck unavailable that day`);
    const key = `${route.truck}|${route.date}`;
    if (truckDays.has(key)) err(`${where}: second route for this truck on this date`);
    truckDays.add(key);
    const stops = route.stops ?? [];
    if (stops.length === 0) err(`${where}: route without stops`);
    if (stops.length > (truck.maxVisitsPerDay ?? Infinity)) err(`${where}: ${stops.length} stops, more than maxVisitsPerDay ${truck.maxVisitsPerDay}`);

    const depart = minutes(route.depart);
    const back = minutes(route.return);
    if (Number.isNaN(depart) || Number.isNaN(back)) { err(`${where}: bad depart/return time`); continue; }
    if (depart < minutes(truck.shift.start)) err(`${where}: departs ${route.depart} before shift start ${truck.shift.start}`);
    if (back > minutes(truck.shift.end)) err(`${where}: returns ${route.return} after shift end ${truck.shift.end}`);

    let clock = depart;
    let at = depot.location;
    for (const [k, stop] of stops.entries()) {
      const sw = `${where} stop ${k} (${stop.request})`;
      mark(stop.request, sw);
      const req = requests.get(stop.request);
      if (!req) continue;
      const school = schools.get(req.school);
      if (!school) { err(`${sw}: request's school ${req.school} is unknown`); continue; }
      if (!(req.windows ?? []).some((w) => inRange(route.date, w))) err(`${sw}: date not in any window of the request`);
      if ((req.excludedDates ?? []).includes(route.date)) err(`${sw}: date excluded by the school`);
      const [arrive, start, end, leave] = [stop.arrive, stop.start, stop.end, stop.leave].map(minutes);
      if ([arrive, start, end, leave].some(Number.isNaN)) { err(`${sw}: bad time`); continue; }
      const drive = travelMinutes(at, school.location, travel);
      totalKm += roadKm(at, school.location, travel);
      if (arrive < clock + drive) err(`${sw}: arrives ${stop.arrive}, but the drive takes ${drive} min from ${fmt(clock)}`);
      if (start < arrive + req.setupMinutes) err(`${sw}: starts ${stop.start}, before setup (${req.setupMinutes} min) is done`);
      if (start < minutes(req.earliestStart)) err(`${sw}: starts before earliestStart ${req.earliestStart}`);
      if (end !== start + req.sessionMinutes) err(`${sw}: session runs ${end - start} min, request says ${req.sessionMinutes}`);
      if (end > minutes(req.latestEnd)) err(`${sw}: ends after latestEnd ${req.latestEnd}`);
      if (leave < end + req.teardownMinutes) err(`${sw}: leaves ${stop.leave}, before teardown (${req.teardownMinutes} min) is done`);
      clock = leave;
      at = school.location;
      served += 1;
      servedPriority += req.priority ?? 1;
      servedByRegion.set(school.region, (servedByRegion.get(school.region) ?? 0) + 1);
    }
    const driveHome = travelMinutes(at, depot.location, travel);
    totalKm += roadKm(at, depot.location, travel);
    if (stops.length > 0 && back < clock + driveHome) err(`${where}: returns ${route.return}, but the drive home takes ${driveHome} min from ${fmt(clock)}`);
  }

  for (const [i, u] of (plan.unassigned ?? []).entries()) {
    mark(u.request, `unassigned ${i}`);
    if (typeof u.reason !== 'string' || u.reason.trim() === '') err(`unassigned ${i} (${u.request}): no reason given`);
  }
  for (const id of requests.keys()) if (!seen.has(id)) err(`request ${id} is neither planned nor unassigned`);

  const demand = new Map();
  for (const req of requests.values()) {
    const region = schools.get(req.school)?.region;
    demand.set(region, (demand.get(region) ?? 0) + 1);
  }
  const fair = fairShares(instance.regions ?? [], demand, served);
  let fairShortfall = 0;
  for (const [region, f] of fair) fairShortfall += Math.max(0, f - (servedByRegion.get(region) ?? 0));

  return {
    valid: errors.length === 0,
    errors,
    figures: {
      requests: requests.size,
      served,
      servedPriority,
      unassigned: (plan.unassigned ?? []).length,
      roadKm: Math.round(totalKm * 10) / 10,
      fairShortfall: Math.round(fairShortfall * 100) / 100,
      routes: (plan.routes ?? []).length,
      servedByRegion: Object.fromEntries([...fair.keys()].map((r) => [r, { served: servedByRegion.get(r) ?? 0, fair: Math.round(fair.get(r) * 100) / 100, demand: demand.get(r) ?? 0 }])),
    },
  };
}

function fmt(m) {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('check-plan.mjs')) {
  const args = process.argv.slice(2);
  const asJson = args[0] === '--json';
  const [instancePath, planPath] = asJson ? args.slice(1) : args;
  if (!instancePath || !planPath) fail('usage: check-plan.mjs [--json] instance.json plan.json');
  const result = checkPlan(readJson(instancePath), readJson(planPath));
  if (asJson) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    for (const e of result.errors.slice(0, 50)) console.log(`BROKEN ${e}`);
    if (result.errors.length > 50) console.log(`… and ${result.errors.length - 50} more`);
    const f = result.figures;
    console.log(`${result.valid ? 'VALID' : 'INVALID'} served=${f.served}/${f.requests} priority=${f.servedPriority} roadKm=${f.roadKm} fairShortfall=${f.fairShortfall} routes=${f.routes}`);
  }
  process.exit(result.valid ? 0 : 1);
}
