import type { Layer, LeafletMouseEvent, PathOptions } from 'leaflet';
import { GeoJSON, LayerGroup } from 'react-leaflet';
import type { RegionDto } from '../../../shared/api/regions';
import { toRegionFeature } from '../geo';

export interface ChoroplethLayerProps {
  regions: readonly RegionDto[];
  /** Fill colour of a region (e.g. by its fairness gap); null draws it hatched-grey as "no data". */
  fill(regionId: string): string | null;
  /** Tooltip text, e.g. "Rotterdam Zuid: 2 bezoeken onder het eerlijke aandeel". */
  describe(regionId: string): string;
  selectedRegion: string | null;
  onSelect?(regionId: string): void;
}

/** The STO regions filled by a value (a choropleth), with a thick outline on the chosen one. */
export function ChoroplethLayer({ regions, fill, describe, selectedRegion, onSelect }: ChoroplethLayerProps) {
  return (
    <LayerGroup>
      {regions.map((region) => {
        const color = fill(region.id);
        const isSelected = region.id === selectedRegion;
        const style: PathOptions = {
          color: isSelected ? '#1b1f24' : '#4a5360',
          weight: isSelected ? 4 : 1.5,
          opacity: 1,
          fillColor: color ?? '#ffffff',
          fillOpacity: color ? 0.85 : 0.3,
        };
        const tooltip = describe(region.id);
        const onEachFeature = (_f: unknown, layer: Layer) => {
          layer.bindTooltip(tooltip, { sticky: true, className: 'region-tooltip' });
          if (onSelect) layer.on('click', (_e: LeafletMouseEvent) => onSelect(region.id));
        };
        return (
          <GeoJSON
            // Tooltip, click handler and style are read when the layer is made, so a change makes a new layer.
            key={`${region.id}|${tooltip}|${color}|${isSelected}`}
            data={toRegionFeature(region)}
            style={() => style}
            onEachFeature={onEachFeature}
            pane="regions"
            {...{ className: `choropleth-area choropleth-${region.id}` }}
          />
        );
      })}
    </LayerGroup>
  );
}
