import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LiveStopDto, TruckEventKind } from '../../shared/api/live';
import { listTour } from '../api/plans';
import { ConnectionStatus } from '../components/live/ConnectionStatus';
import { StopTimes } from '../components/live/StopTimes';
import { liveDayTimes } from '../../shared/domain/visitTimes';
import { useNow } from '../hooks/useNow';
import { liveFreshness, nowMinutesOn, positionAgeMinutes } from '../live/freshness';
import { LocationSharing, type ShareState } from '../components/live/LocationSharing';
import { ReportButtons } from '../components/live/ReportButtons';
import { useLiveTruck } from '../hooks/useLiveTruck';
import { useResource } from '../hooks/useResource';
import { useI18n } from '../i18n/I18nProvider';
import { clockTime, currentStop, todayInAmsterdam } from '../live/liveState';
import { createCrewQueue, makeEvent, STOP_EVENTS } from '../live/crewReporter';
import { makeIdempotencyKey } from '../live/offlineQueue';
import { CrewGate } from './CrewGate';
import { rolesFor } from '../model/pageAccess';
import { truckName } from '../model/trucks';
import '../components/requests/requests.css';
import '../components/live/live.css';

const TRUCK_KEY = 'techniekwagen.crewTruck';
const SHARE_KEY = 'techniekwagen.shareLocation';
/** How often a position is sent while sharing (the brief: every 15 s). */
const POSITION_INTERVAL_MS = 15_000;
/** How often waiting reports are retried while the page is open (besides the browser's "online" event). */
const RETRY_INTERVAL_MS = 15_000;

function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStored(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Not remembering the choice is acceptable; it holds for this visit.
  }
}

interface SentReport {
  key: string;
  kind: TruckEventKind;
  at: string;
  school: string | null;
  delayMinutes?: number;
}

/** The crew's phone page (/onderweg): today's stops, big report buttons, and (with consent) the phone's position. */
export function CrewRoadPage() {
  return <CrewGate roles={rolesFor('crew')}>{() => <CrewRoad />}</CrewGate>;
}

