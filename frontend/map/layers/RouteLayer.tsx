import { divIcon } from 'leaflet';
import { useMemo } from 'react';
import { LayerGroup, Marker, Polyline, Tooltip } from 'react-leaflet';
import type { LatLng } from '../geo';

/** One numbered stop of a route. */
export interface RouteStopPoint {
  id: string;
  position: LatLng;
  /** Accessible name and tooltip, e.g. "1. Wolfert Lyceum, 09:00–12:00". */
  label: string;
}

export interface RouteLayerProps {
  /** Where the truck starts and ends its day; the line is drawn from and back to it. */
  depot: LatLng | null;
  stops: readonly RouteStopPoint[];
  color?: string;
}

const numberIcon = (n: number) =>
  divIcon({
    className: 'route-stop-marker',
    html: `<span class="route-stop-number">${n}</span>`,
    iconSize: [28, 28],
    iconAnchor: [14, 14],
  });

/** A truck-day's route: a line from the depot through the numbered stops and back, with keyboard-focusable stops. */
export function RouteLayer({ depot, stops, color = '#1b1f24' }: RouteLayerProps) {
  const line = useMemo(() => {
    const points = stops.map((s) => s.position);
    return depot && points.length > 0 ? [depot, ...points, depot] : points;
  }, [depot, stops]);
  const icons = useMemo(() => stops.map((_, i) => numberIcon(i + 1)), [stops]);
  return (
    <LayerGroup>
      {line.length > 1 ? (
        <Polyline
          positions={line}
          pathOptions={{ color, weight: 4, opacity: 0.85, dashArray: '8 6', className: 'route-line' }}
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
          <Tooltip direction="top" offset={[0, -14]}>
            {s.label}
          </Tooltip>
        </Marker>
      ))}
    </LayerGroup>
  );
}
