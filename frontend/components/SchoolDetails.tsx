import type { SchoolDto } from '../../shared/api/schools';
import { useI18n } from '../i18n/I18nProvider';
import { formatAddress, formatSchoolType, websiteUrl } from '../model/schoolText';

export interface SchoolDetailsProps {
  school: SchoolDto;
  regionName: string;
  /** Show the name as a heading (in the map popup); the list already shows it. */
  showName?: boolean;
}

/** Address, type, pupils, region and website of a school, as a description list. */
export function SchoolDetails({ school, regionName, showName = false }: SchoolDetailsProps) {
  const { t, formatNumber } = useI18n();
  const address = formatAddress(school.address);
  const structure = formatSchoolType(school.schoolType);
  const type = [t(`school.level.${school.level}`), structure].filter(Boolean).join(' · ');
  const url = websiteUrl(school.website);
  return (
    <div className="school-details">
      {showName && <p className="school-details-name">{school.name}</p>}
      <dl>
        <dt>{t('school.address')}</dt>
        <dd>
          {address || t('school.unknown')}
          {!school.location && <span className="badge badge-warning">{t('list.locationUnknown')}</span>}
        </dd>
        <dt>{t('school.type')}</dt>
        <dd>
          {type}
          {school.offersVmbo && <span className="badge">{t('school.vmbo')}</span>}
          {school.stoProgramme && <span className="badge">{t('school.sto')}</span>}
        </dd>
        <dt>{t('school.pupils')}</dt>
        <dd>{school.pupils === null ? t('school.unknown') : formatNumber(school.pupils)}</dd>
        <dt>{t('school.region')}</dt>
        <dd>{regionName}</dd>
        {url && (
          <>
            <dt>{t('school.website')}</dt>
            <dd>
              <a href={url} target="_blank" rel="noopener noreferrer">
                {school.website}
              </a>
            </dd>
          </>
        )}
      </dl>
      {school.locationNote && <p className="school-details-note">{school.locationNote}</p>}
    </div>
  );
}
