import { useI18n } from '../../i18n/I18nProvider';
import { useSession } from './SessionProvider';

/** In the header: who is logged in (with the admin's pages and a logout button), or a login link. */
export function UserMenu() {
  const { t } = useI18n();
  const { user, logOut } = useSession();
  if (user === undefined) return null;
  if (!user) {
    return (
      <div className="acc-usermenu">
        <a href="/inloggen">{t('auth.login')}</a>
      </div>
    );
  }
  return (
    <div className="acc-usermenu">
      {user.role === 'admin' && (
        <nav aria-label={t('auth.adminNav')}>
          <a href="/beheer/gebruikers">{t('users.heading')}</a>
          <a href="/beheer/berichten">{t('outbox.heading')}</a>
        </nav>
      )}
      <span className="acc-whoami">
        {t('auth.loggedInAs')} <strong>{user.name ?? user.email}</strong> ({t(`role.${user.role}`)})
      </span>
      <button type="button" onClick={() => void logOut()}>
        {t('auth.logout')}
      </button>
    </div>
  );
}
