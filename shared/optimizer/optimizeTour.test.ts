import { expect } from 'chai';
import { roadKm } from '../domain/geo';
import { DEPOT, PLACES, tinyInstance, tinyRequest } from './fixtures/tiny';
import { InvalidInputError, evaluatePlan, optimizeTour } from './index';
import type { OptimizeOptions, PlanningInstance } from './types';

const QUICK: OptimizeOptions = { seed: 7, workBudget: 20_000 };
const travel = { model: 'haversine', roadFactor: 1.35, speedKmh: 30 } as const;

function solve(instance: PlanningInstance, options: OptimizeOptions = QUICK): ReturnType<typeof optimizeTour> {
  const result = optimizeTour(instance, options);
  expect(evaluatePlan(instance, result.plan).violations).to.deep.equal([]);
  return result;
}

describe('optimizeTour', () => {
  describe('tiny instances with a known optimum', () => {
    it('puts two nearby schools on one day: depot → near1 → near2 → depot', () => {
      const result = solve(tinyInstance([tinyRequest('r01', 'near1'), tinyRequest('r02', 'near2')]));
      expect(result.plan.routes).to.have.length(1);
      const km =
        roadKm(DEPOT, PLACES.near1, travel) +
        roadKm(PLACES.near1, PLACES.near2, travel) +
        roadKm(PLACES.near2, DEPOT, travel);
      expect(result.figures.roadKm).to.equal(Math.round(km * 10) / 10);
    });

    it('gives the only possible day to the request that has no other (served 2, not 1)', () => {
      const instance = tinyInstance([
        tinyRequest('r01', 'near1', {
          windows: [{ from: '2027-01-11', to: '2027-01-12' }],
          submittedAt: '2026-01-01T00:00:00Z',
        }),
        tinyRequest('r02', 'near2', { windows: [{ from: '2027-01-11', to: '2027-01-11' }] }),
      ]);
      instance.trucks[0]!.maxVisitsPerDay = 1;
      const result = solve(instance);
      expect(result.figures.served).to.equal(2);
      const dates = Object.fromEntries(result.plan.routes.map((r) => [r.stops[0]!.request, r.date]));
      expect(dates).to.deep.equal({ r02: '2027-01-11', r01: '2027-01-12' });
    });

    it('serves the higher priority first when only one visit fits', () => {
      const instance = tinyInstance([
        tinyRequest('r01', 'near1', { sessionMinutes: 300, windows: [{ from: '2027-01-11', to: '2027-01-11' }] }),
        tinyRequest('r02', 'near2', {
          sessionMinutes: 300,
          windows: [{ from: '2027-01-11', to: '2027-01-11' }],
          priority: 2,
        }),
      ]);
      const result = solve(instance);
      expect(result.plan.routes.flatMap((r) => r.stops.map((s) => s.request))).to.deep.equal(['r02']);
      expect(result.reasons.map((r) => r.code)).to.deep.equal(['no_room_in_days']);
    });

    it('breaks a tie on served by fairness: the under-served region gets the last place', () => {
      const monday = [{ from: '2027-01-11', to: '2027-01-11' }];
      const instance = tinyInstance([
        tinyRequest('r01', 'near1', { windows: [{ from: '2027-01-12', to: '2027-01-12' }] }),
        tinyRequest('r02', 'near2', { sessionMinutes: 300, windows: monday }),
        tinyRequest('r03', 'south', { sessionMinutes: 300, windows: monday }),
      ]);
      const result = solve(instance);
      expect(result.figures.served).to.equal(2);
      expect(result.figures.fairShortfall).to.equal(0);
      expect(result.reasons.map((r) => r.request)).to.deep.equal(['r02']);
    });
  });

  describe('reasons for unassigned requests', () => {
    it('says when every day in the windows is a holiday', () => {
      const result = solve(
        tinyInstance([tinyRequest('r01', 'near1', { windows: [{ from: '2027-01-12', to: '2027-01-13' }] })], {
          closedDates: ['2027-01-12', '2027-01-13'],
        }),
      );
      const reason = result.reasons[0]!;
      expect(reason.code).to.equal('all_days_closed');
      expect(reason.nl).to.contain('vakantie');
      expect(reason.en).to.contain('holidays');
      expect(result.plan.unassigned[0]).to.include({
        request: 'r01',
        reason: reason.nl,
        reasonCode: 'all_days_closed',
        reasonEn: reason.en,
      });
    });

    it('says when the session does not fit between earliestStart and latestEnd', () => {
      const result = solve(tinyInstance([tinyRequest('r01', 'near1', { sessionMinutes: 300, latestEnd: '12:30' })]));
      expect(result.reasons[0]).to.include({ code: 'session_exceeds_window' });
      expect(result.reasons[0]!.nl).to.equal('de sessie van 300 min past niet tussen 08:30 en 12:30');
    });

    it('says when the school is out of reach within the shift', () => {
      const result = solve(tinyInstance([tinyRequest('r01', 'goeree', { sessionMinutes: 180, latestEnd: '12:30' })]));
      expect(result.reasons[0]!.code).to.equal('out_of_reach');
      expect(result.reasons[0]!.nl).to.contain('buiten bereik binnen de diensttijd');
    });

    it('says when the school excluded every day and when no truck works the days', () => {
      const excluded = solve(
        tinyInstance([
          tinyRequest('r01', 'near1', {
            windows: [{ from: '2027-01-11', to: '2027-01-11' }],
            excludedDates: ['2027-01-11'],
          }),
        ]),
      );
      expect(excluded.reasons[0]!.code).to.equal('all_days_excluded');
      const weekend = solve(
        tinyInstance([tinyRequest('r01', 'near1', { windows: [{ from: '2027-01-16', to: '2027-01-17' }] })], {
          horizon: { from: '2027-01-11', to: '2027-01-17' },
        }),
      );
      expect(weekend.reasons[0]!.code).to.equal('no_truck_on_days');
    });
  });

  describe('pinned visits and re-planning', () => {
    const week = (): PlanningInstance =>
      tinyInstance(
        ['near1', 'near2', 'south', 'near1', 'near2', 'south', 'near1'].map((s, i) => tinyRequest(`r0${i + 1}`, s)),
      );

    it('keeps a pinned visit on its truck, date and start time', () => {
      const result = solve(week(), {
        ...QUICK,
        pinned: [{ request: 'r03', truck: 'wagen-1', date: '2027-01-14', start: '13:15' }],
      });
      const route = result.plan.routes.find((r) => r.stops.some((s) => s.request === 'r03'))!;
      expect(route.date).to.equal('2027-01-14');
      expect(route.stops.find((s) => s.request === 'r03')!.start).to.equal('13:15');
    });

    it("rejects a pin on a date outside the request's windows", () => {
      expect(() =>
        optimizeTour(week(), { ...QUICK, pinned: [{ request: 'r03', truck: 'wagen-1', date: '2027-01-18' }] }),
      ).to.throw(InvalidInputError, /r03/);
    });

    it('re-plans after a cancellation without moving the other visits', () => {
      const instance = week();
      const first = solve(instance);
      const cancelled = first.plan.routes[0]!.stops[0]!.request;
      const again = solve(instance, { ...QUICK, previousPlan: first.plan, cancelled: [cancelled] });
      expect(again.stats.movedVisits).to.equal(0);
      expect(again.reasons.find((r) => r.request === cancelled)!.code).to.equal('cancelled');
      const dayOf = (plan: typeof first.plan): Map<string, string> =>
        new Map(plan.routes.flatMap((r) => r.stops.map((s) => [s.request, `${r.truck}|${r.date}`] as const)));
      const before = dayOf(first.plan);
      for (const [request, day] of dayOf(again.plan))
        if (before.has(request)) expect(day).to.equal(before.get(request));
    });

    it('uses a place freed by a cancellation for a request that did not fit before', () => {
      const instance = tinyInstance([
        tinyRequest('r01', 'near1', {
          sessionMinutes: 300,
          windows: [{ from: '2027-01-11', to: '2027-01-11' }],
          priority: 2,
        }),
        tinyRequest('r02', 'near2', { sessionMinutes: 300, windows: [{ from: '2027-01-11', to: '2027-01-11' }] }),
      ]);
      const first = solve(instance);
      expect(first.figures.served).to.equal(1);
      const again = solve(instance, { ...QUICK, previousPlan: first.plan, cancelled: ['r01'] });
      expect(again.plan.routes[0]!.stops[0]!.request).to.equal('r02');
      expect(again.stats.movedVisits).to.equal(0);
    });
  });

  it('gives byte-identical plans for the same input and seed', () => {
    const instance = tinyInstance(
      ['near1', 'near2', 'south', 'near1', 'near2', 'south', 'near1', 'near2', 'south', 'near2', 'south'].map((s, i) =>
        tinyRequest(`r${String(i + 1).padStart(2, '0')}`, s),
      ),
    );
    const a = JSON.stringify(optimizeTour(instance, { seed: 3, workBudget: 50_000 }).plan);
    const b = JSON.stringify(optimizeTour(instance, { seed: 3, workBudget: 50_000 }).plan);
    expect(a).to.equal(b);
  });

  it('reports progress with phase and best figures', () => {
    const phases: string[] = [];
    optimizeTour(tinyInstance([tinyRequest('r01', 'near1')]), { ...QUICK, onProgress: (r) => phases.push(r.phase) });
    expect(phases[0]).to.equal('construct');
    expect(phases[phases.length - 1]).to.equal('done');
  });

  it('throws InvalidInputError listing what is wrong with an instance', () => {
    const bad = tinyInstance([tinyRequest('r01', 'nowhere'), tinyRequest('r01', 'near1', { earliestStart: '8:30' })]);
    try {
      optimizeTour(bad, QUICK);
      expect.fail('no error');
    } catch (error) {
      expect(error).to.be.instanceOf(InvalidInputError);
      expect((error as InvalidInputError).issues.join('\n')).to.match(/earliestStart/);
    }
    expect(() => optimizeTour({ ...tinyInstance([tinyRequest('r01', 'nowhere')]) }, QUICK)).to.throw(
      InvalidInputError,
      /unknown school "nowhere"/,
    );
  });
});
