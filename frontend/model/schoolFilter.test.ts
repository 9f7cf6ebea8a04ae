import { expect } from 'chai';
import type { SchoolDto } from '../../shared/api/schools';
import {
  EMPTY_FILTER,
  filterFromSearch,
  filterSchools,
  filterToSearch,
  isFilterEmpty,
  municipalityOptions,
} from './schoolFilter';

function school(overrides: Partial<SchoolDto>): SchoolDto {
  return {
    id: overrides.name ?? 'x',
    name: 'Testschool',
    brin: null,
    vestigingscode: null,
    address: { street: 'Straat', houseNumber: '1', postcode: '3000 AA', place: 'Rotterdam' },
    municipality: 'Rotterdam',
    municipalityCode: 'GM0599',
    region: 'rotterdam-noord',
    level: 'vo',
    schoolType: 'HAVO/VWO',
    offersVmbo: false,
    pupils: null,
    website: null,
    stoProgramme: false,
    location: [4.47, 51.92],
    locationNote: null,
    ...overrides,
  };
}

const SCHOOLS = [
  school({ name: 'Zadkine', region: 'rotterdam-zuid', offersVmbo: true }),
  school({
    name: 'Accent Capelle',
    municipality: 'Capelle aan den IJssel',
    region: 'capelle-oostland',
    offersVmbo: true,
  }),
  school({
    name: 'Willeboer',
    level: 'vso',
    address: { street: 'Hillegondastraat', houseNumber: '19', postcode: '3051 PA', place: 'Rotterdam' },
  }),
  school({ name: 'Melanchthon – Mathenesse', location: null }),
];

describe('model/schoolFilter', () => {
  it('keeps every school, sorted by name, when no filter is set', () => {
    expect(filterSchools(SCHOOLS, EMPTY_FILTER).map((s) => s.name)).to.deep.equal([
      'Accent Capelle',
      'Melanchthon – Mathenesse',
      'Willeboer',
      'Zadkine',
    ]);
  });

  it('filters by region, municipality and type like the API does', () => {
    expect(filterSchools(SCHOOLS, { ...EMPTY_FILTER, region: 'rotterdam-zuid' }).map((s) => s.name)).to.deep.equal([
      'Zadkine',
    ]);
    expect(filterSchools(SCHOOLS, { ...EMPTY_FILTER, municipality: 'Capelle aan den IJssel' })).to.have.length(1);
    expect(filterSchools(SCHOOLS, { ...EMPTY_FILTER, type: 'vmbo' })).to.have.length(2);
    expect(filterSchools(SCHOOLS, { ...EMPTY_FILTER, type: 'vso' }).map((s) => s.name)).to.deep.equal(['Willeboer']);
    expect(filterSchools(SCHOOLS, { ...EMPTY_FILTER, type: 'vo' })).to.have.length(3);
  });

  it('searches every word in name, street and postcode, ignoring case and accents', () => {
    expect(filterSchools(SCHOOLS, { ...EMPTY_FILTER, q: 'hillegonda' }).map((s) => s.name)).to.deep.equal([
      'Willeboer',
    ]);
    expect(filterSchools(SCHOOLS, { ...EMPTY_FILTER, q: '3051pa' })).to.have.length(1);
    expect(filterSchools(SCHOOLS, { ...EMPTY_FILTER, q: 'MELANCHTHON mathenesse' })).to.have.length(1);
    expect(filterSchools(SCHOOLS, { ...EMPTY_FILTER, q: 'melanchthon zuid' })).to.have.length(0);
  });

  it('offers the municipalities of the chosen region only', () => {
    expect(municipalityOptions(SCHOOLS, null)).to.deep.equal(['Capelle aan den IJssel', 'Rotterdam']);
    expect(municipalityOptions(SCHOOLS, 'capelle-oostland')).to.deep.equal(['Capelle aan den IJssel']);
  });

  it('round-trips a filter through the query string and ignores unknown values', () => {
    const filter = { region: 'rotterdam-zuid', municipality: 'Rotterdam', type: 'vmbo', q: 'zadkine' } as const;
    expect(filterFromSearch(filterToSearch(filter))).to.deep.equal(filter);
    expect(filterFromSearch('?region=atlantis&type=hbo&q=')).to.deep.equal(EMPTY_FILTER);
    expect(filterToSearch(EMPTY_FILTER)).to.equal('');
    expect(isFilterEmpty(EMPTY_FILTER)).to.equal(true);
  });
});
