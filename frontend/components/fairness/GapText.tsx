import { useI18n } from '../../i18n/I18nProvider';
import { gapClass } from './gapScale';

/** A gap as signed number and words ("−2,0 · onder aandeel"), with its colour class as a swatch. */
export function GapText({ gap }: { gap: number }) {
  const { t, formatNumber } = useI18n();
  const cls = gapClass(gap);
  const rounded = Math.round(gap * 10) / 10;
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '';
  return (
    <span className={`gap gap-${cls}`}>
      <span className={`gap-swatch gap-swatch-${cls}`} aria-hidden="true" />
      {sign}
      {formatNumber(Math.abs(rounded))} <span className="gap-words">{t(`fair.gap.${cls}`)}</span>
    </span>
  );
}
