import { useI18n } from '../../i18n/I18nProvider';
import { GAP_CLASSES, GAP_COLORS } from './gapScale';

/** The choropleth's legend: each colour with its meaning in words. */
export function GapLegend() {
  const { t } = useI18n();
  return (
    <div className="gap-legend">
      <p className="gap-legend-title">{t('fair.legend')}</p>
      <ul>
        {GAP_CLASSES.map((c) => (
          <li key={c}>
            <span className="gap-legend-swatch" style={{ backgroundColor: GAP_COLORS[c] }} aria-hidden="true" />
            {t(`fair.gap.${c}`)} <span className="muted">({t(`fair.gapRange.${c}`)})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
