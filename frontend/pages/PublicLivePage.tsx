import type { MunicipalityDto } from '../../shared/api/regions';
import { listMunicipalities } from '../api';
import { ConnectionStatus } from '../components/live/ConnectionStatus';
import { LiveAlert } from '../components/live/LiveAlert';
import { LiveDayMap } from '../components/live/LiveDayMap';
import { StopList } from '../components/live/StopList';
import { useLiveTruck } from '../hooks/useLiveTruck';
import { useResource } from '../hooks/useResource';
import { useI18n } from '../i18n/I18nProvider';
import { useNow } from '../hooks/useNow';
import { liveFreshness, nowMinutesOn, positionAgeMinutes } from '../live/freshness';
import { clockTime } from '../live/liveState';
import { truckName } from '../model/trucks';
import '../components/requests/requests.css';
import '../components/live/live.css';

const NO_MUNICIPALITIES: MunicipalityDto[] = [];

/**
 * The public "where is the truck" page (/volg/:truckId/:date), for schools and parents: no login, only the truck,
 * the day's schools and their expected times (the public API sends no contact data and no route).
 */
export function PublicLivePage({ truckId, date }: { truckId: string; date: string }) {
  const { t, formatDate } = useI18n();
  const live = useLiveTruck(truckId, date, { isPublic: true });
  const municipalities = useResource(listMunicipalities);
  const lastUpdate = live.snapshot?.position ? clockTime(live.snapshot.position.at) : null;
  const status = (live.error as { status?: number } | null)?.status;
  const now = useNow();
  const freshness = liveFreshness(live.snapshot, now);
  const nowMinutes = nowMinutesOn(date, now);

  return (
    <div className="live-page live-public">
      <div className="live-panel">
        <h1>{t('live.public.heading')}</h1>
        <p className="live-day-title">
          {truckName(truckId)} · {formatDate(date)}
        </p>
        <p className="muted">{t('live.public.intro')}</p>
        <ConnectionStatus
          connection={live.connection}
          lastUpdate={lastUpdate}
          freshness={freshness}
          refused={live.refused}
          ageMinutes={positionAgeMinutes(live.snapshot?.position, now)}
        />
        {live.error && !live.snapshot ? (
          <div className="notice notice-error">
            <p>{status === 404 || status === 403 ? t('live.public.noDay') : t('home.error')}</p>
          </div>
        ) : null}
        <LiveAlert snapshot={live.snapshot} nowMinutes={nowMinutes} freshness={freshness} />
        <StopList
          id="public-stops"
          heading={t('live.public.schools')}
          stops={live.snapshot?.stops ?? []}
          nowMinutes={nowMinutes}
        />
      </div>
      <div className="live-map-area">
        <LiveDayMap
          id="public-map"
          snapshot={live.snapshot}
          municipalities={municipalities.data ?? NO_MUNICIPALITIES}
          truckLabel={truckName(truckId)}
          isPublic
        />
      </div>
    </div>
  );
}
