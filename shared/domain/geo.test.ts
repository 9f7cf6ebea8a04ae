import { expect } from 'chai';
import { haversineKm, roadKm, travelMinutes } from './geo';

const travel = { model: 'haversine', roadFactor: 1.35, speedKmh: 30 } as const;
const glr = [4.478044, 51.927618] as const;

describe('domain/geo', () => {
  it('measures one degree of latitude as about 111.2 km', () => {
    expect(haversineKm([4, 51], [4, 52])).to.be.closeTo(111.195, 0.01);
    expect(haversineKm(glr, glr)).to.equal(0);
  });

  it('multiplies by the road factor', () => {
    expect(roadKm([4, 51], [4, 52], travel)).to.be.closeTo(111.195 * 1.35, 0.02);
  });

  it('rounds travel minutes up to whole minutes, as the checker does', () => {
    const km = roadKm(glr, [4.5, 51.9], travel);
    expect(travelMinutes(glr, [4.5, 51.9], travel)).to.equal(Math.ceil((km / 30) * 60 - 1e-9));
    expect(travelMinutes(glr, glr, travel)).to.equal(0);
  });

  it('is symmetric', () => {
    const a = [4.3, 51.8] as const;
    expect(travelMinutes(glr, a, travel)).to.equal(travelMinutes(a, glr, travel));
  });
});
