import { format, parseISO } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { nl } from 'date-fns/locale/nl';
import { useCallback, useMemo } from 'react';
import type { RequestDto } from '../../shared/api/requests';
import type { SchoolDto } from '../../shared/api/schools';
import { visitTimes, type VisitTimes } from '../../shared/domain/visitTimes';
import { getSchool, listDepots, listMunicipalities, listRegions } from '../api';
import { getTruckDay, type TruckDayDto } from '../api/plans';
import { getRequest } from '../api/requests';
import { LoadError } from '../components/LoadError';
import { useProgrammeName } from '../components/requests/RequestSummary';
import { useResource } from '../hooks/useResource';
import { useI18n } from '../i18n/I18nProvider';
import { toLatLng, type LatLngBounds } from '../map/geo';
import { DepotLayer } from '../map/layers/DepotLayer';
import { MunicipalitiesLayer } from '../map/layers/MunicipalitiesLayer';
import { RegionsLayer } from '../map/layers/RegionsLayer';
import { RouteLayer } from '../map/layers/RouteLayer';
import { MapOverlay, MapShell } from '../map/MapShell';
import { formatAddress } from '../model/schoolText';
import { CrewGate } from './CrewGate';
import { rolesFor } from '../model/pageAccess';
import { truckName } from '../model/trucks';
import '../components/planning/planning.css';

interface SheetStop {
  stop: TruckDayDto['stops'][number];
  /** The stop's planned times from the one timing function, as the crew page and the public page read them. */
  times: VisitTimes;
  request: RequestDto;
  school: SchoolDto | null;
}

interface Sheet {
  day: TruckDayDto;
  stops: SheetStop[];
}

/** The printable day sheet of a truck's published day (/dagblad/:truckId/:date); print to PDF from the browser. */
export function DaySheetPage({ truckId, date }: { truckId: string; date: string }) {
  return <CrewGate roles={rolesFor('planning')}>{() => <DaySheet truckId={truckId} date={date} />}</CrewGate>;
}

