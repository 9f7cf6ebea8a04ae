import { DEFAULT_PROGRAMMES, type RequestDto } from '../../../shared/api/requests';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/nl';

/** A programme id in words (unknown ids, added by the crew, as they are). */
export function useProgrammeName() {
  const { t } = useI18n();
  return (id: string) => {
    const known = (DEFAULT_PROGRAMMES as readonly string[]).includes(id);
    return known ? t(`req.programme.${id}` as MessageKey) : id;
  };
}

/** What a request asks for, as a description list. */
export function RequestSummary({ request, showContact = true }: { request: RequestDto; showContact?: boolean }) {
  const { t, formatDate } = useI18n();
  const programme = useProgrammeName();
  return (
    <dl className="request-summary">
      {showContact ? (
        <>
          <dt>{t('req.contact')}</dt>
          <dd>
            {request.contact.name} · <a href={`mailto:${request.contact.email}`}>{request.contact.email}</a>
            {request.contact.phone ? ` · ${request.contact.phone}` : ''}
          </dd>
        </>
      ) : null}
      <dt>{t('req.groups')}</dt>
      <dd>
        {t('req.pupilsClasses', { pupils: request.pupils, classes: request.classes })} ·{' '}
        {request.levels.map((l) => t(`req.level.${l}`)).join(', ')}
      </dd>
      <dt>{t('req.programmes')}</dt>
      <dd>{request.programmes.map(programme).join(', ')}</dd>
      <dt>{t('req.session')}</dt>
      <dd>
        {t(`req.sessionLength.${request.sessionLength}`)} ·{' '}
        {t('req.timesBetween', { from: request.earliestStart, to: request.latestEnd })}
      </dd>
      <dt>{t('req.weeks')}</dt>
      <dd>{request.preferredWeeks.map((w) => `${formatDate(w.from)} – ${formatDate(w.to)}`).join('; ')}</dd>
      {request.excludedDates.length > 0 ? (
        <>
          <dt>{t('req.excluded')}</dt>
          <dd>{request.excludedDates.map(formatDate).join(', ')}</dd>
        </>
      ) : null}
      {request.remarks ? (
        <>
          <dt>{t('req.remarks')}</dt>
          <dd className="pre-wrap">{request.remarks}</dd>
        </>
      ) : null}
    </dl>
  );
}
