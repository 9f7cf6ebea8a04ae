import { useId } from 'react';
import { useI18n } from '../../i18n/I18nProvider';

export interface ReplaySliderProps {
  /** Minutes after midnight (Europe/Amsterdam): the range and the chosen moment. */
  min: number;
  max: number;
  value: number;
  onChange(minute: number): void;
  isLoading: boolean;
}

/** "HH:MM" of minutes after midnight. */
export function minuteLabel(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** A keyboard-friendly time slider (arrows: 1 minute, Page Up/Down: 10) with the chosen time in words and digits. */
export function ReplaySlider({ min, max, value, onChange, isLoading }: ReplaySliderProps) {
  const { t } = useI18n();
  const id = useId();
  const time = minuteLabel(value);
  return (
    <div className="replay-slider">
      <label htmlFor={id}>{t('live.replay.slider')}</label>
      <div className="replay-row">
        <span className="replay-bound" aria-hidden="true">
          {minuteLabel(min)}
        </span>
        <input
          id={id}
          type="range"
          min={min}
          max={max}
          step={1}
          value={value}
          aria-valuetext={t('live.replay.valueText', { time })}
          onChange={(e) => onChange(Number(e.target.value))}
        />
        <span className="replay-bound" aria-hidden="true">
          {minuteLabel(max)}
        </span>
      </div>
      <output htmlFor={id} className="replay-time" aria-live="polite">
        {t('live.replay.at', { time })}
        {isLoading ? ` · ${t('common.loading')}` : ''}
      </output>
    </div>
  );
}
