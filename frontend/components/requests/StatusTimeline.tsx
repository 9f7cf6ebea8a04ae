import type { RequestDto, RequestStatus } from '../../../shared/api/requests';
import { useI18n } from '../../i18n/I18nProvider';

const STEPS: readonly RequestStatus[] = ['submitted', 'accepted', 'planned', 'confirmed', 'done'];

/** A date and time in the planner's zone, e.g. "3 feb. 2027, 14:05". */
export function useDateTime() {
  const { lang } = useI18n();
  return (iso: string) =>
    new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
      timeZone: 'Europe/Amsterdam',
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(iso));
}

/** The request's way through ingediend → geaccepteerd → ingepland → bevestigd → uitgevoerd, or where it ended. */
export function StatusTimeline({ request }: { request: RequestDto }) {
  const { t } = useI18n();
  const dateTime = useDateTime();
  const lastAt = (status: RequestStatus) => [...request.history].reverse().find((h) => h.status === status);
  const isEnded = request.status === 'declined' || request.status === 'cancelled';
  const currentIndex = STEPS.indexOf(request.status);
  // An ended request shows the steps it reached before it ended.
  const reached = isEnded ? Math.max(...STEPS.map((s, i) => (lastAt(s) ? i : -1))) : currentIndex;
  const ended = isEnded ? lastAt(request.status) : undefined;

  return (
    <ol className="timeline">
      {STEPS.map((step, i) => {
        const entry = i <= reached ? lastAt(step) : undefined;
        const state =
          i < reached || (i === reached && isEnded) ? 'is-done' : i === reached ? 'is-current' : 'is-future';
        if (isEnded && i > reached) return null;
        return (
          <li key={step} className={state} aria-current={state === 'is-current' ? 'step' : undefined}>
            <span className="timeline-label">{t(`status.${step}`)}</span>
            <span className="timeline-time">
              {entry ? dateTime(entry.at) : state === 'is-future' ? t('status.notYet') : ''}
            </span>
          </li>
        );
      })}
      {isEnded ? (
        <li className="is-current is-ended" aria-current="step">
          <span className="timeline-label">{t(`status.${request.status}`)}</span>
          <span className="timeline-time">{ended ? dateTime(ended.at) : ''}</span>
          {ended?.reason ? (
            <span className="timeline-reason">{t('status.reason', { reason: ended.reason })}</span>
          ) : null}
        </li>
      ) : null}
    </ol>
  );
}
