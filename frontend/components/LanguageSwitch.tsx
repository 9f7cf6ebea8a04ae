import { useI18n } from '../i18n/I18nProvider';
import { LANGUAGES } from '../i18n/translate';

const SHORT = { nl: 'NL', en: 'EN' } as const;

/** Two toggle buttons, NL and EN; each names its language in that language. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={lang === l}
          className={lang === l ? 'is-active' : undefined}
          onClick={() => setLang(l)}
        >
          {/* The visible code starts the accessible name ("NL Nederlands"), as WCAG 2.5.3 asks. */}
          {SHORT[l]}
          <span className="visually-hidden"> {t(`lang.${l}`)}</span>
        </button>
      ))}
    </div>
  );
}
