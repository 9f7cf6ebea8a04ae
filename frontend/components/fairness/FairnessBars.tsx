import type { RegionFairnessRow } from '../../../shared/api/dashboard';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * Planned visits against the fair share per region, as paired horizontal bars with the numbers written next to
 * them. The chart is a picture of the table below it, so screen readers skip it (the table says the same).
 */
export function FairnessBars({ rows }: { rows: readonly RegionFairnessRow[] }) {
  const { t, formatNumber } = useI18n();
  const max = Math.max(1, ...rows.flatMap((r) => [r.planned, r.fairShare]));
  const pct = (n: number) => `${(100 * n) / max}%`;
  return (
    <figure className="fair-bars">
      <div aria-hidden="true">
        <p className="fair-bars-key">
          <span className="fair-key fair-key-planned" /> {t('fair.planned')}{' '}
          <span className="fair-key fair-key-share" /> {t('fair.fairShare')}
        </p>
        {rows.map((r) => (
          <div key={r.id} className="fair-bar-row">
            <span className="fair-bar-name">{r.name}</span>
            <span className="fair-bar-pair">
              <span className="fair-bar fair-bar-planned" style={{ width: pct(r.planned) }} />
              <span className="fair-bar-value">{formatNumber(r.planned)}</span>
              <span className="fair-bar fair-bar-share" style={{ width: pct(r.fairShare) }} />
              <span className="fair-bar-value">{formatNumber(Math.round(r.fairShare * 10) / 10)}</span>
            </span>
          </div>
        ))}
      </div>
      <figcaption>{t('fair.barsCaption')}</figcaption>
    </figure>
  );
}
