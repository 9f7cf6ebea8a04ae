import type { FairnessCounts } from '../../../shared/api/dashboard';
import { useI18n } from '../../i18n/I18nProvider';

/** The shared count columns of every drill-down table: requests, planned, done, pupils reached. */
export function CountCells({ row }: { row: FairnessCounts }) {
  const { formatNumber } = useI18n();
  return (
    <>
      <td className="num">{formatNumber(row.requests)}</td>
      <td className="num">{formatNumber(row.planned)}</td>
      <td className="num">{formatNumber(row.done)}</td>
      <td className="num">{formatNumber(row.pupilsReached)}</td>
    </>
  );
}

/** The matching header cells. */
export function CountHeaders() {
  const { t } = useI18n();
  return (
    <>
      <th scope="col" className="num">
        {t('fair.col.requests')}
      </th>
      <th scope="col" className="num">
        {t('fair.col.planned')}
      </th>
      <th scope="col" className="num">
        {t('fair.col.done')}
      </th>
      <th scope="col" className="num">
        {t('fair.col.pupils')}
      </th>
    </>
  );
}
