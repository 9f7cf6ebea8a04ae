import { expect } from 'chai';
import { FairnessTable, compareCost, fairnessToleranceFor, leastShortfall } from './cost';
import { guardInstance, tinyInstance, tinyRequest } from './fixtures/tiny';
import { buildProblem } from './input';
import { evaluatePlan, optimizeTour } from './index';
import type { CostFigures } from './types';

const figures = (over: Partial<CostFigures>): CostFigures => ({
  fairExcess: 0,
  servedPriority: 10,
  served: 10,
  changes: 0,
  fairShortfall: 0,
  roadKm: 100,
  ...over,
});

describe('fairness guard', () => {
  it('ranks a plan within the tolerance above one that serves more but is over it', () => {
    expect(
      compareCost(figures({ served: 9, servedPriority: 9 }), figures({ served: 10, fairExcess: 0.5 })),
    ).to.be.below(0);
    expect(
      compareCost(figures({ served: 11, servedPriority: 11, fairShortfall: 3 }), figures({ fairShortfall: 0 })),
    ).to.be.below(0);
  });

  it('defaults the tolerance to 1.5 % of the visits served with a floor of 2.5 visits; an explicit value is used as given', () => {
    expect(fairnessToleranceFor(10, undefined)).to.equal(2.5);
    expect(fairnessToleranceFor(200, undefined)).to.equal(3);
    expect(fairnessToleranceFor(600, undefined)).to.equal(9);
    expect(fairnessToleranceFor(500, 0)).to.equal(0);
  });

  it('computes the least shortfall of a whole-visit split, capped by servable requests', () => {
    expect(leastShortfall([1.5, 1.5], [5, 5], 3)).to.be.closeTo(0.5, 1e-9);
    expect(leastShortfall([4 / 3, 4 / 3, 4 / 3], [5, 5, 5], 4)).to.be.closeTo(2 / 3, 1e-9);
    expect(leastShortfall([3, 3], [1, 10], 6)).to.be.closeTo(2, 1e-9);
    expect(leastShortfall([2, 2], [5, 5], 4)).to.equal(0);
  });

  it('does not hold requests no truck-day can take against a plan', () => {
    const instance = tinyInstance([
      tinyRequest('r01', 'near1'),
      tinyRequest('r02', 'near2'),
      tinyRequest('r03', 'south', { windows: [{ from: '2027-02-01', to: '2027-02-05' }] }),
      tinyRequest('r04', 'south', { windows: [{ from: '2027-02-01', to: '2027-02-05' }] }),
    ]);
    const table = new FairnessTable(buildProblem(instance));
    expect(table.shortfall([2, 0], 2)).to.equal(1);
    expect(table.unavoidable(2)).to.equal(1);
    expect(table.excess(1, 2)).to.equal(0);
    const result = optimizeTour(instance, { seed: 1, workBudget: 10_000, fairnessTolerance: 0 });
    expect(result.figures.served).to.equal(2);
    expect(result.stats.unavoidableShortfall).to.equal(1);
  });

  it('gives the far region its share with the default tolerance instead of filling every place near the depot', () => {
    const instance = guardInstance();
    const result = optimizeTour(instance, { seed: 1, workBudget: 60_000 });
    expect(evaluatePlan(instance, result.plan).valid).to.equal(true);
    // Ten near requests, five far ones that take a day each: the near ones alone would serve 10 at a shortfall of 5.
    expect(result.figures.served).to.equal(8);
    expect(result.figures.fairShortfall).to.equal(2);
    expect(result.stats.fairnessTolerance).to.equal(2.5);
  });

  it('serves more and less fairly when the tolerance allows it', () => {
    const loose = optimizeTour(guardInstance(), { seed: 1, workBudget: 60_000, fairnessTolerance: 100 });
    expect(loose.figures.served).to.equal(10);
    expect(loose.figures.fairShortfall).to.equal(5);
    expect(loose.stats.fairnessTolerance).to.equal(100);
    const middle = optimizeTour(guardInstance(), { seed: 1, workBudget: 60_000, fairnessTolerance: 2 });
    expect(middle.figures.served).to.equal(8);
    expect(middle.figures.fairShortfall).to.equal(2);
  });

  it('rejects a negative or non-finite tolerance', () => {
    expect(() => optimizeTour(guardInstance(), { workBudget: 1000, fairnessTolerance: -1 })).to.throw(
      /fairnessTolerance/,
    );
    expect(() => optimizeTour(guardInstance(), { workBudget: 1000, fairnessTolerance: Number.NaN })).to.throw(
      /fairnessTolerance/,
    );
  });
});
