import { formatHhmm } from '../domain/time';
import type { Problem } from './input';
import { scheduleRoute } from './route';
import type { Solution } from './solution';
import { PLAN_FORMAT } from './types';
import type { Plan, PlanRoute, UnassignedReason } from './types';

/** Returns the plan in the exchange format: routes by date then truck, unassigned in instance order with Dutch reasons. */
export function toPlan(p: Problem, s: Solution, reasons: readonly UnassignedReason[]): Plan {
  const routes: PlanRoute[] = [];
  for (const day of p.days) {
    const seq = s.routes[day.index]!;
    if (seq.length === 0) continue;
    const times = scheduleRoute(p, day, seq);
    if (!times) throw new Error(`internal: route of ${day.date} is not feasible`);
    routes.push({
      truck: p.instance.trucks[day.truck]!.id,
      date: day.date,
      depart: formatHhmm(times.depart),
      return: formatHhmm(times.back),
      stops: seq.map((r, i) => {
        const t = times.stops[i]!;
        return {
          request: p.requests[r]!.id,
          arrive: formatHhmm(t.arrive),
          start: formatHhmm(t.start),
          end: formatHhmm(t.end),
          leave: formatHhmm(t.leave),
        };
      }),
    });
  }
  return {
    format: PLAN_FORMAT,
    instance: p.instance.name,
    routes,
    unassigned: reasons.map((r) => ({ request: r.request, reason: r.nl, reasonCode: r.code, reasonEn: r.en })),
  };
}
