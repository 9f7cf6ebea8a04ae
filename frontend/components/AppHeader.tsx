import { useI18n } from '../i18n/I18nProvider';
import { LanguageSwitch } from './LanguageSwitch';
import { UserMenu } from './accounts/UserMenu';

/** The top bar: skip links, title and language switch. */
export function AppHeader() {
  const { t } = useI18n();
  return (
    <header className="app-header">
      <nav className="skip-links" aria-label={t('app.skipLinks')}>
        <a href="#school-list">{t('app.skipToList')}</a>
        <a href="#map">{t('app.skipToMap')}</a>
      </nav>
      <div className="app-brand">
        <span className="app-logo" aria-hidden="true" />
        <div>
          <p className="app-title">
            <a href="/">{t('app.title')}</a>
          </p>
          <p className="app-subtitle">{t('app.subtitle')}</p>
        </div>
      </div>
      <nav className="main-nav" aria-label={t('nav.label')}>
        <a href="/aanvragen">{t('nav.request')}</a>
        <a href="/inbox">{t('nav.inbox')}</a>
        <a href="/planning">{t('nav.planning')}</a>
        <a href="/live">{t('nav.live')}</a>
        <a href="/onderweg">{t('nav.crew')}</a>
        <a href="/eerlijkheid">{t('nav.fairness')}</a>
      </nav>
      <UserMenu />
      <LanguageSwitch />
    </header>
  );
}
