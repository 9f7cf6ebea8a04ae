import type { Layer, PathOptions } from 'leaflet';
import { useMemo } from 'react';
import { GeoJSON, LayerGroup } from 'react-leaflet';
import type { Feature, Geometry } from 'geojson';
import type { RegionDto } from '../../../shared/api/regions';
import type { RegionId } from '../../../shared/types/regions';
import { toRegionFeature, type RegionProps } from '../geo';

function regionStyle(color: string, state: 'normal' | 'selected' | 'dimmed'): PathOptions {
  switch (state) {
    case 'selected':
      return { color, weight: 3, opacity: 1, fillColor: color, fillOpacity: 0.28 };
    case 'dimmed':
      return { color, weight: 1.5, opacity: 0.45, fillColor: color, fillOpacity: 0.06 };
    default:
      return { color, weight: 2, opacity: 0.9, fillColor: color, fillOpacity: 0.18 };
  }
}

export interface RegionsLayerProps {
  regions: readonly RegionDto[];
  /** The region chosen in the filter: drawn stronger, the others faded. */
  selectedRegion: RegionId | null;
  /** Tooltip text of a region, e.g. its name and school count. */
  describe(region: RegionDto): string;
}

/** The seven STO regions as semi-transparent polygons in their colour, one SVG path per region. */
export function RegionsLayer({ regions, selectedRegion, describe }: RegionsLayerProps) {
  const features = useMemo(() => regions.map((r) => ({ region: r, feature: toRegionFeature(r) })), [regions]);
  return (
    <LayerGroup>
      {features.map(({ region, feature }) => {
        const state = !selectedRegion ? 'normal' : selectedRegion === region.id ? 'selected' : 'dimmed';
        return (
          <RegionShape
            key={region.id}
            feature={feature}
            style={regionStyle(feature.properties.color, state)}
            tooltip={describe(region)}
          />
        );
      })}
    </LayerGroup>
  );
}

function RegionShape({
  feature,
  style,
  tooltip,
}: {
  feature: Feature<Geometry, RegionProps>;
  style: PathOptions;
  tooltip: string;
}) {
  const onEachFeature = (_f: Feature, layer: Layer) => {
    layer.bindTooltip(tooltip, { sticky: true, className: 'region-tooltip' });
  };
  return (
    <GeoJSON
      // The tooltip is bound when the layer is created, so new text needs a new layer.
      key={tooltip}
      data={feature}
      style={() => style}
      onEachFeature={onEachFeature}
      pane="regions"
      // Not in @types/leaflet's GeoJSON options, but Leaflet passes it to the path; tests find regions by it.
      {...{ className: `region-area region-${feature.properties.id}` }}
    />
  );
}
