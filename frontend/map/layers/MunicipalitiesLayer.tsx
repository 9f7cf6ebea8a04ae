import type { PathOptions } from 'leaflet';
import { useMemo } from 'react';
import { GeoJSON, LayerGroup } from 'react-leaflet';
import type { Feature, Geometry } from 'geojson';
import type { MunicipalityDto } from '../../../shared/api/regions';
import { toMunicipalityCollection, type MunicipalityProps } from '../geo';

// @types/leaflet leaves `className` out of the GeoJSON options, but Leaflet hands it to every path it creates.
const PATH_CLASS = {
  land: { className: 'municipality-land' },
  outline: { className: 'municipality-outline' },
};

const LAND_RIJNMOND = '#f6f3ea';
const LAND_NEIGHBOUR = '#e6e3da';

function landStyle(feature?: Feature<Geometry, MunicipalityProps>): PathOptions {
  return {
    stroke: false,
    fillColor: feature?.properties.isRijnmond ? LAND_RIJNMOND : LAND_NEIGHBOUR,
    fillOpacity: 1,
  };
}

function outlineStyle(feature?: Feature<Geometry, MunicipalityProps>): PathOptions {
  return {
    fill: false,
    color: '#5f6368',
    weight: feature?.properties.isRijnmond ? 0.9 : 0.6,
    opacity: 0.75,
  };
}

export interface MunicipalitiesLayerProps {
  municipalities: readonly MunicipalityDto[];
  attribution: string;
}

/**
 * The offline base map: municipalities as land (under the OSM tiles) and their thin outlines (above them).
 * Neither part reacts to the mouse, so clicks reach the regions and schools.
 */
export function MunicipalitiesLayer({ municipalities, attribution }: MunicipalitiesLayerProps) {
  const data = useMemo(() => toMunicipalityCollection(municipalities), [municipalities]);
  // GeoJSON layers read `data` only when created, so a new data set gets a new key.
  const key = useMemo(() => municipalities.map((m) => m.code).join(','), [municipalities]);
  return (
    <LayerGroup attribution={attribution}>
      <GeoJSON key={`land-${key}`} data={data} style={landStyle} pane="land" interactive={false} {...PATH_CLASS.land} />
      <GeoJSON
        key={`line-${key}`}
        data={data}
        style={outlineStyle}
        pane="borders"
        interactive={false}
        {...PATH_CLASS.outline}
      />
    </LayerGroup>
  );
}
