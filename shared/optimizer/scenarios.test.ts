import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { SCENARIO_TRUCK_ID, applyScenario, scenarioSchema } from './scenarios';
import { evaluatePlan, optimizeTour } from './index';
import type { PlanningInstance } from './types';

const term = JSON.parse(readFileSync('bench/instances/rijnmond-term-q1-s11.json', 'utf8')) as PlanningInstance;

describe('what-if scenarios', function () {
  this.timeout(60_000);

  it('a second truck from week X to Y works only in that period, and serves more schools than one truck', () => {
    const inst = applyScenario(term, { kind: 'second-truck', from: '2027-02-01', to: '2027-03-12' });
    const extra = inst.trucks.find((t) => t.id === SCENARIO_TRUCK_ID)!;
    expect(extra.unavailableDates).to.include('2027-01-29').and.include('2027-03-15').and.not.include('2027-02-03');
    expect(term.trucks.length).to.equal(1);
    const base = optimizeTour(term, { seed: 1, workBudget: 150_000 });
    const what = optimizeTour(inst, { seed: 1, workBudget: 150_000 });
    expect(evaluatePlan(inst, what.plan).valid).to.equal(true);
    const onExtra = what.plan.routes.filter((r) => r.truck === SCENARIO_TRUCK_ID);
    expect(onExtra.length).to.be.greaterThan(0);
    for (const r of onExtra) expect(r.date >= '2027-02-01' && r.date <= '2027-03-12', r.date).to.equal(true);
    expect(what.figures.served).to.be.greaterThan(base.figures.served);
  });

  it('extra days, longer shifts and a region first change only what they say', () => {
    const sat = applyScenario(term, { kind: 'extra-days', weekdays: [6] });
    expect(sat.trucks[0]!.weekdays).to.deep.equal([1, 2, 3, 4, 5, 6]);
    const longer = applyScenario(term, { kind: 'longer-shifts', minutes: 60 });
    expect(longer.trucks[0]!.shift).to.deep.equal({ start: '07:30', end: '18:00' });
    const first = applyScenario(term, { kind: 'region-first', region: 'voorne-putten-rozenburg' });
    const region = new Map(term.schools.map((s) => [s.id, s.region]));
    for (const [i, r] of first.requests.entries()) {
      expect(r.priority > term.requests[i]!.priority).to.equal(region.get(r.school) === 'voorne-putten-rozenburg');
    }
    expect(() => applyScenario(term, { kind: 'region-first', region: 'atlantis' })).to.throw(
      'Regio "atlantis" hoort niet bij dit plan.',
    );
    expect(scenarioSchema.safeParse({ kind: 'longer-shifts', minutes: 5 }).success).to.equal(false);
    expect(scenarioSchema.safeParse({ kind: 'teleport' }).success).to.equal(false);
  });
});
