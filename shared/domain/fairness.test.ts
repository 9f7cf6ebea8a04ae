import { expect } from 'chai';
import { computeFairShares, computeFairShortfall, fairShares, fairShortfall } from './fairness';

describe('domain/fairness', () => {
  it('splits served visits in proportion to weight when no region is capped', () => {
    expect(computeFairShares([3, 1], [100, 100], 40)).to.deep.equal([30, 10]);
  });

  it('caps a region at its demand and gives the rest to the others (water filling)', () => {
    const shares = computeFairShares([1, 1, 2], [2, 50, 50], 42);
    expect(shares[0]).to.equal(2);
    expect(shares[1]).to.be.closeTo(40 / 3, 1e-9);
    expect(shares[2]).to.be.closeTo(80 / 3, 1e-9);
  });

  it('gives nothing to regions without demand or weight', () => {
    expect(computeFairShares([1, 0, 1], [0, 9, 10], 6)).to.deep.equal([0, 0, 6]);
  });

  it('counts the visits that went elsewhere than the fair split', () => {
    expect(computeFairShortfall([1, 1], [10, 10], [8, 2])).to.equal(3);
    expect(computeFairShortfall([1, 1], [10, 10], [5, 5])).to.equal(0);
  });

  it('works keyed by region id', () => {
    const regions = [
      { id: 'noord', weight: 34 },
      { id: 'zuid', weight: 19 },
    ];
    expect(fairShares(regions, { noord: 100, zuid: 5 }, 30)).to.deep.equal({ noord: 25, zuid: 5 });
    expect(fairShortfall(regions, { noord: 100, zuid: 5 }, { noord: 30, zuid: 0 })).to.equal(5);
  });
});
