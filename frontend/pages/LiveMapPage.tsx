import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LiveDaySnapshot } from '../../shared/api/live';
import type { MunicipalityDto } from '../../shared/api/regions';
import { listMunicipalities } from '../api';
import { getLiveHistory } from '../api/live';
import { listTour } from '../api/plans';
import { ConnectionStatus } from '../components/live/ConnectionStatus';
import { LiveAlert } from '../components/live/LiveAlert';
import { LiveDayMap } from '../components/live/LiveDayMap';
import { minuteLabel, ReplaySlider } from '../components/live/ReplaySlider';
import { StopList } from '../components/live/StopList';
import { LoadError } from '../components/LoadError';
import { useLiveTruck } from '../hooks/useLiveTruck';
import { useResource } from '../hooks/useResource';
import { useI18n } from '../i18n/I18nProvider';
import { liveFreshness, nowMinutesOn, positionAgeMinutes } from '../live/freshness';
import { clockTime, instantOf, todayInAmsterdam } from '../live/liveState';
import { useNow } from '../hooks/useNow';
import { CrewGate } from './CrewGate';
import { rolesFor } from '../model/pageAccess';
import { truckName } from '../model/trucks';
import '../components/requests/requests.css';
import '../components/live/live.css';

const DEFAULT_TRUCK = 'wagen-1';
const NO_MUNICIPALITIES: MunicipalityDto[] = [];
const TRUCK_ID = /^[a-z0-9-]{2,40}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function readParam(name: string, pattern: RegExp): string | null {
  const value = new URLSearchParams(window.location.search).get(name);
  return value && pattern.test(value) ? value : null;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** The replay range of a day: an hour before the first stop until 90 minutes after the last (not past now, today). */
function replayRange(snapshot: LiveDaySnapshot | null, date: string): { min: number; max: number } {
  const stops = snapshot?.stops ?? [];
  const min = stops.length > 0 ? Math.max(0, Math.min(...stops.map((s) => minutesOf(s.plannedArrive))) - 60) : 7 * 60;
  let max =
    stops.length > 0 ? Math.min(24 * 60 - 1, Math.max(...stops.map((s) => minutesOf(s.plannedEnd))) + 90) : 18 * 60;
  if (date === todayInAmsterdam())
    max = Math.max(min + 1, Math.min(max, minutesOf(clockTime(new Date().toISOString()))));
  return { min, max };
}

/** The live map (/live): a truck's day with its moving marker, stops and ETAs, alerts, and a replay slider. */
export function LiveMapPage() {
  return <CrewGate roles={rolesFor('live')}>{() => <LiveMap />}</CrewGate>;
}

function LiveMap() {
  const { t, formatDate } = useI18n();
  const [truckId, setTruckId] = useState(() => readParam('truck', TRUCK_ID) ?? DEFAULT_TRUCK);
  const [date, setDate] = useState(() => readParam('date', ISO_DATE) ?? todayInAmsterdam());
  const municipalities = useResource(listMunicipalities);
  const loadTrucks = useCallback((signal: AbortSignal) => listTour(date, date, signal), [date]);
  const tour = useResource(loadTrucks);
  const trucks = useMemo(
    () => [...new Set([DEFAULT_TRUCK, truckId, ...(tour.data ?? []).map((d) => d.truckId)])].sort(),
    [tour.data, truckId],
  );

  useEffect(() => {
    const url = new URL(window.location.href);
    url.searchParams.set('truck', truckId);
    url.searchParams.set('date', date);
    window.history.replaceState(null, '', url);
  }, [truckId, date]);

  const live = useLiveTruck(truckId, date);

  // Replay: null follows the live day; a minute shows the day as it was then.
  const [replayMinute, setReplayMinute] = useState<number | null>(null);
  const [replay, setReplay] = useState<{ minute: number; snapshot: LiveDaySnapshot } | null>(null);
  const [replayError, setReplayError] = useState<Error | null>(null);
  const [replayAttempt, setReplayAttempt] = useState(0);
  useEffect(() => {
    setReplayMinute(null);
    setReplay(null);
  }, [truckId, date]);
  useEffect(() => {
    if (replayMinute === null) return;
    const controller = new AbortController();
    // Wait until the slider rests a moment, so dragging does not send a request per minute.
    const timer = window.setTimeout(() => {
      getLiveHistory(truckId, date, instantOf(date, minuteLabel(replayMinute)), controller.signal).then(
        (history) => {
          setReplay({ minute: replayMinute, snapshot: history.snapshot });
          setReplayError(null);
        },
        (err: unknown) => {
          if (!controller.signal.aborted) setReplayError(err instanceof Error ? err : new Error(String(err)));
        },
      );
    }, 150);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [replayMinute, truckId, date, replayAttempt]);

  const isReplaying = replayMinute !== null;
  const shown = isReplaying ? (replay?.snapshot ?? live.snapshot) : live.snapshot;
  const range = replayRange(live.snapshot, date);
  const lastUpdate = live.snapshot?.position ? clockTime(live.snapshot.position.at) : null;
  const now = useNow();
  const freshness = liveFreshness(live.snapshot, now);
  const nowMinutes = nowMinutesOn(date, now);

  return (
    <div className="live-page">
      <div className="live-panel">
        <h1>{t('live.heading')}</h1>
        <form className="live-controls" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="live-truck">{t('live.truck')}</label>
            <select id="live-truck" value={truckId} onChange={(e) => setTruckId(e.target.value)}>
              {trucks.map((id) => (
                <option key={id} value={id}>
                  {truckName(id)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="live-date">{t('live.date')}</label>
            <input
              id="live-date"
              type="date"
              value={date}
              required
              onChange={(e) => ISO_DATE.test(e.target.value) && setDate(e.target.value)}
            />
          </div>
        </form>
        <p className="live-day-title">
          {truckName(truckId)} · {formatDate(date)}
        </p>
        <ConnectionStatus
          connection={live.connection}
          lastUpdate={lastUpdate}
          freshness={isReplaying ? undefined : freshness}
          refused={live.refused}
          ageMinutes={isReplaying ? null : positionAgeMinutes(live.snapshot?.position, now)}
        />
        {live.error && !live.snapshot ? (
          <div className="notice notice-error">
            <p>{(live.error as { status?: number }).status === 404 ? t('live.noDay') : t('home.error')}</p>
          </div>
        ) : null}
        <LiveAlert
          snapshot={isReplaying ? null : live.snapshot}
          nowMinutes={nowMinutes}
          freshness={isReplaying ? undefined : freshness}
        />
        <StopList
          id="live-stops"
          heading={
            isReplaying ? t('live.stopsAt', { time: replay ? minuteLabel(replay.minute) : '…' }) : t('live.stops')
          }
          stops={shown?.stops ?? []}
          showEta={!isReplaying}
          nowMinutes={isReplaying ? null : nowMinutes}
        />
        {live.snapshot && live.snapshot.stops.length > 0 ? (
          <section className="live-replay" aria-labelledby="live-replay-heading">
            <h2 id="live-replay-heading">{t('live.replay.heading')}</h2>
            {isReplaying ? (
              <>
                <ReplaySlider
                  min={range.min}
                  max={range.max}
                  value={Math.min(range.max, Math.max(range.min, replayMinute))}
                  onChange={setReplayMinute}
                  isLoading={replay?.minute !== replayMinute}
                />
                {replayError ? <LoadError error={replayError} onRetry={() => setReplayAttempt((n) => n + 1)} /> : null}
                <button type="button" className="button-secondary" onClick={() => setReplayMinute(null)}>
                  {t('live.replay.stop')}
                </button>
              </>
            ) : (
              <button
                type="button"
                className="button-secondary"
                onClick={() => setReplayMinute(range.min + 60 > range.max ? range.min : range.min + 60)}
              >
                {t('live.replay.start')}
              </button>
            )}
          </section>
        ) : null}
        <p className="live-public-link">
          <a href={`/volg/${encodeURIComponent(truckId)}/${date}`}>{t('live.publicLink')}</a>
        </p>
      </div>
      <div className="live-map-area">
        {municipalities.status === 'error' ? (
          <LoadError error={municipalities.error} onRetry={municipalities.reload} />
        ) : null}
        <LiveDayMap
          id="live-map"
          snapshot={shown}
          municipalities={municipalities.data ?? NO_MUNICIPALITIES}
          truckLabel={truckName(truckId)}
        />
      </div>
    </div>
  );
}
