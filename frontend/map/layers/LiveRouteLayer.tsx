import { divIcon } from 'leaflet';
import { useMemo } from 'react';
import { LayerGroup, Marker, Polyline, Tooltip } from 'react-leaflet';
import type { StopState } from '../../../shared/api/live';
import type { LatLng } from '../geo';

/** One stop of the live route, with its state (drawn as colour and a symbol) and an accessible label. */
export interface LiveStopPoint {
  id: string;
  order: number;
  position: LatLng;
  state: StopState;
  /** e.g. "2. Wolfert Lyceum – klaar" (the state in words, so colour is never the only cue). */
  label: string;
}

export interface LiveRouteLayerProps {
  /** The planned route, depot → stops → depot. */
  planned: readonly LatLng[];
  /** The part already driven, from the positions. */
  driven: readonly LatLng[];
  stops: readonly LiveStopPoint[];
}

/** A symbol per state, next to the number: the marker does not rely on its colour alone. */
const STATE_SYMBOL: Record<StopState, string> = {
  planned: '',
  en_route: '→',
  arrived: '●',
  in_session: '▶',
  done: '✓',
  skipped: '–',
};

function stopIcon(order: number, state: StopState) {
  const symbol = STATE_SYMBOL[state];
  return divIcon({
    className: `live-stop-marker live-stop-${state}`,
    html: `<span class="live-stop-number">${order}${symbol ? `<span class="live-stop-symbol">${symbol}</span>` : ''}</span>`,
    iconSize: [32, 32],
    iconAnchor: [16, 16],
  });
}

/** The day's planned route (dashed), the driven part (solid) and the numbered stops in their state's colour. */
export function LiveRouteLayer({ planned, driven, stops }: LiveRouteLayerProps) {
  const icons = useMemo(() => stops.map((s) => stopIcon(s.order, s.state)), [stops]);
  return (
    <LayerGroup>
      {planned.length > 1 ? (
        // Leaflet reads className only when it creates the path, so it is an option, not part of pathOptions.
        <Polyline
          positions={planned as LatLng[]}
          className="live-planned-line"
          pathOptions={{ color: '#4a5360', weight: 4, opacity: 0.8, dashArray: '8 7' }}
        />
      ) : null}
      {driven.length > 1 ? (
        <Polyline
          positions={driven as LatLng[]}
          className="live-driven-line"
          pathOptions={{ color: '#1f5fa8', weight: 6, opacity: 0.9 }}
        />
      ) : null}
      {stops.map((s, i) => (
        <Marker
          key={s.id}
          position={s.position}
          icon={icons[i]!}
          title={s.label}
          alt={s.label}
          keyboard
          zIndexOffset={900}
        >
          <Tooltip direction="top" offset={[0, -16]}>
            {s.label}
          </Tooltip>
        </Marker>
      ))}
    </LayerGroup>
  );
}
