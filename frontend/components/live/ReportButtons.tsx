import { useEffect, useId, useRef, useState } from 'react';
import type { TruckEventKind } from '../../../shared/api/live';
import { useI18n } from '../../i18n/I18nProvider';

export interface ReportButtonsProps {
  /** The school the stop buttons are about (null when there is none left). */
  target: string | null;
  /** Schools of the day not yet finished or skipped: "Terug bij depot" says so before it is reported. */
  openStops: number;
  onReport(kind: TruckEventKind, delayMinutes?: number): void;
}

const STOP_BUTTONS: TruckEventKind[] = ['arrived', 'session_started', 'finished'];
const DELAY_CHOICES = [5, 10, 15, 30, 45, 60];

/** The big buttons of the crew page, thumb-sized, each saying what it reports and about which school. */
export function ReportButtons({ target, openStops, onReport }: ReportButtonsProps) {
  const { t, tp } = useI18n();
  const [delay, setDelay] = useState(15);
  const [confirmReturn, setConfirmReturn] = useState(false);
  const delayId = useId();
  const confirmId = useId();
  const yesRef = useRef<HTMLButtonElement>(null);
  // The question appears under the buttons: the keyboard (and a screen reader) goes to its answer.
  useEffect(() => {
    if (confirmReturn) yesRef.current?.focus();
  }, [confirmReturn]);
  return (
    <section className="crew-buttons" aria-labelledby="crew-buttons-heading">
      <h2 id="crew-buttons-heading">{t('crew.report')}</h2>
      <p className="crew-target" aria-live="polite">
        {target ? t('crew.reportAbout', { school: target }) : t('crew.noTarget')}
      </p>
      <div className="crew-button-grid">
        <button type="button" className="crew-button crew-button-departed" onClick={() => onReport('departed')}>
          {t('crew.button.departed')}
        </button>
        {STOP_BUTTONS.map((kind) => (
          <button
            key={kind}
            type="button"
            className={`crew-button crew-button-${kind}`}
            disabled={!target}
            onClick={() => onReport(kind)}
          >
            {t(`crew.button.${kind}`)}
          </button>
        ))}
        <button
          type="button"
          className="crew-button crew-button-returned"
          aria-expanded={confirmReturn}
          aria-controls={confirmId}
          onClick={() => setConfirmReturn(true)}
        >
          {t('crew.button.returned')}
        </button>
      </div>
      {/* The day's last report ends location sharing and tells the viewers the tour is over: asked once more. */}
      {confirmReturn ? (
        <div className="crew-confirm" id={confirmId} role="group" aria-labelledby={`${confirmId}-q`}>
          <p id={`${confirmId}-q`}>
            {openStops > 0 ? tp('crew.returnConfirmOpen', openStops) : t('crew.returnConfirm')}
          </p>
          <button
            type="button"
            className="crew-button crew-button-returned"
            ref={yesRef}
            onClick={() => {
              setConfirmReturn(false);
              onReport('returned');
            }}
          >
            {t('crew.returnYes')}
          </button>
          <button type="button" className="button-secondary" onClick={() => setConfirmReturn(false)}>
            {t('crew.returnNo')}
          </button>
        </div>
      ) : null}
      <div className="crew-delay">
        <div className="field">
          <label htmlFor={delayId}>{t('crew.delayMinutes')}</label>
          <select id={delayId} value={delay} onChange={(e) => setDelay(Number(e.target.value))}>
            {DELAY_CHOICES.map((m) => (
              <option key={m} value={m}>
                {t('crew.minutes', { count: m })}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="crew-button crew-button-delayed"
          // A delay is about the schools still to come: with none left there is nobody to be late for.
          disabled={!target}
          onClick={() => onReport('delayed', delay)}
        >
          {t('crew.button.delayed')} (+{delay})
        </button>
      </div>
    </section>
  );
}
