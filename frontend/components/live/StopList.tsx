import type { LiveStopDto } from '../../../shared/api/live';
import { useI18n } from '../../i18n/I18nProvider';

export interface StopListProps {
  stops: readonly LiveStopDto[];
  /** Show planned times only (the replay shows the past, where an ETA means nothing). */
  showEta?: boolean;
  heading: string;
  id?: string;
}

/** The day's stops in route order: number, school, planned time, ETA and state as a coloured badge with words. */
export function StopList({ stops, showEta = true, heading, id }: StopListProps) {
  const { t, tp } = useI18n();
  const sorted = [...stops].sort((a, b) => a.order - b.order);
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
              <p className="live-stop-times">
                {t('live.planned', { arrive: s.plannedArrive, start: s.plannedStart, end: s.plannedEnd })}
              </p>
              {showEta && s.eta ? (
                <p className="live-stop-eta" data-eta={s.eta}>
                  {t('live.eta', { eta: s.eta })}{' '}
                  {s.lateMinutes > 0 ? (
                    <strong className="live-late">({tp('live.late', s.lateMinutes)})</strong>
                  ) : (
                    <span className="live-on-time">({t('live.onTime')})</span>
                  )}
                </p>
              ) : null}
            </div>
            <span className={`live-state live-state-${s.state}`}>{t(`live.state.${s.state}`)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