function CrewRoad() {
  const { t, formatDate } = useI18n();
  const date = useMemo(() => {
    const param = new URLSearchParams(window.location.search).get('date');
    return param && /^\d{4}-\d{2}-\d{2}$/.test(param) ? param : todayInAmsterdam();
  }, []);
  const [truckId, setTruckId] = useState(() => readStored(TRUCK_KEY) ?? 'wagen-1');
  const loadTour = useCallback((signal: AbortSignal) => listTour(date, date, signal), [date]);
  const tour = useResource(loadTour);
  const trucks = useMemo(
    () => [...new Set(['wagen-1', truckId, ...(tour.data ?? []).map((d) => d.truckId)])].sort(),
    [tour.data, truckId],
  );
  const live = useLiveTruck(truckId, date);
  const now = useNow();
  const nowMinutes = nowMinutesOn(date, now);
  const stops = useMemo(
    () => [...(live.snapshot?.stops ?? [])].sort((a, b) => a.order - b.order),
    [live.snapshot?.stops],
  );
  const dayTimes = liveDayTimes(stops, nowMinutes);

  // The queue lives as long as the page; reports made offline wait in localStorage.
  const [pending, setPending] = useState(0);
  const [isOnline, setOnline] = useState(() => navigator.onLine);
  const queue = useMemo(() => createCrewQueue(setPending), []);
  const flush = useCallback(() => {
    void queue
      .flush()
      .then((r) => setOnline(r.error === null ? true : navigator.onLine && !(r.error instanceof TypeError)));
  }, [queue]);
  useEffect(() => {
    setPending(queue.pending);
    flush();
    const goOnline = () => {
      setOnline(true);
      flush();
    };
    const goOffline = () => setOnline(false);
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    const timer = window.setInterval(flush, RETRY_INTERVAL_MS);
    return () => {
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
      window.clearInterval(timer);
    };
  }, [queue, flush]);

  // Which school the buttons are about: the crew may pick one; by default the first one not finished.
  const [chosenStop, setChosenStop] = useState<string | null>(null);
  const next = currentStop(stops);
  const target: LiveStopDto | null = stops.find((s) => s.requestId === chosenStop) ?? next;

  const [sent, setSent] = useState<SentReport[]>([]);
  const [hasReturned, setReturned] = useState(false);
  const report = (kind: TruckEventKind, delayMinutes?: number) => {
    const stop = STOP_EVENTS.includes(kind) ? target : null;
    const event = makeEvent(kind, stop?.requestId ?? null, delayMinutes);
    queue.addEvent(truckId, date, event);
    setSent((list) =>
      [
        {
          key: event.key,
          kind,
          at: event.at,
          school: stop?.schoolName ?? null,
          ...(delayMinutes ? { delayMinutes } : {}),
        },
        ...list,
      ].slice(0, 8),
    );
    if (kind === 'returned') setReturned(true);
    if (kind === 'departed') setReturned(false);
    // After "klaar" the next report is about the next school.
    if (kind === 'finished') setChosenStop(null);
    flush();
  };

  // Location sharing: only with consent (remembered), only today, and not after the truck is back at the depot.
  const [consent, setConsent] = useState(() => readStored(SHARE_KEY) === 'yes');
  const [share, setShare] = useState<ShareState>({ status: 'off' });
  const lastFix = useRef<GeolocationPosition | null>(null);
  const lastSentAt = useRef(0);
  const isSharing = consent && !hasReturned && date === todayInAmsterdam();
  useEffect(() => {
    if (!isSharing) {
      setShare({ status: consent ? 'paused' : 'off' });
      return;
    }
    if (!('geolocation' in navigator)) {
      setShare({ status: 'unavailable' });
      return;
    }
    setShare({ status: 'waiting' });
    const watch = navigator.geolocation.watchPosition(
      (fix) => {
        lastFix.current = fix;
        setShare({
          status: 'on',
          at: new Date(fix.timestamp).toISOString(),
          accuracyM: Math.round(fix.coords.accuracy),
        });
      },
      (error) => setShare({ status: error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 60_000 },
    );
    const send = () => {
      const fix = lastFix.current;
      if (!fix || fix.timestamp <= lastSentAt.current) return;
      lastSentAt.current = fix.timestamp;
      const speed = fix.coords.speed;
      queue.addPosition(truckId, date, {
        key: makeIdempotencyKey(),
        at: new Date(fix.timestamp).toISOString(),
        lat: fix.coords.latitude,
        lng: fix.coords.longitude,
        accuracyM: Math.min(100_000, Math.max(0, fix.coords.accuracy)),
        ...(speed !== null && speed >= 0 ? { speedKmh: Math.min(300, speed * 3.6) } : {}),
      });
      flush();
    };
    const first = window.setTimeout(send, 2000);
    const timer = window.setInterval(send, POSITION_INTERVAL_MS);
    return () => {
      navigator.geolocation.clearWatch(watch);
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [isSharing, consent, queue, truckId, date, flush]);

  const onConsent = (value: boolean) => {
    setConsent(value);
    writeStored(SHARE_KEY, value ? 'yes' : 'no');
  };

  return (
    <div className="page-scroll">
      <div className="page narrow crew-road">
        <h1>{t('crew.heading')}</h1>
        <div className="crew-head">
          <div className="field">
            <label htmlFor="crew-truck">{t('live.truck')}</label>
            <select
              id="crew-truck"
              value={truckId}
              onChange={(e) => {
                setTruckId(e.target.value);
                writeStored(TRUCK_KEY, e.target.value);
                setChosenStop(null);
              }}
            >
              {trucks.map((id) => (
                <option key={id} value={id}>
                  {truckName(id)}
                </option>
              ))}
            </select>
          </div>
          <p className="crew-date">{formatDate(date)}</p>
        </div>

        <p className={`crew-queue ${pending > 0 ? 'crew-queue-waiting' : ''}`} role="status">
          {pending > 0
            ? t(isOnline ? 'crew.queue.sending' : 'crew.queue.offline', { count: pending })
            : t('crew.queue.empty')}
        </p>
        <ConnectionStatus
          connection={live.connection}
          lastUpdate={live.snapshot?.position ? clockTime(live.snapshot.position.at) : null}
          freshness={liveFreshness(live.snapshot, now)}
          refused={live.refused}
          ageMinutes={positionAgeMinutes(live.snapshot?.position, now)}
        />

        {live.error && !live.snapshot ? (
          <div className="notice notice-error">
            <p>{(live.error as { status?: number }).status === 404 ? t('crew.noDay') : t('home.error')}</p>
          </div>
        ) : null}

        <fieldset className="crew-stops">
          <legend>{t('crew.whichSchool')}</legend>
          {stops.length === 0 ? <p className="muted">{t('live.noStops')}</p> : null}
          {stops.map((s) => (
            <label
              key={s.requestId}
              className={`crew-stop ${target?.requestId === s.requestId ? 'crew-stop-target' : ''}`}
            >
              <input
                type="radio"
                name="crew-stop"
                value={s.requestId}
                checked={target?.requestId === s.requestId}
                onChange={() => setChosenStop(s.requestId)}
              />
              <span className="crew-stop-text">
                <span className="crew-stop-name">
                  {s.order}. {s.schoolName}
                </span>
                <span className="crew-stop-times">
                  <StopTimes stop={s} nowMinutes={nowMinutes} times={dayTimes.get(s) ?? null} />
                </span>
              </span>
              <span className={`live-state live-state-${s.state}`}>{t(`live.state.${s.state}`)}</span>
            </label>
          ))}
        </fieldset>

        <ReportButtons
          target={target?.schoolName ?? null}
          openStops={stops.filter((s) => s.state !== 'done' && s.state !== 'skipped').length}
          onReport={report}
        />

        {sent.length > 0 ? (
          <section aria-labelledby="crew-sent-heading">
            <h2 id="crew-sent-heading">{t('crew.sent.heading')}</h2>
            <ul className="crew-sent">
              {sent.map((r) => (
                <li key={r.key}>
                  <strong>{clockTime(r.at)}</strong> {t(`crew.button.${r.kind}`)}
                  {r.delayMinutes ? ` (+${r.delayMinutes} min)` : ''}
                  {r.school ? ` · ${r.school}` : ''} ·{' '}
                  <span className="muted">
                    {queue.snapshot().some((i) => i.kind === 'event' && i.event.key === r.key)
                      ? t('crew.sent.waiting')
                      : t('crew.sent.done')}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <LocationSharing consent={consent} onConsent={onConsent} state={share} />
      </div>
    </div>
  );
}
