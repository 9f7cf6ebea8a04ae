import { expect } from 'chai';
import { assignRegion, dissolve, regionParts, regionWeights } from './regions';
import { loadSeedData } from './loadSeedData';
import { REGION_IDS } from '../shared/types/regions';

describe('seed regions', () => {
  it('splits Rotterdam by the river and puts Rozenburg with Voorne-Putten', () => {
    expect(
      assignRegion({ municipality: 'Rotterdam', maas_bank_approx: 'noord', rotterdam_district_approx: 'Noord' }),
    ).to.equal('rotterdam-noord');
    expect(
      assignRegion({ municipality: 'Rotterdam', maas_bank_approx: 'zuid', rotterdam_district_approx: 'Charlois' }),
    ).to.equal('rotterdam-zuid');
    expect(
      assignRegion({ municipality: 'Rotterdam', maas_bank_approx: 'zuid', rotterdam_district_approx: 'Rozenburg' }),
    ).to.equal('voorne-putten-rozenburg');
    expect(
      assignRegion({ municipality: 'Rotterdam', maas_bank_approx: null, rotterdam_district_approx: null }),
    ).to.equal('rotterdam-noord');
    expect(assignRegion({ municipality: 'Lansingerland' })).to.equal('capelle-oostland');
    expect(assignRegion({ municipality: 'Westland' })).to.equal(null);
  });

  it('gives every real school location a region and reproduces the bench weights', () => {
    const { schools } = loadSeedData();
    expect(schools).to.have.length(199);
    const weights = regionWeights(schools);
    // The sample planning instances weigh regions 34/19/17/9/8/13/9: the vmbo locations per region.
    expect(Object.fromEntries(weights)).to.deep.equal({
      'rotterdam-noord': 34,
      'rotterdam-zuid': 19,
      'nieuwe-waterweg-noord': 17,
      'barendrecht-ridderkerk': 9,
      'capelle-oostland': 8,
      'voorne-putten-rozenburg': 13,
      'hoeksche-waard-goeree-overflakkee': 9,
    });
  });

  it('builds a polygon for each of the seven regions from the CBS outlines', () => {
    const { municipalities, districts } = loadSeedData();
    const parts = regionParts(municipalities, districts);
    expect([...parts.keys()].sort()).to.deep.equal([...REGION_IDS].sort());
    for (const id of REGION_IDS) {
      const geometry = dissolve(parts.get(id)!);
      expect(geometry.type).to.be.oneOf(['Polygon', 'MultiPolygon']);
    }
  });
});
