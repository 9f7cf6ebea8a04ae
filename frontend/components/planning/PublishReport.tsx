import { useEffect, useRef } from 'react';
import type { PublishReportDto } from '../../api/plans';
import { useI18n } from '../../i18n/I18nProvider';
import { truckName } from '../../model/trucks';
import { cellKey } from './planMath';

/** What publishing a plan did (days written, visits planned and moved, emails), with a link to each day sheet. */
export function PublishReport({ report }: { report: PublishReportDto }) {
  const { t, tp, formatDate, lang } = useI18n();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const routes = report.plan.plan?.routes ?? [];
  return (
    <section
      className="notice notice-ok publish-report"
      tabIndex={-1}
      ref={ref}
      aria-labelledby="publish-heading"
      data-testid="publish-report"
    >
      <h3 id="publish-heading">{t('board.publishedHeading')}</h3>
      <p>
        {t('board.publishedText', {
          days: report.daysWritten,
          planned: report.planned,
          moved: report.moved,
          unplanned: report.unplanned,
          emails: report.emails,
        })}
      </p>
      {report.conflicts?.length ? (
        <>
          <p>{t('board.publish.conflicts')}</p>
          <ul data-testid="publish-conflicts">
            {report.conflicts.map((c) => (
              <li key={c.requestId}>
                {c.schoolName} ({c.reference}): {lang === 'en' ? c.reasonEn : c.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {routes.length > 0 ? (
        <ul className="day-sheet-links">
          {routes.map((r) => (
            <li key={cellKey(r.truck, r.date)}>
              <a href={`/dagblad/${r.truck}/${r.date}`}>
                {tp('board.daySheetFor', r.stops.length, { truck: truckName(r.truck), date: formatDate(r.date) })}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
