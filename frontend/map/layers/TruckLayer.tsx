import { divIcon, type Marker as LeafletMarker } from 'leaflet';
import { useEffect, useMemo, useRef, useState } from 'react';
import { LayerGroup, Marker, Tooltip } from 'react-leaflet';
import { easeInOut, lerpPoint } from '../../live/liveState';
import type { LatLng } from '../geo';

const TRUCK_HTML =
  '<span class="truck-badge"><svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">' +
  '<path fill="#fff" d="M2 6h11v9H2zM14 9h4l3 3.5V15h-7z"/>' +
  '<circle cx="6" cy="17" r="2" fill="#fff"/><circle cx="17" cy="17" r="2" fill="#fff"/></svg></span>';

export interface TruckLayerProps {
  /** The truck's last known position; null draws nothing. */
  position: LatLng | null;
  /** Accessible name and tooltip, e.g. "Techniekwagen 1, 09:42". */
  label: string;
  /** How long the marker glides from its drawn position to a new one, in ms. */
  glideMs?: number;
}

function prefersReducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/**
 * The live truck: a marker that glides to each new position (requestAnimationFrame, eased) instead of jumping,
 * or jumps when the user prefers reduced motion.
 */
export function TruckLayer({ position, label, glideMs = 1200 }: TruckLayerProps) {
  const icon = useMemo(
    () => divIcon({ className: 'truck-marker', html: TRUCK_HTML, iconSize: [36, 36], iconAnchor: [18, 18] }),
    [],
  );
  const markerRef = useRef<LeafletMarker | null>(null);
  // react-leaflet moves a marker whenever its `position` prop changes; we keep the prop fixed and move it ourselves.
  const [initial, setInitial] = useState<LatLng | null>(position);
  const drawn = useRef<LatLng | null>(position);

  // Keyed on the coordinates, not the array: a new array for the same spot does not restart the glide.
  const [lat, lng] = [position?.[0], position?.[1]];
  useEffect(() => {
    if (lat === undefined || lng === undefined) return;
    const position: LatLng = [lat, lng];
    if (!initial) {
      setInitial(position);
      drawn.current = position;
      return;
    }
    const marker = markerRef.current;
    const from = drawn.current ?? position;
    if (!marker || prefersReducedMotion() || glideMs <= 0) {
      drawn.current = position;
      marker?.setLatLng(position);
      return;
    }
    let frame = 0;
    const started = performance.now();
    const step = (now: number) => {
      const f = easeInOut((now - started) / glideMs);
      const point = lerpPoint(from, position, f);
      drawn.current = point;
      marker.setLatLng(point);
      if (f < 1) frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [lat, lng, glideMs, initial]);

  useEffect(() => {
    markerRef.current?.getElement()?.setAttribute('aria-label', label);
  }, [label]);

  if (!initial || !position) return <LayerGroup />;
  return (
    <LayerGroup>
      <Marker ref={markerRef} position={initial} icon={icon} title={label} alt={label} keyboard zIndexOffset={2000}>
        <Tooltip direction="top" offset={[0, -18]}>
          {label}
        </Tooltip>
      </Marker>
    </LayerGroup>
  );
}
