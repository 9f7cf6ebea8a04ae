import { useMemo } from 'react';
import type { LiveDaySnapshot } from '../../../shared/api/live';
import type { MunicipalityDto } from '../../../shared/api/regions';
import { useI18n } from '../../i18n/I18nProvider';
import { clockTime } from '../../live/liveState';
import { toLatLng, type LatLng, type LatLngBounds } from '../../map/geo';
import { DepotLayer } from '../../map/layers/DepotLayer';
import { LiveRouteLayer, type LiveStopPoint } from '../../map/layers/LiveRouteLayer';
import { MunicipalitiesLayer } from '../../map/layers/MunicipalitiesLayer';
import { TruckLayer } from '../../map/layers/TruckLayer';
import { MapOverlay, MapShell } from '../../map/MapShell';

export interface LiveDayMapProps {
  snapshot: LiveDaySnapshot | null;
  municipalities: readonly MunicipalityDto[];
  truckLabel: string;
  /** The public view: no route lines (the public API sends none), only stops and the truck. */
  isPublic?: boolean;
  id?: string;
}

function boundsOf(points: readonly LatLng[]): LatLngBounds | null {
  if (points.length < 2) return null;
  const lats = points.map((p) => p[0]);
  const lngs = points.map((p) => p[1]);
  // A margin of 12 % on each side, so markers at the edge (drawn centred on their point) stay whole in view.
  const [south, north, west, east] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)];
  const dLat = Math.max(0.002, (north - south) * 0.12);
  const dLng = Math.max(0.003, (east - west) * 0.12);
  return [
    [south - dLat, west - dLng],
    [north + dLat, east + dLng],
  ];
}

/** The map of a truck's day: offline base map, planned and driven route, stops in their state, and the moving truck. */
export function LiveDayMap({ snapshot, municipalities, truckLabel, isPublic = false, id }: LiveDayMapProps) {
  const { t } = useI18n();
  const planned = useMemo(() => (snapshot?.plannedPath ?? []).map(toLatLng), [snapshot?.plannedPath]);
  const driven = useMemo(
    () => (isPublic ? [] : (snapshot?.drivenPath ?? []).map(toLatLng)),
    [snapshot?.drivenPath, isPublic],
  );
  const stops: LiveStopPoint[] = useMemo(
    () =>
      (snapshot?.stops ?? []).flatMap((s) =>
        s.location
          ? [
              {
                id: s.requestId,
                order: s.order,
                position: toLatLng(s.location),
                state: s.state,
                label: `${s.order}. ${s.schoolName} – ${t(`live.state.${s.state}`)}`,
              },
            ]
          : [],
      ),
    [snapshot?.stops, t],
  );
  const position = snapshot?.position ?? null;
  // Memoized on the coordinates, not the object: a new snapshot at the same spot keeps the same point.
  const [lat, lng] = [position?.lat, position?.lng];
  const truckPoint: LatLng | null = useMemo(
    () => (lat !== undefined && lng !== undefined ? [lat, lng] : null),
    [lat, lng],
  );
  const depot = snapshot?.depot;
  const bounds = useMemo(
    () => boundsOf([...planned, ...stops.map((s) => s.position), ...(depot ? [toLatLng(depot)] : [])]),
    [planned, stops, depot],
  );
  const depots = useMemo(
    () => (depot && !isPublic ? [{ id: 'depot', name: t('depot.heading'), address: '', location: depot }] : []),
    [depot, isPublic, t],
  );
  const label = position ? t('live.truckAt', { truck: truckLabel, time: clockTime(position.at) }) : truckLabel;

  return (
    <MapShell
      id={id}
      focusBounds={bounds}
      focusKey={`${snapshot?.truckId ?? ''}|${snapshot?.date ?? ''}|${bounds ? 1 : 0}`}
    >
      <MapOverlay name={t('map.layer.municipalities')} checked>
        <MunicipalitiesLayer municipalities={municipalities} attribution={t('map.attribution.data')} />
      </MapOverlay>
      <MapOverlay name={t('map.layer.depot')} checked>
        <DepotLayer depots={depots} label={(d) => d.name} />
      </MapOverlay>
      <MapOverlay name={t('live.layer.route')} checked>
        <LiveRouteLayer planned={planned} driven={driven} stops={stops} />
      </MapOverlay>
      <MapOverlay name={t('live.layer.truck')} checked>
        <TruckLayer key={`${snapshot?.truckId ?? ''}|${snapshot?.date ?? ''}`} position={truckPoint} label={label} />
      </MapOverlay>
    </MapShell>
  );
}
