import type { LiveStopDto } from '../../../shared/api/live';
import { useI18n } from '../../i18n/I18nProvider';
import { liveDayTimes } from '../../../shared/domain/visitTimes';
import { StopTimes } from './StopTimes';

export interface StopListProps {
  stops: readonly LiveStopDto[];
  /** Show planned times only (the replay shows the past, where an ETA means nothing). */
  showEta?: boolean;
  heading: string;
  id?: string;
  /** The clock on the stops' day in minutes (see nowMinutesOn); null on another day or in the replay. */
  nowMinutes?: number | null;
}

/** The day's stops in route order: number, school, planned and expected times (StopTimes), and state as a coloured badge with words. */
export function StopList({ stops, showEta = true, heading, id, nowMinutes = null }: StopListProps) {
  const { t } = useI18n();
  const sorted = [...stops].sort((a, b) => a.order - b.order);
  const times = liveDayTimes(sorted, nowMinutes);
  return (
    <section className="live-stops" aria-labelledby={id ? `${id}-heading` : undefined} id={id}>
      <h2 id={id ? `${id}-heading` : undefined}>{heading}</h2>
      {sorted.length === 0 ? <p className="muted">{t('live.noStops')}</p> : null}
      <ol className="live-stop-list">
        {sorted.map((s) => (
          <li key={s.requestId} className={`live-stop live-stop-item-${s.state}`} data-request-id={s.requestId}>
            <span className="live-stop-order" aria-hidden="true">
              {s.order}
            </span>
            <div className="live-stop-text">
              <p className="live-stop-name">
                <span className="visually-hidden">{t('live.stopNumber', { n: s.order })} </span>
                {s.schoolName}
              </p>
              <StopTimes stop={s} nowMinutes={nowMinutes} showExpected={showEta} times={times.get(s) ?? null} />
            </div>
            <span className={`live-state live-state-${s.state}`}>{t(`live.state.${s.state}`)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
