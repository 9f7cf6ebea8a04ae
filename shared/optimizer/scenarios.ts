/*
 * What-if scenarios: the same requests with another fleet, more days, longer shifts or a region first.
 * Each turns an instance into another one; planning that one shows what the change would buy (schools,
 * fairness, km) against the current plan, without touching the published tour.
 */
import { z } from 'zod';
import { formatHhmm, listDates, parseHhmm } from '../domain/time';
import type { PlanningInstance } from './types';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A what-if scenario (`kind` and its parameters). */
export const scenarioSchema = z.discriminatedUnion('kind', [
  /** A second truck (a copy of the first) on the working days from `from` to `to`. */
  z.object({ kind: z.literal('second-truck'), from: isoDate, to: isoDate }).strict(),
  /** The trucks also work on these ISO weekdays (6 = Saturday). */
  z.object({ kind: z.literal('extra-days'), weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7) }).strict(),
  /** Every shift ends this many minutes later (at most 23:59). */
  z.object({ kind: z.literal('longer-shifts'), minutes: z.number().int().min(15).max(240) }).strict(),
  /** This region's requests go first (their priority is raised above every other request's). */
  z.object({ kind: z.literal('region-first'), region: z.string().min(1).max(60) }).strict(),
]);
export type Scenario = z.infer<typeof scenarioSchema>;

/** The id of the scenario's extra truck. */
export const SCENARIO_TRUCK_ID = 'wat-als-wagen';

/** Returns the instance with the scenario applied (a new object; the input is not changed). Throws Error with a Dutch message when it does not fit the instance. */
export function applyScenario(instance: PlanningInstance, scenario: Scenario): PlanningInstance {
  switch (scenario.kind) {
    case 'second-truck': {
      const first = instance.trucks[0];
      if (!first) throw new Error('Dit plan heeft geen wagen om te kopiëren.');
      if (scenario.from > scenario.to)
        throw new Error('De eerste dag van de tweede wagen moet op of voor de laatste liggen.');
      const off = listDates(instance.horizon.from, instance.horizon.to).filter(
        (d) => d < scenario.from || d > scenario.to,
      );
      const truck = {
        ...first,
        id: SCENARIO_TRUCK_ID,
        name: 'Tweede wagen (wat als)',
        unavailableDates: [...new Set([...first.unavailableDates, ...off])].sort(),
      };
      return { ...instance, trucks: [...instance.trucks, truck] };
    }
    case 'extra-days':
      return {
        ...instance,
        trucks: instance.trucks.map((t) => ({
          ...t,
          weekdays: [...new Set([...t.weekdays, ...scenario.weekdays])].sort((a, b) => a - b),
        })),
      };
    case 'longer-shifts':
      return {
        ...instance,
        trucks: instance.trucks.map((t) => ({
          ...t,
          shift: { ...t.shift, end: formatHhmm(Math.min(23 * 60 + 59, parseHhmm(t.shift.end) + scenario.minutes)) },
        })),
      };
    case 'region-first': {
      if (!instance.regions.some((r) => r.id === scenario.region))
        throw new Error(`Regio "${scenario.region}" hoort niet bij dit plan.`);
      const region = new Map(instance.schools.map((s) => [s.id, s.region]));
      const top = Math.max(...instance.requests.map((r) => r.priority));
      return {
        ...instance,
        requests: instance.requests.map((r) =>
          region.get(r.school) === scenario.region ? { ...r, priority: r.priority + top } : r,
        ),
      };
    }
  }
}
