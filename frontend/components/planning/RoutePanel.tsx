import { useMemo } from 'react';
import type { PlanDto } from '../../../shared/api/plans';
import type { DepotDto, RegionDto } from '../../../shared/api/regions';
import { useI18n } from '../../i18n/I18nProvider';
import { toLatLng, type LatLngBounds } from '../../map/geo';
import { DepotLayer } from '../../map/layers/DepotLayer';
import { RegionsLayer } from '../../map/layers/RegionsLayer';
import { RouteLayer, type RouteStopPoint } from '../../map/layers/RouteLayer';
import { MapOverlay, MapShell } from '../../map/MapShell';
import { truckName } from '../../model/trucks';
import { PlanFigures, RegionBars } from './PlanFigures';
import { cellKey } from './planMath';

interface RoutePanelProps {
  plan: PlanDto;
  /** A second plan to compare figures and regional balance with. */
  compare: PlanDto | null;
  /** The truck-day chosen in the calendar, whose route the map shows. */
  selected: { truck: string; date: string } | null;
  regions: RegionDto[];
  depots: DepotDto[];
}

/** The planning board's side: the chosen truck-day's route on the map, the plan's figures and its regional balance. */
export function RoutePanel({ plan, compare, selected, regions, depots }: RoutePanelProps) {
  const { t, tp, formatDate } = useI18n();
  const depot = depots[0] ?? null;
  const route =
    selected && plan.plan
      ? plan.plan.routes.find((r) => r.truck === selected.truck && r.date === selected.date)
      : undefined;
  const routeStops: RouteStopPoint[] = useMemo(() => {
    if (!route) return [];
    const infos = new Map(plan.requests.map((r) => [r.id, r]));
    return route.stops.flatMap((s, i) => {
      const info = infos.get(s.request);
      return info?.location
        ? [
            {
              id: s.request,
              position: toLatLng(info.location),
              label: `${i + 1}. ${info.schoolName}, ${s.start}–${s.end}`,
            },
          ]
        : [];
    });
  }, [route, plan]);
  const focusBounds: LatLngBounds | null = useMemo(() => {
    const points = [...routeStops.map((s) => s.position), ...(depot ? [toLatLng(depot.location)] : [])];
    if (points.length < 2) return null;
    const lats = points.map((p) => p[0]);
    const lngs = points.map((p) => p[1]);
    return [
      [Math.min(...lats), Math.min(...lngs)],
      [Math.max(...lats), Math.max(...lngs)],
    ];
  }, [routeStops, depot]);

  return (
    <section className="board-side" aria-labelledby="route-heading">
      <h3 id="route-heading">
        {selected
          ? t('board.routeOf', { truck: truckName(selected.truck), date: formatDate(selected.date) })
          : t('board.route')}
      </h3>
      {route ? (
        <p className="route-times">
          {tp('board.routeTimes', route.stops.length, { depart: route.depart, back: route.return })}
          {plan.status === 'published' ? (
            <>
              {' · '}
              <a href={`/dagblad/${route.truck}/${route.date}`}>{t('board.daySheet')}</a>
            </>
          ) : null}
        </p>
      ) : (
        <p className="form-hint">{t('board.noRoute')}</p>
      )}
      <div className="board-map">
        <MapShell
          id="board-map"
          focusBounds={focusBounds}
          focusKey={`${plan.id}|${selected ? cellKey(selected.truck, selected.date) : ''}|${focusBounds ? 1 : 0}`}
        >
          <MapOverlay name={t('map.layer.regions')} checked>
            <RegionsLayer regions={regions} selectedRegion={null} describe={(r) => r.name} />
          </MapOverlay>
          <MapOverlay name={t('board.routeLayer')} checked>
            <RouteLayer depot={depot ? toLatLng(depot.location) : null} stops={routeStops} />
          </MapOverlay>
          <MapOverlay name={t('map.layer.depot')} checked>
            <DepotLayer depots={depots} label={(d) => `${t('depot.heading')}: ${d.name}`} />
          </MapOverlay>
        </MapShell>
      </div>
      <PlanFigures plans={compare?.figures ? [plan, compare] : [plan]} />
      <div className={compare?.figures ? 'bars-compare' : undefined}>
        <RegionBars plan={plan} regions={regions} title={t('board.fairShare', { name: plan.name })} />
        {compare?.figures ? (
          <RegionBars plan={compare} regions={regions} title={t('board.fairShare', { name: compare.name })} />
        ) : null}
      </div>
    </section>
  );
}
