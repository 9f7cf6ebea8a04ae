import type { ReactNode } from 'react';
import type { UserDto } from '../../../shared/api/auth';
import { useSession } from '../../components/accounts/SessionProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { canOpen } from '../../model/pageAccess';

/** Shows `children` to a logged-in admin only; others get a login link or a "no access" note. */
export function AdminGate({ children }: { children(user: UserDto): ReactNode }) {
  const { t } = useI18n();
  const { user } = useSession();
  if (user === undefined)
    return (
      <p className="acc-page" role="status">
        {t('auth.loading')}
      </p>
    );
  if (!user) {
    const next = encodeURIComponent(window.location.pathname);
    return (
      <div className="acc-page">
        <h1>{t('auth.needLogin')}</h1>
        <p>
          <a href={`/inloggen?next=${next}`}>{t('auth.login')}</a>
        </p>
      </div>
    );
  }
  if (!canOpen(user.role, 'admin')) {
    return (
      <div className="acc-page">
        <h1>{t('auth.noAccess')}</h1>
      </div>
    );
  }
  return <>{children(user)}</>;
}
