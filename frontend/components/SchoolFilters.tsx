import { useId } from 'react';
import type { RegionDto } from '../../shared/api/regions';
import { REGION_IDS, type RegionId } from '../../shared/types/regions';
import { useI18n } from '../i18n/I18nProvider';
import { SCHOOL_TYPE_FILTERS, isFilterEmpty, type SchoolFilter, type SchoolTypeFilter } from '../model/schoolFilter';

export interface SchoolFiltersProps {
  filter: SchoolFilter;
  regions: readonly RegionDto[];
  municipalities: readonly string[];
  onChange(filter: SchoolFilter): void;
}

/** Region, municipality and type selects plus a search box; every change applies at once. */
export function SchoolFilters({ filter, regions, municipalities, onChange }: SchoolFiltersProps) {
  const { t } = useI18n();
  const id = useId();
  const regionName = (rid: RegionId) => regions.find((r) => r.id === rid)?.name ?? rid;

  return (
    <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <div className="field field-search">
        <label htmlFor={`${id}-q`}>{t('filters.search')}</label>
        <input
          id={`${id}-q`}
          type="search"
          value={filter.q}
          maxLength={100}
          autoComplete="off"
          aria-describedby={`${id}-q-hint`}
          onChange={(e) => onChange({ ...filter, q: e.target.value })}
        />
        <span id={`${id}-q-hint`} className="field-hint">
          {t('filters.searchHint')}
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-region`}>{t('filters.region')}</label>
        <select
          id={`${id}-region`}
          name="region"
          value={filter.region ?? ''}
          onChange={(e) => {
            const region = (REGION_IDS as readonly string[]).includes(e.target.value)
              ? (e.target.value as RegionId)
              : null;
            // A municipality from another region would hide every school, so it is dropped.
            onChange({ ...filter, region, municipality: null });
          }}
        >
          <option value="">{t('filters.allRegions')}</option>
          {REGION_IDS.map((rid) => (
            <option key={rid} value={rid}>
              {regionName(rid)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-municipality`}>{t('filters.municipality')}</label>
        <select
          id={`${id}-municipality`}
          name="municipality"
          value={filter.municipality ?? ''}
          onChange={(e) => onChange({ ...filter, municipality: e.target.value || null })}
        >
          <option value="">{t('filters.allMunicipalities')}</option>
          {municipalities.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('filters.type')}</label>
        <select
          id={`${id}-type`}
          name="type"
          value={filter.type ?? ''}
          onChange={(e) => {
            const type = (SCHOOL_TYPE_FILTERS as readonly string[]).includes(e.target.value)
              ? (e.target.value as SchoolTypeFilter)
              : null;
            onChange({ ...filter, type });
          }}
        >
          <option value="">{t('filters.allTypes')}</option>
          {SCHOOL_TYPE_FILTERS.map((type) => (
            <option key={type} value={type}>
              {t(`filters.type.${type}`)}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="button-secondary"
        disabled={isFilterEmpty(filter)}
        onClick={() => onChange({ region: null, municipality: null, type: null, q: '' })}
      >
        {t('filters.reset')}
      </button>
    </form>
  );
}
