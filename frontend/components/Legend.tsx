import type { RegionDto } from '../../shared/api/regions';
import { useI18n } from '../i18n/I18nProvider';

export interface LegendProps {
  regions: readonly RegionDto[];
  /** Open at first (desktop) or folded (phone). */
  defaultOpen: boolean;
}

/** What the colours and symbols on the map mean; a <details> so it folds away on a small screen. */
export function Legend({ regions, defaultOpen }: LegendProps) {
  const { t, tp } = useI18n();
  return (
    <details className="legend" open={defaultOpen}>
      <summary>{t('legend.heading')}</summary>
      <div className="legend-body">
        <p className="legend-title">{t('legend.regions')}</p>
        <ul className="legend-list">
          {regions.map((r) => (
            <li key={r.id} data-region={r.id}>
              <span
                className="legend-swatch"
                style={{ borderColor: r.color, backgroundColor: `${r.color}44` }}
                aria-hidden="true"
              />
              <span>
                {r.name} <span className="legend-count">({tp('legend.schools', r.counts.schools)})</span>
              </span>
            </li>
          ))}
        </ul>
        <ul className="legend-list legend-symbols">
          <li>
            <span className="legend-school" aria-hidden="true" />
            <span>{t('legend.school')}</span>
          </li>
          <li>
            <span className="legend-school is-selected" aria-hidden="true" />
            <span>{t('legend.selected')}</span>
          </li>
          <li>
            <span className="legend-depot depot-badge" aria-hidden="true" />
            <span>{t('legend.depot')}</span>
          </li>
        </ul>
      </div>
    </details>
  );
}
