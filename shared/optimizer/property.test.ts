import { expect } from 'chai';
import fc from 'fast-check';
import { addDays } from '../domain/time';
import { tinyInstance, tinyRequest } from './fixtures/tiny';
import { createRng } from './rng';
import { compareCost, evaluatePlan, optimizeTour } from './index';
import type { PlanningInstance } from './types';

const SCHOOLS = ['near1', 'near2', 'south', 'goeree'];

/** Returns a random but seeded instance: 1–2 trucks, two weeks, up to 24 requests with random windows, times and exclusions. */
function randomInstance(seed: number): PlanningInstance {
  const rng = createRng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)]!;
  const n = 1 + rng.int(24);
  const requests = Array.from({ length: n }, (_, i) => {
    const from = addDays('2027-01-11', rng.int(12));
    return tinyRequest(`r${String(i + 1).padStart(2, '0')}`, pick(SCHOOLS), {
      sessionMinutes: pick([60, 120, 180, 300]),
      setupMinutes: pick([0, 30, 45]),
      teardownMinutes: pick([0, 30]),
      windows: [
        { from, to: addDays(from, rng.int(6)) },
        ...(rng.next() < 0.3 ? [{ from: addDays(from, 7), to: addDays(from, 9) }] : []),
      ],
      excludedDates: rng.next() < 0.3 ? [addDays(from, rng.int(3))] : [],
      earliestStart: pick(['08:00', '08:30', '09:00', '13:00']),
      latestEnd: pick(['12:30', '15:30', '16:00']),
      priority: pick([1, 1, 1, 2, 3]),
    });
  });
  const instance = tinyInstance(requests, {
    horizon: { from: '2027-01-11', to: '2027-01-24' },
    closedDates: rng.next() < 0.5 ? ['2027-01-13'] : [],
  });
  if (rng.next() < 0.5) {
    instance.trucks.push({
      ...instance.trucks[0]!,
      id: 'wagen-2',
      name: 'Techniekwagen 2',
      maxVisitsPerDay: 3,
      weekdays: [2, 3, 4],
      unavailableDates: ['2027-01-19'],
    });
  }
  return instance;
}

describe('optimizeTour on random seeded instances (fast-check)', () => {
  it('always returns a plan that breaks no hard rule and places every request exactly once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 1000 }),
        (instanceSeed, optimizerSeed) => {
          const instance = randomInstance(instanceSeed);
          const result = optimizeTour(instance, { seed: optimizerSeed, workBudget: 5_000 });
          const check = evaluatePlan(instance, result.plan);
          expect(check.violations).to.deep.equal([]);
          const ids = [
            ...result.plan.routes.flatMap((r) => r.stops.map((s) => s.request)),
            ...result.plan.unassigned.map((u) => u.request),
          ].sort();
          expect(ids).to.deep.equal(instance.requests.map((r) => r.id).sort());
          expect(result.reasons.map((r) => r.request)).to.deep.equal(result.plan.unassigned.map((u) => u.request));
          for (const u of result.plan.unassigned) expect(u.reason).to.be.a('string').and.not.equal('');
        },
      ),
      { numRuns: 60, seed: 20270111 },
    );
  });

  it('never ends worse (by compareCost, fairness guard first) than its own construction', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const result = optimizeTour(randomInstance(seed), { seed: 1, workBudget: 5_000 });
        expect(compareCost(result.stats.best, result.stats.constructed)).to.be.at.most(0);
      }),
      { numRuns: 30, seed: 7 },
    );
  });

  it('keeps random pinned visits where they were pinned', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const instance = randomInstance(seed);
        const first = optimizeTour(instance, { seed: 2, workBudget: 3_000 });
        const pinned = first.plan.routes
          .filter((_, i) => i % 2 === 0)
          .flatMap((r) => r.stops.map((s) => ({ request: s.request, truck: r.truck, date: r.date, start: s.start })));
        const second = optimizeTour(instance, { seed: 5, workBudget: 3_000, pinned });
        expect(evaluatePlan(instance, second.plan).valid).to.equal(true);
        const placed = new Map(
          second.plan.routes.flatMap((r) =>
            r.stops.map((s) => [s.request, `${r.truck}|${r.date}|${s.start}`] as const),
          ),
        );
        for (const p of pinned) expect(placed.get(p.request)).to.equal(`${p.truck}|${p.date}|${p.start}`);
      }),
      { numRuns: 30, seed: 11 },
    );
  });
});
