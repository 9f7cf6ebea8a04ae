import { useEffect, useRef } from 'react';
import type { SchoolDto } from '../../shared/api/schools';
import { REGION_COLORS, type RegionId } from '../../shared/types/regions';
import { useI18n } from '../i18n/I18nProvider';
import { SchoolDetails } from './SchoolDetails';

export interface SchoolListProps {
  schools: readonly SchoolDto[];
  selectedId: string | null;
  regionName(id: RegionId): string;
  /** Selects a school, or clears the selection when it is already selected. */
  onToggle(id: string): void;
  id?: string;
}

/** The filtered schools; a selected school expands to show its details and is shown on the map. */
export function SchoolList({ schools, selectedId, regionName, onToggle, id }: SchoolListProps) {
  const { t } = useI18n();
  const listRef = useRef<HTMLUListElement>(null);

  // A school picked on the map scrolls into view in the list.
  useEffect(() => {
    if (!selectedId) return;
    const item = listRef.current?.querySelector<HTMLElement>(`[data-school-id="${CSS.escape(selectedId)}"]`);
    item?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <section className="school-list-section" aria-labelledby="school-list-heading" id={id} tabIndex={-1}>
      <div className="school-list-header">
        <h2 id="school-list-heading">{t('list.heading')}</h2>
      </div>
      {schools.length === 0 ? (
        <p className="school-list-empty">{t('list.empty')}</p>
      ) : (
        <ul className="school-list" ref={listRef}>
          {schools.map((s) => {
            const isSelected = s.id === selectedId;
            const detailsId = `school-details-${s.id}`;
            return (
              <li key={s.id} data-school-id={s.id} className={isSelected ? 'is-selected' : undefined}>
                <button
                  type="button"
                  className="school-item"
                  aria-expanded={isSelected}
                  aria-controls={isSelected ? detailsId : undefined}
                  onClick={() => onToggle(s.id)}
                >
                  <span
                    className="region-dot"
                    style={{ backgroundColor: REGION_COLORS[s.region] }}
                    aria-hidden="true"
                  />
                  <span className="school-item-text">
                    <span className="school-item-name">{s.name}</span>
                    <span className="school-item-meta">
                      {[[s.address.street, s.address.houseNumber].filter(Boolean).join(' '), s.address.place]
                        .filter(Boolean)
                        .join(', ')}
                      {s.offersVmbo ? ' · vmbo' : ''}
                      {s.level === 'vso' ? ' · vso' : ''}
                    </span>
                    {!s.location && <span className="badge badge-warning">{t('list.locationUnknown')}</span>}
                  </span>
                </button>
                {isSelected && (
                  <div id={detailsId} className="school-item-details">
                    <SchoolDetails school={s} regionName={regionName(s.region)} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
