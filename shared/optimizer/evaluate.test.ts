import { expect } from 'chai';
import { tinyInstance, tinyRequest } from './fixtures/tiny';
import { evaluatePlan } from './index';
import type { Plan, PlanningInstance } from './types';

// A hand-made valid plan: near1 (3 min from the depot) then near2 on Tuesday 12 Jan, south unassigned.
function fixture(): { instance: PlanningInstance; plan: Plan } {
  const instance = tinyInstance(
    [tinyRequest('r01', 'near1'), tinyRequest('r02', 'near2', { earliestStart: '12:00' }), tinyRequest('r03', 'south')],
    { closedDates: ['2027-01-14'] },
  );
  instance.trucks[0]!.unavailableDates = ['2027-01-15'];
  instance.requests[0]!.excludedDates = ['2027-01-13'];
  const plan: Plan = {
    format: 'techniekwagen-plan/1',
    instance: 'tiny',
    routes: [
      {
        truck: 'wagen-1',
        date: '2027-01-12',
        depart: '07:30',
        return: '16:30',
        stops: [
          { request: 'r01', arrive: '07:40', start: '08:30', end: '10:30', leave: '11:00' },
          { request: 'r02', arrive: '11:10', start: '12:00', end: '14:00', leave: '14:30' },
        ],
      },
    ],
    unassigned: [{ request: 'r03', reason: 'test' }],
  };
  return { instance, plan };
}

function rulesBroken(mutate: (plan: Plan, instance: PlanningInstance) => void): number[] {
  const { instance, plan } = fixture();
  mutate(plan, instance);
  const result = evaluatePlan(instance, plan);
  expect(result.valid).to.equal(false);
  return [...new Set(result.violations.map((v) => v.rule))];
}

const route = (plan: Plan): Plan['routes'][number] => plan.routes[0]!;
const stop = (plan: Plan, k: number): Plan['routes'][number]['stops'][number] => route(plan).stops[k]!;

describe('evaluatePlan (plan mode)', () => {
  it('accepts the valid fixture and gives its figures', () => {
    const { instance, plan } = fixture();
    const result = evaluatePlan(instance, plan);
    expect(result.violations).to.deep.equal([]);
    expect(result.figures.served).to.equal(2);
    expect(result.figures.fairShortfall).to.equal(1);
  });

  it('rule 0: rejects a plan for another format or instance', () => {
    expect(rulesBroken((p) => ((p as { format: string }).format = 'x'))).to.deep.equal([0]);
    expect(rulesBroken((p) => (p.instance = 'other'))).to.deep.equal([0]);
  });

  describe('rule 1: every request exactly once', () => {
    it('rejects a request planned twice', () =>
      expect(rulesBroken((p) => p.unassigned.push({ request: 'r01', reason: 'x' }))).to.deep.equal([1]));
    it('rejects a missing request', () => expect(rulesBroken((p) => (p.unassigned = []))).to.deep.equal([1]));
    it('rejects an unknown request id', () =>
      expect(rulesBroken((p) => p.unassigned.push({ request: 'nope', reason: 'x' }))).to.deep.equal([1]));
    it('rejects an unassigned request without a reason', () =>
      expect(rulesBroken((p) => (p.unassigned[0]!.reason = ' '))).to.deep.equal([1]));
  });

  describe('rule 2: truck-days', () => {
    it('rejects a date outside the horizon', () =>
      expect(
        rulesBroken((p, i) => {
          i.horizon.from = '2027-01-13';
          void p;
        }),
      ).to.include(2));
    it('rejects a closed date', () =>
      expect(rulesBroken((p, i) => i.closedDates.push('2027-01-12'))).to.deep.equal([2]));
    it('rejects a date that is not one of the truck weekdays', () =>
      expect(rulesBroken((p, i) => (i.trucks[0]!.weekdays = [1, 3, 4, 5]))).to.deep.equal([2]));
    it('rejects a date the truck is unavailable', () =>
      expect(rulesBroken((p, i) => i.trucks[0]!.unavailableDates.push('2027-01-12'))).to.deep.equal([2]));
    it('rejects two routes of one truck on one date', () =>
      expect(
        rulesBroken((p) => {
          const second = route(p).stops.pop()!;
          p.routes.push({ truck: 'wagen-1', date: '2027-01-12', depart: '07:30', return: '17:00', stops: [second] });
        }),
      ).to.deep.equal([2]));
    it('rejects more stops than maxVisitsPerDay', () =>
      expect(rulesBroken((p, i) => (i.trucks[0]!.maxVisitsPerDay = 1))).to.deep.equal([2]));
    it('rejects a route without stops and an unknown truck', () => {
      expect(
        rulesBroken((p) =>
          p.routes.push({ truck: 'wagen-1', date: '2027-01-11', depart: '07:30', return: '07:30', stops: [] }),
        ),
      ).to.deep.equal([2]);
      expect(rulesBroken((p) => (route(p).truck = 'wagen-9'))).to.include(2);
    });
  });

  describe("rule 3: the request's dates", () => {
    it('rejects a date outside every window', () =>
      expect(
        rulesBroken((p, i) => (i.requests[0]!.windows = [{ from: '2027-01-13', to: '2027-01-15' }])),
      ).to.deep.equal([3]));
    it('rejects a date the school excluded', () =>
      expect(rulesBroken((p, i) => i.requests[1]!.excludedDates.push('2027-01-12'))).to.deep.equal([3]));
  });

  describe('rule 4: timing', () => {
    it('rejects departing before the shift starts', () =>
      expect(rulesBroken((p) => (route(p).depart = '07:00'))).to.deep.equal([4]));
    it('rejects arriving before the drive is done', () =>
      expect(rulesBroken((p) => (stop(p, 0).arrive = '07:31'))).to.deep.equal([4]));
    it('rejects starting before setup is done', () =>
      expect(rulesBroken((p) => (stop(p, 1).arrive = '11:30'))).to.deep.equal([4]));
    it('rejects starting before earliestStart', () =>
      expect(rulesBroken((p) => Object.assign(stop(p, 1), { start: '11:55', end: '13:55' }))).to.deep.equal([4]));
    it('rejects a session of the wrong length', () =>
      expect(rulesBroken((p) => (stop(p, 0).end = '10:00'))).to.deep.equal([4]));
    it('rejects ending after latestEnd', () =>
      expect(rulesBroken((p, i) => (i.requests[1]!.latestEnd = '13:30'))).to.deep.equal([4]));
    it('rejects leaving before teardown is done', () =>
      expect(rulesBroken((p) => (stop(p, 0).leave = '10:45'))).to.deep.equal([4]));
    it('rejects arriving at the next stop before the drive from the last one', () =>
      expect(rulesBroken((p) => (stop(p, 0).leave = '11:09'))).to.deep.equal([4]));
    it('rejects returning before the drive home is done', () =>
      expect(rulesBroken((p) => (route(p).return = '14:31'))).to.deep.equal([4]));
    it('rejects returning after the shift ends', () =>
      expect(rulesBroken((p) => (route(p).return = '17:01'))).to.deep.equal([4]));
    it('rejects malformed times', () => expect(rulesBroken((p) => (stop(p, 0).start = '8:30'))).to.deep.equal([4]));
  });
});
