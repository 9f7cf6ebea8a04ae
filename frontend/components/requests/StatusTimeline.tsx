import type { RequestDto } from '../../../shared/api/requests';
import { timelineSteps } from '../../model/timelineSteps';
import { useI18n } from '../../i18n/I18nProvider';

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

/** The request's way through ingediend → geaccepteerd → ingepland → bevestigd → uitgevoerd, where it moved, or where it ended. */
export function StatusTimeline({ request }: { request: RequestDto }) {
  const { t } = useI18n();
  const dateTime = useDateTime();
  return (
    <ol className="timeline">
      {timelineSteps(request).map((step) => (
        <li
          key={step.status}
          className={step.aside ? `${step.state} ${step.status === 'moved' ? 'is-moved' : 'is-ended'}` : step.state}
          aria-current={step.state === 'is-current' ? 'step' : undefined}
        >
          <span className="timeline-label">{t(`status.${step.status}`)}</span>
          <span className="timeline-time">
            {step.at ? dateTime(step.at) : step.state === 'is-future' ? t('status.notYet') : ''}
          </span>
          {step.reason ? <span className="timeline-reason">{t('status.reason', { reason: step.reason })}</span> : null}
        </li>
      ))}
    </ol>
  );
}
