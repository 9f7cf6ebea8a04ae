import { expect } from 'chai';
import type { MunicipalityDto, RegionDto } from '../../shared/api/regions';
import type { SchoolDto } from '../../shared/api/schools';
import { REGION_COLORS } from '../../shared/types/regions';
import {
  geometryBounds,
  markerBounds,
  toLatLng,
  toMunicipalityCollection,
  toRegionFeature,
  toSchoolMarkers,
} from './geo';

function school(overrides: Partial<SchoolDto>): SchoolDto {
  return {
    id: 'a'.repeat(24),
    name: 'Testschool',
    brin: '00XX',
    vestigingscode: '00XX00',
    address: { street: 'Straat', houseNumber: '1', postcode: '3000 AA', place: 'Rotterdam' },
    municipality: 'Rotterdam',
    municipalityCode: 'GM0599',
    region: 'rotterdam-noord',
    level: 'vo',
    schoolType: 'VBO/MAVO',
    offersVmbo: true,
    pupils: null,
    website: null,
    stoProgramme: false,
    location: [4.47, 51.92],
    locationNote: null,
    ...overrides,
  };
}

describe('map/geo', () => {
  it('turns a GeoJSON [lng, lat] position into Leaflet [lat, lng]', () => {
    expect(toLatLng([4.478044, 51.927618])).to.deep.equal([51.927618, 4.478044]);
  });

  it('makes a marker per located school, coloured by region, and skips schools without a location', () => {
    const markers = toSchoolMarkers([
      school({ id: '1', region: 'rotterdam-zuid', location: [4.5, 51.88] }),
      school({ id: '2', name: 'Melanchthon – Mathenesse', location: null }),
      school({ id: '3', region: 'capelle-oostland', location: [4.58, 51.93] }),
    ]);
    expect(markers.map((m) => m.id)).to.deep.equal(['1', '3']);
    expect(markers[0]).to.deep.include({ position: [51.88, 4.5], color: REGION_COLORS['rotterdam-zuid'] });
    expect(markers[1]?.color).to.equal(REGION_COLORS['capelle-oostland']);
  });

  it('builds a region feature with id, name and colour, falling back to the shared palette', () => {
    const region: RegionDto = {
      id: 'nieuwe-waterweg-noord',
      name: 'Nieuwe Waterweg Noord',
      weight: 3,
      color: '',
      municipalities: ['Schiedam'],
      assumption: null,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [4.3, 51.9],
            [4.4, 51.9],
            [4.4, 52],
            [4.3, 51.9],
          ],
        ],
      },
      counts: { schools: 25, vmboSchools: 12 },
    };
    const feature = toRegionFeature(region);
    expect(feature.type).to.equal('Feature');
    expect(feature.geometry).to.equal(region.geometry);
    expect(feature.properties).to.deep.equal({ id: region.id, name: region.name, color: REGION_COLORS[region.id] });
  });

  it('puts Rijnmond municipalities after the neighbours so they draw on top', () => {
    const square = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    };
    const municipalities: MunicipalityDto[] = [
      { code: 'GM0599', name: 'Rotterdam', group: 'rijnmond', geometry: square },
      { code: 'GM1783', name: 'Westland', group: 'neighbour', geometry: square },
    ];
    const fc = toMunicipalityCollection(municipalities);
    expect(fc.features.map((f) => [f.properties.name, f.properties.isRijnmond])).to.deep.equal([
      ['Westland', false],
      ['Rotterdam', true],
    ]);
  });

  it('finds the bounding box of polygons, multipolygons and collections', () => {
    const bounds = geometryBounds([
      {
        type: 'Polygon',
        coordinates: [
          [
            [4.0, 51.8],
            [4.2, 51.8],
            [4.2, 51.9],
            [4.0, 51.8],
          ],
        ],
      },
      {
        type: 'GeometryCollection',
        geometries: [
          {
            type: 'MultiPolygon',
            coordinates: [
              [
                [
                  [4.5, 51.7],
                  [4.6, 52.0],
                  [4.55, 51.75],
                  [4.5, 51.7],
                ],
              ],
            ],
          },
        ],
      },
    ]);
    expect(bounds).to.deep.equal([
      [51.7, 4.0],
      [52.0, 4.6],
    ]);
  });

  it('returns null bounds when there is nothing to frame', () => {
    expect(geometryBounds([])).to.equal(null);
    expect(markerBounds([])).to.equal(null);
  });

  it('frames the markers it is given', () => {
    const markers = toSchoolMarkers([
      school({ id: '1', location: [4.1, 51.8] }),
      school({ id: '2', location: [4.3, 51.95] }),
    ]);
    expect(markerBounds(markers)).to.deep.equal([
      [51.8, 4.1],
      [51.95, 4.3],
    ]);
  });
});