function DaySheet({ truckId, date }: { truckId: string; date: string }) {
  const { t, tp, lang } = useI18n();
  const programme = useProgrammeName();
  const locale = lang === 'nl' ? nl : enGB;
  const load = useCallback(
    async (signal: AbortSignal): Promise<Sheet> => {
      const day = await getTruckDay(truckId, date, signal);
      const stops = await Promise.all(
        day.stops.map(async (stop) => {
          const request = await getRequest(stop.requestId, signal);
          const school = request.schoolId ? await getSchool(request.schoolId, signal).catch(() => null) : null;
          const times = visitTimes({
            plannedArrive: stop.arrive,
            plannedStart: stop.start,
            plannedEnd: stop.end,
            plannedLeave: stop.leave,
          });
          return { stop, times, request, school };
        }),
      );
      return { day, stops };
    },
    [truckId, date],
  );
  const res = useResource(load);
  const depots = useResource(listDepots);
  const municipalities = useResource(listMunicipalities);
  const regions = useResource(listRegions);
  const depot = depots.data?.[0] ?? null;

  const points = useMemo(
    () =>
      (res.data?.stops ?? []).flatMap((s, i) =>
        s.school?.location
          ? [
              {
                id: s.stop.requestId,
                position: toLatLng(s.school.location),
                label: `${i + 1}. ${s.request.schoolName}, ${t('live.time.session', { start: s.times.plannedStart, end: s.times.plannedEnd })}`,
              },
            ]
          : [],
      ),
    [res.data, t],
  );
  const bounds: LatLngBounds | null = useMemo(() => {
    const all = [...points.map((p) => p.position), ...(depot ? [toLatLng(depot.location)] : [])];
    if (all.length < 2) return null;
    return [
      [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1]))],
      [Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))],
    ];
  }, [points, depot]);

  const title = t('sheet.heading', {
    truck: truckName(truckId),
    date: format(parseISO(date), 'EEEE d MMMM yyyy', { locale }),
  });

  return (
    <div className="page-scroll">
      <div className="page day-sheet">
        <div className="sheet-head">
          <h1>{title}</h1>
          <button type="button" className="button-primary no-print" onClick={() => window.print()}>
            {t('sheet.print')}
          </button>
        </div>
        {res.status === 'loading' ? <p role="status">{t('common.loading')}</p> : null}
        {res.status === 'error' ? <LoadError error={res.error} onRetry={res.reload} /> : null}
        {res.data ? (
          res.data.stops.length === 0 ? (
            <p>{t('sheet.empty')}</p>
          ) : (
            <>
              <p className="sheet-times">
                {tp('sheet.times', res.data.stops.length, {
                  depart: res.data.day.depart ?? '–',
                  back: res.data.day.return ?? '–',
                })}
                {depot ? ` · ${t('sheet.depot', { name: depot.name, address: depot.address })}` : ''}
              </p>
              <div className="sheet-map">
                <MapShell id="sheet-map" focusBounds={bounds} focusKey={`${truckId}|${date}|${bounds ? 1 : 0}`}>
                  <MapOverlay name={t('map.layer.municipalities')} checked>
                    <MunicipalitiesLayer
                      municipalities={municipalities.data ?? []}
                      attribution={t('map.attribution.data')}
                    />
                  </MapOverlay>
                  <MapOverlay name={t('map.layer.regions')} checked>
                    <RegionsLayer regions={regions.data ?? []} selectedRegion={null} describe={(r) => r.name} />
                  </MapOverlay>
                  <MapOverlay name={t('board.routeLayer')} checked>
                    <RouteLayer depot={depot ? toLatLng(depot.location) : null} stops={points} />
                  </MapOverlay>
                  <MapOverlay name={t('map.layer.depot')} checked>
                    <DepotLayer depots={depots.data ?? []} label={(d) => `${t('depot.heading')}: ${d.name}`} />
                  </MapOverlay>
                </MapShell>
              </div>
              <ol className="sheet-stops">
                {res.data.stops.map(({ stop, times, request, school }, i) => (
                  <li key={stop.requestId} className="sheet-stop">
                    <h2>
                      <span className="sheet-number" aria-hidden="true">
                        {i + 1}
                      </span>
                      {request.schoolName} <span className="muted">{request.reference}</span>
                    </h2>
                    <dl>
                      <dt>{t('sheet.time')}</dt>
                      <dd
                        className="sheet-stop-times"
                        data-planned-arrive={times.plannedArrive}
                        data-planned-start={times.plannedStart}
                        data-planned-end={times.plannedEnd}
                      >
                        <span className="sheet-arrive">{t('live.time.arrive', { planned: times.plannedArrive })}</span>
                        {' · '}
                        <span className="sheet-setup">{t('sheet.setup', { minutes: times.setupMinutes })}</span>
                        {' · '}
                        <span className="sheet-session">
                          {t('live.time.session', { start: times.plannedStart, end: times.plannedEnd })}
                        </span>
                        {' · '}
                        <span className="sheet-leave">{t('sheet.leave', { leave: times.plannedLeave ?? '–' })}</span>
                      </dd>
                      <dt>{t('sheet.address')}</dt>
                      <dd>
                        {school
                          ? formatAddress(school.address)
                          : request.newSchool
                            ? `${request.newSchool.street}, ${request.newSchool.postcode} ${request.newSchool.place}`
                            : t('school.unknown')}
                      </dd>
                      <dt>{t('sheet.contact')}</dt>
                      <dd>
                        {request.contact.name}
                        {request.contact.phone ? (
                          <>
                            {' · '}
                            <a href={`tel:${request.contact.phone.replace(/[^+0-9]/g, '')}`}>{request.contact.phone}</a>
                          </>
                        ) : null}
                        {' · '}
                        <a href={`mailto:${request.contact.email}`}>{request.contact.email}</a>
                      </dd>
                      <dt>{t('sheet.booked')}</dt>
                      <dd>
                        {t(`req.sessionLength.${request.sessionLength}`)} ·{' '}
                        {t('req.pupilsClasses', { pupils: request.pupils, classes: request.classes })} ·{' '}
                        {request.levels.map((l) => t(`req.level.${l}`)).join(', ')}
                        <br />
                        {request.programmes.map(programme).join(', ')}
                      </dd>
                      <dt>{t('sheet.remarks')}</dt>
                      <dd className="pre-wrap">{request.remarks || t('sheet.noRemarks')}</dd>
                    </dl>
                  </li>
                ))}
              </ol>
            </>
          )
        ) : null}
      </div>
    </div>
  );
}
