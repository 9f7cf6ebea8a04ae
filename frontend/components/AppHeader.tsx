import { usePathname } from '../hooks/usePathname';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/nl';
import { canOpen, type Page } from '../model/pageAccess';
import { useSession } from './accounts/SessionProvider';
import { LanguageSwitch } from './LanguageSwitch';
import { UserMenu } from './accounts/UserMenu';

/** The id of the app's main element, where "Naar de inhoud" leads. */
export const MAIN_ID = 'inhoud';

/** The menu: each link shows only to those who may open its page (see model/pageAccess). */
const NAV: readonly { page: Page; href: string; label: MessageKey }[] = [
  { page: 'request', href: '/aanvragen', label: 'nav.request' },
  { page: 'mine', href: '/mijn-aanvragen', label: 'nav.mine' },
  { page: 'inbox', href: '/inbox', label: 'nav.inbox' },
  { page: 'planning', href: '/planning', label: 'nav.planning' },
  { page: 'live', href: '/live', label: 'nav.live' },
  { page: 'crew', href: '/onderweg', label: 'nav.crew' },
  { page: 'fairness', href: '/eerlijkheid', label: 'nav.fairness' },
];

/** The top bar: skip links, title, the menu for the user's role, user menu and language switch. */
export function AppHeader() {
  const { t } = useI18n();
  const { user } = useSession();
  const path = usePathname().replace(/\/+$/, '') || '/';
  const viewer = user ? user.role : 'anonymous';
  // Until the session is known, show only what everyone may open (no link flashes in and out for a visitor).
  const links = NAV.filter(
    (item) => canOpen(viewer, item.page) && (user !== undefined || canOpen('anonymous', item.page)),
  );
  return (
    <header className="app-header">
      <nav className="skip-links" aria-label={t('app.skipLinks')}>
        <a href={`#${MAIN_ID}`}>{t('app.skipToContent')}</a>
        {path === '/' && (
          <>
            <a href="#school-list">{t('app.skipToList')}</a>
            <a href="#map">{t('app.skipToMap')}</a>
          </>
        )}
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
      {links.length > 0 && (
        <nav className="main-nav" aria-label={t('nav.label')}>
          {links.map((item) => (
            <a key={item.href} href={item.href} aria-current={path === item.href ? 'page' : undefined}>
              {t(item.label)}
            </a>
          ))}
        </nav>
      )}
      <UserMenu />
      <LanguageSwitch />
    </header>
  );
}
