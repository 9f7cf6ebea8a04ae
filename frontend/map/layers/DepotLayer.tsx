import { divIcon } from 'leaflet';
import { useMemo } from 'react';
import { LayerGroup, Marker, Popup } from 'react-leaflet';
import type { DepotDto } from '../../../shared/api/regions';
import { toLatLng } from '../geo';

// A truck on a dark square pin: unlike the round school markers and readable on every region colour.
// The pin's point marks the location, so a school at the depot's address stays visible and clickable.
const DEPOT_HTML =
  '<span class="depot-badge"><svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">' +
  '<path fill="#fff" d="M2 6h11v9H2zM14 9h4l3 3.5V15h-7z"/>' +
  '<circle cx="6" cy="17" r="2" fill="#fff"/><circle cx="17" cy="17" r="2" fill="#fff"/></svg></span>' +
  '<span class="depot-pointer"></span>';

export interface DepotLayerProps {
  depots: readonly DepotDto[];
  /** Accessible name of a depot marker, e.g. "Depot: Grafisch Lyceum Rotterdam". */
  label(depot: DepotDto): string;
}

/** The truck depot(s) as a distinct, keyboard-focusable marker with a popup. */
export function DepotLayer({ depots, label }: DepotLayerProps) {
  const icon = useMemo(
    () =>
      divIcon({
        className: 'depot-marker',
        html: DEPOT_HTML,
        iconSize: [34, 44],
        iconAnchor: [17, 44],
        popupAnchor: [0, -42],
      }),
    [],
  );
  return (
    <LayerGroup>
      {depots.map((d) => (
        <Marker
          key={d.id}
          position={toLatLng(d.location)}
          icon={icon}
          title={label(d)}
          alt={label(d)}
          zIndexOffset={1000}
          keyboard
        >
          <Popup>
            <strong>{d.name}</strong>
            <br />
            {d.address}
          </Popup>
        </Marker>
      ))}
    </LayerGroup>
  );
}
