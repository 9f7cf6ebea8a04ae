import type { PlanDto, PlanRequestInfo } from '../../../shared/api/plans';
import { addDays, isoWeekday, listDates, parseHhmm } from '../../../shared/domain/time';
import type { PlanRoute, PlanStop } from '../../../shared/optimizer/types';

/** A visit as the board shows it: the stop, its route's truck and date, and the request's info. */
export interface BoardVisit {
  stop: PlanStop;
  truck: string;
  date: string;
  info: PlanRequestInfo | undefined;
  isPinned: boolean;
}

/** Key of a truck's day. */
export const cellKey = (truck: string, date: string) => `${truck}|${date}`;

/** The plan's visits by truck-day key, in route order. */
export function visitsByCell(plan: PlanDto): Map<string, BoardVisit[]> {
  const infos = new Map(plan.requests.map((r) => [r.id, r]));
  const pinned = new Set(plan.pinned);
  const out = new Map<string, BoardVisit[]>();
  for (const route of plan.plan?.routes ?? []) {
    out.set(
      cellKey(route.truck, route.date),
      route.stops.map((stop) => ({
        stop,
        truck: route.truck,
        date: route.date,
        info: infos.get(stop.request),
        isPinned: pinned.has(stop.request),
      })),
    );
  }
  return out;
}

/** Minutes between two "HH:MM" times (0 when either is missing or the second is earlier). */
function minutesBetween(from: string, to: string): number {
  const d = parseHhmm(to) - parseHhmm(from);
  return Number.isFinite(d) && d > 0 ? d : 0;
}

/** Driving minutes of one route: depot → first arrival, each leave → next arrival, last leave → return. */
export function routeDrivingMinutes(route: PlanRoute): number {
  if (route.stops.length === 0) return 0;
  let total = minutesBetween(route.depart, route.stops[0]!.arrive);
  for (let i = 1; i < route.stops.length; i++)
    total += minutesBetween(route.stops[i - 1]!.leave, route.stops[i]!.arrive);
  return total + minutesBetween(route.stops.at(-1)!.leave, route.return);
}

/** Driving minutes of every route of a plan. */
export function planDrivingMinutes(plan: PlanDto | null): number {
  return (plan?.plan?.routes ?? []).reduce((sum, r) => sum + routeDrivingMinutes(r), 0);
}

/** The weekdays (Monday–Friday) of the week of `date`. */
export function weekOf(date: string): string[] {
  const monday = addDays(date, 1 - isoWeekday(date));
  return listDates(monday, addDays(monday, 4));
}

/** The weeks (as weekday lists) of the month of `date`, Monday–Friday only. */
export function monthWeeks(date: string): string[][] {
  const first = `${date.slice(0, 7)}-01`;
  const lastDay = addDays(`${addDays(first, 32).slice(0, 7)}-01`, -1);
  const weeks: string[][] = [];
  for (let monday = addDays(first, 1 - isoWeekday(first)); monday <= lastDay; monday = addDays(monday, 7)) {
    weeks.push(listDates(monday, addDays(monday, 4)));
  }
  return weeks;
}

/** The weekdays of a period (the days a visit can move to). */
export function periodWeekdays(from: string, to: string): string[] {
  return listDates(from, to).filter((d) => isoWeekday(d) <= 5);
}

/** The routes of a plan with one visit taken out (empty routes dropped), for "remove". */
export function routesWithout(plan: PlanDto, requestId: string): PlanRoute[] {
  return (plan.plan?.routes ?? [])
    .map((r) => ({ ...r, stops: r.stops.filter((s) => s.request !== requestId) }))
    .filter((r) => r.stops.length > 0);
}
