import { useI18n } from '../../i18n/I18nProvider';
import { clockTime } from '../../live/liveState';

/** What the position sharing is doing. */
export type ShareState =
  { status: 'off' | 'paused' | 'waiting' | 'denied' | 'unavailable' } | { status: 'on'; at: string; accuracyM: number };

/** The crew's explicit consent to send the phone's position, and what is being shared. */
export function LocationSharing({
  consent,
  onConsent,
  state,
}: {
  consent: boolean;
  onConsent(value: boolean): void;
  state: ShareState;
}) {
  const { t } = useI18n();
  return (
    <section className="crew-location" aria-labelledby="crew-location-heading">
      <h2 id="crew-location-heading">{t('crew.location.heading')}</h2>
      <p className="muted">{t('crew.location.explain')}</p>
      <label className="crew-consent">
        <input type="checkbox" checked={consent} onChange={(e) => onConsent(e.target.checked)} />
        <span>{t('crew.location.consent')}</span>
      </label>
      <p className={`crew-location-state crew-location-${state.status}`} role="status">
        {state.status === 'on'
          ? t('crew.location.on', { time: clockTime(state.at), accuracy: state.accuracyM })
          : t(`crew.location.${state.status}`)}
      </p>
    </section>
  );
}
