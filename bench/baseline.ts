/**
 * First-come-first-served baseline for the benchmark: requests in submittedAt order, each on its
 * earliest feasible truck-day at the cheapest feasible position among that day's stops; never moves
 * a placed visit. Written independently of shared/optimizer (only shared/domain helpers) so the
 * benchmark compares against a separate implementation.
 */
import { travelMinutes, roadKm } from '../shared/domain/geo';
import type { LngLat } from '../shared/domain/geo';
import { formatHhmm, isoWeekday, listDates, parseHhmm } from '../shared/domain/time';
import type { Plan, PlanRoute, PlanningInstance, TourRequest } from '../shared/optimizer/types';

interface Slot {
  truck: string;
  date: string;
  depot: LngLat;
  shiftStart: number;
  shiftEnd: number;
  max: number;
  stops: TourRequest[];
}

/** Returns the first-come-first-served plan of an instance. */
export function planFirstComeFirstServed(inst: PlanningInstance): Plan {
  const closed = new Set(inst.closedDates);
  const depots = new Map(inst.depots.map((d) => [d.id, d.location]));
  const schools = new Map(inst.schools.map((s) => [s.id, s.location]));
  const slotsByDate = new Map<string, Slot[]>();
  const slots: Slot[] = [];
  for (const date of listDates(inst.horizon.from, inst.horizon.to)) {
    if (closed.has(date)) continue;
    for (const t of inst.trucks) {
      if (!t.weekdays.includes(isoWeekday(date)) || t.unavailableDates.includes(date)) continue;
      const slot: Slot = {
        truck: t.id,
        date,
        depot: depots.get(t.depot)!,
        shiftStart: parseHhmm(t.shift.start),
        shiftEnd: parseHhmm(t.shift.end),
        max: t.maxVisitsPerDay,
        stops: [],
      };
      slots.push(slot);
      slotsByDate.set(date, [...(slotsByDate.get(date) ?? []), slot]);
    }
  }
  const times = (slot: Slot, stops: TourRequest[]): { km: number; route: PlanRoute } | null => {
    let clock = slot.shiftStart;
    let at = slot.depot;
    let km = 0;
    const out: PlanRoute['stops'] = [];
    for (const r of stops) {
      const loc = schools.get(r.school)!;
      const drive = travelMinutes(at, loc, inst.travel);
      km += roadKm(at, loc, inst.travel);
      const arrive = clock + drive;
      const start = Math.max(arrive + r.setupMinutes, parseHhmm(r.earliestStart));
      const end = start + r.sessionMinutes;
      if (end > parseHhmm(r.latestEnd)) return null;
      out.push({
        request: r.id,
        arrive: formatHhmm(arrive),
        start: formatHhmm(start),
        end: formatHhmm(end),
        leave: formatHhmm(end + r.teardownMinutes),
      });
      clock = end + r.teardownMinutes;
      at = loc;
    }
    const back = clock + travelMinutes(at, slot.depot, inst.travel);
    km += roadKm(at, slot.depot, inst.travel);
    if (back > slot.shiftEnd) return null;
    return {
      km,
      route: {
        truck: slot.truck,
        date: slot.date,
        depart: formatHhmm(slot.shiftStart),
        return: formatHhmm(back),
        stops: out,
      },
    };
  };
  const order = [...inst.requests].sort((a, b) =>
    a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : a.id < b.id ? -1 : 1,
  );
  const unassigned: Plan['unassigned'] = [];
  for (const r of order) {
    const dates = [...new Set(r.windows.flatMap((w) => listDates(w.from, w.to)))]
      .filter((d) => !r.excludedDates.includes(d))
      .sort();
    let placed = false;
    for (const date of dates) {
      let best: { slot: Slot; stops: TourRequest[]; km: number } | null = null;
      for (const slot of slotsByDate.get(date) ?? []) {
        if (slot.stops.length >= slot.max) continue;
        const baseKm = slot.stops.length === 0 ? 0 : times(slot, slot.stops)!.km;
        for (let pos = 0; pos <= slot.stops.length; pos++) {
          const stops = [...slot.stops.slice(0, pos), r, ...slot.stops.slice(pos)];
          const t = times(slot, stops);
          if (t && (!best || t.km - baseKm < best.km)) best = { slot, stops, km: t.km - baseKm };
        }
      }
      if (best) {
        best.slot.stops = best.stops;
        placed = true;
        break;
      }
    }
    if (!placed)
      unassigned.push({ request: r.id, reason: 'geen dag met plek bij aankomst van de aanvraag (baseline)' });
  }
  const routes = slots.filter((s) => s.stops.length > 0).map((s) => times(s, s.stops)!.route);
  return { format: 'techniekwagen-plan/1', instance: inst.name, routes, unassigned };
}
