import { useEffect, useLayoutEffect, useState, type ReactNode } from 'react';
import { LayersControl, MapContainer, TileLayer, useMap, ZoomControl } from 'react-leaflet';
import { useI18n } from '../i18n/I18nProvider';
import { RIJNMOND_BOUNDS, type LatLngBounds } from './geo';

/**
 * Custom panes, bottom to top. Leaflet's own panes: tiles 200, overlay 400, marker 600, tooltip 650, popup 700.
 * The land fill sits under the OSM tiles so turning tiles on hides it; outlines and schools stay on top.
 */
export const MAP_PANES = { land: 150, regions: 410, borders: 420, schools: 450 } as const;
export type MapPaneName = keyof typeof MAP_PANES;

const OSM_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

/** Creates the custom panes before rendering the layers that use them. */
function MapPanes({ children }: { children: ReactNode }) {
  const map = useMap();
  const [isReady, setReady] = useState(false);
  useLayoutEffect(() => {
    for (const [name, zIndex] of Object.entries(MAP_PANES)) {
      const pane = map.getPane(name) ?? map.createPane(name);
      pane.style.zIndex = String(zIndex);
    }
    setReady(true);
  }, [map]);
  return isReady ? children : null;
}

/** Tells Leaflet when its container changes size (the side panel opens or the phone rotates). */
function SizeWatcher() {
  const map = useMap();
  useEffect(() => {
    const observer = new ResizeObserver(() => map.invalidateSize({ pan: false }));
    observer.observe(map.getContainer());
    return () => observer.disconnect();
  }, [map]);
  return null;
}

/** Leaflet writes a few English labels of its own (layers button, popup close button); this puts ours in. */
function ControlTexts({ layers, closePopup }: { layers: string; closePopup: string }) {
  const map = useMap();
  useEffect(() => {
    const container = map.getContainer();
    const relabel = () => {
      for (const el of container.querySelectorAll<HTMLElement>('.leaflet-control-layers-toggle')) {
        el.title = layers;
        el.setAttribute('aria-label', layers);
      }
      for (const el of container.querySelectorAll<HTMLElement>('.leaflet-popup-close-button')) {
        el.setAttribute('aria-label', closePopup);
        el.title = closePopup;
      }
    };
    relabel();
    // The layers control is rebuilt on a language change, and each popup brings its own button.
    const timer = window.setTimeout(relabel, 0);
    map.on('popupopen', relabel);
    return () => {
      window.clearTimeout(timer);
      map.off('popupopen', relabel);
    };
  }, [map, layers, closePopup]);
  return null;
}

function prefersReducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/** Moves the view to `bounds` whenever `focusKey` changes. */
function Focus({
  bounds,
  focusKey,
  padBottomRight,
}: {
  bounds: LatLngBounds | null;
  focusKey: string;
  padBottomRight: [number, number];
}) {
  const map = useMap();
  useEffect(() => {
    if (!bounds) return;
    const options = { paddingTopLeft: [24, 24] as [number, number], paddingBottomRight: padBottomRight, maxZoom: 14 };
    if (prefersReducedMotion()) map.fitBounds(bounds, options);
    else map.flyToBounds(bounds, { ...options, duration: 0.6 });
    // Only a new focus request moves the map; a changed bounds array for the same key does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deliberately keyed on focusKey alone (see above)
  }, [map, focusKey]);
  return null;
}

export interface MapShellProps {
  /** Overlays, each wrapped in a `MapOverlay` so the layers control can switch it. */
  children: ReactNode;
  /** Where to fly when `focusKey` changes (e.g. the chosen region). */
  focusBounds: LatLngBounds | null;
  focusKey: string;
  /** Room to keep free at the bottom right when focusing, in pixels (e.g. for the legend). */
  padBottomRight?: [number, number];
  id?: string;
}

/** The one Leaflet map: offline-first, with optional OSM tiles and a control to switch overlays. */
export function MapShell({ children, focusBounds, focusKey, padBottomRight = [24, 24], id }: MapShellProps) {
  const { t, lang } = useI18n();
  const osmAttribution = `© <a href="https://www.openstreetmap.org/copyright">${
    lang === 'nl' ? 'OpenStreetMap-bijdragers' : 'OpenStreetMap contributors'
  }</a>`;
  return (
    <section className="map-shell" id={id} aria-label={t('map.label')} tabIndex={-1}>
      <MapContainer
        className="map"
        bounds={RIJNMOND_BOUNDS}
        minZoom={8}
        maxZoom={18}
        zoomSnap={0.25}
        maxBounds={[
          [51.2, 3.2],
          [52.5, 5.3],
        ]}
        worldCopyJump={false}
        zoomControl={false}
      >
        <ZoomControl
          position="topleft"
          zoomInTitle={t('map.zoomIn')}
          zoomOutTitle={t('map.zoomOut')}
          key={`zoom-${lang}`}
        />
        <MapPanes>
          {/* The control does not pick up renamed layers, so it is rebuilt when the language changes. */}
          <LayersControl position="topright" key={lang}>
            <LayersControl.Overlay name={t('map.layer.osm')}>
              <TileLayer url={OSM_URL} attribution={osmAttribution} maxZoom={19} crossOrigin />
            </LayersControl.Overlay>
            {children}
          </LayersControl>
        </MapPanes>
        <ControlTexts layers={t('map.layers')} closePopup={t('map.closePopup')} />
        <SizeWatcher />
        <Focus bounds={focusBounds} focusKey={focusKey} padBottomRight={padBottomRight} />
      </MapContainer>
    </section>
  );
}

/** One switchable overlay of the map; put exactly one layer (or layer group) inside. */
export const MapOverlay = LayersControl.Overlay;
